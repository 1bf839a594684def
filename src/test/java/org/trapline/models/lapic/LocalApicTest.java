package org.trapline.models.lapic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trapline.models.lapic.LocalApic.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.trapline.models.clock.Scheduler;
import org.trapline.models.clock.VirtualClock;
import org.trapline.models.irq.ApicMessage;
import org.trapline.models.irq.InterruptAcknowledge;
import org.trapline.models.machine.Machine;
import org.trapline.models.machine.MachineConfig;
import org.trapline.models.machine.Profile;

/** The local APIC in profile hardware, register by register and rule by rule (SDM Vol. 3A chapter 10). */
class LocalApicTest {
    /** A stand-in 8259A: INTR while {@code pending}, INTA answers {@code vector} and counts. */
    static final class FakePic implements InterruptAcknowledge {
        boolean pending;
        int vector = 0x08;
        int acks;

        @Override
        public boolean interruptRequested() {
            return pending;
        }

        @Override
        public int acknowledge() {
            acks++;
            pending = false;
            return vector;
        }
    }

    final FakePic pic = new FakePic();
    final VirtualClock clock = new VirtualClock();
    final Scheduler scheduler = new Scheduler(clock);
    final LocalApic apic = new LocalApic(0, Set.of(), pic, scheduler);
    final List<Integer> eois = new ArrayList<>();

    LocalApicTest() {
        apic.setEoiListener(eois::add);
    }

    LocalApic enabled() {
        apic.writeRegister(SVR, 0x1ff);
        return apic;
    }

    void fixed(int vector, boolean level) {
        apic.deliver(ApicMessage.of(0, false, vector, ApicMessage.FIXED, true, level));
    }

    @Test
    void resetValues() {
        // 10.4.7.1: ID from hardware, version hardwired, DFR all ones, SVR FFh, LVT masked, the rest 0.
        LocalApic bsp = new LocalApic(0x12, Set.of(), pic, scheduler);
        assertThat(bsp.readRegister(ID)).isEqualTo(0x1200_0000);
        assertThat(apic.readRegister(VERSION)).isEqualTo(0x0005_0014);
        assertThat(apic.readRegister(TPR)).isZero();
        assertThat(apic.readRegister(PPR)).isZero();
        assertThat(apic.readRegister(LDR)).isZero();
        assertThat(apic.readRegister(DFR)).isEqualTo(0xffff_ffff);
        assertThat(apic.readRegister(SVR)).isEqualTo(0xff);
        for (int off = LVT_TIMER; off <= LVT_ERROR; off += 0x10) {
            assertThat(apic.readRegister(off)).as("LVT %x", off).isEqualTo(0x0001_0000);
        }
        for (int i = 0; i < 8; i++) {
            assertThat(apic.readRegister(IRR + 16 * i) | apic.readRegister(ISR + 16 * i) | apic.readRegister(TMR + 16 * i)).isZero();
        }
        assertThat(apic.softwareEnabled()).isFalse();
    }

    @Test
    void registersKeepTheirWritableBitsOnly() {
        enabled();
        apic.writeRegister(ID, 0xffff_ffff);
        assertThat(apic.readRegister(ID)).isEqualTo(0xff00_0000);
        apic.writeRegister(ID, 0);
        apic.writeRegister(VERSION, 0);
        assertThat(apic.readRegister(VERSION)).isEqualTo(0x0005_0014);
        apic.writeRegister(TPR, 0xffff_ff5a);
        assertThat(apic.readRegister(TPR)).isEqualTo(0x5a);
        apic.writeRegister(LDR, 0xffff_ffff);
        assertThat(apic.readRegister(LDR)).isEqualTo(0xff00_0000);
        apic.writeRegister(DFR, 0);
        assertThat(apic.readRegister(DFR)).isEqualTo(0x0fff_ffff);
        apic.writeRegister(SVR, 0xffff_ffff);
        assertThat(apic.readRegister(SVR)).isEqualTo(0x3ff);
        apic.writeRegister(LVT_TIMER, 0xffff_ffff);
        assertThat(apic.readRegister(LVT_TIMER)).isEqualTo(0x0003_00ff);
        apic.writeRegister(LVT_LINT0, 0xffff_ffff);
        assertThat(apic.readRegister(LVT_LINT0)).isEqualTo(0x0001_a7ff);
        apic.writeRegister(LVT_ERROR, 0xffff_ffff);
        assertThat(apic.readRegister(LVT_ERROR)).isEqualTo(0x0001_00ff);
        apic.writeRegister(ICR_HIGH, 0xffff_ffff);
        assertThat(apic.readRegister(ICR_HIGH)).isEqualTo(0xff00_0000);
        apic.writeRegister(DIVIDE_CONFIGURATION, 0xffff_ffff);
        assertThat(apic.readRegister(DIVIDE_CONFIGURATION)).isEqualTo(0xb);
        apic.writeRegister(INITIAL_COUNT, 0x1234_5678);
        assertThat(apic.readRegister(INITIAL_COUNT)).isEqualTo(0x1234_5678);
        fixed(0x40, false);
        apic.writeRegister(IRR + 0x20, 0);
        assertThat(apic.readRegister(IRR + 0x20)).isEqualTo(1);
        assertThat(apic.readRegister(EOI)).isZero();
    }

