package org.trapline.models.fdc;

/**
 * The 82078's commands as the first byte of the command phase names them ('Command Set'), each with
 * the bits of its opcode that identify it (the others are MT, MFM, SK or don't-care) and the count of
 * parameter bytes that follow. A byte is the first command of the list whose fixed bits it matches;
 * any other byte is invalid (ST0 80h, no parameters).
 */
enum FdcCommand {
    READ_DATA(0x06, 0x1f, 8),
    WRITE_DATA(0x05, 0x3f, 8),
    SEEK(0x0f, 0xff, 2),
    SENSE_INTERRUPT_STATUS(0x08, 0xff, 0),
    RECALIBRATE(0x07, 0xff, 1),
    FORMAT_TRACK(0x0d, 0xbf, 5),
    READ_TRACK(0x02, 0xbf, 8),
    RESTORE(0x4e, 0xff, 17),
    SAVE(0x2e, 0xff, 0),
    READ_DELETED_DATA(0x0c, 0x1f, 8),
    SCAN_EQUAL(0x11, 0x1f, 8),
    VERIFY(0x16, 0x1f, 8),
    SCAN_LOW_OR_EQUAL(0x19, 0x1f, 8),
    SCAN_HIGH_OR_EQUAL(0x1d, 0x1f, 8),
    WRITE_DELETED_DATA(0x09, 0x3f, 8),
    READ_ID(0x0a, 0xbf, 1),
    SPECIFY(0x03, 0xff, 2),
    SENSE_DRIVE_STATUS(0x04, 0xff, 1),
    PERPENDICULAR_MODE(0x12, 0xff, 1),
    CONFIGURE(0x13, 0xff, 3),
    POWERDOWN_MODE(0x17, 0xff, 2),
    OPTION(0x33, 0xff, 1),
    DRIVE_SPECIFICATION(0x8e, 0xff, 5),
    RELATIVE_SEEK_OUT(0x8f, 0xff, 2),
    FORMAT_AND_WRITE(0xcd, 0xff, 10),
    RELATIVE_SEEK_IN(0xcf, 0xff, 2),
    LOCK(0x14, 0x7f, 0),
    DUMPREG(0x0e, 0xff, 0),
    VERSION(0x10, 0xff, 0),
    PART_ID(0x18, 0xff, 0),
    /** WRITE DATA with the SK bit set, which the controller takes as WRITE DATA. */
    WRITE_DATA_SK(0x05, 0x1f, 8),
    INVALID(0x00, 0x00, 0);

    final int opcode;
    final int mask;
    final int parameters;

    FdcCommand(int opcode, int mask, int parameters) {
        this.opcode = opcode;
        this.mask = mask;
        this.parameters = parameters;
    }

    static FdcCommand of(int commandByte) {
        for (FdcCommand c : values()) {
            if ((commandByte & c.mask) == c.opcode) {
                return c;
            }
        }
        return INVALID;
    }
}
