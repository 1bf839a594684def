package org.trapline.models.ide;

import static org.trapline.models.ide.AtapiSense.*;

import java.util.Arrays;
import java.util.Set;

import org.trapline.models.device.Quirk;

/**
 * The packet command layer of the ATAPI CD-ROM: a 12-byte command descriptor block in, a result out
 * (GOOD, data, CHECK CONDITION with sense, or an abort at the ATA level). It knows nothing of the ATA
 * registers; {@link AtapiDevice} carries its packets and data over them. Commands are those of MMC-5 and
 * SPC-3 that QEMU 7.2's hw/ide/atapi.c answers, with its answers.
 *
 * <p>A reply is built in the device's one command buffer, which also holds the packet and each block
 * read from the medium (QEMU's io_buffer); a READ streams block by block through it
 * ({@link AtapiTransfer}), so nothing is allocated per command or in proportion to a claimed length.
 */
public final class AtapiCommands {
    /** Bytes in a command packet (ATA/ATAPI-6 IDENTIFY PACKET DEVICE word 0 bits 1:0 = 00b). */
    public static final int PACKET_SIZE = 12;
    /** The command buffer: a block, or the largest reply (GET CONFIGURATION is limited to 512 bytes). */
    static final int BUFFER_SIZE = CdMedium.BLOCK;

    /** What a command came to. */
    public enum Result {
        /** GOOD status, no data. */
        GOOD,
        /** GOOD once {@link #transfer()} has gone to the host. */
        DATA,
        /** CHECK CONDITION: {@link #senseKey()} and {@link #asc()} say why. */
        CHECK_CONDITION,
        /** QEMU's latched unit attention ({@link AtapiQuirks#UNIT_ATTENTION_LATCHED}). */
        UNIT_ATTENTION_LATCHED,
        /** Aborted at the ATA level: the byte count limit is 0 for a command with data. */
        ABORTED
    }

    /** Command flags, as MMC-5 4.1.6.1 and 4.1.8 and QEMU's command table give them. */
    private static final int ALLOW_UA = 1, CHECK_READY = 2, NONDATA = 4, CONDDATA = 8, KNOWN = 16;

    static final int TEST_UNIT_READY = 0x00, REQUEST_SENSE = 0x03, INQUIRY = 0x12, START_STOP_UNIT = 0x1b,
            PREVENT_ALLOW_MEDIUM_REMOVAL = 0x1e, READ_CAPACITY = 0x25, READ_10 = 0x28, SEEK_10 = 0x2b,
            GET_CONFIGURATION = 0x46, GET_EVENT_STATUS_NOTIFICATION = 0x4a, READ_DISC_INFORMATION = 0x51,
            MODE_SENSE_10 = 0x5a, READ_12 = 0xa8, SET_CD_SPEED = 0xbb, MECHANISM_STATUS = 0xbd;

    /** Mode pages (MMC-5 7.2): read/write error recovery, CD audio control, capabilities. */
    static final int PAGE_ERROR_RECOVERY = 0x01, PAGE_AUDIO_CONTROL = 0x0e, PAGE_CAPABILITIES = 0x2a;
    /** Profiles (MMC-5 Table 77). */
    static final int PROFILE_CD_ROM = 0x0008, PROFILE_DVD_ROM = 0x0010;
    /** The largest CD in 512-byte sectors (80 minutes of 75 frames of 2048 bytes); more is a DVD to QEMU. */
    static final long CD_MAX_SECTORS = 80L * 60 * 75 * 2048 / 512;

    static final String VENDOR = "QEMU", PRODUCT = "QEMU DVD-ROM", REVISION = "2.5+";

    private final byte[] buf;
    private final byte[] cdb = new byte[PACKET_SIZE];
    private final CdTray tray;
    private final AtapiTransfer transfer;
    private final String serial;
    private final boolean staleSense, uaLatched, notReadyFirst, lengthWraps, bufferReused, resetClosesTray;

    /** The sense data: of the last command (hardware), of the last CHECK CONDITION (QEMU). */
    private int senseKey, asc;
    private Result result = Result.GOOD;