    @Test
    void reservedSlotsReadZeroAndRecordAnIllegalRegisterAddress() {
        for (int off : new int[] {0x000, 0x010, 0x040, 0x070, 0x0c0, 0x290, 0x2f0, 0x3a0, 0x3f0, 0xff0}) {
            LocalApic a = new LocalApic(0, Set.of(), pic, scheduler);
            assertThat(a.readRegister(off)).as("%x", off).isZero();
            assertThat(a.readRegister(ESR)).isZero(); // not yet latched
            a.writeRegister(ESR, 0);
            assertThat(a.readRegister(ESR)).as("%x", off).isEqualTo(ESR_ILLEGAL_REGISTER_ADDRESS);
            a.writeRegister(ESR, 0);
            assertThat(a.readRegister(ESR)).isZero(); // the write clears what it latched before
        }
        apic.writeRegister(0x3b0, 1);
        apic.writeRegister(ESR, 0);
        assertThat(apic.readRegister(ESR)).isEqualTo(ESR_ILLEGAL_REGISTER_ADDRESS);
        // The other dwords of a register's slot are no register, but no error either.
        LocalApic a = new LocalApic(0, Set.of(), pic, scheduler);
        assertThat(a.readRegister(VERSION + 4)).isZero();
        a.writeRegister(ESR, 0);
        assertThat(a.readRegister(ESR)).isZero();
    }

    @Test
    void theRegisterPageAnswersByteAndWordReadsAndIgnoresNarrowWrites() {
        var page = apic.pageRegion().device();
        assertThat(page.read(VERSION, 4)).isEqualTo(0x0005_0014L);
        assertThat(page.read(VERSION, 1)).isEqualTo(0x14L);
        assertThat(page.read(VERSION + 2, 1)).isEqualTo(0x05L);
        assertThat(page.read(VERSION + 2, 2)).isEqualTo(0x0005L);
        page.write(TPR, 1, 0x50);
        assertThat(apic.readRegister(TPR)).isZero();
        page.write(TPR, 4, 0x50);
        assertThat(page.read(TPR, 4)).isEqualTo(0x50L);
        assertThat(apic.pageRegion().length()).isEqualTo(0x1000);
    }

    @Test
    void processorPriorityIsTheHigherOfTprAndTheInServiceClass() {
        // 10.8.3.1: PPR = TPR if TPR[7:4] >= ISRV[7:4], else ISRV[7:4]:0.
        enabled();
        apic.writeRegister(TPR, 0x35);
        assertThat(apic.processorPriority()).isEqualTo(0x35);
        fixed(0x52, false);
        assertThat(apic.acknowledge()).isEqualTo(0x52);
        assertThat(apic.readRegister(PPR)).isEqualTo(0x50);
        apic.writeRegister(TPR, 0x5f);
        assertThat(apic.readRegister(PPR)).isEqualTo(0x5f); // the same class: TPR with its sub-class
        apic.writeRegister(TPR, 0x4f);
        assertThat(apic.readRegister(PPR)).isEqualTo(0x50);
        apic.writeRegister(EOI, 0);
        assertThat(apic.readRegister(PPR)).isEqualTo(0x4f);
    }

    @Test
    void arbitrationPriorityFollowsFigure1015() {
        enabled();
        apic.writeRegister(TPR, 0x45);
        assertThat(apic.readRegister(APR)).isEqualTo(0x45);
        fixed(0x61, false);
        assertThat(apic.readRegister(APR)).isEqualTo(0x60); // IRRV's class above TPR's
        apic.acknowledge();
        // TPR[7:4]=4 < ISRV[7:4]=6, no IRR: max(4 AND 6, 0) = 4.
        assertThat(apic.readRegister(APR)).isEqualTo(0x40);
    }

