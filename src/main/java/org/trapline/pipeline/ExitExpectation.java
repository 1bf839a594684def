package org.trapline.pipeline;

/**
 * One {@code exit} line: the exit reason and the VMCS exit-information fields the trace names
 * (null: not compared), and the VM-entry interruption information an {@code inject} line after it
 * expects the VMM to have written before resuming.
 */
record ExitExpectation(int line, int reason, Long qualification, long qualificationMask, Integer length,
        Long guestPhysicalAddress, Long guestLinearAddress, Integer instructionInfo, Integer inject, int injectLine) {

    ExitExpectation withInject(int value, int at) {
        return new ExitExpectation(line, reason, qualification, qualificationMask, length, guestPhysicalAddress,
                guestLinearAddress, instructionInfo, value, at);
    }
}
