package org.trapline.models.pci;

/**
 * The predefined type 0 header (PCI Local Bus 3.0 §6.1, §6.2) shared by the board's functions,
 * with the masks QEMU's functions show: Command bits I/O Space, Memory Space, Bus Master, SERR#
 * Enable and Interrupt Disable writable; the Status error bits write-1-to-clear (§6.2.3); Cache
 * Line Size and Interrupt Line read-write; everything else read-only.
 */
final class Type0Header {
    static final int COMMAND_WRITABLE = 0x0507;
    /** Status bits 15 (Detected Parity Error) .. 11 (Signaled Target Abort) and 8 (Master Data Parity Error). */
    static final int STATUS_WRITE_ONE_TO_CLEAR = 0xf900;
    static final int SUBSYSTEM_VENDOR_ID = 0x1af4;
    static final int SUBSYSTEM_ID = 0x1100;

    private Type0Header() {
    }

    /**
     * @param classCode   base class, sub-class and programming interface, as 0xBBSSPP
     * @param headerType  bit 7 set on a multi-function device's function 0
     * @param status      the Status register at reset
     * @param interruptPin 0 none, 1 INTA# .. 4 INTD#
     */
    static ConfigSpace.Builder of(int vendorId, int deviceId, int revision, int classCode, int headerType, int status,
            int interruptPin) {
        return ConfigSpace.builder()
                .reg(0x00, 2, "Vendor ID", vendorId, 0)
                .reg(0x02, 2, "Device ID", deviceId, 0)
                .reg(0x04, 2, "Command", 0, COMMAND_WRITABLE)
                .reg(0x06, 2, "Status", status, 0)
                .w1c(0x06, 2, STATUS_WRITE_ONE_TO_CLEAR)
                .reg(0x08, 1, "Revision ID", revision, 0)
                .reg(0x09, 3, "Class Code", classCode, 0)
                .reg(0x0c, 1, "Cache Line Size", 0, 0xff)
                .reg(0x0d, 1, "Latency Timer", 0, 0)
                .reg(0x0e, 1, "Header Type", headerType, 0)
                .reg(0x0f, 1, "BIST", 0, 0)
                .reg(0x2c, 2, "Subsystem Vendor ID", SUBSYSTEM_VENDOR_ID, 0)
                .reg(0x2e, 2, "Subsystem ID", SUBSYSTEM_ID, 0)
                .reg(0x3c, 1, "Interrupt Line", 0, 0xff)
                .reg(0x3d, 1, "Interrupt Pin", interruptPin, 0)
                .reg(0x3e, 1, "Min_Gnt", 0, 0)
                .reg(0x3f, 1, "Max_Lat", 0, 0);
    }
}