    @Test
    void onlyAClassAboveThePprIsDelivered() {
        // 10.8.3.1/10.8.4: an IRR vector is dispatched when its priority class is above PPR[7:4].
        enabled();
        apic.writeRegister(TPR, 0x50);
        fixed(0x5f, false);
        assertThat(apic.interruptRequested()).isFalse();
        assertThat(apic.acknowledge()).isEqualTo(0xff); // spurious; ISR untouched
        assertThat(apic.highestIsr()).isEqualTo(-1);
        assertThat(apic.irr(0x5f)).isTrue();
        fixed(0x60, false);
        assertThat(apic.interruptRequested()).isTrue();
        assertThat(apic.acknowledge()).isEqualTo(0x60);
        assertThat(apic.isr(0x60)).isTrue();
        assertThat(apic.irr(0x60)).isFalse();
        apic.writeRegister(TPR, 0);
        assertThat(apic.interruptRequested()).as("5Fh is below the in-service 60h").isFalse();
        apic.writeRegister(EOI, 0);
        assertThat(apic.acknowledge()).isEqualTo(0x5f);
    }

    @Test
    void aHigherClassNestsAndTheSameClassWaits() {
        enabled();
        fixed(0x41, false);
        assertThat(apic.acknowledge()).isEqualTo(0x41);
        fixed(0x4e, false);
        assertThat(apic.interruptRequested()).as("same class as the one in service").isFalse();
        fixed(0x80, false);
        assertThat(apic.acknowledge()).isEqualTo(0x80);
        apic.writeRegister(EOI, 0);
        assertThat(apic.isr(0x80)).isFalse();
        assertThat(apic.isr(0x41)).isTrue();
        apic.writeRegister(EOI, 0);
        assertThat(apic.acknowledge()).isEqualTo(0x4e);
    }

    @Test
    void theSpuriousVectorComesFromTheSvr() {
        // 10.9: all eight bits of the vector are writable on the Pentium 4 and Xeon.
        apic.writeRegister(SVR, 0x132);
        assertThat(apic.acknowledge()).isEqualTo(0x32);
        assertThat(apic.highestIsr()).isEqualTo(-1);
    }

    @Test
    void eoiEndsTheHighestInServiceVectorAndBroadcastsOnlyLevelTriggeredOnes() {
        // 10.8.5: EOI clears the highest ISR bit; a set TMR bit sends the EOI to the IO-APIC.
        enabled();
        fixed(0x31, true);
        apic.acknowledge();
        fixed(0x71, false);
        apic.acknowledge();
        assertThat(apic.tmr(0x31)).isTrue();
        assertThat(apic.tmr(0x71)).isFalse();
        apic.writeRegister(EOI, 0);
        assertThat(eois).isEmpty();
        assertThat(apic.isr(0x71)).isFalse();
        apic.writeRegister(EOI, 0x1234);
        assertThat(eois).containsExactly(0x31);
        apic.writeRegister(EOI, 0);
        assertThat(eois).containsExactly(0x31); // nothing in service: nothing happens
    }

    @Test
    void anEdgeInterruptClearsTheTmrBitALevelOneLeft() {
        // 10.8.4: on acceptance into IRR the TMR bit is cleared for edge-, set for level-triggered interrupts.
        enabled();
        fixed(0x90, true);
        assertThat(apic.tmr(0x90)).isTrue();
        fixed(0x90, false);
        assertThat(apic.tmr(0x90)).isFalse();
    }

    @Test
    void irrAndIsrHoldOneInterruptEachPerVector() {
        // 10.8.4: the Pentium 4 queues two interrupts per vector, one in IRR and one in ISR; more collapse.
        enabled();
        fixed(0x50, false);
        apic.acknowledge();
        fixed(0x50, false);
        fixed(0x50, false);
        assertThat(apic.irr(0x50)).isTrue();
        assertThat(apic.isr(0x50)).isTrue();
        apic.writeRegister(EOI, 0);
        assertThat(apic.acknowledge()).isEqualTo(0x50);
        apic.writeRegister(EOI, 0);
        assertThat(apic.interruptRequested()).isFalse();
    }

