package org.trapline.models.lpt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.trapline.models.lpt.LptQuirks.*;
import static org.trapline.models.lpt.ParallelPort.*;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.trapline.models.bus.PortIoBus;
import org.trapline.models.device.Quirk;
import org.trapline.models.irq.IrqLine;
import org.trapline.models.machine.MachineConfig;
import org.trapline.models.machine.Profile;

/** The SPP with nothing attached (no quirk) beside QEMU's parallel port with each quirk on. */
class LptQuirksTest {
    private final IrqLine irq = new IrqLine("irq7");

    private ParallelPort lpt(Quirk... quirks) {
        return new ParallelPort("lpt1", Set.of(quirks), irq);
    }

    @Test
    void theLedgerIsWhatQemuPcSwitchesOnAndTheBoardHasAPortPerBackend() {
        assertThat(ParallelPort.qemuQuirks()).containsExactlyElementsOf(LptQuirks.all()).doesNotHaveDuplicates();
        assertThat(Profile.QEMU_PC.quirks()).containsAll(LptQuirks.all());
        assertThat(Profile.HARDWARE.quirks()).doesNotContainAnyElementsOf(LptQuirks.all());
        assertThat(LptQuirks.all()).allSatisfy(q -> {
            assertThat(q.id()).startsWith("lpt.");
            assertThat(q.device()).isEqualTo("lpt");
            assertThat(q.citation()).contains("IBM PC Technical Reference").contains("QEMU ");
        });
        assertThat(Profile.QEMU_PC.build(MachineConfig.defaults()).devicesAtPort(0x378)).isEmpty();
        var three = Profile.QEMU_PC.build(MachineConfig.defaults().withParallel(List.of("null", "vc", "null")));
        assertThat(three.devicesAtPort(0x37f)).singleElement().satisfies(d -> assertThat(d.deviceName()).isEqualTo("lpt1"));
        assertThat(three.devicesAtPort(0x278)).singleElement().satisfies(d -> assertThat(d.deviceName()).isEqualTo("lpt2"));
        assertThat(three.devicesAtPort(0x3bc)).singleElement().satisfies(d -> assertThat(d.deviceName()).isEqualTo("lpt3"));
        assertThat(three.devicesAtPort(0x380)).isEmpty();
        three.io().write(0x37a, 1, 0x1c);
        three.io().write(0x37a, 1, 0x1c);
        assertThat(three.isaIrq(7).level()).isTrue();
    }

    @Test
    void statusIsAnEmulatedPrinterInQemuAndTheFloatingLinesOnHardware() {
        ParallelPort hw = lpt();
        ParallelPort qemu = lpt(EMULATED_PRINTER);
        assertThat(hw.read(STATUS, 1)).isEqualTo(0x7f);
        assertThat(qemu.read(STATUS, 1)).isEqualTo(0xd9);
        hw.write(CONTROL, 1, 0x08);
        qemu.write(CONTROL, 1, 0x08);
        assertThat(hw.read(STATUS, 1)).isEqualTo(0x7f);
        assertThat(qemu.read(STATUS, 1)).as("nINIT low").isEqualTo(0xd8);
        qemu.write(CONTROL, 1, 0x0c);
        qemu.write(DATA, 1, 0x41);
        qemu.write(CONTROL, 1, 0x0d);
        assertThat(qemu.strobed()).isEqualTo(1);
        qemu.write(CONTROL, 1, 0x0d);
        assertThat(qemu.strobed()).as("only a rising STROBE sends").isEqualTo(1);
        assertThat(qemu.read(STATUS, 1)).as("busy, STROBE still set: no handshake").isEqualTo(0x58);
        assertThat(qemu.read(STATUS, 1)).isEqualTo(0x58);
        qemu.write(CONTROL, 1, 0x0c);
        assertThat(qemu.read(STATUS, 1)).isEqualTo(0x58);
        assertThat(qemu.read(STATUS, 1)).as("nACK went low").isEqualTo(0x18);
        assertThat(qemu.read(STATUS, 1)).as("nACK and nBUSY high again").isEqualTo(0xd8);
        assertThat(qemu.read(STATUS, 1)).isEqualTo(0xd8);
        assertThat(qemu.registers()).containsEntry("Status", "0xd8").containsEntry("Control", "0xcc")
                .containsEntry("Data", "0x41");
        assertThat(hw.registers()).containsEntry("Status", "0x7f");
        qemu.write(CONTROL, 1, 0x05);
        assertThat(qemu.read(STATUS, 1)).as("SELECT IN low: no strobe").isEqualTo(0xd8);
        qemu.reset();
        assertThat(qemu.read(STATUS, 1)).isEqualTo(0xd9);
    }