    /**
     * @param buf    the device's command buffer, at least {@link #BUFFER_SIZE} bytes
     * @param serial the drive's serial number (QEMU: {@code QM%05d} of the drive's place on the board)
     */
    AtapiCommands(byte[] buf, CdTray tray, String serial, Set<Quirk> quirks) {
        if (buf.length < BUFFER_SIZE) {
            throw new IllegalArgumentException("the command buffer must hold a block");
        }
        this.buf = buf;
        this.tray = tray;
        this.serial = serial;
        this.transfer = new AtapiTransfer(buf, tray);
        staleSense = quirks.contains(AtapiQuirks.STALE_SENSE);
        uaLatched = quirks.contains(AtapiQuirks.UNIT_ATTENTION_LATCHED);
        notReadyFirst = quirks.contains(AtapiQuirks.CHANGE_NOT_READY_FIRST);
        lengthWraps = quirks.contains(AtapiQuirks.LENGTH_WRAPS);
        bufferReused = quirks.contains(AtapiQuirks.REPLY_BUFFER_REUSED);
        resetClosesTray = quirks.contains(AtapiQuirks.RESET_CLOSES_TRAY);
    }

    /** A packet layer with its own buffer, for a host that carries CDBs without the ATA registers. */
    public static AtapiCommands standalone(CdTray tray, String serial, Set<Quirk> quirks) {
        return new AtapiCommands(new byte[BUFFER_SIZE], tray, serial, quirks);
    }

    public CdTray tray() {
        return tray;
    }

    public AtapiTransfer transfer() {
        return transfer;
    }

    public Result result() {
        return result;
    }

    /** The sense key of the last CHECK CONDITION (and, in QEMU, until REQUEST SENSE or a reset). */
    public int senseKey() {
        return senseKey;
    }

    /** The additional sense code that goes with {@link #senseKey()}; the qualifier is always 0. */
    public int asc() {
        return asc;
    }

    /** A reset of the device: no sense, no transfer, the tray unlocked (ATA/ATAPI-6 9.1; QEMU ide_reset). */
    void reset() {
        senseKey = asc = 0;
        transfer.stop();
        tray.reset(resetClosesTray);
        result = Result.GOOD;
    }

    /** A failure in the middle of a transfer ends the command with that sense. */
    void failTransfer(int key, int code) {
        transfer.stop();
        check(key, code);
    }

    /**
     * Runs the packet in {@code packet[0..11]}.
     *
     * @param dataAllowed false when data would go over PIO with a byte count limit of 0
     */
    public Result execute(byte[] packet, boolean dataAllowed) {
        if (packet != buf) {
            System.arraycopy(packet, 0, buf, 0, Math.min(PACKET_SIZE, packet.length));
            if (packet.length < PACKET_SIZE) {
                Arrays.fill(buf, packet.length, PACKET_SIZE, (byte) 0);
            }
        }
        System.arraycopy(buf, 0, cdb, 0, PACKET_SIZE);
        transfer.stop();
        int op = u8(0);
        int flags = flags(op);
        if (!staleSense && op != REQUEST_SENSE) {
            senseKey = asc = 0;
        }
        if (uaLatched && senseKey == UNIT_ATTENTION && (flags & ALLOW_UA) == 0) {
            return result = Result.UNIT_ATTENTION_LATCHED;
        }
        if ((flags & ALLOW_UA) == 0 && tray.changePending()) {
            if (notReadyFirst && tray.change() == CdTray.CHANGED) {
                tray.setChange(CdTray.NOT_READY_REPORTED);
                return check(NOT_READY, MEDIUM_NOT_PRESENT);
            }
            tray.setChange(CdTray.UNCHANGED);
            return check(UNIT_ATTENTION, MEDIUM_MAY_HAVE_CHANGED);
        }
        if ((flags & CHECK_READY) != 0 && !tray.ready()) {
            return check(NOT_READY, MEDIUM_NOT_PRESENT);
        }
        if ((flags & KNOWN) != 0 && (flags & (NONDATA | CONDDATA)) == 0 && !dataAllowed) {
            return result = Result.ABORTED;
        }
        return result = run(op);
    }