    @Test
    void illegalVectorsAreRejected() {
        // 10.5.2: vectors 0-15 are reserved; receiving one records Receive Illegal Vector.
        enabled();
        fixed(0x0f, false);
        assertThat(apic.highestIrr()).isEqualTo(-1);
        apic.writeRegister(ESR, 0);
        assertThat(apic.readRegister(ESR)).isEqualTo(ESR_RECEIVE_ILLEGAL_VECTOR);
        apic.writeRegister(ICR_LOW, 0x0004_0005); // fixed self IPI, vector 5
        assertThat(apic.highestIrr()).isEqualTo(-1);
        apic.writeRegister(ESR, 0);
        assertThat(apic.readRegister(ESR)).isEqualTo(ESR_SEND_ILLEGAL_VECTOR);
    }

    @Test
    void anErrorDeliversTheLvtErrorInterrupt() {
        enabled();
        apic.writeRegister(LVT_ERROR, 0xfe);
        apic.readRegister(0x040);
        assertThat(apic.acknowledge()).isEqualTo(0xfe);
        apic.readRegister(0x040); // the same error again before the ESR write: no second interrupt
        apic.writeRegister(EOI, 0);
        assertThat(apic.interruptRequested()).isFalse();
    }

    @Test
    void physicalAndLogicalDestinations() {
        // 10.6.2.1 physical: the APIC ID or FFh; 10.6.2.2 logical: flat (DFR 1111b) and cluster (0000b).
        LocalApic a = new LocalApic(3, Set.of(), pic, scheduler);
        assertThat(a.isDestination(3, false)).isTrue();
        assertThat(a.isDestination(0xff, false)).isTrue();
        assertThat(a.isDestination(2, false)).isFalse();
        assertThat(a.isDestination(0xff, true)).as("LDR 0 is no logical destination").isFalse();
        a.writeRegister(LDR, 0x0400_0000);
        assertThat(a.isDestination(0x04, true)).isTrue();
        assertThat(a.isDestination(0x0c, true)).isTrue();
        assertThat(a.isDestination(0x03, true)).isFalse();
        assertThat(a.isDestination(0xff, true)).isTrue();
        a.writeRegister(DFR, 0x0fff_ffff);
        a.writeRegister(LDR, 0x2100_0000); // cluster 2, member bit 0
        assertThat(a.isDestination(0x21, true)).isTrue();
        assertThat(a.isDestination(0x23, true)).isTrue();
        assertThat(a.isDestination(0x11, true)).isFalse();
        assertThat(a.isDestination(0x22, true)).isFalse();
    }

    @Test
    void messagesToAnotherApicAreNotAccepted() {
        enabled();
        apic.deliver(ApicMessage.of(1, false, 0x40, ApicMessage.FIXED, true, false));
        assertThat(apic.highestIrr()).isEqualTo(-1);
        apic.deliver(ApicMessage.of(0xff, false, 0x40, ApicMessage.LOWEST_PRIORITY, true, false));
        assertThat(apic.irr(0x40)).isTrue();
    }

    @Test
    void nmiSmiAndInitBypassIrr() {
        enabled();
        apic.deliver(ApicMessage.of(0, false, 0x40, ApicMessage.NMI, true, false));
        apic.deliver(ApicMessage.of(0, false, 0x40, ApicMessage.SMI, true, false));
        assertThat(apic.nmiPending()).isTrue();
        assertThat(apic.smiPending()).isTrue();
        assertThat(apic.highestIrr()).isEqualTo(-1);
        apic.acknowledgeNmi();
        apic.acknowledgeSmi();
        assertThat(apic.nmiPending() || apic.smiPending()).isFalse();
        apic.writeRegister(ID, 0x0700_0000);
        apic.writeRegister(TPR, 0x20);
        apic.deliver(ApicMessage.of(7, false, 0, ApicMessage.INIT, false, true)); // INIT level de-assert: ignored
        assertThat(apic.initPending()).isFalse();
        apic.deliver(ApicMessage.of(7, false, 0, ApicMessage.INIT, true, false));
        assertThat(apic.initPending()).isTrue();
        // 10.4.7.3: INIT resets the APIC except its ID.
        assertThat(apic.readRegister(ID)).isEqualTo(0x0700_0000);
        assertThat(apic.readRegister(TPR)).isZero();
        assertThat(apic.readRegister(SVR)).isEqualTo(0xff);
        apic.acknowledgeInit();
        assertThat(apic.initPending()).isFalse();
        apic.reset();
        assertThat(apic.readRegister(ID)).isZero();
    }

