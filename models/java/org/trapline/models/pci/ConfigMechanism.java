package org.trapline.models.pci;

import java.util.Set;

import org.trapline.models.bus.IoDevice;
import org.trapline.models.bus.PortIoBus;
import org.trapline.models.bus.Region;
import org.trapline.models.device.Inspectable;
import org.trapline.models.device.Quirk;

/**
 * Configuration mechanism #1 (PCI Local Bus 3.0 §3.2.2.3.2; 82441FX CONFADD/CONFDATA) and the
 * PIIX3 Reset Control register it shares ports with: CONFIG_ADDRESS at 0xCF8 (dword accesses
 * only), RC at 0xCF9 (82371SB), CONFIG_DATA at 0xCFC-0xCFF (byte lane = port & 3).
 */
final class ConfigMechanism {
    static final long ENABLE = 0x8000_0000L;
    /** Bits the hardware implements: enable, bus, device, function, register number. */
    static final long CONFADD_IMPLEMENTED = 0x80ff_fffcL;
    static final int RC_PORT_OFFSET = 1;
    /** RC keeps SRST (bit 1); RCPU (bit 2) starts a reset, hard or soft as SRST says, and is not kept. */
    static final int RC_SRST = 0x02;
    static final int RC_RCPU = 0x04;

    private final Bus0 bus;
    private final boolean keepReservedBits;
    private final boolean lowBitsOffset;
    private final boolean narrowAccessQuirk;
    private final boolean rcpuAlwaysResetsBoard;
    private final boolean resetKeepsConfadd;
    /** Asserts PCIRST# to the board: installed by whoever assembles it. */
    private Runnable hardReset = () -> { };
    private long confadd;
    private int rc;
    private long resetRequests;

    ConfigMechanism(Bus0 bus, Set<Quirk> quirks) {
        this.bus = bus;
        this.keepReservedBits = quirks.contains(PciQuirks.CONFADD_RESERVED_BITS);
        this.lowBitsOffset = quirks.contains(PciQuirks.CONFADD_LOW_BITS_OFFSET);
        this.narrowAccessQuirk = quirks.contains(PciQuirks.CONFADD_NARROW_ACCESS);
        this.rcpuAlwaysResetsBoard = quirks.contains(PciQuirks.RCPU_SOFT_RESET_RESETS_BOARD);
        this.resetKeepsConfadd = quirks.contains(PciQuirks.RESET_KEEPS_CONFIG_ADDRESS);
    }

    void onHardReset(Runnable listener) {
        this.hardReset = listener;
    }

    /** PCIRST#: CONFADD and RC return to 00000000h and 00h (82441FX CONFADD, 82371SB RC defaults). */
    void reset() {
        if (!resetKeepsConfadd) {
            confadd = 0;
        }
        rc = 0;
    }

    long confadd() {
        return confadd;
    }

    int resetControl() {
        return rc;
    }

    /** Writes to RC with RCPU set: each one asks for a hard or a soft reset. */
    long resetRequests() {
        return resetRequests;
    }

    /**
     * Maps the ports. The chipset (82441FX, PIIX3) decodes 0xCF8-0xCFB as one block: a dword is
     * CONFIG_ADDRESS, anything narrower a plain I/O cycle. QEMU lays out separate registers instead
     * (quirk {@link PciQuirks#CONFADD_NARROW_ACCESS}): CONFIG_ADDRESS at 0xCF8 with the PIIX3's RC
     * laid over its second byte, so that 0xCFA-0xCFB are CONFIG_ADDRESS seen from offset 2, and the
     * board's bus splits each access among them by QEMU's rule.
     */
    void attach(PortIoBus io, int base, Inspectable owner) {
        if (narrowAccessQuirk) {
            // QEMU: the host's conf_mem covers base..base+3; the PIIX3's rcr_mem lies over base+1 at priority 1.
            io.map(Region.of("pci-conf-idx", 4, 1, 4, configAddressRegister(), owner).at(base));
            io.map(Region.of("piix3-reset-control", 1, 1, 1, resetControlRegister(), owner).at(base + 1).withPriority(1));
        } else {
            io.map(Region.of("pci-config-address", 4, 1, 4, chipsetDecode(), owner).at(base));
        }
        io.map(Region.of("pci-conf-data", 4, 1, 4, configData(), owner).at(base + 4));
    }