    private static int flags(int op) {
        return switch (op) {
            case TEST_UNIT_READY, SEEK_10 -> KNOWN | CHECK_READY | NONDATA;
            case REQUEST_SENSE, INQUIRY, GET_CONFIGURATION, GET_EVENT_STATUS_NOTIFICATION -> KNOWN | ALLOW_UA;
            case START_STOP_UNIT, PREVENT_ALLOW_MEDIUM_REMOVAL, SET_CD_SPEED -> KNOWN | NONDATA;
            case READ_CAPACITY, READ_10, READ_12, READ_DISC_INFORMATION -> KNOWN | CHECK_READY;
            case MODE_SENSE_10, MECHANISM_STATUS -> KNOWN;
            default -> 0; // an unknown opcode: no flags, so the unit attention and change checks apply
        };
    }

    private Result run(int op) {
        return switch (op) {
            case TEST_UNIT_READY, SET_CD_SPEED -> Result.GOOD;
            case REQUEST_SENSE -> requestSense();
            case INQUIRY -> inquiry();
            case START_STOP_UNIT -> startStopUnit();
            case PREVENT_ALLOW_MEDIUM_REMOVAL -> {
                tray.lock((u8(4) & 1) != 0);
                yield Result.GOOD;
            }
            case READ_CAPACITY -> {
                be32(0, tray.blocks() - 1);
                be32(4, CdMedium.BLOCK);
                yield reply(8, 8);
            }
            case READ_10 -> read(u16(7));
            case READ_12 -> read(u32(6));
            case SEEK_10 -> u32(2) >= tray.blocks() ? check(ILLEGAL_REQUEST, LOGICAL_BLOCK_OUT_OF_RANGE) : Result.GOOD;
            case GET_CONFIGURATION -> getConfiguration();
            case GET_EVENT_STATUS_NOTIFICATION -> getEventStatus();
            case READ_DISC_INFORMATION -> readDiscInformation();
            case MODE_SENSE_10 -> modeSense();
            case MECHANISM_STATUS -> {
                clear(8);
                buf[5] = 1; // one slot (MMC-5 6.11: number of slots)
                yield reply(8, u16(8));
            }
            default -> check(ILLEGAL_REQUEST, INVALID_COMMAND_OPERATION_CODE);
        };
    }

    private Result requestSense() {
        int max = u8(4);
        int key = senseKey;
        int code = asc;
        Arrays.fill(buf, 0, 18, (byte) 0);
        buf[0] = (byte) 0xf0; // VALID, current errors, fixed format (SPC-3 4.5.3)
        buf[2] = (byte) key;
        buf[7] = 10; // additional sense length
        buf[12] = (byte) code;
        if (staleSense) {
            if (senseKey == UNIT_ATTENTION) {
                senseKey = NO_SENSE; // the ASC stays, as QEMU keeps it
            }
        } else {
            senseKey = asc = 0; // reported: the sense data are spent (SPC-3 6.27)
        }
        return reply(18, max);
    }

    private Result inquiry() {
        int page = u8(2);
        int max = u8(4);
        int idx;
        int lengthAt;
        int header;
        if ((u8(1) & 1) != 0) { // EVPD (SPC-3 6.4.1)
            header = 4;
            lengthAt = 3;
            buf[0] = 0x05; // peripheral device type: CD/DVD
            buf[1] = (byte) page;
            buf[2] = 0;
            idx = 4;
            if (page == 0x00) {
                buf[idx++] = 0x00; // supported pages: this one and device identification
                buf[idx++] = (byte) 0x83;
            } else if (page == 0x83) {
                if (idx + 24 > max) {
                    return check(ILLEGAL_REQUEST, DATA_PHASE_ERROR);
                }
                idx = designator(idx, 0x00, 20);
                pad(idx, 20, serial);
                idx += 20;
                if (idx + 72 <= max) {
                    idx = designator(idx, 0x01, 68);
                    pad(idx, 8, "ATA");
                    pad(idx + 8, 40, PRODUCT);
                    pad(idx + 48, 20, serial);
                    idx += 68;
                }
            } else {
                return check(ILLEGAL_REQUEST, INVALID_FIELD_IN_CDB);
            }
        } else {
            header = 5;
            lengthAt = 4;
            buf[0] = 0x05; // CD/DVD device
            buf[1] = (byte) 0x80; // RMB: removable
            buf[2] = 0x00; // version: no standard claimed
            buf[3] = 0x21; // ATAPI version 2, response data format 1
            buf[5] = buf[6] = buf[7] = 0;
            pad(8, 8, VENDOR);
            pad(16, 16, PRODUCT);
            pad(32, 4, REVISION);
            idx = 36;
        }
        buf[lengthAt] = (byte) (idx - header);
        return reply(idx, max);
    }