    @Test
    void lint0InExtIntModeIsVirtualWire() {
        // 10.5.1 ExtINT: level-sensitive; the INTA cycle goes to the external 8259A, which supplies the vector.
        enabled();
        apic.writeRegister(LVT_LINT0, 0x700);
        apic.lint0().setLevel(true);
        pic.pending = true;
        assertThat(apic.interruptRequested()).isTrue();
        apic.writeRegister(TPR, 0xff); // ExtINT ignores the priorities
        assertThat(apic.interruptRequested()).isTrue();
        assertThat(apic.acknowledge()).isEqualTo(0x08);
        assertThat(pic.acks).isEqualTo(1);
        assertThat(apic.highestIsr()).isEqualTo(-1);
        apic.lint0().setLevel(false);
        assertThat(apic.interruptRequested()).isFalse();
        apic.lint0().setLevel(true);
        apic.writeRegister(LVT_LINT0, 0x1_0700);
        assertThat(apic.interruptRequested()).as("masked").isFalse();
    }

    @Test
    void softwareDisablingMasksTheLvtSoLint0StopsPassingThe8259() {
        // 10.4.7.2: the mask bits of all LVT entries are set and cannot be cleared while software-disabled.
        enabled();
        apic.writeRegister(LVT_LINT0, 0x700);
        apic.writeRegister(SVR, 0xff);
        assertThat(apic.readRegister(LVT_LINT0)).isEqualTo(0x1_0700);
        apic.writeRegister(LVT_LINT0, 0x700);
        assertThat(apic.readRegister(LVT_LINT0)).isEqualTo(0x1_0700);
        apic.lint0().setLevel(true);
        assertThat(apic.interruptRequested()).isFalse();
        enabled();
        assertThat(apic.readRegister(LVT_LINT0)).as("re-enabling leaves them masked").isEqualTo(0x1_0700);
        apic.writeRegister(LVT_LINT0, 0x700);
        assertThat(apic.interruptRequested()).isTrue();
    }

    @Test
    void aSoftwareDisabledApicTakesNoFixedInterruptsButHoldsItsIrr() {
        enabled();
        fixed(0x40, false);
        apic.writeRegister(SVR, 0xff);
        fixed(0x50, false);
        assertThat(apic.irr(0x50)).isFalse();
        assertThat(apic.irr(0x40)).isTrue();
        assertThat(apic.interruptRequested()).isFalse();
        apic.deliver(ApicMessage.of(0, false, 0, ApicMessage.NMI, true, false));
        assertThat(apic.nmiPending()).isTrue();
        enabled();
        assertThat(apic.acknowledge()).isEqualTo(0x40);
    }

    @Test
    void anExtIntMessageRunsTheInta() {
        enabled();
        pic.vector = 0x20;
        apic.deliver(ApicMessage.of(0, false, 0x99, ApicMessage.EXT_INT, true, false));
        assertThat(apic.irr(0x99)).isFalse();
        assertThat(apic.interruptRequested()).isTrue();
        assertThat(apic.acknowledge()).isEqualTo(0x20);
        assertThat(apic.interruptRequested()).isFalse();
    }

    @Test
    void lintPinsInFixedNmiAndLevelModes() {
        enabled();
        apic.writeRegister(LVT_LINT1, 0x400); // NMI
        apic.lint1().setLevel(true);
        assertThat(apic.nmiPending()).isTrue();
        apic.writeRegister(LVT_LINT0, 0x45); // fixed, edge
        apic.lint0().setLevel(true);
        apic.lint0().setLevel(true);
        assertThat(apic.acknowledge()).isEqualTo(0x45);
        apic.writeRegister(EOI, 0);
        assertThat(apic.interruptRequested()).isFalse();
        // Fixed, level: Remote IRR while accepted; the EOI clears it and the pin, still high, asks again.
        apic.lint0().setLevel(false);
        apic.writeRegister(LVT_LINT0, 0x8046);
        apic.lint0().setLevel(true);
        assertThat(apic.readRegister(LVT_LINT0) & 1 << 14).isNotZero();
        assertThat(apic.acknowledge()).isEqualTo(0x46);
        apic.writeRegister(EOI, 0);
        assertThat(eois).containsExactly(0x46);
        assertThat(apic.irr(0x46)).isTrue();
        apic.lint0().setLevel(false);
        assertThat(apic.acknowledge()).isEqualTo(0x46);
        apic.writeRegister(EOI, 0);
        assertThat(apic.readRegister(LVT_LINT0) & 1 << 14).isZero();
        assertThat(apic.interruptRequested()).isFalse();
    }

