package org.trapline.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.trapline.models.machine.MachineConfig;
import org.trapline.models.machine.Profile;
import org.trapline.qtest.PortAccess;
import org.trapline.qtest.PortAnswer;

class ModelTargetTest {
    private final ModelTarget qemuPc = new ModelTarget(Profile.QEMU_PC, MachineConfig.defaults(), false);
    private final ModelTarget clockDriven = new ModelTarget(Profile.QEMU_PC, MachineConfig.defaults(), true);

    @Test
    void memoryCommandsReachRamAsQemuAnswersThem() throws Exception {
        assertThat(qemuPc.send("write 0x1000 3 0x010203").response()).isEqualTo("OK");
        assertThat(qemuPc.send("read 0x1000 4").response()).isEqualTo("OK 0x01020300");
        assertThat(qemuPc.send("b64write 0x1000 2 AQI=").response()).isEqualTo("OK");
        assertThat(qemuPc.send("readl 0x1000").response()).isEqualTo("OK 0x0000000000030201");
        assertThat(qemuPc.send("memset 0x1000 2 0x55").response()).isEqualTo("OK");
        assertThat(qemuPc.send("readl 0x1000").response()).isEqualTo("OK 0x0000000000035555");
        assertThat(qemuPc.send("writeq 0x1000 0x1122334455667788").response()).isEqualTo("OK");
        assertThat(qemuPc.send("readq 0x1000").response()).isEqualTo("OK 0x1122334455667788");
        assertThat(qemuPc.send("readb 0x1007").response()).isEqualTo("OK 0x0000000000000011");
        assertThat(qemuPc.send("b64read 0x1000 4").response()).isEqualTo("OK iHdmVQ==");
        assertThat(qemuPc.send("writew 0x2000 0xbeef").response()).isEqualTo("OK");
        assertThat(qemuPc.send("readw 0x2000").response()).isEqualTo("OK 0x000000000000beef");
    }

    @Test
    void unassignedAddressesReadAsQemuReadsThemUnderQemuPcAndFloatHighOnHardware() throws Exception {
        assertThat(qemuPc.send("readb 0x8000000").response()).isEqualTo("OK 0x0000000000000000");
        assertThat(qemuPc.send("inb 0x80").response()).isEqualTo("OK 0x00ff");
        assertThat(qemuPc.send("inw 0xffff").response()).isEqualTo("OK 0x00ff");
        assertThat(qemuPc.send("inl 0xfffe").response()).isEqualTo("OK 0xffff");
        ModelTarget hardware = new ModelTarget(Profile.HARDWARE, MachineConfig.defaults(), true);
        assertThat(hardware.send("readb 0x8000000").response()).isEqualTo("OK 0x00000000000000ff");
        assertThat(hardware.send("inw 0xffff").response()).isEqualTo("OK 0xffff");
        assertThat(hardware.machine().mmio().unclaimedReads()).isEqualTo(1);
    }

    @Test
    void aPackedPortCommandIsAnsweredAsTheCommandItStandsFor() throws Exception {
        assertThat(qemuPc.sendPort(PortAccess.write(0x20, 1, 0x11)).response()).isEqualTo("OK"); // ICW1
        assertThat(qemuPc.sendPort(PortAccess.write(0x21, 1, 0x08)).response()).isEqualTo("OK"); // ICW2
        assertThat(qemuPc.sendPort(PortAccess.write(0x21, 1, 0x04)).response()).isEqualTo("OK"); // ICW3
        assertThat(qemuPc.sendPort(PortAccess.write(0x21, 1, 0x01)).response()).isEqualTo("OK"); // ICW4
        assertThat(qemuPc.sendPort(PortAccess.write(0x21, 1, 0xfb)).response()).isEqualTo("OK");
        assertThat(qemuPc.send("inb 0x21").response()).isEqualTo("OK 0x00fb");
        var stateAfterCommand = qemuPc.describeState();
        assertThat(qemuPc.sendPort(PortAccess.read(0x21, 1)).response()).isEqualTo("OK 0x00fb");
        assertThat(qemuPc.describeState()).isEqualTo(stateAfterCommand).hasSizeLessThan(qemuPc.machine().devices().size());
        assertThat(qemuPc.sendPort(PortAccess.write(0xcf8, 4, 0x80000000L)).response()).isEqualTo("OK");
        assertThat(qemuPc.sendPort(PortAccess.read(0xcfc, 4)).response()).isEqualTo("OK 0x12378086");
    }

