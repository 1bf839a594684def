package org.trapline.models.vmx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Each encoding bit for bit against its SDM Vol. 3C table. */
class VmxEncodingsTest {

    /** Appendix C, "VMX Basic Exit Reasons"; "Format of Exit Reason" (bit 31: VM-entry failure). */
    @Test
    void basicExitReasonsAreTheAppendixNumbers() {
        assertThat(ExitReason.EXCEPTION_OR_NMI).isZero();
        assertThat(ExitReason.EXTERNAL_INTERRUPT).isEqualTo(1);
        assertThat(ExitReason.TRIPLE_FAULT).isEqualTo(2);
        assertThat(ExitReason.INTERRUPT_WINDOW).isEqualTo(7);
        assertThat(ExitReason.NMI_WINDOW).isEqualTo(8);
        assertThat(ExitReason.HLT).isEqualTo(12);
        assertThat(ExitReason.IO_INSTRUCTION).isEqualTo(30);
        assertThat(ExitReason.INVALID_GUEST_STATE).isEqualTo(33);
        assertThat(ExitReason.EPT_VIOLATION).isEqualTo(48);
        assertThat(ExitReason.EPT_MISCONFIGURATION).isEqualTo(49);
        int failed = ExitReason.VM_ENTRY_FAILURE | ExitReason.INVALID_GUEST_STATE;
        assertThat(failed).isEqualTo(0x80000021);
        assertThat(ExitReason.entryFailed(failed)).isTrue();
        assertThat(ExitReason.basic(failed)).isEqualTo(33);
        assertThat(ExitReason.entryFailed(ExitReason.IO_INSTRUCTION)).isFalse();
        assertThat(ExitReason.name(30)).isEqualTo("I/O instruction");
        assertThat(ExitReason.name(48)).isEqualTo("EPT violation");
        assertThat(ExitReason.name(77)).isEqualTo("exit reason 77");
    }

    /** Table "Exit Qualification for I/O Instructions". */
    @Test
    void ioQualificationOfEachInstructionForm() {
        // OUT 80h, AL: size 0 (1 byte), bit 3 clear (OUT), bit 6 set (immediate), port 0080h in 31:16
        assertThat(IoQualification.encode(1, false, false, false, true, 0x80)).isEqualTo(0x0080_0040L);
        // IN AX, DX at 1F0h: size 1 (2 bytes), bit 3 set (IN), bit 6 clear (DX)
        assertThat(IoQualification.encode(2, true, false, false, false, 0x1f0)).isEqualTo(0x01f0_0009L);
        // IN EAX, 60h: size 3 (4 bytes)
        assertThat(IoQualification.encode(4, true, false, false, true, 0x60)).isEqualTo(0x0060_004bL);
        // REP INSD at 1F0h: 3 | IN 8 | string 10h | REP 20h
        assertThat(IoQualification.encode(4, true, true, true, false, 0x1f0)).isEqualTo(0x01f0_003bL);
        // OUTSB at 3F8h, no REP
        assertThat(IoQualification.encode(1, false, true, false, false, 0x3f8)).isEqualTo(0x03f8_0010L);
        // OUT DX, AX at FFFFh
        assertThat(IoQualification.encode(2, false, false, false, false, 0xffff)).isEqualTo(0xffff_0001L);
    }

