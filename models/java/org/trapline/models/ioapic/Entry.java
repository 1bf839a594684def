package org.trapline.models.ioapic;

/** The fields of a 64-bit redirection table entry (82093AA 290566 §3.2.4, IOREDTBL[23:0]). */
final class Entry {
    /** Bits 7:0 INTVEC, 10:8 DELMOD, 11 DESTMOD, 12 DELIVS (RO), 13 INTPOL, 14 Remote IRR (RO), 15 TRIGGER, 16 MASK. */
    static final long DELIVERY_STATUS = 1L << 12;
    static final long POLARITY = 1L << 13;
    static final long REMOTE_IRR = 1L << 14;
    static final long TRIGGER = 1L << 15;
    static final long MASK = 1L << 16;
    static final long DESTINATION_MODE = 1L << 11;
    static final long READ_ONLY = DELIVERY_STATUS | REMOTE_IRR;
    /** Bits that are not reserved: 16:0 and the destination, 63:56 (55:17 are reserved). */
    static final long DEFINED = 0xff00_0000_0001_ffffL;

    private Entry() {
    }

    static int vector(long entry) {
        return (int) entry & 0xff;
    }

    static int deliveryMode(long entry) {
        return (int) (entry >>> 8) & 7;
    }

    static boolean logical(long entry) {
        return (entry & DESTINATION_MODE) != 0;
    }

    static boolean lowActive(long entry) {
        return (entry & POLARITY) != 0;
    }

    static boolean levelTriggered(long entry) {
        return (entry & TRIGGER) != 0;
    }

    static boolean masked(long entry) {
        return (entry & MASK) != 0;
    }

    /** Bits 63:56: an APIC ID in physical mode, a set of processors in logical mode. */
    static int destination(long entry) {
        return (int) (entry >>> 56) & 0xff;
    }
}
