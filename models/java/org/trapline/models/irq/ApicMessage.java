package org.trapline.models.irq;

/**
 * An interrupt message to the local APICs: the address and data of a dword write to the
 * FEExxxxxh window, as a PCI function writes an MSI and as QEMU's IO-APIC sends a redirection
 * entry (ioapic_service stores to the same window). The fields are decoded as the Intel SDM
 * Vol. 3A lays out the Message Address Register and the Message Data Register ("Message
 * Signalled Interrupts").
 */
public record ApicMessage(long address, int data) {
    /** Bits 31-20 of the address: FEEh marks an interrupt message. */
    public static final long WINDOW_BASE = 0xFEE0_0000L;
    public static final long WINDOW_LENGTH = 0x10_0000L;

    /** Delivery modes of data bits 10-8 (SDM: Fixed, Lowest Priority, SMI, NMI, INIT, ExtINT). */
    public static final int FIXED = 0b000;
    public static final int LOWEST_PRIORITY = 0b001;
    public static final int SMI = 0b010;
    public static final int NMI = 0b100;
    public static final int INIT = 0b101;
    public static final int EXT_INT = 0b111;

    /** Builds the message of the given fields; {@code logical} is DM, {@code levelTriggered} TM. */
    public static ApicMessage of(int destinationId, boolean logical, int vector, int deliveryMode,
                                 boolean assert_, boolean levelTriggered) {
        long address = WINDOW_BASE | (long) (destinationId & 0xff) << 12 | (logical ? 1L << 2 : 0);
        int data = vector & 0xff | (deliveryMode & 7) << 8 | (assert_ ? 1 << 14 : 0)
                | (levelTriggered ? 1 << 15 : 0);
        return new ApicMessage(address, data);
    }

    /** True when the address lies in the FEExxxxxh window. */
    public boolean inWindow() {
        return (address & ~(WINDOW_LENGTH - 1)) == WINDOW_BASE;
    }

    /** Address bits 19-12. */
    public int destinationId() {
        return (int) (address >>> 12) & 0xff;
    }

    /** Address bit 3, RH. */
    public boolean redirectionHint() {
        return (address & 1 << 3) != 0;
    }

    /** Address bit 2, DM: logical destination when set. */
    public boolean logicalDestination() {
        return (address & 1 << 2) != 0;
    }

    /** Data bits 7-0. */
    public int vector() {
        return data & 0xff;
    }

    /** Data bits 10-8. */
    public int deliveryMode() {
        return data >>> 8 & 7;
    }

    /** Data bit 14, level: assert when set (only meaningful for level-triggered messages). */
    public boolean assertLevel() {
        return (data & 1 << 14) != 0;
    }

    /** Data bit 15, trigger mode: level when set. */
    public boolean levelTriggered() {
        return (data & 1 << 15) != 0;
    }

    @Override
    public String toString() {
        return String.format("ApicMessage[address=%08xh data=%08xh]", address, data);
    }
}
