#!/usr/bin/env python3
"""Measures QEMU 7.2's PCI configuration space on -machine pc -m 128M (-S, no firmware).

For each function of bus 0 and each byte offset, a fresh QEMU writes 0xFF, 0x00, 0xFF, 0x00 to
that one byte through CONFIG_DATA (byte access) and reads the function's whole 256 bytes back after
each write, so each byte's writable bits, sticky bits and side effects on other bytes are measured.

Output (stdout): the test table src/test/resources/org/trapline/models/pci/qemu-pc-config-dump.txt
  # comments
  fn <bb:dd.f> reset <512 hex digits>
  <bb:dd.f> <offset> <reset> <after ff> <after 00> <after ff again> <after 00 again> [side effects]
where a side effect is `+OO:VV` (byte OO read VV after the first 0xff write, unlike its reset value).
Usage: tools/pci/dump_qemu_config.py > src/test/resources/org/trapline/models/pci/qemu-pc-config-dump.txt
"""
import sys
from concurrent.futures import ThreadPoolExecutor

from qtest import Qtest

FUNCTIONS = [(0, 0, 0), (0, 1, 0), (0, 1, 1), (0, 1, 3)]


def address(bus, dev, fn, off):
    return 0x80000000 | bus << 16 | dev << 11 | fn << 8 | (off & 0xFC)


def read_space(q, f):
    out = []
    for reg in range(0, 256, 4):
        q.out(4, 0xCF8, address(*f, reg))
        v = q.inp(4, 0xCFC)
        out += [(v >> (8 * i)) & 0xFF for i in range(4)]
    return out


def write_byte(q, f, off, value):
    q.out(4, 0xCF8, address(*f, off))
    q.out(1, 0xCFC + (off & 3), value)


def measure(f, off):
    with Qtest() as q:
        reset = read_space(q, f)
        snaps = []
        for v in (0xFF, 0x00, 0xFF, 0x00):
            write_byte(q, f, off, v)
            snaps.append(read_space(q, f))
        side = [(o, snaps[0][o]) for o in range(256) if o != off and snaps[0][o] != reset[o]]
        side += [(o, snaps[1][o]) for o in range(256)
                 if o != off and snaps[1][o] != reset[o] and (o, snaps[0][o]) not in side]
        return reset, [s[off] for s in snaps], side


def name(f):
    return "%02x:%02x.%x" % f


def main():
    print("# QEMU 7.2 -machine pc -m 128M -nodefaults -display none -S: PCI config space of bus 0,")
    print("# measured by tools/pci/dump_qemu_config.py (do not edit by hand).")
    print("# columns: function offset reset after-0xff after-0x00 after-0xff after-0x00 [+OO:VV side effects]")
    with ThreadPoolExecutor(max_workers=8) as pool:
        for f in FUNCTIONS:
            results = list(pool.map(lambda off: measure(f, off), range(256)))
            reset = results[0][0]
            print("fn %s reset %s" % (name(f), "".join("%02x" % b for b in reset)))
            for off, (_, vals, side) in enumerate(results):
                line = "%s %02x %02x %s" % (name(f), off, reset[off], " ".join("%02x" % v for v in vals))
                if side:
                    line += " " + " ".join("+%02x:%02x" % s for s in side)
                print(line)
            sys.stdout.flush()


if __name__ == "__main__":
    main()