    @Test
    void selfIpisThroughTheIcr() {
        // 10.6.1: shorthand 01b self, 10b all including self, 11b all excluding self; 00b the destination field.
        enabled();
        apic.writeRegister(ICR_LOW, 0x0004_0061);
        assertThat(apic.irr(0x61)).isTrue();
        apic.writeRegister(ICR_LOW, 0x0008_0062);
        assertThat(apic.irr(0x62)).isTrue();
        apic.writeRegister(ICR_LOW, 0x000c_0063);
        assertThat(apic.irr(0x63)).isFalse();
        apic.writeRegister(ICR_HIGH, 0);
        apic.writeRegister(ICR_LOW, 0x0000_8064); // level, to APIC 0
        assertThat(apic.irr(0x64)).isTrue();
        assertThat(apic.tmr(0x64)).isTrue();
        apic.writeRegister(ICR_HIGH, 0x0100_0000);
        apic.writeRegister(ICR_LOW, 0x0000_0065);
        assertThat(apic.irr(0x65)).isFalse();
        apic.writeRegister(ICR_LOW, 0x0004_0400);
        assertThat(apic.nmiPending()).isTrue();
        assertThat(apic.readRegister(ICR_LOW) & 1 << 12).as("delivery status idle").isZero();
    }

    @Test
    void aGloballyDisabledApicIsAProcessorWithoutOne() {
        // 10.4.3: IA32_APIC_BASE[11]=0: LINT0 is INTR, LINT1 NMI, the page and the messages are gone.
        enabled();
        fixed(0x40, false);
        apic.setGloballyEnabled(false);
        assertThat(apic.globallyEnabled()).isFalse();
        assertThat(apic.readRegister(VERSION)).isEqualTo(0xffff_ffff);
        apic.writeRegister(SVR, 0x1ff);
        fixed(0x50, false);
        apic.lint0().setLevel(true);
        pic.pending = true;
        assertThat(apic.interruptRequested()).isTrue();
        assertThat(apic.acknowledge()).isEqualTo(0x08);
        apic.lint1().setLevel(true);
        assertThat(apic.nmiPending()).isTrue();
        apic.setGloballyEnabled(true);
        assertThat(apic.readRegister(SVR)).isEqualTo(0xff);
        assertThat(apic.highestIrr()).isEqualTo(-1);
    }

    @Test
    void theMessageWindowTurnsDwordWritesIntoMessages() {
        List<ApicMessage> sent = new ArrayList<>();
        MessageWindow window = new MessageWindow(Set.of(), sent::add);
        var dev = window.region().device();
        dev.write(0xff000, 4, 0xc041);
        dev.write(0xff000, 2, 0x41);
        assertThat(sent).containsExactly(new ApicMessage(0xfeeff000L, 0xc041));
        assertThat(sent.get(0).destinationId()).isEqualTo(0xff);
        assertThat(dev.read(0x1000, 4)).isEqualTo(-1L);
        assertThat(window.region().length()).isEqualTo(0x10_0000);
        assertThat(window.registers()).containsEntry("messages", "1");
    }

    @Test
    void reportsNameTheSdmRegisters() {
        enabled();
        fixed(0x41, false);
        assertThat(apic.registers()).containsKeys("ID", "TPR", "PPR", "SVR", "IRR", "ISR", "TMR", "LVT LINT0")
                .containsEntry("SVR", "0x000001ff")
                .containsEntry("IRR", "0".repeat(40) + "00000002" + "0".repeat(16));
        assertThat(apic.deviceName()).isEqualTo("lapic");
    }

