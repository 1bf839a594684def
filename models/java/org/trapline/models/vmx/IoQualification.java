package org.trapline.models.vmx;

/**
 * The exit qualification of a VM exit due to an I/O instruction (SDM Vol. 3C, Table "Exit
 * Qualification for I/O Instructions"): bits 2:0 the size of the access less one (0 = 1 byte,
 * 1 = 2 bytes, 3 = 4 bytes), bit 3 the direction (0 = OUT, 1 = IN), bit 4 a string instruction
 * (INS/OUTS), bit 5 a REP prefix, bit 6 the operand encoding (0 = DX, 1 = immediate), bits 31:16
 * the port; bits 15:7 and 63:32 are reserved (cleared).
 */
public final class IoQualification {
    public static final long SIZE_MASK = 0x7;
    public static final long DIRECTION_IN = 1L << 3;
    public static final long STRING = 1L << 4;
    public static final long REP = 1L << 5;
    public static final long OPERAND_IMMEDIATE = 1L << 6;
    public static final int PORT_SHIFT = 16;

    private IoQualification() {
    }

    /** The qualification of an access of {@code size} (1, 2 or 4) bytes at {@code port}. */
    public static long encode(int size, boolean in, boolean string, boolean rep, boolean immediate, int port) {
        if (size != 1 && size != 2 && size != 4) {
            throw new IllegalArgumentException("an I/O access has 1, 2 or 4 bytes, not " + size);
        }
        long q = size - 1;
        if (in) {
            q |= DIRECTION_IN;
        }
        if (string) {
            q |= STRING;
        }
        if (rep) {
            q |= REP;
        }
        if (immediate) {
            q |= OPERAND_IMMEDIATE;
        }
        return q | (long) (port & 0xffff) << PORT_SHIFT;
    }

    public static int size(long qualification) {
        return (int) (qualification & SIZE_MASK) + 1;
    }

    public static boolean in(long qualification) {
        return (qualification & DIRECTION_IN) != 0;
    }

    public static boolean string(long qualification) {
        return (qualification & STRING) != 0;
    }

    public static boolean rep(long qualification) {
        return (qualification & REP) != 0;
    }

    public static boolean immediate(long qualification) {
        return (qualification & OPERAND_IMMEDIATE) != 0;
    }

    public static int port(long qualification) {
        return (int) (qualification >>> PORT_SHIFT) & 0xffff;
    }
}