    /** An ASCII designation descriptor header (SPC-3 7.6.3.1): code set 2, the given type, the length. */
    private int designator(int idx, int type, int length) {
        buf[idx] = 0x02;
        buf[idx + 1] = (byte) type;
        buf[idx + 2] = 0;
        buf[idx + 3] = (byte) length;
        return idx + 4;
    }

    private Result startStopUnit() {
        int b4 = u8(4);
        boolean start = (b4 & 1) != 0;
        boolean loej = (b4 & 2) != 0;
        if ((b4 & 0xf0) != 0) {
            return Result.GOOD; // a power condition: the tray does not move (MMC-5 6.39)
        }
        if (loej) {
            if (!start && !tray.isOpen() && tray.isLocked()) {
                return check(tray.medium() != null ? NOT_READY : ILLEGAL_REQUEST, MEDIUM_REMOVAL_PREVENTED);
            }
            if (tray.isOpen() == start) {
                tray.guestMoveTray(!start);
            }
        }
        return Result.GOOD;
    }

    private Result read(long count) {
        if (count == 0) {
            return Result.GOOD;
        }
        long lba = u32(2);
        long total = tray.blocks();
        long last = lengthWraps ? (lba + count - 1) & 0xffff_ffffL : lba + count - 1;
        if (lba >= total || last >= total) {
            return check(ILLEGAL_REQUEST, LOGICAL_BLOCK_OUT_OF_RANGE);
        }
        long length = lengthWraps ? (int) (count * CdMedium.BLOCK) : count * CdMedium.BLOCK;
        if (length <= 0) {
            return Result.GOOD;
        }
        transfer.startRead(tray.medium(), lba, length);
        if (transfer.failed()) {
            int key = transfer.failureKey();
            int code = transfer.failureAsc();
            transfer.stop();
            return check(key, code);
        }
        return Result.DATA;
    }

    private Result getConfiguration() {
        if (u8(2) != 0 || u8(3) != 0) {
            return check(ILLEGAL_REQUEST, INVALID_FIELD_IN_CDB); // only feature 0 is reported
        }
        int max = Math.min(u16(7), 512);
        Arrays.fill(buf, 0, max, (byte) 0);
        if (!bufferReused) {
            Arrays.fill(buf, 0, 20, (byte) 0);
        }
        boolean present = !tray.isOpen() && tray.blocks() > 0;
        long sectors = tray.blocks() * 4;
        if (present) {
            be16(6, sectors > CD_MAX_SECTORS ? PROFILE_DVD_ROM : PROFILE_CD_ROM); // current profile
        }
        buf[10] = 0x03; // feature 0 (profile list): persistent, current
        profile(0, PROFILE_DVD_ROM);
        profile(1, PROFILE_CD_ROM);
        be32(0, 20 - 4); // data length
        return reply(20, max);
    }

    /** Profile descriptor {@code i} of the profile list (MMC-5 5.3.1), its CurrentP bit from the header. */
    private void profile(int i, int profile) {
        int at = 12 + 4 * i;
        be16(at, profile);
        buf[at + 2] = (byte) (buf[at] == buf[6] && buf[at + 1] == buf[7] ? 1 : 0);
        buf[11] += 4; // additional length
    }

    private Result getEventStatus() {
        if ((u8(1) & 1) == 0) {
            return check(ILLEGAL_REQUEST, INVALID_FIELD_IN_CDB); // only polled operation (MMC-5 6.6)
        }
        int max = u16(7);
        int used;
        buf[3] = 1 << 4; // supported event classes: media
        if ((u8(4) & (1 << 4)) != 0) {
            buf[2] = 4; // notification class: media
            int status = tray.isOpen() ? 1 : tray.medium() != null ? 2 : 0; // door open, media present
            buf[4] = (byte) tray.takeMediaEvent();
            buf[5] = (byte) status;
            buf[6] = buf[7] = 0;
            used = 8;
        } else {
            buf[2] = (byte) 0x80; // NEA: no event available
            used = 4;
        }
        be16(0, used - 4);
        return reply(used, max);
    }