    @Test
    void aControlWriteInterruptsInQemuOnly() {
        ParallelPort hw = lpt();
        hw.write(CONTROL, 1, 0x1c);
        hw.write(CONTROL, 1, 0x1c);
        assertThat(irq.level()).isFalse();

        ParallelPort qemu = lpt(CONTROL_WRITE_INTERRUPTS);
        qemu.write(CONTROL, 1, 0x1c);
        assertThat(irq.level()).as("the previous value had no IRQ enable").isFalse();
        qemu.write(CONTROL, 1, 0x1c);
        assertThat(irq.level()).isTrue();
        assertThat(qemu.registers()).containsEntry("IRQ", "1");
        qemu.write(DATA, 1, 0x42);
        assertThat(irq.level()).as("a data write drives the pending line").isTrue();
        qemu.read(STATUS, 1);
        assertThat(irq.level()).isFalse();
        qemu.write(DATA, 1, 0x43);
        assertThat(irq.level()).isFalse();
        qemu.write(CONTROL, 1, 0x18);
        assertThat(irq.level()).as("INIT low is no acknowledge").isFalse();
        qemu.write(CONTROL, 1, 0x14);
        assertThat(irq.level()).as("SELECT IN low neither").isFalse();
        qemu.write(CONTROL, 1, 0x1d);
        assertThat(irq.level()).as("STROBE set neither").isFalse();
        qemu.write(CONTROL, 1, 0x1c);
        assertThat(irq.level()).isTrue();
        qemu.reset();
        qemu.write(CONTROL, 1, 0x0c);
        assertThat(irq.level()).as("reset ended the pending interrupt").isFalse();
    }

    @Test
    void dwordsReachNoRegisterInQemu() {
        ParallelPort hw = lpt();
        ParallelPort qemu = lpt(PORTIO_ACCESS);
        hw.write(DATA, 1, 0x55);
        qemu.write(DATA, 1, 0x55);
        assertThat(hw.read(DATA, 4)).isEqualTo(0xffcc7f55L);
        assertThat(qemu.read(DATA, 4)).isEqualTo(0xffffffffL);
        hw.write(DATA, 4, 0x2c66);
        qemu.write(DATA, 4, 0x2c66);
        assertThat(hw.read(DATA, 1)).isEqualTo(0x66);
        assertThat(hw.read(CONTROL, 1)).isEqualTo(0xc0);
        assertThat(qemu.read(DATA, 1)).isEqualTo(0x55);
        assertThat(qemu.read(7, 2)).isEqualTo(0xffff);
        qemu.write(7, 2, 0x0800);
        assertThat(qemu.read(CONTROL, 1)).isEqualTo(0xcc);
        assertThat(qemu.region().whole()).isTrue();
        assertThat(qemu.region().maxAccess()).isEqualTo(4);
        assertThat(hw.region().maxAccess()).isEqualTo(1);
        PortIoBus io = new PortIoBus();
        io.setQemuSplitting(true);
        io.map(qemu.region().at(0x378));
        assertThat(io.read(0x379, 4)).isEqualTo(0xffffffffL);
        assertThat(io.read(0x37f, 2)).isEqualTo(0xffff);
    }

    @Test
    void theSppRegisters() {
        ParallelPort hw = lpt();
        assertThat(hw.read(DATA, 1)).isEqualTo(0xff);
        assertThat(hw.read(CONTROL, 1)).isEqualTo(0xcc);
        hw.write(DATA, 1, 0xaa);
        hw.write(CONTROL, 1, 0x2c);
        assertThat(hw.read(DATA, 1)).as("direction in: the lines float").isEqualTo(0xff);
        assertThat(hw.read(CONTROL, 1)).isEqualTo(0xec);
        hw.write(CONTROL, 1, 0x0c);
        assertThat(hw.read(DATA, 1)).isEqualTo(0xaa);
        for (int off = 3; off < 8; off++) {
            hw.write(off, 1, 0);
            assertThat(hw.read(off, 1)).isEqualTo(0xff);
        }
        hw.write(STATUS, 1, 0);
        assertThat(hw.read(DATA, 2)).isEqualTo(0x7faa);
        hw.write(STATUS, 2, 0x0800);
        assertThat(hw.read(CONTROL, 1)).isEqualTo(0xc8);
        hw.reset();
        assertThat(hw.read(DATA, 1)).isEqualTo(0xff);
        assertThat(hw.deviceName()).isEqualTo("lpt1");
    }

    @Test
    void noAccessThrows() {
        for (Profile p : Profile.values()) {
            ParallelPort port = new ParallelPort("lpt1", p.quirks(), new IrqLine("irq7"));
            assertThatCode(() -> {
                for (long off = 0; off < 8; off++) {
                    for (int size : new int[] {1, 2, 4}) {
                        port.read(off, size);
                        port.write(off, size, 0xffffffffL);
                    }
                }
            }).doesNotThrowAnyException();
        }
    }
}
