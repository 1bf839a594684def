#!/usr/bin/env python3
"""Writes the PCI qtest command scripts golden/scripts/pci-*.qtest (stimuli only; the project's
`record` command turns them into golden traces against QEMU)."""
import os

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "golden", "scripts")
FUNCTIONS = [("host bridge 00:00.0", 0, 0), ("ISA bridge 00:01.0", 1, 0), ("IDE 00:01.1", 1, 1),
             ("PM 00:01.3", 1, 3)]
SLUG = {(0, 0): "host-bridge", (1, 0): "isa-bridge", (1, 1): "ide", (1, 3): "pm"}


def addr(dev, fn, reg, bus=0, enable=True):
    return (0x80000000 if enable else 0) | bus << 16 | dev << 11 | fn << 8 | reg


def sel(lines, dev, fn, reg):
    lines.append("outl 0xcf8 0x%08x" % addr(dev, fn, reg & 0xFC))


def write(name, header, lines):
    with open(os.path.join(OUT, name + ".qtest"), "w") as f:
        for h in header:
            f.write("# " + h + "\n")
        f.write("\n".join(lines) + "\n")


def dwords(label, dev, fn):
    lines = []
    for reg in range(0, 256, 4):
        sel(lines, dev, fn, reg)
        lines.append("inl 0xcfc")
    return lines


def narrow(dev, fn):
    lines = []
    for reg in range(0, 256, 4):
        sel(lines, dev, fn, reg)
        lines += ["inb 0x%x" % (0xCFC + i) for i in range(4)]
        lines += ["inw 0x%x" % (0xCFC + i) for i in range(3)]
    return lines


def writes(dev, fn):
    lines = []
    for reg in range(0, 256, 4):
        sel(lines, dev, fn, reg)
        lines.append("inl 0xcfc")
        for i in range(4):
            for v in (0xFF, 0x00, 0xA5):
                lines += ["outb 0x%x 0x%02x" % (0xCFC + i, v), "inl 0xcfc"]
        for i in range(3):
            for v in (0xFFFF, 0x5A5A, 0x0000):
                lines += ["outw 0x%x 0x%04x" % (0xCFC + i, v), "inl 0xcfc"]
        for v in (0xFFFFFFFF, 0x12345678, 0x00000000):
            lines += ["outl 0xcfc 0x%08x" % v, "inl 0xcfc"]
    return lines


