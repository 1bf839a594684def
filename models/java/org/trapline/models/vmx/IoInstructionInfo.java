package org.trapline.models.vmx;

/**
 * The VM-exit instruction-information field as used for INS and OUTS (SDM Vol. 3C, Table "Format
 * of the VM-Exit Instruction-Information Field as Used for INS and OUTS"): bits 9:7 the address size
 * (0 = 16 bits, 1 = 32 bits, 2 = 64 bits), bits 17:15 the segment register (0 ES, 1 CS, 2 SS, 3 DS,
 * 4 FS, 5 GS; INS always uses ES, OUTS DS unless overridden); the other bits are undefined and
 * left clear. A processor fills it in when IA32_VMX_BASIC bit 54 is set, which this one reports.
 */
public final class IoInstructionInfo {
    public static final int ADDRESS_SIZE_SHIFT = 7;
    public static final int SEGMENT_SHIFT = 15;
    public static final int ES = 0;
    public static final int CS = 1;
    public static final int SS = 2;
    public static final int DS = 3;
    public static final int FS = 4;
    public static final int GS = 5;

    private IoInstructionInfo() {
    }

    /** The field for an access with {@code addressSize} bytes of address (2, 4 or 8) through {@code segment}. */
    public static int encode(int addressSize, int segment) {
        int code = switch (addressSize) {
            case 2 -> 0;
            case 4 -> 1;
            case 8 -> 2;
            default -> throw new IllegalArgumentException("address size of " + addressSize + " bytes");
        };
        return code << ADDRESS_SIZE_SHIFT | (segment & 7) << SEGMENT_SHIFT;
    }

    /** The address size in bytes. */
    public static int addressSize(int info) {
        return 2 << (info >>> ADDRESS_SIZE_SHIFT & 7);
    }

    public static int segment(int info) {
        return info >>> SEGMENT_SHIFT & 7;
    }
}
