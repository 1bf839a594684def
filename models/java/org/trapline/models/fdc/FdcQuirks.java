package org.trapline.models.fdc;

import java.util.List;

import org.trapline.models.device.Quirk;

/**
 * Where QEMU 7.2's floppy controller (hw/block/fdc.c, isa-fdc from hw/block/fdc-isa.c, as
 * {@code -machine pc -nodefaults} has it: no drive attached) departs from the Intel 82078 44-pin
 * CHMOS Single-Chip Floppy Disk Controller datasheet (290474). Each was read in QEMU's source and seen
 * in its answers over qtest (golden/fdc-*.trace).
 */
public enum FdcQuirks implements Quirk {
    /** SRA is not decoded. */
    SRA_NOT_DECODED("fdc.sra-not-decoded", "fdc",
            "offset 0 (SRA, 3F0h) is not decoded: a read there floats (FFh); offsets 1-5 and 7 answer",
            "82078 register set: SRA is read at base+0; QEMU hw/block/fdc-isa.c fdc_portio_list (its first entry"
                    + " starts at offset 1)"),
    /** Word and dword accesses as QEMU's portio list takes them. */
    PORTIO_ACCESS("fdc.portio-access", "fdc",
            "a word access reads or writes two registers when both lie in one run (1-5, 7), the byte past a run"
                    + " reading FFh; a dword access that fits a run reads FFFFFFFFh and writes nothing",
            "82078 host interface: an 8-bit slave on the ISA bus, where the bus turns a 16- or 32-bit cycle into"
                    + " byte cycles to consecutive addresses; QEMU softmmu/ioport.c portio_read, portio_write (sizes"
                    + " other than an entry's), hw/block/fdc-isa.c fdc_portio_list"),
    /** Reading MSR takes the controller out of a DOR reset without the reset's work. */
    MSR_READ_ENDS_RESET("fdc.msr-read-ends-reset", "fdc",
            "a read of MSR sets DOR bit 2 (reset off) without resetting: a later DOR write with bit 2 set then"
                    + " starts no reset and raises no interrupt",
            "82078 DOR bit 2: the controller stays in reset while the bit is 0 and leaves it, with its reset"
                    + " interrupt, when software writes 1; MSR is read-only status; QEMU hw/block/fdc.c"
                    + " fdctrl_read_main_status"),
    /** CONFIGURE's reset value has implied seeks on. */
    CONFIGURE_RESET_IMPLIED_SEEK("fdc.configure-reset-implied-seek", "fdc",
            "CONFIGURE's byte reads 60h after power-on (EIS set, FIFO disabled, polling on, threshold 1)",
            "82078 CONFIGURE: after reset EIS=0, EFIFO=1, POLL=0, FIFOTHR=0, PRETRK=0 (20h 00h); QEMU hw/block/fdc.c"
                    + " fdctrl_realize_common (FD_CONFIG_EIS | FD_CONFIG_EFIFO)"),
    /** A software reset keeps CONFIGURE whether or not it is locked. */
    RESET_KEEPS_CONFIGURE("fdc.reset-keeps-configure", "fdc",
            "a DOR or DSR reset leaves EIS, EFIFO, POLL, FIFOTHR and PRETRK as CONFIGURE set them, with LOCK 0",
            "82078 LOCK: with LOCK=0 a software reset returns the CONFIGURE parameters to their defaults; only"
                    + " LOCK=1 keeps them; QEMU hw/block/fdc.c fdctrl_reset (config and precomp_trk untouched)"),
    /** The last result byte read clears any pending interrupt, a seek's too. */
    RESULT_READ_CLEARS_INTERRUPT("fdc.result-read-clears-interrupt", "fdc",
            "reading the last result byte of any command (VERSION, DUMPREG...) clears a pending SEEK or"
                    + " RECALIBRATE interrupt, so a following SENSE INTERRUPT STATUS answers 80h",
            "82078 SENSE INTERRUPT STATUS: the interrupt of a SEEK or RECALIBRATE is cleared by that command;"
                    + " QEMU hw/block/fdc.c fdctrl_read_data (fdctrl_reset_irq at the end of the result phase)"),
    /** SEEK without a drive leaves the head where it is. */
    SEEK_BOUNDED_BY_MEDIA("fdc.seek-bounded-by-media", "fdc",
            "SEEK to a cylinder beyond the medium's last track (any but 0 with no drive) leaves PCN unchanged,"
                    + " although the interrupt and ST0 say the seek ended; on a unit with no diskette RECALIBRATE and"
                    + " a reset leave its head and sector as they were (sector 0 from power-on, as READ ID shows)",
            "82078 SEEK: the controller steps the head until PCN equals NCN and then interrupts; it does not know"
                    + " the medium; QEMU hw/block/fdc.c fdctrl_handle_seek, fd_seek (track > max_track)"),
    /** RECALIBRATE succeeds with no drive. */
    RECALIBRATE_WITHOUT_TRACK0("fdc.recalibrate-without-track0", "fdc",
            "RECALIBRATE of a drive that is not there ends normally (ST0 20h|drive)",
            "82078 RECALIBRATE: when TRK0 is not seen after the step pulses the command ends with ST0 SE, EC and"
                    + " IC=01 (70h|drive); QEMU hw/block/fdc.c fdctrl_handle_recalibrate, fd_recalibrate"),
    /** SENSE DRIVE STATUS reports write protect and track 0 with no drive. */
    SENSE_DRIVE_WP_T0_WITHOUT_DRIVE("fdc.sense-drive-wp-t0-without-drive", "fdc",
            "SENSE DRIVE STATUS of a drive that is not there sets ST3 WP (bit 6) and, at cylinder 0, T0 (bit 4)",
            "82078 ST3: WP and T0 are the drive's WP and TRK0 pins, inactive with no drive; QEMU hw/block/fdc.c"
                    + " fdctrl_handle_sense_drive_status (drv->ro, track == 0), fd_init (ro true)"),
    /** SPECIFY's ND bit is DOR's DMA gate and DUMPREG shows the gate. */
    ND_IS_DOR_DMA_GATE("fdc.nd-is-dor-dma-gate", "fdc",
            "SPECIFY's ND clears (ND=1) or sets (ND=0) DOR bit 3, and DUMPREG byte 6 bit 0 shows DOR bit 3 (1 = DMA)"
                    + " instead of ND",
            "82078 SPECIFY ND selects non-DMA mode, DUMPREG byte 6 is HLT<<1|ND; DOR bit 3 (DMA gate) is written"
                    + " only through DOR; QEMU hw/block/fdc.c fdctrl_handle_specify, fdctrl_handle_dumpreg"),
    /** DUMPREG byte 5 drops HUT. */
    DUMPREG_SRT_ONLY("fdc.dumpreg-srt-only", "fdc",
            "DUMPREG byte 5 is SPECIFY's SRT alone, in the low nibble; HUT is not kept",
            "82078 DUMPREG byte 5: SRT in bits 7-4, HUT in bits 3-0; QEMU hw/block/fdc.c fdctrl_handle_specify"
                    + " (timer0 = SRT), fdctrl_handle_dumpreg"),
    /** PERPENDICULAR MODE keeps three bits of the current drive. */
    PERPENDICULAR_CURRENT_DRIVE("fdc.perpendicular-current-drive", "fdc",
            "PERPENDICULAR MODE with OW=1 stores bits 2-0 for the drive DOR selects, GAP and WGATE are otherwise"
                    + " dropped, and DUMPREG byte 8 shows those three bits in bits 4-2",
            "82078 PERPENDICULAR MODE: OW=1 lets D3-D0 (bits 5-2) set each drive's mode, GAP and WGATE (bits 1-0)"
                    + " always apply; DUMPREG byte 8 is LOCK, D3-D0, GAP, WGATE; QEMU hw/block/fdc.c"
                    + " fdctrl_handle_perpendicular_mode, fdctrl_handle_dumpreg"),
    /** TDR keeps only the boot select bit. */
    TDR_BOOT_SELECT_ONLY("fdc.tdr-boot-select-only", "fdc",
            "TDR keeps bit 2 alone (which drive is drive 0), ignores a write during reset, and reads back only that",
            "82078 TDR: bits 1-0 (TAPESEL) select the tape drive and read back; QEMU hw/block/fdc.c"
                    + " fdctrl_write_tape (FD_TDR_BOOTSEL)"),
    /** DSR's power-down bit resets the controller. */
    DSR_POWERDOWN_RESETS("fdc.dsr-powerdown-resets", "fdc",
            "writing DSR with bit 6 (PWR DOWN) resets the controller, with the reset's interrupt",
            "82078 DSR bit 6: puts the controller in power-down, which keeps its registers; only bit 7 resets;"
                    + " QEMU hw/block/fdc.c fdctrl_write_rate (FD_DSR_PWRDOWN)"),
    /** DOR reads back the drive a command selected. */
    DOR_SHOWS_COMMAND_DRIVE("fdc.dor-shows-command-drive", "fdc",
            "a command naming a drive (SENSE DRIVE STATUS, RECALIBRATE, SEEK) makes DOR read back that drive in"
                    + " bit 0, whatever was written there",
            "82078 DOR: a read returns the value written; the command's DS bits drive the select pins for the"
                    + " command only; QEMU hw/block/fdc.c fdctrl_read_dor (dor | cur_drv), SET_CUR_DRV"),
    /** Selecting drive 1 creates it, so the next reset clears nDRV2. */
    DRIVE1_APPEARS_WHEN_SELECTED("fdc.drive1-appears-when-selected", "fdc",
            "once drive 1 has been selected and used (a FIFO read, DIR read, or a command on it), the next reset"
                    + " clears SRA bit 6 (nDRV2) as if a second drive were installed",
            "82078 SRA bit 6 nDRV2 is the inverted DRV2 pin: whether a second drive is installed; QEMU hw/block/fdc.c"
                    + " get_cur_drv (blk_create_empty_drive, CVE-2021-20196), fdctrl_reset"),
    /** A transfer that reaches EOT without TC ends normally. */
    EOT_WITHOUT_TC_ENDS_NORMALLY("fdc.eot-without-tc-ends-normally", "fdc",
            "a READ DATA or WRITE DATA whose data runs out at EOT (the DMA count larger than the sectors asked for,"
                    + " or non-DMA mode) ends with ST0 IC=00 and ST1 00h",
            "82078 Status Register 1 EN: set when the controller tries to go past the final sector of the track"
                    + " (EOT) without TC, with IC=01 (abnormal termination); QEMU hw/block/fdc.c"
                    + " fdctrl_transfer_handler (end_transfer: fdctrl_stop_transfer(0, 0, 0)), fdctrl_read_data"),
    /** Moving to the next cylinder at the end of a track sets SE. */
    NEXT_CYLINDER_SETS_SEEK_END("fdc.next-cylinder-sets-seek-end", "fdc",
            "a transfer that ends past the last sector of a cylinder (result C+1, R=1) reports ST0 SE (bit 5)",
            "82078 Status Register 0 SE: set on the end of SEEK, RECALIBRATE or an implied seek only; QEMU"
                    + " hw/block/fdc.c fdctrl_seek_to_next_sect (status0 |= FD_SR0_SEEK)"),
    /** Write protection is seen only when the DMA runs, with SE. */
    WRITE_PROTECT_SEEN_AT_DMA("fdc.write-protect-seen-at-dma", "fdc",
            "WRITE DATA on a write-protected diskette ends only once the DMA channel serves the request, with ST0"
                    + " 60h|drive (IC=01 and SE) and ST1 NW",
            "82078 WRITE DATA: the WP line is checked at the start of the command, which ends with IC=01 and ST1 NW"
                    + " before data moves; QEMU hw/block/fdc.c fdctrl_transfer_handler (cur_drv->ro:"
                    + " FD_SR0_ABNTERM | FD_SR0_SEEK, FD_SR1_NW)"),
    /** A transfer on a drive with no diskette ends at once. */
    NO_DISKETTE_ENDS_AT_ONCE("fdc.no-diskette-ends-at-once", "fdc",
            "READ DATA or WRITE DATA with no drive ends at once with ST0 40h|drive|head and ST1 80h (R > 0 on"
                    + " cylinder 0 head 0) or 00h, the interrupt raised",
            "82078 READ DATA: the controller looks for the sector's ID until two index pulses have passed; with no"
                    + " diskette turning no index pulse comes and the command does not end; QEMU hw/block/fdc.c"
                    + " fdctrl_start_transfer, fd_seek (max_track 0, last_sect 0 on an empty drive)"),
    /** A sector or cylinder not on the diskette. */
    MISSING_SECTOR_STATUS("fdc.missing-sector-status", "fdc",
            "a sector number above the track's (or 0) reports ST1 80h (EN) instead of ND (04h); a cylinder past the"
                    + " last or head 1 of a one-sided diskette reports ST1 00h; one cylinder past the last (C equal to"
                    + " the cylinder count) and sector 0 are read (as zeros or the sector before)",
            "82078 Status Register 1: ND when the sector is not found, MA when no address mark is found (an"
                    + " unrecorded track); QEMU hw/block/fdc.c fdctrl_start_transfer (fd_seek returns 2 or 3),"
                    + " fd_seek (track > max_track)"),
    /** READ DATA and WRITE DATA seek whether or not implied seeks are on. */
    TRANSFER_SEEKS_WITHOUT_EIS("fdc.transfer-seeks-without-eis", "fdc",
            "READ DATA and WRITE DATA move the head to the command's cylinder even with CONFIGURE EIS off",
            "82078 CONFIGURE EIS: implied seeks only when EIS=1; otherwise the ID fields of the cylinder under the"
                    + " head do not match C and the command ends with ST1 ND, ST2 WC; QEMU hw/block/fdc.c fd_seek"
                    + " (the enable_seek test is compiled out)"),
    /** TC in the middle of a sector stops there. */
    TC_MID_SECTOR_STAYS("fdc.tc-mid-sector-stays", "fdc",
            "TC in the middle of a sector ends the command with R still that sector",
            "82078 'Data Transfer Termination': after TC the controller completes the sector (reading or writing"
                    + " it to the end) and the result names the next sector; QEMU hw/block/fdc.c"
                    + " fdctrl_transfer_handler (no fdctrl_seek_to_next_sect unless rel_pos is 0)"),
    /** The result's N is always 2. */
    RESULT_SIZE_CODE_2("fdc.result-size-code-2", "fdc",
            "the result phase of READ DATA and WRITE DATA reports N=2 (512 bytes) whatever N the command gave",
            "82078 result phase: C, H, R, N are the sector ID after the command, N as recorded (the command's N on"
                    + " a matching sector); QEMU hw/block/fdc.c fdctrl_stop_transfer (FD_SECTOR_SC)"),
    /** A non-DMA READ DATA's result names the last sector read. */
    PIO_READ_RESULT_NAMES_LAST_SECTOR("fdc.pio-read-result-names-last-sector", "fdc",
            "a READ DATA in non-DMA mode ends with R (and C) of the last sector read, not the next one, and without"
                    + " the SE of a move to the next cylinder",
            "82078 result phase table: after a transfer C, H, R name the sector after the last one (R+1, or C+1 and"
                    + " R=1 past EOT), in DMA and non-DMA mode alike; QEMU hw/block/fdc.c fdctrl_read_data (the next"
                    + " sector is sought only when its first byte is read)"),
    /** A non-DMA WRITE DATA that ends at the track's end never ends. */
    PIO_WRITE_TO_TRACK_END_NEVER_ENDS("fdc.pio-write-to-track-end-never-ends", "fdc",
            "a WRITE DATA in non-DMA mode whose last sector is the end of the track (EOT, without MT on the other"
                    + " head) writes its data and then stays in the execution phase, MSR RQM off, with no result and no"
                    + " new interrupt",
            "82078 WRITE DATA: the command ends with its result phase and interrupt once the last sector is written;"
                    + " QEMU hw/block/fdc.c fdctrl_write_data (break when fdctrl_seek_to_next_sect returns 0, before"
                    + " fdctrl_stop_transfer)"),
    /** DUMPREG's SC/EOT byte is the diskette's sectors per track. */
    DUMPREG_EOT_IS_DISKETTE_SECTORS("fdc.dumpreg-eot-is-diskette-sectors", "fdc",
            "DUMPREG byte 6 is the sectors per track of the current drive's diskette (0 with none), whatever the"
                    + " commands before it gave as EOT",
            "82078 DUMPREG: byte 6 is SC/EOT, the EOT (or FORMAT's SC) the last command gave; QEMU hw/block/fdc.c"
                    + " fdctrl_handle_dumpreg (cur_drv->last_sect)"),
    /** READ ID answers 20 ms after its command, whatever the rotation. */
    READ_ID_AFTER_FIXED_20MS("fdc.read-id-after-fixed-20ms", "fdc",
            "READ ID ends 20 ms of virtual time after its command byte (one sector on: R is the next sector), whatever"
                    + " the format's sector time, also with no diskette and on side 1 of a one-sided one; only another"
                    + " data rate than the diskette's (500 kb/s with none) ends it with ST0 40h, ST1 MA",
            "82078 READ ID: the first ID field that passes under the head is the result, a sector's time at the"
                    + " drive's rotation; with no ID field found MA after two index pulses, with no diskette no index;"
                    + " QEMU hw/block/fdc.c fdctrl_handle_readid (timer_mod, NANOSECONDS_PER_SECOND / 50),"
                    + " fdctrl_result_timer"),
    /** READ ID reads the drive DOR selects. */
    READ_ID_USES_DOR_DRIVE("fdc.read-id-uses-dor-drive", "fdc",
            "READ ID reads the drive last selected (by DOR or a command), not the one of its DS bit; HDS still sets"
                    + " that drive's head",
            "82078 READ ID: byte 1 gives HDS and DS1-DS0, the drive and head the ID is read from; QEMU hw/block/fdc.c"
                    + " fdctrl_handle_readid (get_cur_drv without SET_CUR_DRV)"),
    /** FORMAT TRACK formats nothing. */
    FORMAT_TRACK_ENDS_AT_ONCE("fdc.format-track-ends-at-once", "fdc",
            "FORMAT TRACK takes no ID bytes (no DMA request, no FIFO byte), writes no sector and enters its result"
                    + " phase at once (ST0 normal, C/H/R the head's position, N 2); its SC becomes the drive's sectors"
                    + " per track for later commands (positions, DUMPREG, READ ID)",
            "82078 FORMAT TRACK: after the index the controller asks for C, H, R, N of each of SC sectors through DMA"
                    + " or the FIFO and writes each data field with D; QEMU hw/block/fdc.c fdctrl_handle_format_track"
                    + " (TODO: implement format using DMA; cur_drv->last_sect = fifo[3])"),
    /** VERIFY counts by EOT and N, not EC and SC. */
    VERIFY_IGNORES_EC("fdc.verify-ignores-ec", "fdc",
            "VERIFY ignores EC: it verifies from R to EOT (and the other side with MT) in units of N's size, or DTL"
                    + " bytes with N 0, and never fails for SC or EOT past the track's sectors",
            "82078 VERIFY: EC=1 verifies SC sectors (SC past the sectors left, or EOT past the track's, ends"
                    + " abnormally), EC=0 verifies to EOT; QEMU hw/block/fdc.c fdctrl_start_transfer (data_len from"
                    + " fifo[5]/fifo[8], FD_DIR_VERIFY), fdctrl_transfer_handler"),
    /** A non-DMA VERIFY hands the data out. */
    VERIFY_WITHOUT_DMA_READS_DATA("fdc.verify-without-dma-reads-data", "fdc",
            "in non-DMA mode VERIFY hands the sectors' bytes out through the FIFO (MSR 70h, RQM and DIO) as READ"
                    + " DATA does and ends when they are read",
            "82078 VERIFY: no data is transferred, in DMA and non-DMA mode alike; QEMU hw/block/fdc.c"
                    + " fdctrl_start_transfer (the non-DMA path is the READ path for any direction but WRITE)"),
    /** READ TRACK is READ DATA. */
    READ_TRACK_IS_READ_DATA("fdc.read-track-is-read-data", "fdc",
            "READ TRACK starts at sector R, as READ DATA, and ends like it: an R not on the track ends it at once",
            "82078 READ TRACK: the data of the sectors from the index on are read up to EOT whatever their IDs, an R"
                    + " that no ID field matches setting ST1 ND; QEMU hw/block/fdc.c handlers (READ TRACK with"
                    + " fdctrl_start_transfer, FD_DIR_READ)"),
    /** READ and WRITE DELETED DATA end at once. */
    DELETED_DATA_NOT_HANDLED("fdc.deleted-data-not-handled", "fdc",
            "READ DELETED DATA and WRITE DELETED DATA move no data: after their parameters they end with ST0 60h|"
                    + "head|drive (the drive last selected), ST1 and ST2 00h and the head's C/H/R, without seeking",
            "82078 READ DELETED DATA, WRITE DELETED DATA: transfers as READ DATA and WRITE DATA, with the deleted"
                    + " data address mark (a sector of the other mark sets ST2 CM); QEMU hw/block/fdc.c"
                    + " fdctrl_start_transfer_del"),
    /** SCAN compares whole pieces and always reports SH. */
    SCAN_COMPARES_PIECES_AND_REPORTS_HIT("fdc.scan-compares-pieces-and-reports-hit", "fdc",
            "SCAN EQUAL, LOW OR EQUAL, HIGH OR EQUAL compare each sector (or the part the DMA count reaches) as one"
                    + " string, host against diskette, ending on the first equal one (or, for LOW and HIGH, on the first"
                    + " whose first different byte is lower or higher from the host); the result always has ST2 08h"
                    + " (SH); FFh from the host is no wildcard; in non-DMA mode the sectors are read out as READ DATA",
            "82078 SCAN commands: byte by byte, FFh from the host matching any byte; a sector satisfies the scan when"
                    + " every byte does, ST2 SH when all were equal, SN when none up to EOT did; QEMU hw/block/fdc.c"
                    + " fdctrl_transfer_handler (memcmp, status2 = FD_SR2_SEH at end_transfer)"),
    /** The head of a transfer comes from H. */
    HEAD_FROM_H_PARAMETER("fdc.head-from-h-parameter", "fdc",
            "READ DATA, WRITE DATA and the other transfers use H (byte 3) as the head, whatever HDS of byte 1 says;"
                    + " ST0's HD is H",
            "82078 'Command Set': HDS selects the head (the HDSEL output), H is compared with the ID field's head"
                    + " number, and a sector whose ID H differs is not found (ST1 ND); QEMU hw/block/fdc.c"
                    + " fdctrl_start_transfer (fd_seek with fifo[3])"),
    /** RELATIVE SEEK stops at cylinder 0 and the diskette's last cylinder. */
    RELATIVE_SEEK_BOUNDED_BY_MEDIA("fdc.relative-seek-bounded-by-media", "fdc",
            "RELATIVE SEEK out stops at cylinder 0 and in at the diskette's last cylinder; with no diskette the head"
                    + " does not move; PCN follows",
            "82078 RELATIVE SEEK: the controller steps RCN times, PCN counting the steps modulo 256; QEMU hw/block/fdc.c"
                    + " fdctrl_handle_relative_seek_in, fdctrl_handle_relative_seek_out");

    private final Entry entry;

    FdcQuirks(String id, String device, String behaviour, String citation) {
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