    @Test
    void aPackedPortCommandAnsweredAsANumberIsTheAnswerSendPortGives() throws Exception {
        ModelTarget asText = new ModelTarget(Profile.QEMU_PC, MachineConfig.defaults(), false);
        long[] accesses = {PortAccess.write(0x20, 1, 0x11), PortAccess.write(0x21, 1, 0x08), PortAccess.write(0x21, 1, 0x04),
            PortAccess.write(0x21, 1, 0x01), PortAccess.write(0x21, 1, 0xfb), PortAccess.read(0x21, 1), PortAccess.read(0x21, 2),
            PortAccess.write(0xcf8, 4, 0x80000000L), PortAccess.read(0xcfc, 4), PortAccess.read(0xcfe, 2), PortAccess.read(0x80, 4)};
        for (long access : accesses) {
            long answer = qemuPc.answerPort(access);
            assertThat(PortAnswer.text(answer)).isEqualTo(asText.sendPort(access).response());
            assertThat(qemuPc.describeState()).isEqualTo(asText.describeState());
        }
        assertThat(qemuPc.answerPort(PortAccess.read(0xcfc, 4))).isEqualTo(0x12378086L);
        assertThat(qemuPc.answerPort(PortAccess.write(0xcfc, 4, 0))).isEqualTo(PortAnswer.OK);
    }

    @Test
    void theEdgesOfACommandAnsweredAsANumberDoNotReachTheNextCommandsWindow() throws Exception {
        assertThat(qemuPc.send("irq_intercept_out /machine/unattached/device[6]").response()).isEqualTo("OK");
        assertThat(qemuPc.send("outb 0x20 0x11").response()).isEqualTo("OK"); // ICW1, then ICW2-4: IMR 00h
        qemuPc.send("outb 0x21 0x08");
        qemuPc.send("outb 0x21 0x04");
        qemuPc.send("outb 0x21 0x01");
        assertThat(qemuPc.send("set_irq_in /machine/unattached/device[6] unnamed-gpio-in 3 1").irqEvents())
                .containsExactly("IRQ raise 0"); // the master's INT
        qemuPc.answerPort(PortAccess.write(0x21, 1, 0xff)); // masking IR3 lowers INT
        assertThat(qemuPc.sendPort(PortAccess.read(0x21, 1)).irqEvents()).isEmpty();
        assertThat(qemuPc.sendPort(PortAccess.write(0x21, 1, 0x00)).irqEvents()).containsExactly("IRQ raise 0");
    }

    @Test
    void portWritesToNothingAreAcceptedAndDropped() throws Exception {
        assertThat(qemuPc.send("outb 0x2f0 0x12").response()).isEqualTo("OK");
        assertThat(qemuPc.machine().io().unclaimedWrites()).isEqualTo(1);
    }

    @Test
    void underAFrozenQemuTheClockCommandsAreUnknownAsQemuAnswers() throws Exception {
        assertThat(qemuPc.send("clock_step 10").response()).isEqualTo("FAIL Unknown command 'clock_step'");
        assertThat(qemuPc.send("clock_set 10").response()).isEqualTo("FAIL Unknown command 'clock_set'");
        assertThat(qemuPc.machine().clock().nowNs()).isZero();
    }

    @Test
    void underTheQtestAcceleratorTheClockMovesOnlyWhenTold() throws Exception {
        ModelTarget clocked = new ModelTarget(Profile.QEMU_PC, MachineConfig.defaults(), true);
        assertThat(clocked.send("clock_step 10").response()).isEqualTo("OK 10");
        assertThat(clocked.send("clock_set 1000").response()).isEqualTo("OK 1000");
        assertThat(clocked.send("clock_set 5").response()).isEqualTo("OK 1000");
        assertThat(clocked.send("clock_step").response()).startsWith("OK ");
    }

    @Test
    void interceptedInputsReportTheirEdgesInTheCommandsWindow() throws Exception {
        assertThat(qemuPc.send("irq_intercept_in ioapic").response()).isEqualTo("OK");
        Reply raise = qemuPc.send("set_irq_in ioapic unnamed-gpio-in 3 1");
        assertThat(raise.response()).isEqualTo("OK");
        assertThat(raise.irqEvents()).containsExactly("IRQ raise 3");
        assertThat(qemuPc.send("set_irq_in ioapic unnamed-gpio-in 3 1").irqEvents()).isEmpty();
        assertThat(qemuPc.send("set_irq_in ioapic unnamed-gpio-in 3 2").irqEvents()).containsExactly("IRQ raise 3");
        assertThat(qemuPc.send("set_irq_in ioapic unnamed-gpio-in 23 0").irqEvents()).isEmpty();
        assertThat(qemuPc.send("set_irq_in ioapic unnamed-gpio-in 3 0").irqEvents()).containsExactly("IRQ lower 3");
        assertThat(qemuPc.send("irq_intercept_in ioapic").response()).isEqualTo("OK");
        assertThat(qemuPc.send("irq_intercept_in /machine/unattached/device[6]").response())
                .isEqualTo("FAIL IRQ intercept already enabled");
    }

