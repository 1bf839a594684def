package org.trapline.models.ide;

/**
 * The commands a hard disk here takes, by opcode (ATA/ATAPI-6 clause 8 and Annex B, Table B.2; the retired ones
 * as QEMU 7.2's ide_cmd_table still takes them for a disk). Any other opcode is aborted (clause 8: ABRT in Error,
 * ERR in Status, and the interrupt). {@code setsDsc}: the command sets bit 4 of Status when it ends without error,
 * as QEMU's SET_DSC flag does.
 */
enum Command {
    /** RECALIBRATE (10h, obsolete). */
    NOP_DSC(true),
    /** STANDBY IMMEDIATE, IDLE IMMEDIATE, STANDBY, IDLE, SLEEP (E0h-E3h, E6h and the retired 94h-97h, 99h). */
    NOP(false),
    SEEK(true),
    READ_PIO(false),
    READ_PIO_EXT(false),
    WRITE_PIO(false),
    WRITE_PIO_EXT(false),
    READ_MULTIPLE(false),
    READ_MULTIPLE_EXT(false),
    WRITE_MULTIPLE(false),
    WRITE_MULTIPLE_EXT(false),
    READ_DMA(false),
    READ_DMA_EXT(false),
    WRITE_DMA(false),
    WRITE_DMA_EXT(false),
    VERIFY(true),
    VERIFY_EXT(true),
    SET_MULTIPLE(true),
    READ_NATIVE_MAX(true),
    READ_NATIVE_MAX_EXT(true),
    CHECK_POWER_MODE(true),
    WEAR_LEVEL(true),
    SPECIFY(true),
    SET_FEATURES(true),
    FLUSH(false),
    IDENTIFY(false),
    DIAGNOSTIC(false),
    /** DATA SET MANAGEMENT (06h): not an ATA/ATAPI-6 command; QEMU's disk takes it ({@link IdeQuirks#DSM_TRIM}). */
    DATA_SET_MANAGEMENT(false);

    final boolean setsDsc;

    Command(boolean setsDsc) {
        this.setsDsc = setsDsc;
    }

    /** The command of an opcode, or null for one a disk aborts. */
    static Command of(int opcode) {
        return switch (opcode) {
            case 0x06 -> DATA_SET_MANAGEMENT;
            case 0x10 -> NOP_DSC;
            case 0x20, 0x21 -> READ_PIO;
            case 0x24 -> READ_PIO_EXT;
            case 0x25 -> READ_DMA_EXT;
            case 0x27 -> READ_NATIVE_MAX_EXT;
            case 0x29 -> READ_MULTIPLE_EXT;
            case 0x30, 0x31, 0x3c -> WRITE_PIO;
            case 0x34 -> WRITE_PIO_EXT;
            case 0x35 -> WRITE_DMA_EXT;
            case 0x39 -> WRITE_MULTIPLE_EXT;
            case 0x40, 0x41 -> VERIFY;
            case 0x42 -> VERIFY_EXT;
            case 0x70 -> SEEK;
            case 0x90 -> DIAGNOSTIC;
            case 0x91 -> SPECIFY;
            case 0x94, 0x95, 0x96, 0x97, 0x99, 0xe0, 0xe1, 0xe2, 0xe3, 0xe6 -> NOP;
            case 0x98, 0xe5 -> CHECK_POWER_MODE;
            case 0xc4 -> READ_MULTIPLE;
            case 0xc5 -> WRITE_MULTIPLE;
            case 0xc6 -> SET_MULTIPLE;
            case 0xc8, 0xc9 -> READ_DMA;
            case 0xca, 0xcb -> WRITE_DMA;
            case 0xe7, 0xea -> FLUSH;
            case 0xec -> IDENTIFY;
            case 0xef -> SET_FEATURES;
            case 0xf5 -> WEAR_LEVEL;
            case 0xf8 -> READ_NATIVE_MAX;
            default -> null;
        };
    }
}
