package org.trapline.models.ide;

/** What a device calls on the channel that hosts it. */
public interface AtapiHost {
    /**
     * The device asserts INTRQ (ATA/ATAPI-6 clause 5): the channel drives its IRQ line unless nIEN is set,
     * and keeps it until the host reads Status or writes Command (QEMU ide_set_irq).
     */
    void interrupt();

    /**
     * A packet command with the Features DMA bit set has data ready for the bus master: it may now take
     * them with {@link AtapiDevice#dmaTransfer()} and end with {@link AtapiDevice#dmaDone()}.
     */
    default void dmaRequest() {
    }
}