    @Test
    void unknownObjectsFailAsInQemu() throws Exception {
        assertThat(qemuPc.send("set_irq_in /machine/unattached/device[99] unnamed-gpio-in 1 1").response())
                .isEqualTo("FAIL Unknown device");
        assertThat(qemuPc.send("irq_intercept_in /machine/unattached/device[99]").response())
                .isEqualTo("FAIL Unknown device");
        assertThat(qemuPc.send("endianness").response()).isEqualTo("OK little");
    }

    @Test
    void whatWouldAbortQemuIsRefusedAsUnusable() {
        assertThatThrownBy(() -> qemuPc.send("set_irq_in /machine/unattached/device[6] unnamed-gpio-in 9 1"))
                .isInstanceOf(TargetException.class).hasMessage("/machine/unattached/device[6] has 8 inputs; there is no input 9");
        assertThatThrownBy(() -> qemuPc.send("set_irq_in /machine/unattached/device[6] bogus 1 1"))
                .isInstanceOf(TargetException.class).hasMessageContaining("no GPIO input group 'bogus'");
        assertThatThrownBy(() -> qemuPc.send("inb 0x10000"))
                .isInstanceOf(TargetException.class).hasMessage("port 0x10000 is past 0xffff");
    }

    @Test
    void itNamesItselfAndShowsItsDevices() {
        assertThat(qemuPc.name()).isEqualTo("model(qemu-pc)");
        assertThat(qemuPc.describeState()).allSatisfy(line -> assertThat(line).contains(":"));
        qemuPc.close();
    }

    @Test
    void interceptedOutputsReportThePicsIntAsQemuDoes() throws Exception {
        assertThat(qemuPc.send("irq_intercept_out /machine/unattached/device[6]").response()).isEqualTo("OK");
        for (String init : new String[] {"outb 0x20 0x11", "outb 0x21 0x08", "outb 0x21 0x04", "outb 0x21 0x01"}) {
            assertThat(qemuPc.send(init).irqEvents()).isEmpty();
        }
        assertThat(qemuPc.send("set_irq_in /machine/unattached/device[6] unnamed-gpio-in 3 1").irqEvents())
                .containsExactly("IRQ raise 0");
        assertThat(qemuPc.send("outb 0x21 0x08").irqEvents()).containsExactly("IRQ lower 0");
        assertThat(qemuPc.send("outb 0x21 0x00").irqEvents()).containsExactly("IRQ raise 0");
        qemuPc.send("outb 0x20 0x0c");
        Reply poll = qemuPc.send("inb 0x20");
        assertThat(poll.response()).isEqualTo("OK 0x0083");
        assertThat(poll.irqEvents()).containsExactly("IRQ lower 0");
        assertThat(qemuPc.send("irq_intercept_in ioapic").response()).isEqualTo("FAIL IRQ intercept already enabled");
        assertThat(qemuPc.send("irq_intercept_out /machine/unattached/device[6]").response()).isEqualTo("OK");
    }

    @Test
    void theSlavesInterceptedIntStillReachesTheMaster() throws Exception {
        qemuPc.send("irq_intercept_out /machine/unattached/device[7]");
        for (String init : new String[] {"outb 0xa0 0x11", "outb 0xa1 0x70", "outb 0xa1 0x02", "outb 0xa1 0x01"}) {
            qemuPc.send(init);
        }
        assertThat(qemuPc.send("set_irq_in /machine/unattached/device[7] unnamed-gpio-in 1 1").irqEvents())
                .containsExactly("IRQ raise 0");
        qemuPc.send("outb 0x20 0x0a");
        assertThat(qemuPc.send("inb 0x20").response()).isEqualTo("OK 0x0004");
    }

    @Test
    void aDeviceWithNoOutputsCanStillBeTheInterceptedOne() throws Exception {
        assertThat(qemuPc.send("irq_intercept_out ioapic").response()).isEqualTo("OK");
        assertThat(qemuPc.send("set_irq_in ioapic unnamed-gpio-in 3 1").irqEvents()).isEmpty();
        assertThat(qemuPc.send("irq_intercept_in ioapic").response()).isEqualTo("OK");
        assertThat(qemuPc.send("irq_intercept_in /machine/ioapic").response()).isEqualTo("FAIL Unknown device");
    }

    /** Measured on QEMU 7.2 with -accel qtest: a step that overflows the clock answers the time unchanged. */
    @Test
    void aClockStepPastTheEndOfTheClockLeavesItWhereItIs() throws Exception {
        assertThat(clockDriven.send("clock_step 27462700").response()).isEqualTo("OK 27462700");
        assertThat(clockDriven.send("clock_step 9223372036854775807").response()).isEqualTo("OK 27462700");
        assertThat(clockDriven.send("inb 0x40").response()).isEqualTo("OK 0x0002");
    }