    @Test
    void virtualWireModeOnTheBoard() {
        // The 8259A pair's INT on LINT0 (ExtINT): the acknowledge is the pair's INTA cycle.
        for (Profile profile : Profile.values()) {
            Machine m = profile.build(MachineConfig.defaults());
            int[] icws = {0x11, 0x08, 0x04, 0x01};
            for (int i = 0; i < 4; i++) {
                m.io().write(i == 0 ? 0x20 : 0x21, 1, icws[i]);
            }
            m.io().write(0x21, 1, 0xfd); // only IRQ1
            m.isaIrq(1).raise();
            assertThat(m.interruptController().interruptRequested()).as("%s: LINT0 masked after reset", profile).isFalse();
            m.lapic().writeRegister(SVR, 0x1ff);
            m.lapic().writeRegister(LVT_LINT0, 0x700);
            assertThat(m.interruptController().interruptRequested()).as("%s", profile).isTrue();
            assertThat(m.interruptController().acknowledge()).isEqualTo(0x09);
            assertThat(m.pic().master().registers()).containsEntry("ISR", "0x02");
            assertThat(m.interruptController().interruptRequested()).isFalse();
            m.reset();
            assertThat(m.lapic().readRegister(LVT_LINT0)).isEqualTo(0x1_0000);
        }
    }

    @Test
    void theTimerCountsDownOnTheBusClockAndInterruptsAtZero() {
        // 10.5.4: one-shot mode, divide by 1 (DCR 1011b), the 100 MHz bus clock: a tick every 10 ns.
        enabled();
        apic.writeRegister(DIVIDE_CONFIGURATION, 0xb);
        apic.writeRegister(LVT_TIMER, 0x30);
        apic.writeRegister(INITIAL_COUNT, 100);
        assertThat(apic.readRegister(CURRENT_COUNT)).isEqualTo(100);
        scheduler.advanceTo(505);
        assertThat(apic.readRegister(CURRENT_COUNT)).isEqualTo(50);
        scheduler.advanceTo(999);
        assertThat(apic.readRegister(CURRENT_COUNT)).isEqualTo(1);
        assertThat(apic.irr(0x30)).isFalse();
        scheduler.advanceTo(1000);
        assertThat(apic.readRegister(CURRENT_COUNT)).isZero();
        assertThat(apic.irr(0x30)).isTrue();
        assertThat(apic.tmr(0x30)).isFalse();
        assertThat(apic.acknowledge()).isEqualTo(0x30);
        apic.writeRegister(EOI, 0);
        scheduler.advanceTo(100_000);
        assertThat(apic.readRegister(CURRENT_COUNT)).as("one-shot stays at 0").isZero();
        assertThat(apic.interruptRequested()).isFalse();
    }

    @Test
    void aPeriodicTimerReloadsAndAZeroCountStopsIt() {
        enabled();
        apic.writeRegister(DIVIDE_CONFIGURATION, 0); // divide by 2: 20 ns a tick
        apic.writeRegister(LVT_TIMER, 0x2_0031);
        apic.writeRegister(INITIAL_COUNT, 10);
        scheduler.advanceTo(250);
        assertThat(apic.readRegister(CURRENT_COUNT)).isEqualTo(8); // 12 ticks: reloaded after 10, 2 more
        assertThat(apic.acknowledge()).isEqualTo(0x31);
        apic.writeRegister(EOI, 0);
        scheduler.advanceTo(400);
        assertThat(apic.irr(0x31)).isTrue();
        apic.acknowledge();
        apic.writeRegister(EOI, 0);
        apic.writeRegister(INITIAL_COUNT, 0);
        scheduler.advanceTo(10_000);
        assertThat(apic.readRegister(CURRENT_COUNT)).isZero();
        assertThat(apic.interruptRequested()).isFalse();
    }

    @Test
    void aMaskedTimerCountsWithoutInterrupting() {
        enabled();
        apic.writeRegister(DIVIDE_CONFIGURATION, 0xb);
        apic.writeRegister(LVT_TIMER, 0x1_0032);
        apic.writeRegister(INITIAL_COUNT, 5);
        scheduler.advanceTo(30);
        assertThat(apic.readRegister(CURRENT_COUNT)).isEqualTo(2);
        scheduler.advanceTo(60);
        assertThat(apic.readRegister(CURRENT_COUNT)).isZero();
        assertThat(apic.highestIrr()).isEqualTo(-1);
    }

    @Test
    void theDivideConfigurationTable() {
        // Figure 10-10: 000b /2, 001b /4, 010b /8, 011b /16, 100b /32, 101b /64, 110b /128, 111b /1 (bits 3, 1, 0).
        int[] dcr = {0x0, 0x1, 0x2, 0x3, 0x8, 0x9, 0xa, 0xb};
        int[] by = {2, 4, 8, 16, 32, 64, 128, 1};
        for (int i = 0; i < 8; i++) {
            assertThat(ApicTimer.divisor(dcr[i])).as("DCR %x", dcr[i]).isEqualTo(by[i]);
        }
    }
}
