package org.trapline.models.cpuhp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.trapline.models.bus.PortIoBus;
import org.trapline.models.device.Quirk;

/** QEMU's CPU hotplug interface (docs/specs/acpi_cpu_hotplug.rst): the legacy bitmap, the switch, the modern block. */
class CpuHotplugTest {
    final PortIoBus io = new PortIoBus();

    CpuHotplug attached(Set<Quirk> quirks, int cpus) {
        io.setQemuSplitting(true);
        CpuHotplug hp = new CpuHotplug(quirks, cpus);
        hp.attach(io, 0xaf00);
        return hp;
    }

    @Test
    void theLegacyBitmapHasABitPerPresentCpuAndIgnoresWrites() {
        CpuHotplug hp = attached(Set.of(CpuhpQuirks.BLOCK_AT_AF00), 10);
        assertThat(io.read(0xaf00, 2)).isEqualTo(0x03ff);
        assertThat(io.read(0xaf00, 4)).isEqualTo(0x03ff);
        assertThat(io.read(0xaf1c, 4)).isZero();
        io.write(0xaf00, 1, 0x7);
        io.write(0xaf01, 1, 0);
        io.write(0xaf04, 4, 0);
        assertThat(io.read(0xaf00, 2)).isEqualTo(0x03ff);
        assertThat(hp.modern()).isFalse();
        assertThat(hp.registers()).containsEntry("interface", "legacy").containsEntry("CPU_PRESENT[0]", "0xff");
        assertThat(hp.legacyRegion().device().read(0x1f, 4)).as("bytes past the bitmap read 0").isZero();
    }

    @Test
    void zeroAtTheFirstByteSwitchesForGood() {
        CpuHotplug hp = attached(Set.of(CpuhpQuirks.BLOCK_AT_AF00), 1);
        io.write(0xaf00, 1, 0);
        assertThat(hp.modern()).isTrue();
        assertThat(io.read(0xaf04, 1)).as("the boot CPU, enabled").isEqualTo(1);
        assertThat(io.read(0xaf00, 1)).as("command data 2").isZero();
        assertThat(io.read(0xaf0c, 1)).as("past the 12 bytes: nothing").isEqualTo(0xff);
        io.write(0xaf00, 1, 0);
        assertThat(hp.modern()).isTrue();
        assertThat(hp.registers()).containsEntry("interface", "modern").containsEntry("flags", "0x01");
    }

    @Test
    void anInvalidSelectorMakesEveryReadZeroAndEveryOtherWriteIgnored() {
        CpuHotplug hp = attached(Set.of(CpuhpQuirks.BLOCK_AT_AF00), 1);
        io.write(0xaf00, 4, 0);
        io.write(0xaf00, 4, 1);
        assertThat(io.read(0xaf04, 1)).isZero();
        io.write(0xaf05, 1, 3);
        io.write(0xaf00, 4, 0);
        assertThat(io.read(0xaf08, 4)).as("command 3 was ignored: command 0 gives the selector").isZero();
        io.write(0xaf00, 4, 0xffffffffL);
        assertThat(io.read(0xaf04, 4)).isZero();
        assertThat(hp.registers()).containsEntry("selector", "0xffffffff").doesNotContainKey("flags");
    }

    @Test
    void theCommandsChooseWhatCommandDataReads() {
        attached(Set.of(CpuhpQuirks.BLOCK_AT_AF00), 4);
        io.write(0xaf00, 1, 0);
        io.write(0xaf00, 4, 2);
        io.write(0xaf05, 1, 0);
        assertThat(io.read(0xaf08, 4)).as("command 0: the selector").isEqualTo(2);
        io.write(0xaf05, 1, 3);
        assertThat(io.read(0xaf08, 4)).as("command 3: the APIC ID").isEqualTo(2);
        assertThat(io.read(0xaf08, 1)).isEqualTo(2);
        assertThat(io.read(0xaf00, 4)).as("the APIC ID's high half").isZero();
        io.write(0xaf05, 1, 4);
        assertThat(io.read(0xaf08, 4)).as("command 4 does not exist: 3 stays").isEqualTo(2);
        io.write(0xaf05, 1, 1);
        io.write(0xaf08, 4, 0x55);
        assertThat(io.read(0xaf08, 4)).as("the _OST commands read 0").isZero();
        io.write(0xaf05, 1, 2);
        io.write(0xaf08, 4, 0x66);
        assertThat(io.read(0xaf08, 4)).isZero();
    }

    @Test
    void commandZeroSelectsTheNextCpuWithAnEvent() {
        CpuHotplug hp = attached(Set.of(CpuhpQuirks.BLOCK_AT_AF00), 4);
        io.write(0xaf00, 1, 0);
        hp.hotAdd(1);
        io.write(0xaf00, 4, 2);
        io.write(0xaf05, 1, 0);
        assertThat(io.read(0xaf08, 4)).as("round from 2 to 1").isEqualTo(1);
        assertThat(io.read(0xaf04, 1)).isEqualTo(CpuHotplug.ENABLED | CpuHotplug.INSERTING);
        io.write(0xaf04, 1, CpuHotplug.INSERTING);
        assertThat(io.read(0xaf04, 1)).isEqualTo(CpuHotplug.ENABLED);
        io.write(0xaf05, 1, 0);
        assertThat(io.read(0xaf08, 4)).as("no event left: the selector stays").isEqualTo(1);
    }

