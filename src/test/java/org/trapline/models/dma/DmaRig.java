package org.trapline.models.dma;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.trapline.models.bus.DmaPort;
import org.trapline.models.bus.MmioBus;
import org.trapline.models.bus.PortIoBus;
import org.trapline.models.bus.Region;
import org.trapline.models.device.Quirk;
import org.trapline.models.memory.GuestMemory;

/** The DMA pair on its own I/O bus at the PC's ports, over 16 MiB of RAM, with a recording test client per channel. */
final class DmaRig {
    static final long RAM = 32L << 20;
    final PortIoBus io = new PortIoBus();
    final MmioBus memoryBus = new MmioBus();
    final GuestMemory ram = new GuestMemory(RAM);
    final DmaPair dma;
    final boolean qemu;

    DmaRig(Set<Quirk> quirks) {
        memoryBus.map(Region.storage("ram", RAM, ram));
        if (quirks.contains(DmaQuirks.PAGE_PORTIO_WIDTHS)) {
            io.setQemuSplitting(true);
        }
        qemu = quirks.contains(DmaQuirks.REQUEST_IS_DREQ_BIT);
        dma = new DmaPair(quirks, new DmaPort(memoryBus));
        dma.attach(io, 0x00, 0xc0, 0x80);
    }

    static DmaRig hardware() {
        return new DmaRig(Set.of());
    }

    static DmaRig qemu() {
        return new DmaRig(Set.copyOf(DmaQuirks.all()));
    }

    /** QEMU's behaviour but {@code off}. */
    static DmaRig qemuWithout(DmaQuirks off) {
        Set<Quirk> q = new java.util.HashSet<>(DmaQuirks.all());
        q.remove(off);
        return new DmaRig(q);
    }

    /** The hardware with {@code on} only. */
    static DmaRig hardwareWith(DmaQuirks... on) {
        Set<Quirk> q = new java.util.HashSet<>(List.of(on));
        return new DmaRig(q);
    }

    int in(int port) {
        return (int) io.read(port, 1);
    }

    long in(int port, int width) {
        return io.read(port, width);
    }

    void out(int port, int value) {
        io.write(port, 1, value);
    }

    void out(int port, int width, long value) {
        io.write(port, width, value);
    }

    /** Writes a 16-bit register of controller 1 (base 0) or 2 (base 0xc0) after clearing the flip-flop. */
    void write16(int port, int value) {
        out(flipFlopPort(port), 0);
        out(port, value & 0xff);
        out(port, value >>> 8 & 0xff);
    }

    int read16(int port) {
        out(flipFlopPort(port), 0);
        int low = in(port);
        return low | in(port) << 8;
    }

    private static int flipFlopPort(int port) {
        return port >= 0xc0 ? 0xd8 : 0x0c;
    }

    /**
     * Programs 8-bit channel {@code ch} (0-3): mode, page, address, count (bytes minus one), unmasked.
     */
    void program8(int ch, int mode, int page, int address, int count) {
        out(0x0a, 0x04 | ch);
        out(0x0b, mode | ch);
        out(DmaPageRegisters.PAGE_OFFSET[ch] + 0x80, page);
        write16(ch * 2, address);
        write16(ch * 2 + 1, count);
        out(0x0a, ch);
    }

    /** Programs 16-bit channel {@code ch} (5-7): word address and word count minus one, unmasked. */
    void program16(int ch, int mode, int page, int wordAddress, int count) {
        int c = ch - 4;
        out(0xd4, 0x04 | c);
        out(0xd6, mode | c);
        out(DmaPageRegisters.PAGE_OFFSET[ch] + 0x80, page);
        write16(0xc0 + c * 4, wordAddress);
        write16(0xc2 + c * 4, count);
        out(0xd4, c);
    }

    /** Puts controller 2's channel 4 in cascade mode, unmasked, so that controller 1 gets the bus. */
    void cascade() {
        out(0xd6, 0xc0);
        out(0xd4, 0x00);
    }

    /** A device that gives bytes from a counter, records what it takes, and counts its TCs. */
    static final class Client implements IsaDmaClient {
        final List<Integer> taken = new ArrayList<>();
        int next;
        int given;
        int verifies;
        int terminalCounts;
        /** Drops DREQ after this many transfers (negative: never). */
        int releaseAfter = -1;
        Runnable release = () -> { };
        /** Not in a transfer: under QEMU's handler nothing moves. */
        boolean idle;

        @Override
        public boolean inTransfer() {
            return !idle;
        }

        Client(int first) {
            this.next = first;
        }

        @Override
        public int ioRead() {
            given++;
            afterOne();
            return next++;
        }

        @Override
        public void ioWrite(int value) {
            taken.add(value);
            afterOne();
        }

        @Override
        public void verifyCycle() {
            verifies++;
            afterOne();
        }

        @Override
        public void terminalCount() {
            terminalCounts++;
        }

        private void afterOne() {
            if (releaseAfter > 0 && --releaseAfter == 0) {
                release.run();
            }
        }
    }

    Client client(int ch, int first) {
        Client c = new Client(first);
        c.release = () -> dma.releaseDreq(ch);
        dma.registerChannel(ch, c);
        return c;
    }

    static Set<DmaQuirks> none() {
        return EnumSet.noneOf(DmaQuirks.class);
    }
}
