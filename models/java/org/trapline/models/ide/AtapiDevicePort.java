package org.trapline.models.ide;

/**
 * What an ATA channel calls on the device in one of its two slots (ATA/ATAPI-6 clause 7, the interface
 * registers; clause 9, the protocols). The channel owns what is the channel's: the Device Control
 * register (nIEN, SRST, HOB), the DEV selection, the interrupt line with nIEN applied, lowering it on a
 * Status read or a Command write, and the rule that a device busy with BSY or DRQ set ignores writes to
 * the command block (QEMU hw/ide/core.c ide_ioport_write). The device owns its registers and protocol.
 */
public interface AtapiDevicePort {
    /** Command block register numbers (the offset DA2-DA0). */
    int FEATURES = 1, ERROR = 1, SECTOR_COUNT = 2, LBA_LOW = 3, LBA_MID = 4, LBA_HIGH = 5, DEVICE = 6;

    /**
     * A host write of Features, Sector Count, LBA Low, LBA Mid, LBA High or Device ({@code reg} 1-6). Both
     * devices on a channel latch every such write (clause 7); the previous value of registers 1-5 is kept as
     * the HOB byte (the 48-bit feature set's "previous content").
     */
    void taskFileWrite(int reg, int value);

    /** A host read of Error, Sector Count, LBA Low/Mid/High or Device ({@code reg} 1-6); {@code hob}: Device Control HOB. */
    int taskFileRead(int reg, boolean hob);

    /** The Status register, without side effects (the channel lowers INTRQ when the host reads Status). */
    int status();

    /** A host write of the Command register while this device is selected. */
    void command(int opcode);

    /** A 16-bit Data register read: 0 when no PIO data-out transfer has a word ready. */
    int dataRead16();

    /** A 32-bit Data register read (two words, the first in bits 15-0). */
    long dataRead32();

    /** A 16-bit Data register write: ignored unless a PIO data-in transfer takes it. */
    void dataWrite16(int value);

    /** A 32-bit Data register write (two words, the first in bits 15-0). */
    void dataWrite32(long value);

    /**
     * A reset. {@code srst}: the software reset of the Device Control register (clause 9, the device runs
     * its diagnostic and sets the signature); otherwise the hardware reset, RESET- (the board's reset).
     */
    void reset(boolean srst);
}
