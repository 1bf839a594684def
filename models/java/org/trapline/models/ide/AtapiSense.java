package org.trapline.models.ide;

/** Sense keys (SPC-3 Table 27) and the additional sense codes the CD-ROM reports (SPC-3 Annex D; ASCQ is 0). */
final class AtapiSense {
    static final int NO_SENSE = 0x0, NOT_READY = 0x2, ILLEGAL_REQUEST = 0x5, UNIT_ATTENTION = 0x6;

    static final int INVALID_COMMAND_OPERATION_CODE = 0x20;
    static final int LOGICAL_BLOCK_OUT_OF_RANGE = 0x21;
    static final int INVALID_FIELD_IN_CDB = 0x24;
    static final int MEDIUM_MAY_HAVE_CHANGED = 0x28;
    static final int SAVING_PARAMETERS_NOT_SUPPORTED = 0x39;
    static final int MEDIUM_NOT_PRESENT = 0x3a;
    static final int DATA_PHASE_ERROR = 0x4b;
    static final int MEDIUM_REMOVAL_PREVENTED = 0x53;

    private AtapiSense() {
    }
}