    /** CONFIG_DATA: the byte lane is the port's offset from 0xCFC. */
    private IoDevice configData() {
        return new IoDevice() {
            @Override
            public long read(long lane, int size) {
                return dataRead((int) lane, size);
            }

            @Override
            public void write(long lane, int size, long value) {
                dataWrite((int) lane, size, value);
            }
        };
    }

    /** 0xCF8-0xCFB as the chipset decodes them (PCI 3.0 §3.2.2.3.2). */
    private IoDevice chipsetDecode() {
        return new IoDevice() {
            @Override
            public long read(long offset, int size) {
                return offset == 0 && size == 4 ? confadd : ioCycleRead((int) offset, size);
            }

            @Override
            public void write(long offset, int size, long value) {
                if (offset == 0 && size == 4) {
                    latch(value);
                } else {
                    ioCycleWrite((int) offset, size, value);
                }
            }
        };
    }

    /** QEMU's CONFIG_ADDRESS: any read returns its low bytes; only a dword write at 0xCF8 latches. */
    private IoDevice configAddressRegister() {
        return new IoDevice() {
            @Override
            public long read(long offset, int size) {
                return confadd;
            }

            @Override
            public void write(long offset, int size, long value) {
                if (offset == 0 && size == 4) {
                    latch(value);
                }
            }
        };
    }

    /** The PIIX3 Reset Control register (0CF9h), one byte wide. */
    private IoDevice resetControlRegister() {
        return new IoDevice() {
            @Override
            public long read(long offset, int size) {
                return rc;
            }

            @Override
            public void write(long offset, int size, long value) {
                writeRc((int) value & 0xff);
            }
        };
    }

    private void latch(long value) {
        confadd = keepReservedBits ? value & 0xffff_ffffL : value & CONFADD_IMPLEMENTED;
    }

    // --- CONFIG_DATA -------------------------------------------------------------------------

    private long dataRead(int lane, int size) {
        PciFunction target = selected();
        if (target == null) {
            return allOnes(size);
        }
        return target.read(register(lane), size);
    }

    private void dataWrite(int lane, int size, long value) {
        PciFunction target = selected();
        if (target != null) {
            target.write(register(lane), size, value);
        }
    }

    /** The function CONFIG_ADDRESS selects, or null: enable clear, another bus, or nothing there. */
    private PciFunction selected() {
        if ((confadd & ENABLE) == 0 || ((confadd >>> 16) & 0xff) != 0) {
            return null;
        }
        return bus.function((int) (confadd >>> 8) & 0xff);
    }

    private int register(int lane) {
        int reg = (int) confadd & 0xfc;
        if (lowBitsOffset) {
            reg |= (int) confadd & 0x3;
        }
        return reg | lane;
    }

    // --- non-dword accesses to 0xCF8-0xCFB ---------------------------------------------------

    /** PCI 3.0 §3.2.2.3.2: a plain I/O cycle; on this board only RC (0CF9h) answers, other bytes float. */
    private long ioCycleRead(int off, int size) {
        long value = 0;
        for (int i = 0; i < size; i++) {
            long b = off + i == RC_PORT_OFFSET ? rc : 0xff;
            value |= b << (8 * i);
        }
        return value;
    }

    private void ioCycleWrite(int off, int size, long value) {
        for (int i = 0; i < size; i++) {
            if (off + i == RC_PORT_OFFSET) {
                writeRc((int) (value >>> (8 * i)) & 0xff);
            }
        }
    }

    /**
     * 82371SB RC (0CF9h): RCPU=1 starts a reset whose kind the SRST bit of the same write selects:
     * SRST=1 a hard reset (PCIRST# and CPURST: the board's devices, RC included, return to their
     * defaults), SRST=0 a soft reset (INIT to the CPU only: the devices keep their state).
     */
    private void writeRc(int value) {
        if ((value & RC_RCPU) == 0) {
            rc = value & RC_SRST;
            return;
        }
        resetRequests++;
        if (rcpuAlwaysResetsBoard) {
            hardReset.run();
            return;
        }
        rc = value & RC_SRST;
        if ((value & RC_SRST) != 0) {
            hardReset.run();
        }
    }

    private static long allOnes(int size) {
        return (1L << (8 * size)) - 1;
    }
}
