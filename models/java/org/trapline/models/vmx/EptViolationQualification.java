package org.trapline.models.vmx;

/**
 * The exit qualification of an EPT violation (SDM Vol. 3C, Table "Exit Qualification for EPT
 * Violations"). Bits 0-2 say what the access was (data read, data write, instruction fetch); bits
 * 3-5 are the logical AND of the read, write and execute bits of the EPT paging-structure entries
 * that translated the address (all clear for a not-present entry); bit 7 says the guest-linear
 * address field is valid, and bit 8, when bit 7 is set, that the access was to the translation of a
 * linear address rather than to a paging-structure entry. Bits 6 and 9-11 need mode-based execute
 * control and the advanced VM-exit information, which this processor does not report: they are
 * left clear, as is bit 12 (no NMI unblocking by IRET is in progress).
 */
public final class EptViolationQualification {
    public static final long DATA_READ = 1L;
    public static final long DATA_WRITE = 1L << 1;
    public static final long INSTRUCTION_FETCH = 1L << 2;
    public static final long READABLE = 1L << 3;
    public static final long WRITABLE = 1L << 4;
    public static final long EXECUTABLE = 1L << 5;
    public static final long LINEAR_ADDRESS_VALID = 1L << 7;
    public static final long TRANSLATED_ACCESS = 1L << 8;
    public static final long NMI_UNBLOCKING_DUE_TO_IRET = 1L << 12;
    /** Where bits 2:0 of an EPT entry (R, W, X) land in the qualification. */
    public static final int PERMISSIONS_SHIFT = 3;

    private EptViolationQualification() {
    }

    /**
     * The qualification of a data access ({@code write} or read) to a page whose EPT entry grants
     * {@code permissions} (bits 2:0: R, W, X), made through a linear address (a load or store, not a
     * page walk).
     */
    public static long dataAccess(boolean write, int permissions) {
        return (write ? DATA_WRITE : DATA_READ)
                | (long) (permissions & Ept.RWX) << PERMISSIONS_SHIFT
                | LINEAR_ADDRESS_VALID | TRANSLATED_ACCESS;
    }

    public static boolean read(long q) {
        return (q & DATA_READ) != 0;
    }

    public static boolean write(long q) {
        return (q & DATA_WRITE) != 0;
    }

    /** The entry's permissions as bits 2:0 (R, W, X). */
    public static int permissions(long q) {
        return (int) (q >>> PERMISSIONS_SHIFT) & Ept.RWX;
    }
}