    private Result readDiscInformation() {
        if ((u8(1) & 7) != 0) {
            return check(ILLEGAL_REQUEST, INVALID_FIELD_IN_CDB);
        }
        int max = u16(7);
        clear(34);
        buf[1] = 32; // disc information length
        buf[2] = 0x0e; // last session complete, disc finalized
        buf[3] = 1; // first track on disc
        buf[4] = 1; // sessions
        buf[5] = 1; // first track of the last session
        buf[6] = 1; // last track of the last session
        buf[7] = 0x20; // unrestricted use
        return reply(34, max);
    }

    private Result modeSense() {
        int max = u16(7);
        int control = u8(2) >> 6;
        int page = u8(2) & 0x3f;
        if (control == 3) {
            return check(ILLEGAL_REQUEST, SAVING_PARAMETERS_NOT_SUPPORTED);
        }
        if (control != 0) {
            return check(ILLEGAL_REQUEST, INVALID_FIELD_IN_CDB); // changeable and default values are not reported
        }
        int length;
        switch (page) {
            case PAGE_ERROR_RECOVERY -> length = 16;
            case PAGE_AUDIO_CONTROL -> length = 24;
            case PAGE_CAPABILITIES -> length = 30;
            default -> {
                return check(ILLEGAL_REQUEST, INVALID_FIELD_IN_CDB);
            }
        }
        if (!bufferReused) {
            Arrays.fill(buf, 0, length, (byte) 0);
        }
        be16(0, length - 2); // mode data length
        buf[2] = 0x70; // medium type: door closed, no disc (QEMU's constant)
        buf[3] = buf[4] = buf[5] = buf[6] = buf[7] = 0;
        buf[8] = (byte) page;
        buf[9] = (byte) (length - 10);
        switch (page) {
            case PAGE_ERROR_RECOVERY -> {
                buf[10] = 0x00;
                buf[11] = 0x05; // read retry count
                Arrays.fill(buf, 12, 16, (byte) 0);
            }
            case PAGE_AUDIO_CONTROL -> buf[17] = buf[19] = buf[21] = buf[23] = 0; // volumes
            default -> capabilities();
        }
        return reply(length, max);
    }

    /** The CD/DVD capabilities and mechanical status page (MMC-3 5.5.10), as QEMU fills it. */
    private void capabilities() {
        buf[10] = 0x3b; // reads CD-R, CD-RW, DVD-ROM, DVD-R, DVD-RAM
        buf[11] = 0x00; // writes nothing
        buf[12] = 0x71; // audio play, mode 2 form 1 and 2, multi-session
        buf[13] = (byte) (3 << 5);
        buf[14] = (byte) (0x01 | 0x08 | 0x20 | (tray.isLocked() ? 0x02 : 0)); // lock, eject, tray loader; locked
        buf[15] = 0x00;
        be16(16, 704); // maximum read speed, kB/s (4x)
        be16(18, 2); // volume levels
        be16(20, 512); // buffer size, KiB
        be16(22, 704); // current read speed
        Arrays.fill(buf, 24, 30, (byte) 0);
    }

    private Result reply(int size, int max) {
        int n = Math.min(size, max);
        if (n <= 0) {
            return Result.GOOD;
        }
        transfer.startReply(n);
        return Result.DATA;
    }

    private Result check(int key, int code) {
        senseKey = key;
        asc = code;
        return result = Result.CHECK_CONDITION;
    }

    private void clear(int n) {
        Arrays.fill(buf, 0, n, (byte) 0);
    }

    /** Copies {@code s} into {@code n} bytes at {@code at}, padded with spaces (SPC-3 4.4.1 ASCII fields). */
    private void pad(int at, int n, String s) {
        for (int i = 0; i < n; i++) {
            buf[at + i] = (byte) (i < s.length() ? s.charAt(i) : ' ');
        }
    }

    private int u8(int i) {
        return cdb[i] & 0xff;
    }

    private int u16(int i) {
        return u8(i) << 8 | u8(i + 1);
    }

    private long u32(int i) {
        return (long) u16(i) << 16 | u16(i + 2);
    }

    private void be16(int at, long v) {
        buf[at] = (byte) (v >> 8);
        buf[at + 1] = (byte) v;
    }

    private void be32(int at, long v) {
        be16(at, v >> 16);
        be16(at + 2, v);
    }
}