    @Test
    void ioQualificationDecodesWhatItEncodes() {
        long q = IoQualification.encode(4, true, true, true, false, 0xcafe);
        assertThat(IoQualification.size(q)).isEqualTo(4);
        assertThat(IoQualification.in(q)).isTrue();
        assertThat(IoQualification.string(q)).isTrue();
        assertThat(IoQualification.rep(q)).isTrue();
        assertThat(IoQualification.immediate(q)).isFalse();
        assertThat(IoQualification.port(q)).isEqualTo(0xcafe);
        long out = IoQualification.encode(1, false, false, false, true, 0x21);
        assertThat(IoQualification.size(out)).isEqualTo(1);
        assertThat(IoQualification.in(out)).isFalse();
        assertThat(IoQualification.string(out)).isFalse();
        assertThat(IoQualification.rep(out)).isFalse();
        assertThat(IoQualification.immediate(out)).isTrue();
        assertThat(IoQualification.size(IoQualification.encode(2, false, false, false, true, 0))).isEqualTo(2);
        // reserved bits 15:7 and 63:32 stay clear, whatever the port argument carries above bit 15
        assertThat(IoQualification.encode(4, true, true, true, true, 0x1_ffff) & 0xffff_ffff_0000_ff80L).isZero();
        assertThatThrownBy(() -> IoQualification.encode(3, true, false, false, false, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Table "Exit Qualification for EPT Violations". */
    @Test
    void eptViolationQualification() {
        // a load from a not-present page: bit 0 (read), no permission bits, bit 7 (linear valid), bit 8 (translation)
        assertThat(EptViolationQualification.dataAccess(false, Ept.NOT_PRESENT)).isEqualTo(0x181L);
        // a store to a not-present page: bit 1 (write)
        assertThat(EptViolationQualification.dataAccess(true, Ept.NOT_PRESENT)).isEqualTo(0x182L);
        // a store to a read-only page: bit 3 says the entry was readable
        assertThat(EptViolationQualification.dataAccess(true, Ept.READ)).isEqualTo(0x18aL);
        // a load from an execute-only page: bit 5
        assertThat(EptViolationQualification.dataAccess(false, Ept.EXECUTE)).isEqualTo(0x1a1L);
        assertThat(EptViolationQualification.dataAccess(false, Ept.WRITE | Ept.EXECUTE)).isEqualTo(0x1b1L);
        assertThat(EptViolationQualification.INSTRUCTION_FETCH).isEqualTo(4);
        assertThat(EptViolationQualification.NMI_UNBLOCKING_DUE_TO_IRET).isEqualTo(0x1000);
        long q = EptViolationQualification.dataAccess(true, Ept.READ | Ept.EXECUTE);
        assertThat(EptViolationQualification.write(q)).isTrue();
        assertThat(EptViolationQualification.read(q)).isFalse();
        assertThat(EptViolationQualification.permissions(q)).isEqualTo(5);
    }

    /** Table "Format of the VM-Entry Interruption-Information Field". */
    @Test
    void entryInterruptionInformation() {
        assertThat(InterruptionInfo.externalInterrupt(0x20)).isEqualTo(0x8000_0020);
        assertThat(InterruptionInfo.encode(2, InterruptionInfo.TYPE_NMI, false)).isEqualTo(0x8000_0202);
        // #GP (13) as a hardware exception with its error code: type 3 in 10:8, bit 11
        assertThat(InterruptionInfo.encode(13, InterruptionInfo.TYPE_HARDWARE_EXCEPTION, true)).isEqualTo(0x8000_0b0d);
        assertThat(InterruptionInfo.encode(0x80, InterruptionInfo.TYPE_SOFTWARE_INTERRUPT, false)).isEqualTo(0x8000_0480);
        assertThat(InterruptionInfo.encode(3, InterruptionInfo.TYPE_SOFTWARE_EXCEPTION, false)).isEqualTo(0x8000_0603);
        assertThat(InterruptionInfo.encode(1, InterruptionInfo.TYPE_PRIVILEGED_SOFTWARE_EXCEPTION, false))
                .isEqualTo(0x8000_0501);
        assertThat(InterruptionInfo.encode(0, InterruptionInfo.TYPE_OTHER_EVENT, false)).isEqualTo(0x8000_0700);
        int info = InterruptionInfo.encode(14, InterruptionInfo.TYPE_HARDWARE_EXCEPTION, true);
        assertThat(InterruptionInfo.valid(info)).isTrue();
        assertThat(InterruptionInfo.vector(info)).isEqualTo(14);
        assertThat(InterruptionInfo.type(info)).isEqualTo(3);
        assertThat(InterruptionInfo.deliversErrorCode(info)).isTrue();
        assertThat(InterruptionInfo.valid(info & ~InterruptionInfo.VALID)).isFalse();
        assertThatThrownBy(() -> InterruptionInfo.encode(0, 1, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InterruptionInfo.encode(0, 8, false)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Table "Format of Interruptibility State". */
    @Test
    void interruptibilityStateBits() {
        assertThat(Interruptibility.BLOCKING_BY_STI).isEqualTo(1);
        assertThat(Interruptibility.BLOCKING_BY_MOV_SS).isEqualTo(2);
        assertThat(Interruptibility.BLOCKING_BY_SMI).isEqualTo(4);
        assertThat(Interruptibility.BLOCKING_BY_NMI).isEqualTo(8);
    }

    /** The tables of pin-based, primary and secondary processor-based VM-execution controls. */
    @Test
    void executionControlBits() {
        assertThat(ExecutionControls.EXTERNAL_INTERRUPT_EXITING).isEqualTo(1);
        assertThat(ExecutionControls.NMI_EXITING).isEqualTo(8);
        assertThat(ExecutionControls.INTERRUPT_WINDOW_EXITING).isEqualTo(4);
        assertThat(ExecutionControls.HLT_EXITING).isEqualTo(0x80);
        assertThat(ExecutionControls.NMI_WINDOW_EXITING).isEqualTo(0x40_0000);
        assertThat(ExecutionControls.UNCONDITIONAL_IO_EXITING).isEqualTo(0x100_0000);
        assertThat(ExecutionControls.USE_IO_BITMAPS).isEqualTo(0x200_0000);
        assertThat(ExecutionControls.ACTIVATE_SECONDARY_CONTROLS).isEqualTo(0x8000_0000);
        assertThat(ExecutionControls.ENABLE_EPT).isEqualTo(2);
        assertThat(ExecutionControls.UNRESTRICTED_GUEST).isEqualTo(0x80);
    }

    /** Table "Format of the VM-Exit Instruction-Information Field as Used for INS and OUTS". */
    @Test
    void insOutsInstructionInformation() {
        assertThat(IoInstructionInfo.encode(2, IoInstructionInfo.ES)).isZero();
        assertThat(IoInstructionInfo.encode(4, IoInstructionInfo.ES)).isEqualTo(0x80);
        assertThat(IoInstructionInfo.encode(8, IoInstructionInfo.ES)).isEqualTo(0x100);
        assertThat(IoInstructionInfo.encode(4, IoInstructionInfo.DS)).isEqualTo(0x18080);
        assertThat(IoInstructionInfo.encode(2, IoInstructionInfo.GS)).isEqualTo(0x28000);
        assertThat(IoInstructionInfo.addressSize(0x100)).isEqualTo(8);
        assertThat(IoInstructionInfo.addressSize(0x18080)).isEqualTo(4);
        assertThat(IoInstructionInfo.addressSize(0)).isEqualTo(2);
        assertThat(IoInstructionInfo.segment(0x18080)).isEqualTo(IoInstructionInfo.DS);
        assertThatThrownBy(() -> IoInstructionInfo.encode(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Appendix "Field Encoding in VMCS". */
    @Test
    void vmreadFindsEachFieldByItsEncoding() {
        Vmcs vmcs = new Vmcs();
        vmcs.pinBasedControls = 1;
        vmcs.primaryControls = 0x8200_0000;
        vmcs.secondaryControls = 2;
        vmcs.entryInterruptionInfo = 0x8000_0020;
        vmcs.entryExceptionErrorCode = 5;
        vmcs.entryInstructionLength = 2;
        vmcs.guestInterruptibility = 1;
        vmcs.recordExit(ExitReason.IO_INSTRUCTION, 0x0080_0040L);
        vmcs.exitInstructionLength = 2;
        vmcs.exitInstructionInfo = 0x80;
        vmcs.guestLinearAddress = 0x1000;
        vmcs.guestPhysicalAddress = 0xfed0_0000L;
        assertThat(vmcs.vmread(0x4000)).isEqualTo(1);
        assertThat(vmcs.vmread(0x4002)).isEqualTo(0x8200_0000L);
        assertThat(vmcs.vmread(0x401e)).isEqualTo(2);
        // the exit cleared the valid bit of the injection field
        assertThat(vmcs.vmread(0x4016)).isEqualTo(0x20);
        assertThat(vmcs.vmread(0x4018)).isEqualTo(5);
        assertThat(vmcs.vmread(0x401a)).isEqualTo(2);
        assertThat(vmcs.vmread(0x4402)).isEqualTo(30);
        assertThat(vmcs.vmread(0x440c)).isEqualTo(2);
        assertThat(vmcs.vmread(0x440e)).isEqualTo(0x80);
        assertThat(vmcs.vmread(0x4824)).isEqualTo(1);
        assertThat(vmcs.vmread(0x2400)).isEqualTo(0xfed0_0000L);
        assertThat(vmcs.vmread(0x6400)).isEqualTo(0x0080_0040L);
        assertThat(vmcs.vmread(0x640a)).isEqualTo(0x1000);
        assertThatThrownBy(() -> vmcs.vmread(0x681e)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("681eh");
    }

    @Test
    void anExitClearsTheFieldsOfThePreviousOne() {
        Vmcs vmcs = new Vmcs();
        vmcs.recordExit(ExitReason.EPT_VIOLATION, 0x181);
        vmcs.guestPhysicalAddress = 0xfee0_0000L;
        vmcs.guestLinearAddress = 0xfee0_0000L;
        vmcs.exitInstructionLength = 9;
        vmcs.exitInstructionInfo = 3;
        vmcs.recordExit(ExitReason.INTERRUPT_WINDOW, 0);
        assertThat(vmcs.exitReason).isEqualTo(7);
        assertThat(vmcs.exitQualification).isZero();
        assertThat(vmcs.guestPhysicalAddress).isZero();
        assertThat(vmcs.guestLinearAddress).isZero();
        assertThat(vmcs.exitInstructionLength).isZero();
        assertThat(vmcs.exitInstructionInfo).isZero();
    }

    @Test
    void eptIsUsedOnlyWithTheSecondaryControlsActive() {
        Vmcs vmcs = new Vmcs();
        vmcs.secondaryControls = ExecutionControls.ENABLE_EPT;
        assertThat(vmcs.eptEnabled()).isFalse();
        vmcs.primaryControls = ExecutionControls.ACTIVATE_SECONDARY_CONTROLS;
        assertThat(vmcs.eptEnabled()).isTrue();
        vmcs.secondaryControls = 0;
        assertThat(vmcs.eptEnabled()).isFalse();
    }
}
