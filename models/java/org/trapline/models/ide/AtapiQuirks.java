package org.trapline.models.ide;

import java.util.List;
import java.util.Set;

import org.trapline.models.device.Quirk;

/**
 * Where QEMU 7.2's ATAPI CD-ROM (hw/ide/atapi.c, the CD parts of hw/ide/core.c, block/qapi-sysemu.c)
 * departs from ATA/ATAPI-6 (T13 1410D) clause 9 and SPC-3/MMC-5. Each was read in QEMU's source and,
 * where the report says so, seen in its answers over qtest.
 */
public enum AtapiQuirks implements Quirk {
    /** Sense data outlives the command it belongs to. */
    STALE_SENSE("atapi.stale-sense", "atapi",
            "a command that completes with GOOD status leaves the sense data of the last CHECK CONDITION in place,"
                    + " so REQUEST SENSE after it still reports that error; REQUEST SENSE clears only a UNIT ATTENTION"
                    + " key (to NO SENSE), keeping its ASC",
            "SPC-3 4.5, sense data (they describe the command that ended in CHECK CONDITION and are replaced when"
                    + " the next command completes), ATA/ATAPI-6 clause 9 (PACKET command, status); QEMU hw/ide/atapi.c"
                    + " ide_atapi_cmd_ok (sense untouched), cmd_request_sense"),
    /** A reported unit attention keeps failing every command until REQUEST SENSE. */
    UNIT_ATTENTION_LATCHED("atapi.unit-attention-latched", "atapi",
            "while the sense key is UNIT ATTENTION every command but INQUIRY, REQUEST SENSE, GET CONFIGURATION and"
                    + " GET EVENT STATUS NOTIFICATION ends with Status 01h (ERR without DRDY), Error 60h (sense key 6,"
                    + " MC) and Sector Count 00h (no CoD, no I/O), and the sense data are kept",
            "ATA/ATAPI-6 clause 9, PACKET command normal and error outputs (DRDY set, Interrupt reason CoD=1 I/O=1 at"
                    + " command completion) and SAM-3/SPC-3 unit attention condition (reported once, then cleared); QEMU hw/ide/atapi.c"
                    + " ide_atapi_cmd, ide_atapi_cmd_check_status") {
        @Override
        public Set<Quirk> requires() {
            return Set.of(STALE_SENSE);
        }
    },
    /** A medium change is reported as NOT READY before the UNIT ATTENTION. */
    CHANGE_NOT_READY_FIRST("atapi.change-not-ready-first", "atapi",
            "after a medium is inserted (tray closed) the first command that does not allow a unit attention ends"
                    + " with NOT READY, MEDIUM NOT PRESENT (02h/3Ah/00h) and only the next one with UNIT ATTENTION,"
                    + " MEDIUM MAY HAVE CHANGED (06h/28h/00h)",
            "MMC-5 4.1.6.1 (a medium change sets a unit attention condition, 28h/00h, reported to the next command"
                    + " that does not allow it); QEMU hw/ide/core.c ide_cd_change_cb (cdrom_changed = 1), hw/ide/atapi.c"
                    + " ide_atapi_cmd (cdrom_changed 1, then 2)"),
    /** A tray or medium change raises INTRQ with no command. */
    CHANGE_INTERRUPTS("atapi.change-interrupts", "atapi",
            "opening or closing the tray from the host (QMP eject, blockdev-change-medium) and an eject request"
                    + " to a locked drive raise the channel's interrupt although no command is running",
            "ATA/ATAPI-6 clause 9, PACKET command protocol (INTRQ is asserted only at the DRQ data blocks and at"
                    + " command completion) and clause 5, INTRQ; QEMU hw/ide/core.c ide_cd_change_cb,"
                    + " ide_cd_eject_request_cb (ide_set_irq)"),
    /** A byte count limit of 0 aborts without an interrupt. */
    BCL_ZERO_SILENT_ABORT("atapi.bcl-zero-silent-abort", "atapi",
            "a PIO packet command that would transfer data with a byte count limit (LBA Mid/High) of 0 is aborted"
                    + " (Status 41h, Error 04h, Sector Count left at 01h) without raising the interrupt",
            "ATA/ATAPI-6 clause 9, PACKET command error outputs (an aborted command completes with INTRQ asserted);"
                    + " QEMU hw/ide/atapi.c validate_bcl (ide_abort_command with no ide_set_irq)"),
    /** A data access wider than QEMU's remaining buffer reads 0 and stalls. */
    PARTIAL_ACCESS_STALLS("atapi.partial-access-stalls", "atapi",
            "a Data read that needs more bytes than are left before the end of the DRQ block or of QEMU's one-sector"
                    + " buffer (the last byte of an odd-length block; a dword over a sector boundary) returns 0 and"
                    + " does not advance, so DRQ stays set and the command never completes with word accesses",
            "ATA/ATAPI-6 clause 9, PACKET command (an odd byte count: the last word carries the last byte on DD7-DD0,"
                    + " DD15-DD8 pad) and clause 7, Data register (16-bit; a 32-bit host access is two words);"
                    + " QEMU hw/ide/core.c ide_data_readw, ide_data_readl (p + size > data_end returns 0)"),
    /** READ(12) lengths and ranges are computed in 32 bits. */
    LENGTH_WRAPS("atapi.length-wraps", "atapi",
            "READ(12)'s range check LBA + count - 1 and its byte length count * 2048 are 32-bit: a range that wraps"
                    + " past 2^32 passes the check, and a length of 2^31 bytes or more is taken modulo 2^32 as a signed"
                    + " number, so the command ends GOOD with no data (or with the truncated length)",
            "MMC-5 6.20 READ(12) (a block outside the medium gives ILLEGAL REQUEST, LOGICAL BLOCK ADDRESS OUT OF RANGE,"
                    + " 05h/21h); QEMU hw/ide/atapi.c cmd_read (unsigned int lba + nb_sectors - 1),"
                    + " ide_atapi_cmd_read_pio (int packet_transfer_size)"),
    /** Replies are built in the buffer that holds the packet and the last data. */
    REPLY_BUFFER_REUSED("atapi.reply-buffer-reused", "atapi",
            "a reply builds over the buffer that holds the command packet and earlier data, and MODE SENSE's audio"
                    + " control page (0Eh) leaves bytes 10-16, 18, 20 and 22 unwritten: the guest reads the packet's"
                    + " bytes 10-11 and whatever an earlier reply, IDENTIFY or sector left at 12-22",
            "SFF-8020i / MMC CD Audio Control mode page 0Eh (each field is defined: reserved bytes are 0, the port selections"
                    + " and volumes have values); QEMU hw/ide/atapi.c cmd_mode_sense (MODE_PAGE_AUDIO_CTL), ide_atapi_cmd"
                    + " (the packet and the reply share io_buffer)"),
    /** A reset closes the tray. */
    RESET_CLOSES_TRAY("atapi.reset-closes-tray", "atapi",
            "a reset (power-on, SRST, DEVICE RESET) marks the tray closed, so a medium the guest ejected with START"
                    + " STOP UNIT is ready again",
            "ATA/ATAPI-6 9.1 and 9.2 (a reset resets the device's protocol state, not its mechanism) and MMC-5 6.39"
                    + " START STOP UNIT (the tray stays where LoEj put it); QEMU hw/ide/core.c ide_reset (tray_open = 0)"),
    /** EXECUTE DEVICE DIAGNOSTIC on a packet device raises no interrupt. */
    DIAGNOSTIC_NO_INTERRUPT("atapi.diagnostic-no-interrupt", "atapi",
            "EXECUTE DEVICE DIAGNOSTIC to the CD-ROM completes (signature, Error 01h, Status 00h) without raising the"
                    + " interrupt",
            "ATA/ATAPI-6 8.11 EXECUTE DEVICE DIAGNOSTIC (device 0 asserts INTRQ when the diagnostic completes);"
                    + " QEMU hw/ide/core.c cmd_exec_dev_diagnostic (ide_set_irq only for a non-CD drive)"),
    /** After the board's reset the CD-ROM is ready, with no diagnostic code. */
    RESET_READY("atapi.reset-ready", "atapi",
            "after a hardware reset (RESET-, the board's reset) the CD-ROM reads Status 50h (DRDY, DSC) and Error 00h",
            "ATA/ATAPI-6 9.1 power-on and hardware resets (a packet device ends its reset with Status 00h, DRDY"
                    + " cleared, and the diagnostic code, 01h, in Error; 9.2 software reset the same); QEMU hw/ide/core.c"
                    + " ide_reset (status = READY_STAT | SEEK_STAT, error = 0), ide_bus_reset");

    private final Entry entry;

    AtapiQuirks(String id, String device, String behaviour, String citation) {
        this.entry = new Entry(id, device, behaviour, citation);
    }

    @Override
    public Entry entry() {
        return entry;
    }

    /** The ledger, in the order the qemu-pc profile will list it. */
    public static List<Quirk> all() {
        return List.of(values());
    }
}
