package org.trapline.models.pci;

import java.util.Set;

import org.trapline.models.bus.IoDevice;
import org.trapline.models.machine.Quirk;

/**
 * Configuration mechanism #1 (PCI Local Bus 3.0 §3.2.2.3.2; 82441FX CONFADD/CONFDATA) and the
 * PIIX3 Reset Control register it shares ports with, decoded as one block at 0xCF8-0xCFF:
 * offset 0-3 CONFIG_ADDRESS (dword accesses only), offset 1 RC (0CF9h, 82371SB), offset 4-7
 * CONFIG_DATA (byte lane = port & 3).
 */
final class ConfigMechanism implements IoDevice {
    static final long ENABLE = 0x8000_0000L;
    /** Bits the hardware implements: enable, bus, device, function, register number. */
    static final long CONFADD_IMPLEMENTED = 0x80ff_fffcL;
    static final int RC_PORT_OFFSET = 1;
    static final int DATA_OFFSET = 4;
    /** RC keeps SRST (bit 1); RCPU (bit 2) starts a reset and is not kept. */
    static final int RC_SRST = 0x02;
    static final int RC_RCPU = 0x04;

    private final Bus0 bus;
    private final boolean keepReservedBits;
    private final boolean lowBitsOffset;
    private final boolean narrowAccessQuirk;
    private long confadd;
    private int rc;
    private long resetRequests;

    ConfigMechanism(Bus0 bus, Set<Quirk> quirks) {
        this.bus = bus;
        this.keepReservedBits = quirks.contains(PciQuirks.CONFADD_RESERVED_BITS);
        this.lowBitsOffset = quirks.contains(PciQuirks.CONFADD_LOW_BITS_OFFSET);
        this.narrowAccessQuirk = quirks.contains(PciQuirks.CONFADD_NARROW_ACCESS);
    }

    long confadd() {
        return confadd;
    }

    int resetControl() {
        return rc;
    }

    /** Writes to RC with RCPU set: each one asks the board for a reset (not modelled beyond RC). */
    long resetRequests() {
        return resetRequests;
    }

    @Override
    public long read(long offset, int size) {
        int off = (int) offset;
        if (off == 0 && size == 4) {
            return confadd;
        }
        if (off >= DATA_OFFSET) {
            return dataRead(off - DATA_OFFSET, size);
        }
        return narrowAccessQuirk ? qemuNarrowRead(off, size) : ioCycleRead(off, size);
    }

    @Override
    public void write(long offset, int size, long value) {
        int off = (int) offset;
        if (off == 0 && size == 4) {
            confadd = keepReservedBits ? value & 0xffff_ffffL : value & CONFADD_IMPLEMENTED;
        } else if (off >= DATA_OFFSET) {
            dataWrite(off - DATA_OFFSET, size, value);
        } else if (narrowAccessQuirk) {
            qemuNarrowWrite(off, size, value);
        } else {
            ioCycleWrite(off, size, value);
        }
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
            int port = off + i;
            long b;
            if (port == RC_PORT_OFFSET) {
                b = rc;
            } else if (port >= DATA_OFFSET) {
                b = dataRead(port - DATA_OFFSET, 1);
            } else {
                b = 0xff;
            }
            value |= b << (8 * i);
        }
        return value;
    }

    private void ioCycleWrite(int off, int size, long value) {
        for (int i = 0; i < size; i++) {
            int port = off + i;
            int b = (int) (value >>> (8 * i)) & 0xff;
            if (port == RC_PORT_OFFSET) {
                writeRc(b);
            } else if (port >= DATA_OFFSET) {
                dataWrite(port - DATA_OFFSET, 1, b);
            }
        }
    }

    /**
     * QEMU: the region at the access's first port takes a piece as wide as that port's alignment
     * allows, whatever lies past its end; CONFIG_ADDRESS answers narrow reads with its low bytes and
     * RC (a one-byte register) answers every byte of a wider access.
     */
    private long qemuNarrowRead(int off, int size) {
        long value = 0;
        int done = 0;
        while (done < size) {
            int port = off + done;
            int piece = qemuPiece(port, size - done);
            long part;
            if (port == RC_PORT_OFFSET) {
                part = rc * repeatedBytes(piece);
            } else if (port < DATA_OFFSET) {
                part = confadd & allOnes(piece);
            } else {
                part = dataRead(port - DATA_OFFSET, piece);
            }
            value |= part << (8 * done);
            done += piece;
        }
        return value;
    }

    private void qemuNarrowWrite(int off, int size, long value) {
        int done = 0;
        while (done < size) {
            int port = off + done;
            int piece = qemuPiece(port, size - done);
            long part = (value >>> (8 * done)) & allOnes(piece);
            if (port == RC_PORT_OFFSET) {
                for (int i = 0; i < piece; i++) {
                    writeRc((int) (part >>> (8 * i)) & 0xff);
                }
            } else if (port >= DATA_OFFSET) {
                dataWrite(port - DATA_OFFSET, piece, part);
            }
            done += piece;
        }
    }

    /** The widest power of two no larger than {@code left} that the port's offset in its region is aligned to. */
    private static int qemuPiece(int port, int left) {
        int inRegion = port == RC_PORT_OFFSET ? 0 : port & 3;
        int piece = Integer.highestOneBit(left);
        if (inRegion != 0) {
            piece = Math.min(piece, inRegion & -inRegion);
        }
        return piece;
    }

    private void writeRc(int value) {
        if ((value & RC_RCPU) != 0) {
            resetRequests++;
            rc = 0;
            return;
        }
        rc = value & RC_SRST;
    }

    private static long repeatedBytes(int count) {
        return allOnes(count) / 0xff;
    }

    private static long allOnes(int size) {
        return (1L << (8 * size)) - 1;
    }
}