    @Test
    void intaIsTheCpusAcknowledgeAndAnswersTheVector() throws Exception {
        for (String icw : new String[] {"outb 0x20 0x11", "outb 0x21 0x08", "outb 0x21 0x04", "outb 0x21 0x01"}) {
            qemuPc.send(icw);
        }
        qemuPc.send("set_irq_in /machine/unattached/device[6] unnamed-gpio-in 5 1");
        assertThat(qemuPc.send("inta")).isEqualTo(Reply.of("OK 0x000d"));
        qemuPc.send("outb 0x20 0x0b");
        assertThat(qemuPc.send("inb 0x20")).isEqualTo(Reply.of("OK 0x0020"));
        assertThat(qemuPc.send("inta")).as("nothing requested: the master's IR7 vector").isEqualTo(Reply.of("OK 0x000f"));
    }

    @Test
    void theStateShownIsThatOfTheDevicesTheLastCommandReached() throws Exception {
        qemuPc.send("outl 0xcf8 0x80000800");
        assertThat(qemuPc.describeState()).extracting(l -> l.substring(0, l.indexOf(':')))
                .containsExactly("pci-host", "piix3-isa");
        assertThat(qemuPc.describeState().get(0)).isEqualTo("pci-host: CONFIG_ADDRESS=0x80000800 RC=0x00");
        qemuPc.send("outl 0xcf8 0x80001800");
        assertThat(qemuPc.describeState()).extracting(l -> l.substring(0, l.indexOf(':'))).containsExactly("pci-host");
        qemuPc.send("inb 0xa1");
        assertThat(qemuPc.describeState()).extracting(l -> l.substring(0, l.indexOf(':')))
                .containsExactly("pic-master", "pic-slave");
        qemuPc.send("inb 0x4d1");
        assertThat(qemuPc.describeState()).hasSize(2);
        qemuPc.send("set_irq_in /machine/unattached/device[7] unnamed-gpio-in 1 1");
        assertThat(qemuPc.describeState()).hasSize(2).allMatch(l -> l.startsWith("pic-"));
        qemuPc.send("inb 0x61");
        assertThat(qemuPc.describeState()).extracting(l -> l.substring(0, l.indexOf(':'))).containsExactly("pit");
        qemuPc.send("inb 0x71");
        assertThat(qemuPc.describeState()).extracting(l -> l.substring(0, l.indexOf(':'))).containsExactly("rtc");
        clockDriven.send("clock_step 1000");
        assertThat(clockDriven.describeState()).extracting(l -> l.substring(0, l.indexOf(':')))
                .containsExactlyInAnyOrder("pit", "rtc", "piix4-pm-io", "hpet", "lapic");
        qemuPc.send("outl 0xcf8 0x80000b40");
        qemuPc.send("outl 0xcfc 0x601");
        qemuPc.send("outl 0xcf8 0x80000b80");
        qemuPc.send("outb 0xcfc 0x1");
        qemuPc.send("inl 0x608");
        assertThat(qemuPc.describeState()).as("the PM registers where the guest put them")
                .extracting(l -> l.substring(0, l.indexOf(':'))).containsExactly("piix4-pm-io");
        qemuPc.send("readl 0x1000");
        assertThat(qemuPc.describeState()).hasSize(qemuPc.machine().devices().size());
        qemuPc.send("inb 0x2f0");
        assertThat(qemuPc.describeState()).hasSize(qemuPc.machine().devices().size());
        qemuPc.send("inb 0x64");
        assertThat(qemuPc.describeState()).extracting(l -> l.substring(0, l.indexOf(':'))).containsExactly("i8042");
        qemuPc.send("inb 0x80");
        assertThat(qemuPc.describeState()).extracting(l -> l.substring(0, l.indexOf(':'))).containsExactly("port80");
    }

    @Test
    void theSlavesIntArrivesOnTheMastersInterceptedInputTwo() throws Exception {
        qemuPc.send("irq_intercept_in /machine/unattached/device[6]");
        for (String init : new String[] {"outb 0xa0 0x11", "outb 0xa1 0x70", "outb 0xa1 0x02", "outb 0xa1 0x01"}) {
            qemuPc.send(init);
        }
        assertThat(qemuPc.send("set_irq_in /machine/unattached/device[7] unnamed-gpio-in 4 1").irqEvents())
                .containsExactly("IRQ raise 2");
        qemuPc.send("outb 0x20 0x0a");
        assertThat(qemuPc.send("inb 0x20").response()).isEqualTo("OK 0x0004");
    }
}