    @Test
    void firmwareRemovalIsRefusedForTheBootCpu() {
        CpuHotplug hp = attached(Set.of(CpuhpQuirks.BLOCK_AT_AF00), 2);
        io.write(0xaf00, 1, 0);
        io.write(0xaf04, 1, CpuHotplug.FW_REMOVE);
        assertThat(io.read(0xaf04, 1)).isEqualTo(CpuHotplug.ENABLED);
        io.write(0xaf00, 4, 1);
        io.write(0xaf04, 1, CpuHotplug.FW_REMOVE);
        assertThat(io.read(0xaf04, 1)).isEqualTo(CpuHotplug.ENABLED | CpuHotplug.FW_REMOVE);
        io.write(0xaf00, 4, 0);
        io.write(0xaf05, 1, 0);
        assertThat(io.read(0xaf08, 4)).as("CPU 1's removal is the pending event").isEqualTo(1);
        io.write(0xaf04, 1, CpuHotplug.EJECT);
        assertThat(io.read(0xaf04, 1) & CpuHotplug.FW_REMOVE).isZero();
        hp.hotAdd(1);
        io.write(0xaf04, 1, CpuHotplug.REMOVING | CpuHotplug.FW_REMOVE);
        assertThat(io.read(0xaf04, 1)).as("bit 2 alone acts: the insert event stays").isEqualTo(CpuHotplug.ENABLED | CpuHotplug.INSERTING);
    }

    @Test
    void aWideWriteAtTheStatusFieldsIsAStatusWriteAlone() {
        attached(Set.of(CpuhpQuirks.BLOCK_AT_AF00), 1);
        io.write(0xaf00, 1, 0);
        io.write(0xaf05, 1, 3);
        io.write(0xaf04, 4, 0x0000_0000L);
        assertThat(io.read(0xaf08, 4)).isZero();
        io.write(0xaf05, 1, 1);
        io.write(0xaf04, 2, 0x0300);
        io.write(0xaf05, 1, 0);
        assertThat(io.read(0xaf08, 4)).isZero();
    }

    @Test
    void unattachedItStillSwitchesAndNeverThrows() {
        CpuHotplug hp = new CpuHotplug(Set.of(), 1);
        hp.legacyRegion().device().write(0, 4, 0);
        assertThat(hp.modern()).isTrue();
        assertThat(hp.modernRegion().device().read(0x40, 4)).isZero();
        hp.modernRegion().device().write(0x40, 4, 1);
        assertThat(hp.deviceName()).isEqualTo("acpi-cpu-hotplug");
    }

    @Test
    void theOstCommandsStoreWhatTheFirmwareReports() {
        CpuHotplug hp = attached(Set.of(CpuhpQuirks.BLOCK_AT_AF00), 2);
        io.write(0xaf00, 1, 0);
        io.write(0xaf05, 1, 1);
        io.write(0xaf08, 4, 0x55);
        io.write(0xaf05, 1, 2);
        io.write(0xaf08, 4, 0x66);
        assertThat(hp.registers()).containsEntry("ost", "event 0x55 status 0x66").containsEntry("command", "0x02");
        io.write(0xaf05, 1, 3);
        io.write(0xaf08, 4, 0x77);
        assertThat(hp.registers()).as("command 3 takes no data").containsEntry("ost", "event 0x55 status 0x66");
        io.write(0xaf00, 4, 1);
        io.write(0xaf05, 1, 1);
        io.write(0xaf08, 4, 0x11);
        assertThat(hp.registers()).containsEntry("ost", "event 0x11 status 0x0");
    }

    @Test
    void eachAccessSeesItsOwnWidthOfARegister() {
        CpuHotplug hp = new CpuHotplug(Set.of(), 300);
        hp.legacyRegion().device().write(0, 1, 0);
        var modern = hp.modernRegion().device();
        modern.write(0, 1, 0x1ff);
        assertThat(hp.registers()).as("a byte write sets the selector's low byte").containsEntry("selector", "0x000000ff");
        modern.write(0, 2, 0x1_0123);
        assertThat(modern.read(8, 4)).isEqualTo(0x123);
        assertThat(modern.read(8, 1)).isEqualTo(0x23);
        assertThat(modern.read(8, 2)).isEqualTo(0x123);
        modern.write(0, 4, 0xffff_ffffL);
        assertThat(modern.read(4, 4)).as("no CPU 0xffffffff").isZero();
    }

    @Test
    void theBitmapHoldsTheFirst256Cpus() {
        CpuHotplug hp = new CpuHotplug(Set.of(), 300);
        var legacy = hp.legacyRegion().device();
        assertThat(legacy.read(0x1c, 4)).isEqualTo(0xffffffffL);
        assertThat(legacy.read(0, 1)).isEqualTo(0xff);
        CpuHotplug nine = new CpuHotplug(Set.of(), 9);
        assertThat(nine.legacyRegion().device().read(0, 4)).isEqualTo(0x1ff);
    }
}
