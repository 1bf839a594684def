package org.trapline.models.dma;

import java.util.List;

import org.trapline.models.device.Quirk;

/**
 * Where QEMU 7.2's DMA controllers (hw/dma/i8257.c, two instances made by i8257_dma_init from
 * hw/isa/piix3.c with the high page registers off) depart from the Intel 8237A/8237A-5 datasheet
 * (231466) and from the page register file of the PC (74LS612, PIIX3 82371SB "DMA Page Registers").
 * Each was read in QEMU's source; those a guest sees over qtest are in golden/dma-*.trace.
 */
public enum DmaQuirks implements Quirk {
    /** Base and current are written apart: the current pair is reloaded only at a high byte. */
    CURRENT_LOADED_AT_HIGH_BYTE("dma.current-loaded-at-high-byte", "i8237",
            "a byte written to a channel's address or word count goes to the base register only; when a high byte is"
                    + " written, both current registers of the channel (address and word count) are reloaded from"
                    + " their base registers, so an address low byte alone is not seen in a read and writing one"
                    + " register reloads the other; the word count reads as the base count less the transfers made"
                    + " since the last load, so a count's low byte shows at once",
            "8237A 'Base Address and Base Word Count Registers': each base register is written together with its"
                    + " current register, byte by byte (Figure 7, word count and address register command codes);"
                    + " QEMU hw/dma/i8257.c i8257_write_chan, i8257_init_chan, i8257_read_chan"),
    /** A write of the request register clears the channel's TC status bit. */
    REQUEST_WRITE_CLEARS_TC("dma.request-write-clears-tc", "i8237",
            "writing the request register (09h) clears the terminal count bit (status bits 0-3) of the channel it"
                    + " names, whether it sets or clears the request",
            "8237A 'Status Register': bits 0-3 are set at TC or EOP and cleared only by a reset, a master clear and a"
                    + " status read; QEMU hw/dma/i8257.c i8257_write_cont (case 0x01)"),
    /** Reads of the write-only registers return 0; 09h returns the mask register. */
    ILLEGAL_READS_ZERO("dma.illegal-reads-zero", "i8237",
            "reads of 0Ah, 0Bh, 0Ch, 0Eh and 0Fh, whose reads the 8237A calls illegal, answer 00h instead of a"
                    + " floating bus",
            "8237A Figure 6 (software command codes): IOR at 1001b-1100b, 1110b and 1111b is illegal, the 8237A"
                    + " drives nothing and the ISA bus floats high; QEMU hw/dma/i8257.c i8257_read_cont (default)"),
    /** A read of the request register's port returns the mask register. */
    MASK_READ_AT_REQUEST_PORT("dma.mask-read-at-request-port", "i8237",
            "a read of 09h (the request register's port; on controller 2 D2h) returns the mask register",
            "8237A Figure 6: IOR at 1001b is illegal and the mask register cannot be read; QEMU hw/dma/i8257.c"
                    + " i8257_read_cont (case 0x01)"),
    /** The mask register keeps eight bits. */
    MASK_KEEPS_EIGHT_BITS("dma.mask-keeps-eight-bits", "i8237",
            "the write all mask bits command (0Fh) keeps all eight data bits and a master clear sets all eight, as a"
                    + " read of 09h shows; clear mask register clears them all",
            "8237A 'Mask Register' (write all mask register bits): bits 0-3 are the channels' mask bits, bits 4-7 are"
                    + " don't care; QEMU hw/dma/i8257.c i8257_write_cont (cases 0x05, 0x07)"),
    /** The temporary register reads 0. */
    TEMPORARY_READS_ZERO("dma.temporary-reads-zero", "i8237",
            "a read of 0Dh (the temporary register) answers 00h always",
            "8237A 'Temporary Register': it holds the last byte moved by a memory-to-memory transfer until a reset;"
                    + " QEMU hw/dma/i8257.c i8257_read_cont (default)"),
    /** A command with any bit but controller disable set is dropped; memory-to-memory is not done. */
    COMMAND_BITS_UNSUPPORTED("dma.command-bits-unsupported", "i8237",
            "a command register write with any bit other than bit 2 (controller disable) set is dropped whole, so"
                    + " memory-to-memory transfers (bit 0) and channel 0 address hold (bit 1) never happen",
            "8237A 'Command Register' and 'Memory-to-Memory': bit 0 enables memory-to-memory transfers from channel 0"
                    + " to channel 1 through the temporary register, bit 1 holds channel 0's address; QEMU"
                    + " hw/dma/i8257.c i8257_write_cont (CMD_NOT_SUPPORTED)"),
    /** Controller disable does not stop transfers. */
    CONTROLLER_DISABLE_IGNORED("dma.controller-disable-ignored", "i8237",
            "command bit 2 (controller disable) is stored but transfers go on",
            "8237A 'Command Register' bit 2: a 1 disables the controller, no DREQ is serviced; QEMU hw/dma/i8257.c"
                    + " i8257_dma_run (never reads the command register)"),
    /** A software request and a DREQ are one bit; masked, any mode, not cleared at TC. */
    REQUEST_IS_DREQ_BIT("dma.request-is-dreq-bit", "i8237",
            "the request register and the DREQ inputs are one bit per channel (status bits 4-7): a DREQ release clears"
                    + " a software request, a master clear forgets a DREQ still held; a software request is masked by"
                    + " the mask register, is served in any mode and is not cleared at terminal count",
            "8237A 'Request Register': software requests are non-maskable, need block mode, and their bit is cleared"
                    + " at TC or EOP; 'Status Register' bits 4-7 show the channels requesting service; QEMU"
                    + " hw/dma/i8257.c i8257_write_cont (case 0x01), i8257_dma_hold_DREQ, i8257_dma_release_DREQ,"
                    + " i8257_dma_run"),
    /** A channel with no device moves nothing when requested. */
    TRANSFERS_NEED_A_DEVICE("dma.transfers-need-a-device", "i8237",
            "a request on a channel that no device has registered moves no data and leaves the address and word count"
                    + " as they are: QEMU's transfers are made by the device's handler, and a channel without one has a"
                    + " handler that does nothing; nor does a request on a device's channel while the device is not in a"
                    + " DMA transfer, as its handler then returns at once",
            "8237A 'Transfer Types' and 'Request Register': a served request runs its memory cycles whatever sits on"
                    + " the channel (a write transfer stores the undriven data bus, FFh); QEMU hw/dma/i8257.c"
                    + " i8257_phony_handler, i8257_channel_run; hw/block/fdc.c fdctrl_transfer_handler"),
    /** Terminal count neither masks the channel nor autoinitialises it. */
    TC_NO_MASK_NO_RELOAD("dma.tc-no-mask-no-reload", "i8237",
            "at terminal count the channel's mask bit is not set and, with autoinitialise on, the current address and"
                    + " word count are not reloaded from their base registers: the current word count stays FFFFh",
            "8237A 'Mask Register': each mask bit is set at EOP unless the channel autoinitialises; 'Autoinitialize':"
                    + " at EOP the base registers are copied into the current ones; QEMU hw/dma/i8257.c"
                    + " i8257_channel_run, i8257_dma_has_autoinitialization (the device restarts itself)"),
    /** Cascade mode is not modelled: controller 1 works whatever channel 4 is. */
    CASCADE_IGNORED("dma.cascade-ignored", "i8237",
            "controller 1's channels transfer whatever the mode and mask of controller 2's channel 4 are, and a"
                    + " channel in cascade mode transfers like any other",
            "8237A 'Cascade Mode': the slave's HRQ comes in as the master channel's DREQ and is granted only while"
                    + " that channel is in cascade mode and unmasked; the PC cascades controller 1 into channel 4;"
                    + " QEMU hw/dma/i8257.c i8257_dma_run, i8257_channel_run (the mode register is never read)"),
    /** Transfers move on past the 64 KiB (128 KiB) boundary into the next page. */
    ADDRESS_CARRIES_INTO_PAGE("dma.address-carries-into-page", "i8237",
            "the memory address of a transfer is the page base plus the distance moved, so a block that runs past the"
                    + " end of its 64 KiB (16-bit channels: 128 KiB) page goes on into the next page",
            "8237A 'Address Generation': the current address register is 16 bits and wraps, the page register is"
                    + " not counted; QEMU hw/dma/i8257.c i8257_dma_read_memory, i8257_dma_write_memory (addr + pos)"),
    /** Page bit 0 of a 16-bit channel is ORed into address bit 16. */
    WORD_PAGE_BIT0_ORED("dma.word-page-bit0-ored", "i8237",
            "for channels 5-7 the page register is shifted to bits 16-23 and ORed with the word address shifted"
                    + " left by one, so page bit 0 sets address bit 16",
            "PC AT 16-bit DMA: page register bits 7-1 drive A23-A17 and bit 0 is not used, the controller's address"
                    + " drives A16-A1; QEMU hw/dma/i8257.c i8257_dma_read_memory, i8257_dma_write_memory"),
    /** Address decrement transfers start one unit below the current address. */
    DECREMENT_OFF_BY_ONE("dma.decrement-off-by-one", "i8237",
            "in address decrement mode each byte (word) moves at one byte (word) below the address the current"
                    + " address register holds",
            "8237A 'Mode Register' bit 5 and 'Address Generation': the current address is used, then decremented;"
                    + " QEMU hw/dma/i8257.c i8257_dma_read_memory, i8257_dma_write_memory (addr - pos - len)"),
    /** Only the channels' page registers decode in 80h-8Fh; the rest of the file is not there. */
    PAGE_FILE_HOLES("dma.page-file-holes", "dma-page",
            "of the page register file only 81h-83h, 87h, 89h-8Bh and 8Fh answer: 84h-86h, 88h and 8Ch-8Eh are"
                    + " unassigned (a read answers FFh, a write is lost)",
            "PIIX3 290550 'DMA Page Registers': 80h-8Fh are sixteen read/write bytes (a 74LS612 on the PC), the eight"
                    + " channels' pages among them; QEMU hw/dma/i8257.c page_portio_list"),
    /** Page registers answer wide accesses as QEMU's portio lists do. */
    PAGE_PORTIO_WIDTHS("dma.page-portio-widths", "dma-page",
            "a dword access at a page register reads FFFFFFFFh and writes nothing; a word access at the last port of"
                    + " a run (83h, 87h, 8Bh, 8Fh) reads FFh for its high byte and writes only its low byte",
            "PIIX3 290550: the page registers are bytes on the ISA bus, a wider access is two or four byte cycles;"
                    + " QEMU softmmu/ioport.c portio_read, portio_write (only 1- and 2-byte pieces)");

    private final Entry entry;

    DmaQuirks(String id, String device, String behaviour, String citation) {
        this.entry = new Entry(id, device, behaviour, citation);
    }

    @Override
    public Entry entry() {
        return entry;
    }

    /** The ledger, in the order the qemu-pc profile lists it. */
    public static List<Quirk> all() {
        return List.of(values());
    }
}