def main():
    os.makedirs(OUT, exist_ok=True)
    for label, dev, fn in FUNCTIONS:
        s = SLUG[(dev, fn)]
        write("pci-%s-dwords" % s, ["PCI %s: all 256 bytes of configuration space as 64 dword reads." % label],
              dwords(label, dev, fn))
        write("pci-%s-narrow" % s, ["PCI %s: every byte and word of configuration space at every" % label,
                                    "alignment of CONFIG_DATA (0xCFC-0xCFF)."], narrow(dev, fn))
        write("pci-%s-writes" % s, ["PCI %s: byte, word and dword writes of 0xFF/0x00/patterns to every" % label,
                                    "register, each read back (BARs sized, read-only and read-write bits)."],
              writes(dev, fn))
    lines = []
    for label, dev, fn in FUNCTIONS:
        for bar in range(0x10, 0x28, 4):
            sel(lines, dev, fn, bar)
            lines += ["inl 0xcfc", "outl 0xcfc 0xffffffff", "inl 0xcfc", "inw 0xcfc", "inb 0xcfc",
                      "outl 0xcfc 0x00000000", "inl 0xcfc"]
    sel(lines, 1, 1, 0x20)
    lines += ["outl 0xcfc 0x0000c001", "inl 0xcfc", "outw 0xcfe 0xffff", "inl 0xcfc", "outb 0xcfc 0xff", "inl 0xcfc"]
    write("pci-bar-sizing", ["PCI BAR sizing on all four functions: write all ones, read the size mask back,",
                             "restore; the IDE BMIBA (20h) is a 16-byte I/O BAR."], lines)
    lines = []
    for bus in (0, 1, 255):
        for dev in range(32):
            for fn in range(8):
                lines += ["outl 0xcf8 0x%08x" % addr(dev, fn, 0, bus), "inl 0xcfc"]
                if bus == 0 and dev < 2:
                    lines += ["inl 0xcfc", "inw 0xcfe", "inb 0xcff"]
    for reg in (0x00, 0x3c, 0xfc):
        lines += ["outl 0xcf8 0x%08x" % addr(1, 2, reg), "outl 0xcfc 0x12345678", "inl 0xcfc"]
    write("pci-missing-functions", ["PCI enumeration: every device and function of buses 0, 1 and 255; only",
                                    "00:00.0, 00:01.0, 00:01.1 and 00:01.3 answer, the rest read all ones."], lines)
    lines = []
    for a in (0x80000000, 0x8000083C, 0x00000000, 0x0000083C, 0x7FFFFFFF, 0xFFFFFFFF, 0x12345678):
        lines += ["outl 0xcf8 0x%08x" % a, "inl 0xcf8", "inl 0xcfc", "inw 0xcfc", "inb 0xcfd"]
    lines += ["outl 0xcf8 0x0000083c", "outb 0xcfc 0x0b", "outl 0xcf8 0x8000083c", "inb 0xcfc",
              "outb 0xcfc 0x0e", "outl 0xcf8 0x0000083c", "outb 0xcfc 0x05", "outl 0xcf8 0x8000083c", "inb 0xcfc"]
    write("pci-enable-bit", ["PCI CONFIG_ADDRESS enable bit (31): set, data port reaches the function;",
                             "clear, data reads all ones and writes are dropped."], lines)
    lines = ["outl 0xcf8 0x12345678"]
    for w, suffix in ((1, "b"), (2, "w"), (4, "l")):
        for p in range(0xCF8, 0xD00):
            lines.append("in%s 0x%x" % (suffix, p))
    lines += ["outb 0xcf9 0x02", "outl 0xcf8 0x80000000"]
    for w, suffix in ((1, "b"), (2, "w"), (4, "l")):
        for p in range(0xCF8, 0xD00):
            lines.append("in%s 0x%x" % (suffix, p))
    lines += ["outb 0xcf8 0x3c", "inl 0xcf8", "outw 0xcf8 0x1234", "inl 0xcf8", "outw 0xcfa 0x1234", "inl 0xcf8",
              "outb 0xcfb 0x00", "inl 0xcf8", "inb 0xcf9",
              "outw 0xcf8 0x0000", "inb 0xcf9", "outw 0xcf9 0x0002", "inb 0xcf9", "outw 0xcf9 0x0200", "inb 0xcf9",
              "outb 0xcf9 0x00", "inb 0xcf9", "outb 0xcf9 0xfb", "inb 0xcf9", "inl 0xcf8",
              "outl 0xcf9 0x00020002", "inb 0xcf9", "outl 0xcf9 0x02000200", "inb 0xcf9",
              "outl 0xcf8 0x80000058", "outl 0xcfc 0xffffffff", "outw 0xcfb 0xaa00", "inl 0xcfc",
              "outl 0xcfa 0x55660000", "inl 0xcfc", "inw 0xcfb", "outw 0xcfa 0x1234", "inl 0xcfc", "inl 0xcf8",
              "outb 0xcfb 0x77", "outw 0xcf9 0x7700", "inl 0xcfc", "inb 0xcf9"]
    write("pci-config-address", ["PCI CONFIG_ADDRESS (0xCF8): dword read-back, reserved bits, and byte/word",
                                 "accesses at 0xCF8-0xCFB (0xCF9 is the PIIX3 Reset Control register; RCPU is",
                                 "never set here)."], lines)
    lines = []
    for low in range(4):
        for reg in (0x00, 0x3c, 0xfc):
            lines.append("outl 0xcf8 0x%08x" % (addr(1, 0, reg) | low))
            lines += ["inl 0xcfc", "inw 0xcfc", "inw 0xcfe", "inb 0xcfd", "inb 0xcff", "inl 0xcf8"]
    lines += ["outl 0xcf8 0x800000fe", "outl 0xcfc 0xaabbccdd", "outl 0xcf8 0x800000fc", "inl 0xcfc",
              "outl 0xcf8 0x800000fd", "outw 0xcfe 0x1122", "outl 0xcf8 0x800000fc", "inl 0xcfc",
              "outl 0xcf8 0x8000003d", "outb 0xcfe 0x0b", "outl 0xcf8 0x8000003c", "inl 0xcfc"]
    write("pci-config-address-low-bits", ["PCI CONFIG_ADDRESS bits 1:0 set with config accesses through 0xCFC-0xCFF."],
          lines)
    lines = []
    for v in (0xFF, 0x00, 0x18, 0x48, 0x00, 0x7A, 0x00):
        lines += ["outl 0xcf8 0x80000070", "outb 0xcfe 0x%02x" % v, "inl 0xcfc"]
    for v in (0xFF, 0x00):
        lines += ["outl 0xcf8 0x80000058"] + ["outb 0x%x 0x%02x" % (0xCFC + i, v) for i in range(4)] + ["inl 0xcfc"]
        lines += ["outl 0xcf8 0x80000060", "outl 0xcfc 0x%08x" % (v * 0x01010101), "inl 0xcfc"]
    lines += ["outl 0xcf8 0x80000054", "inl 0xcfc"]
    write("pci-i440fx-smram-pam", ["i440FX SMRAM (72h), PAM (59h-5Fh) and DRB (60h-67h) writes and read-back,",
                                   "and the RAM size QEMU leaves at 57h."], lines)
    lines = []
    for reg in (0x60, 0x4c, 0x68, 0x70, 0x74, 0x78, 0x80, 0xa0, 0xa4, 0xa8, 0xac):
        lines += ["outl 0xcf8 0x%08x" % addr(1, 0, reg), "inl 0xcfc", "outl 0xcfc 0xffffffff", "inl 0xcfc",
                  "outl 0xcfc 0x0b0a0980", "inl 0xcfc"]
    for reg in (0x40, 0x44, 0x80, 0x90, 0xd0, 0xd4):
        lines += ["outl 0xcf8 0x%08x" % addr(1, 3, reg), "inl 0xcfc", "outl 0xcfc 0xffffffff", "inl 0xcfc",
                  "outl 0xcfc 0x0000b001", "inl 0xcfc"]
    for reg in (0x40, 0x44):
        lines += ["outl 0xcf8 0x%08x" % addr(1, 1, reg), "inl 0xcfc", "outl 0xcfc 0xffffffff", "inl 0xcfc",
                  "outl 0xcfc 0x00008000", "inl 0xcfc"]
    write("pci-piix-device-registers", ["PIIX3 PIRQ routing/TOM/APIC/SMI registers, PIIX4 PM base/SMBus registers",
                                        "and PIIX IDE timing registers: reset, all ones, a pattern, read back."], lines)


if __name__ == "__main__":
    main()
