package org.trapline.models.smbus;

/**
 * A 256-byte serial presence detect EEPROM on the SMBus, as an SMBus slave (SMBus 2.0 §5.5): a
 * write's first byte sets the word offset and each further byte is stored there, the offset
 * advancing and wrapping at 256; a read returns the byte at the offset and advances it. A write
 * followed by a repeated start (the command phase of a read) sets the offset before the read.
 * QEMU's pc board gives its eight EEPROMs no contents (hw/i386/pc_piix.c smbus_eeprom_init with
 * no SPD data: all zeros), and they take writes (hw/i2c/smbus_eeprom.c). An EEPROM is non-volatile
 * and has no reset input: a board reset leaves its contents and its address counter as they were,
 * where QEMU restores both ({@link SmbusQuirks#EEPROM_CONTENTS_RESTORED_AT_RESET}).
 */
final class SpdEeprom {
    static final int SIZE = 256;
    /** Command, byte count and 32 data bytes: the longest SMBus write (QEMU SMBUS_DATA_MAX_LEN). */
    static final int MAX_WRITE = 34;

    private enum Mode { IDLE, WRITE, READ, DONE, CONFUSED }

    private final byte[] data = new byte[SIZE];
    private final byte[] buffer = new byte[MAX_WRITE];
    private int length;
    private int offset;
    private Mode mode = Mode.IDLE;

    /** A start condition addressed to this device, to write or to read. */
    void start(boolean read) {
        if (!read) {
            mode = mode == Mode.IDLE ? Mode.WRITE : Mode.CONFUSED;
        } else if (mode == Mode.IDLE) {
            mode = Mode.READ;
        } else if (mode == Mode.WRITE && length > 0) {
            commit();
            mode = Mode.READ;
        } else {
            mode = Mode.CONFUSED;
        }
    }

    void send(int b) {
        if (mode == Mode.WRITE && length < MAX_WRITE) {
            buffer[length++] = (byte) b;
        }
    }

    int receive() {
        if (mode != Mode.READ) {
            mode = Mode.CONFUSED;
            return 0xff;
        }
        int v = data[offset] & 0xff;
        offset = (offset + 1) % SIZE;
        return v;
    }

    /** The master's not-acknowledge that ends a read. */
    void nack() {
        if (mode == Mode.READ) {
            mode = Mode.DONE;
        } else if (mode != Mode.DONE) {
            mode = Mode.CONFUSED;
        }
    }

    void stop() {
        if (length > 0 && mode == Mode.WRITE) {
            commit();
        }
        mode = Mode.IDLE;
        length = 0;
    }

    private void commit() {
        offset = buffer[0] & 0xff;
        for (int i = 1; i < length; i++) {
            data[offset] = buffer[i];
            offset = (offset + 1) % SIZE;
        }
        length = 0;
    }

    /**
     * QEMU's smbus_eeprom_reset at a board reset: the contents it was created with (none) and offset 0.
     * A real EEPROM is not reset by the board, so the host calls this only under the quirk.
     */
    void restorePowerOnContents() {
        java.util.Arrays.fill(data, (byte) 0);
        offset = 0;
    }

    /** A board reset: the device sees a bus that goes idle; it keeps what it stored and where it was. */
    void reset() {
        mode = Mode.IDLE;
        length = 0;
    }

    int offset() {
        return offset;
    }

    int byteAt(int i) {
        return data[i & 0xff] & 0xff;
    }
}
