package org.trapline.models.vmx;

/**
 * The VM-entry interruption-information field (SDM Vol. 3C, "VM-Entry Controls for Event
 * Injection", Table "Format of the VM-Entry Interruption-Information Field"): bits 7:0 the vector,
 * bits 10:8 the interruption type, bit 11 deliver error code, bits 30:12 reserved, bit 31 valid.
 * Every VM exit clears the valid bit ("Recording VM-Exit Information and Updating VM-Entry Control
 * Fields"), so an event is injected by one VM entry only.
 */
public final class InterruptionInfo {
    public static final int TYPE_EXTERNAL_INTERRUPT = 0;
    public static final int TYPE_NMI = 2;
    public static final int TYPE_HARDWARE_EXCEPTION = 3;
    public static final int TYPE_SOFTWARE_INTERRUPT = 4;
    public static final int TYPE_PRIVILEGED_SOFTWARE_EXCEPTION = 5;
    public static final int TYPE_SOFTWARE_EXCEPTION = 6;
    public static final int TYPE_OTHER_EVENT = 7;

    public static final int VECTOR_MASK = 0xff;
    public static final int TYPE_SHIFT = 8;
    public static final int DELIVER_ERROR_CODE = 1 << 11;
    public static final int VALID = 1 << 31;

    private InterruptionInfo() {
    }

    public static int encode(int vector, int type, boolean deliverErrorCode) {
        if (type < 0 || type > 7 || type == 1) {
            throw new IllegalArgumentException("interruption type " + type + " is reserved or out of range");
        }
        return VALID | (deliverErrorCode ? DELIVER_ERROR_CODE : 0) | type << TYPE_SHIFT | vector & VECTOR_MASK;
    }

    /** An external interrupt with {@code vector}, as a VMM injects one taken from its interrupt controller. */
    public static int externalInterrupt(int vector) {
        return encode(vector, TYPE_EXTERNAL_INTERRUPT, false);
    }

    public static boolean valid(int info) {
        return (info & VALID) != 0;
    }

    public static int vector(int info) {
        return info & VECTOR_MASK;
    }

    public static int type(int info) {
        return info >>> TYPE_SHIFT & 7;
    }

    public static boolean deliversErrorCode(int info) {
        return (info & DELIVER_ERROR_CODE) != 0;
    }
}
