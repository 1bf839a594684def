package org.trapline.models.dma;

/**
 * What a controller needs from the board around it: the memory address of a transfer (the page
 * register forms the upper bits) and, for the controller cascaded into another, whether the bus is
 * granted (the other controller's cascade channel).
 */
interface DmaAddressing {
    /**
     * The memory address of a transfer on {@code channel} (0-3 of this controller) at current address
     * {@code current}; {@code origin} is the address the channel was last loaded with (QEMU counts
     * from there, quirk {@link DmaQuirks#ADDRESS_CARRIES_INTO_PAGE}). Both are in units of the
     * controller's transfers (bytes, or words on the 16-bit controller) and may run past 16 bits.
     */
    long physical(int channel, long origin, long current);

    /** Whether this controller may take the bus (its HRQ is granted). */
    boolean granted();
}
