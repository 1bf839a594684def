package org.trapline.models.dma;

/**
 * An ISA device on a DMA channel, as the 8237A sees it through DACK, IOR#, IOW# and EOP#. The device
 * raises and drops its DREQ through {@link DmaPair#holdDreq} and {@link DmaPair#releaseDreq}; while a
 * transfer runs the controller calls back here, one call per byte (8-bit channel) or word (16-bit).
 */
public interface IsaDmaClient {
    /** A write transfer's I/O read: the device gives its next byte or word (8237A 'Transfer Types', write). */
    int ioRead();

    /** A read transfer's I/O write: the device takes a byte or word read from memory. */
    void ioWrite(int value);

    /**
     * Whether the device is in a DMA transfer and takes DACK now. Read under QEMU's
     * dma.transfers-need-a-device only: QEMU hands a requested channel to its device's handler,
     * which moves nothing while the device is not transferring (the floppy controller's
     * fdctrl_transfer_handler returns at once while MSR RQM is set); on the 8237A a served request
     * runs its cycles whatever the device does.
     */
    default boolean inTransfer() {
        return true;
    }

    /** A verify transfer's cycle: DACK without IOR# or IOW#, no data moves. */
    default void verifyCycle() {
    }

    /** EOP#: the channel reached terminal count with this transfer. */
    default void terminalCount() {
    }

    /**
     * The end of each transfer cycle, with whether EOP# came with it: a device that samples TC with its
     * last byte (the floppy controller at EOT) decides here how its command ends.
     */
    default void cycleEnd(boolean terminalCount) {
    }
}
