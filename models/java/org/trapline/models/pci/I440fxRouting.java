package org.trapline.models.pci;

import org.trapline.models.bus.AddressSpace;
import org.trapline.models.bus.IoDevice;
import org.trapline.models.bus.Mapping;
import org.trapline.models.bus.Region;

/**
 * The 82441FX's routing of the legacy area between DRAM and PCI, as the CPU sees it: the thirteen
 * PAM segments of C0000h-FFFFFh (PAM0-PAM6, 59h-5Fh) and the compatible SMRAM window A0000h-BFFFFh
 * (SMRAM, 72h) for accesses outside SMM. Each segment lies over RAM at priority 1 and shows either
 * DRAM, the PCI bus, or DRAM for one direction and PCI for the other.
 */
final class I440fxRouting {
    static final int PAM0 = 0x59;
    /** A PAM nibble: RE (bit 0) reads from DRAM, WE (bit 1) writes to DRAM; otherwise the cycle goes to PCI. */
    static final int RE = 0x1;
    static final int WE = 0x2;
    static final long SMRAM_BASE = 0xa0000;
    static final long SMRAM_SIZE = 0x20000;
    private static final int OVER_RAM = 1;

    private final Segment[] pam = new Segment[13];
    private final Mapping smramToPci;
    private final boolean qemuPam;
    private final boolean qemuSmram;

    /** The four ways a segment can be routed, one mapping each, one of them switched on. */
    private static final class Segment {
        final Mapping[] byMode = new Mapping[4];
        int mode = -1;

        void select(int newMode) {
            if (newMode != mode) {
                if (mode >= 0) {
                    byMode[mode].enable(false);
                }
                byMode[newMode].enable(true);
                mode = newMode;
            }
        }
    }

    I440fxRouting(AddressSpace system, IoDevice dram, AddressSpace pci, boolean qemuPam, boolean qemuSmram) {
        this.qemuPam = qemuPam;
        this.qemuSmram = qemuSmram;
        for (int i = 0; i < pam.length; i++) {
            long base = i == 0 ? 0xf0000 : 0xc0000 + (i - 1) * 0x4000L;
            long size = i == 0 ? 0x10000 : 0x4000;
            pam[i] = segment(system, "pam" + i, base, size, dram, pci);
        }
        smramToPci = system.map(window("smram-region", SMRAM_BASE, SMRAM_SIZE, pci, false), false);
    }

    private Segment segment(AddressSpace system, String name, long base, long size, IoDevice dram, AddressSpace pci) {
        Segment s = new Segment();
        s.byMode[0] = system.map(window(name + "-pci", base, size, pci, false), false);
        s.byMode[RE] = system.map(qemuPam ? window(name + "-ram", base, size, dram, true)
                : window(name + "-read-dram", base, size, new Split(dram, pci), false), false);
        s.byMode[WE] = system.map(qemuPam ? window(name + "-ram", base, size, dram, true)
                : window(name + "-write-dram", base, size, new Split(pci, dram), false), false);
        s.byMode[RE | WE] = system.map(window(name + "-ram", base, size, dram, true), false);
        return s;
    }

    /** [base, base+size) of {@code target} at the same addresses, laid over RAM. */
    private static Region window(String name, long base, long size, IoDevice target, boolean direct) {
        return new Region(name, base, size, base, 1, 8, target, null, OVER_RAM, direct);
    }

    /** Applies PAM0-PAM6 and SMRAM as the configuration space now holds them. */
    void update(ConfigSpace config) {
        for (int i = 0; i < pam.length; i++) {
            int reg = config.readByte(PAM0 + (i + 1) / 2);
            int nibble = (i & 1) == 1 ? reg & 0xf : reg >> 4;
            pam[i].select(nibble & (RE | WE));
        }
        int smram = config.readByte(I440fxPmc.SMRAM);
        boolean open = (smram & I440fxPmc.D_OPEN) != 0 && (qemuSmram || (smram & I440fxPmc.G_SMRAME) != 0);
        smramToPci.enable(!open);
    }

    /** Reads from one side, writes to the other. */
    private record Split(IoDevice reads, IoDevice writes) implements IoDevice {
        @Override
        public long read(long offset, int size) {
            return reads.read(offset, size);
        }

        @Override
        public void write(long offset, int size, long value) {
            writes.write(offset, size, value);
        }
    }
}
