package org.trapline.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic streams of guest accesses to the PCI configuration mechanism and the 8259A pair,
 * shaped like a guest's: address-then-data pairs at 0xCF8/0xCFC at every width and alignment,
 * BAR sizing, PIC initialisation, OCW2/OCW3 traffic, mask writes and interrupt requests driven
 * with {@code set_irq_in}. The same seed gives the same commands on every machine.
 *
 * <p>It never writes 0xCF9 (the PIIX3 reset control register would reset QEMU's machine) and
 * never relocates a decoder, so that a stream can be recorded from QEMU and replayed whole.
 */
public final class PcAccessGenerator {
    private static final String MASTER = "/machine/unattached/device[6]";
    private static final String SLAVE = "/machine/unattached/device[7]";
    /** Config registers a guest may write without moving a decoder: latency timer, interrupt line. */
    private static final int[] SAFE_WRITES = {0x0d, 0x3c};

    private final SplittableRandom random;

    public PcAccessGenerator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** At least {@code count} commands (a burst is never cut short), as qtest command lines. */
    public List<String> commands(int count) {
        List<String> out = new ArrayList<>(count + 16);
        while (out.size() < count) {
            int kind = random.nextInt(100);
            if (kind < 45) {
                pciRead(out);
            } else if (kind < 52) {
                pciWrite(out);
            } else if (kind < 55) {
                barSizing(out);
            } else if (kind < 60) {
                picInit(out, random.nextBoolean());
            } else if (kind < 72) {
                picRead(out);
            } else if (kind < 84) {
                irq(out);
            } else if (kind < 92) {
                eoi(out);
            } else {
                mask(out);
            }
        }
        return out;
    }

    private void pciRead(List<String> out) {
        out.add(String.format("outl 0xcf8 0x%08x", address(random.nextInt(5), random.nextInt(8), random.nextInt(64))));
        int width = 1 << random.nextInt(3);
        int offset = random.nextInt(4 / width) * width;
        out.add("in" + suffix(width) + " 0x" + Integer.toHexString(0xcfc + offset));
    }

    private void pciWrite(List<String> out) {
        int register = SAFE_WRITES[random.nextInt(SAFE_WRITES.length)];
        out.add(String.format("outl 0xcf8 0x%08x", address(random.nextInt(2), random.nextInt(4), register >> 2)));
        out.add(String.format("outb 0x%x 0x%02x", 0xcfc + (register & 3), random.nextInt(256)));
        out.add("inb 0x" + Integer.toHexString(0xcfc + (register & 3)));
    }

    /** The IDE function's bus-master BAR (00:01.1, offset 0x20): size it, read the mask, restore. */
    private void barSizing(List<String> out) {
        out.add(String.format("outl 0xcf8 0x%08x", address(1, 1, 0x20 >> 2)));
        out.add("inl 0xcfc");
        out.add("outl 0xcfc 0xffffffff");
        out.add("inl 0xcfc");
        out.add("outl 0xcfc 0x00000000");
    }

    private void picInit(List<String> out, boolean slave) {
        int base = slave ? 0xa0 : 0x20;
        out.add(String.format("outb 0x%x 0x%02x", base, 0x11));
        out.add(String.format("outb 0x%x 0x%02x", base + 1, slave ? 0x70 : 0x08));
        out.add(String.format("outb 0x%x 0x%02x", base + 1, slave ? 0x02 : 0x04));
        out.add(String.format("outb 0x%x 0x%02x", base + 1, random.nextInt(8) == 0 ? 0x03 : 0x01));
    }

    private void picRead(List<String> out) {
        int base = random.nextBoolean() ? 0x20 : 0xa0;
        switch (random.nextInt(4)) {
            case 0 -> out.add(String.format("outb 0x%x 0x0a", base));
            case 1 -> out.add(String.format("outb 0x%x 0x0b", base));
            case 2 -> out.add(String.format("outb 0x%x 0x0c", base));
            default -> { }
        }
        out.add(String.format("inb 0x%x", base + random.nextInt(2)));
    }

    private void irq(List<String> out) {
        out.add("set_irq_in " + (random.nextBoolean() ? MASTER : SLAVE) + " unnamed-gpio-in " + random.nextInt(8) + " "
                + random.nextInt(2));
    }

    private void eoi(List<String> out) {
        int base = random.nextBoolean() ? 0x20 : 0xa0;
        int[] ocw2 = {0x20, 0x60 | random.nextInt(8), 0xa0, 0xe0 | random.nextInt(8), 0xc0 | random.nextInt(8)};
        out.add(String.format("outb 0x%x 0x%02x", base, ocw2[random.nextInt(ocw2.length)]));
    }

    private void mask(List<String> out) {
        int port = new int[] {0x21, 0xa1, 0x4d0, 0x4d1}[random.nextInt(4)];
        out.add(String.format("outb 0x%x 0x%02x", port, random.nextInt(256)));
        out.add(String.format("inb 0x%x", port));
    }

    private static int address(int device, int function, int dwordRegister) {
        return 0x8000_0000 | (device << 11) | (function << 8) | (dwordRegister << 2);
    }

    private static String suffix(int width) {
        return width == 1 ? "b" : width == 2 ? "w" : "l";
    }
}
