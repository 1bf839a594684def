package org.trapline.models.ide;

import java.util.List;
import java.util.Set;

import org.trapline.models.device.Quirk;

/**
 * Where QEMU 7.2's PIIX3 IDE channels (hw/ide/core.c, hw/ide/ioport.c, hw/ide/piix.c, hw/ide/pci.c), with
 * no drive attached or with ATA disks, and their bus masters depart from ATA/ATAPI-6 (T13 1410D), SFF-8038i
 * rev 1.0 and the PC's wiring of an ATA channel. Each was read in QEMU's source; those of the empty channels
 * were seen in its answers over qtest (golden/ide-*.trace), those of disks in golden/ide-disk-*.trace.
 */
public enum IdeQuirks implements Quirk {
    /** Every register of a channel with no drive reads 0. */
    NO_DEVICE_READS_ZERO("ide.no-device-reads-zero", "ide",
            "with no drive on the channel every command block register, the Data register and Alternate Status read"
                    + " 00h (a Data word 0000h), so BSY, DRDY and every other bit read 0",
            "ATA/ATAPI-6 clauses 4-5, DD(15:0) (the host's pull-down on DD7 makes BSY read 0 when no device drives the"
                    + " bus; nothing drives DD6-DD0 or DD15-DD8) and clause 7 (the registers are the devices'); QEMU hw/ide/core.c"
                    + " ide_ioport_read, ide_status_read (0 while neither slot has a drive), ide_data_readw/readl (0"
                    + " without DRQ)"),
    /** Word and dword accesses as QEMU's two portio lists take them. */
    PORTIO_ACCESS("ide.portio-access", "ide",
            "a word access at offsets 1-6 of the command block reads or writes two byte registers, at offset 7 reads"
                    + " Status with FFh above it and writes only Command; a dword access at offsets 1-7 reads FFFFFFFFh"
                    + " and writes nothing (a dword read of Status does not clear the interrupt); at the control block a"
                    + " word reads Alternate Status with FFh above it and writes Device Control, a dword reads FFFFFFFFh"
                    + " and writes nothing",
            "ATA/ATAPI-6 clause 7, Data register (only it is 16 bits; the other registers are 8 bits on DD7-DD0) and the"
                    + " host's cycles to consecutive registers for a wider access; QEMU hw/ide/ioport.c ide_portio_list,"
                    + " ide_portio2_list, softmmu/ioport.c portio_read, portio_write"),
    /** An empty slot is a register file that latches writes and runs device 0's commands. */
    EMPTY_SLOTS_KEEP_STATE("ide.empty-slots-keep-state", "ide",
            "each empty slot keeps a device's registers: writes to Features, Sector Count, LBA Low/Mid/High (their"
                    + " previous values kept for HOB) and Device latch in both slots' state, the Device write's DEV bit"
                    + " selects a slot, and a command written while DEV=0 runs on the empty device 0 and ends (aborted,"
                    + " or EXECUTE DEVICE DIAGNOSTIC's pass) with the channel's IRQ raised unless nIEN; writing Command"
                    + " and reading Status lower it; a command to the empty device 1 is ignored",
            "ATA/ATAPI-6 clause 5, INTRQ (driven only by a device; none is present) and clause 7, Command and Status"
                    + " registers (a device's); QEMU hw/ide/core.c ide_ioport_write (both ifs[] latch),"
                    + " ide_exec_cmd (only the non-existent slave is ignored), ide_abort_command, ide_set_irq,"
                    + " ide_ioport_read (qemu_irq_lower at Status)"),
    /** SRST interrupts and clears itself. */
    SRST_INTERRUPTS("ide.srst-interrupts", "ide",
            "setting SRST in Device Control resets both slots at once and runs EXECUTE DEVICE DIAGNOSTIC on each,"
                    + " which raises the channel's IRQ unless nIEN; SRST then reads as cleared in the latched Device"
                    + " Control, so writing it set again resets again",
            "ATA/ATAPI-6 clause 7, Device Control register (SRST: the devices are held in reset while it is 1) and"
                    + " clause 9, software reset protocol (no interrupt is asserted at the end of a software reset); QEMU hw/ide/core.c"
                    + " ide_ctrl_write, ide_bus_perform_srst, ide_perform_srst, cmd_exec_dev_diagnostic") {
        @Override
        public Set<Quirk> requires() {
            return Set.of(EMPTY_SLOTS_KEEP_STATE);
        }
    },
    /** nIEN gates only the raising of the IRQ. */
    NIEN_KEEPS_INTRQ("ide.nien-keeps-intrq", "ide",
            "setting nIEN while the IRQ is raised leaves it raised, and clearing nIEN with an interrupt pending does"
                    + " not raise it; nIEN only stops a new raise",
            "ATA/ATAPI-6 clause 7, Device Control register (nIEN: when 1, the selected device releases INTRQ to high impedance;"
                    + " when 0, INTRQ follows the device's pending interrupt); QEMU hw/ide/core.c ide_ctrl_write (bus->cmd"
                    + " only), include/hw/ide/internal.h ide_set_irq") {
        @Override
        public Set<Quirk> requires() {
            return Set.of(EMPTY_SLOTS_KEEP_STATE);
        }
    },

    /** IDENTIFY DEVICE's words are built once. */
    IDENTIFY_BUILT_ONCE("ide.identify-built-once", "ide",
            "a disk's IDENTIFY words are filled at its first IDENTIFY DEVICE and kept: word 59 keeps the multiple"
                    + " count of that moment whatever SET MULTIPLE MODE sets later, and SET FEATURES changes to words"
                    + " 62, 63, 85 and 88 made before the first IDENTIFY DEVICE are lost",
            "ATA/ATAPI-6 clause 8.15, IDENTIFY DEVICE, words 59 (current multiple setting), 62-63 and 88 (mode"
                    + " selected), 85 (features enabled); QEMU hw/ide/core.c ide_identify (identify_set),"
                    + " cmd_set_features"),
    /** The PRD walk ends after a page of descriptors. */
    BMDMA_PRD_PAGE_LIMIT("ide.bmdma-prd-page-limit", "ide",
            "the bus master reads at most 4 KiB of PRD table (512 descriptors) from BMIDTP and then acts as if"
                    + " the last one had EOT set",
            "ATA/ATAPI-6 clause 9.8 (DMA data transfer: the host adapter moves the data) and SFF-8038i rev 1.0, Physical Region Descriptor table (the table ends at the descriptor with EOT);"
                    + " QEMU hw/ide/pci.c bmdma_prepare_buf, bmdma_rw_buf (\"fail safe of one page\")"),
    /** A PRD's address bit 0 is used. */
    BMDMA_PRD_ADDRESS_BIT0("ide.bmdma-prd-address-bit0", "ide",
            "a descriptor's memory region address is used as written, bit 0 included, so a region can start at an odd"
                    + " address",
            "ATA/ATAPI-6 clause 9.8 (DMA data transfer: the host adapter moves the data) and SFF-8038i rev 1.0, Physical Region Descriptor (memory region base address bits 31:1, bit 0 is 0:"
                    + " regions are word aligned); QEMU hw/ide/pci.c bmdma_prepare_buf (prd.addr taken whole)"),
    /** A table too short for the command ends the command. */
    BMDMA_SHORT_TABLE_ENDS_COMMAND("ide.bmdma-short-table-ends-command", "ide",
            "when the PRD table describes fewer bytes than the DMA command moves, no data moves, Active clears,"
                    + " Interrupt stays clear and the drive's command ends: Status DRDY|DSC, BSY and DRQ clear",
            "ATA/ATAPI-6 clause 9.8 (DMA data transfer: the host adapter moves the data) and SFF-8038i rev 1.0, BMISx and the bus master operation (a table smaller than the transfer: Active"
                    + " clears, Interrupt is not set, and the drive is left waiting for its DMA with DRQ); QEMU"
                    + " hw/ide/core.c ide_dma_cb (\"The PRDs are too short\"), tests/qtest/ide-test.c"
                    + " test_bmdma_various_prdts, send_dma_request (asserts DRDY and BSY|DRQ clear)"),
    /** BMIS Interrupt is set on every raise. */
    BMDMA_INTERRUPT_ON_EVERY_RAISE("ide.bmdma-interrupt-on-every-raise", "ide",
            "BMISx Interrupt is set each time the channel raises its interrupt, even while the line is already high",
            "ATA/ATAPI-6 clause 9.8 (DMA data transfer: the host adapter moves the data) and SFF-8038i rev 1.0, BMISx bit 2 (set by the rising edge of the IDE interrupt line); QEMU hw/ide/pci.c"
                    + " bmdma_irq"),
    /** The disk takes DATA SET MANAGEMENT with TRIM. */
    DSM_TRIM("ide.dsm-trim", "ide",
            "a disk takes DATA SET MANAGEMENT (06h) with Features 01h (TRIM) as a DMA command: it reads Sector Count"
                    + " 512-byte blocks of LBA range entries through the bus master, ends with DRDY|DSC and the interrupt,"
                    + " and leaves the data as they were (a -drive's discard=ignore); an entry off the medium aborts it"
                    + " (ABRT) with the interrupt; any other Features value is aborted",
            "ATA/ATAPI-6 clause 8 (no command 06h: an ATA-6 device aborts it) and Annex B; DATA SET MANAGEMENT is"
                    + " ACS-2 clause 7.10; QEMU hw/ide/core.c cmd_data_set_management, ide_issue_trim, ide_dma_cb,"
                    + " tests/qtest/ide-test.c test_bmdma_trim"),
    /** BMICx and BMISx answer only byte accesses. */
    BMDMA_BYTE_REGISTERS("ide.bmdma-byte-registers", "ide",
            "a word or dword access at offsets 0-3 of a channel's bus-master block (BMICx, BMISx) reads all ones"
                    + " and writes nothing, and the reserved bytes 1 and 3 read FFh",
            "ATA/ATAPI-6 clause 9.8 (DMA data transfer: the host adapter moves the data) and SFF-8038i rev 1.0, Bus Master IDE register layout (BMICx at 00h and BMISx at 02h are byte registers,"
                    + " bytes 01h and 03h reserved; a wider cycle reaches each byte it covers); QEMU hw/ide/piix.c"
                    + " bmdma_read, bmdma_write (size != 1)");

    private final Entry entry;

    IdeQuirks(String id, String device, String behaviour, String citation) {
        this.entry = new Entry(id, device, behaviour, citation);
    }

    @Override
    public Entry entry() {
        return entry;
    }

    public static List<Quirk> all() {
        return List.of(values());
    }
}
