package org.trapline.costs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.trapline.costs.GuestInstruction.Out;
import org.trapline.models.device.Inspectable;
import org.trapline.models.hpet.Hpet;
import org.trapline.models.machine.Machine;
import org.trapline.models.machine.Profile;
import org.trapline.models.rtc.Mc146818;
import org.trapline.models.vmx.ExitReason;

/** The catalog's counts come from the pipeline, and each operation does to its device what it says. */
class OperationCatalogTest {
    private static final Prices PRICES = Prices.ILLUSTRATIVE;

    private static CostRun emulated(DeviceOperation op, Profile p) {
        return CostRun.emulated(op, p, PRICES, CostRun.MmioTrap.VIOLATION);
    }

    private static List<CostRun> both(DeviceOperation op, Profile p) {
        return List.of(emulated(op, p), CostRun.passthrough(op, p, PRICES));
    }

    @Test
    void emulatedPortOperationsExitOncePerIoInstructionAndPassthroughNever() {
        for (DeviceOperation op : List.of(OperationCatalog.pitReprogram(), OperationCatalog.rtcTimeRead(),
                OperationCatalog.picEoi(), OperationCatalog.pciConfigRead())) {
            CostRun e = emulated(op, Profile.QEMU_PC);
            assertThat(e.counters().exits(ExitReason.IO_INSTRUCTION)).as(op.id()).isEqualTo(op.sequence().size());
            assertThat(e.counters().totalExits()).as(op.id()).isEqualTo(op.sequence().size());
            assertThat(e.counters().emulatedAccesses()).as(op.id()).isEqualTo(op.sequence().size());
            CostRun t = CostRun.passthrough(op, Profile.QEMU_PC, PRICES);
            assertThat(t.counters().totalExits()).as(op.id()).isZero();
            assertThat(t.counters().passthroughAccesses()).as(op.id()).isEqualTo(op.sequence().size());
        }
        assertThat(OperationCatalog.rtcTimeRead().sequence()).hasSize(8);
        assertThat(OperationCatalog.pitReprogram().sequence()).hasSize(3);
    }

    @Test
    void emulatedMmioOperationsExitByEptViolationOrMisconfigurationAsTheVmmMarkedThePage() {
        DeviceOperation io = OperationCatalog.ioapicRedirection();
        CostRun v = emulated(io, Profile.QEMU_PC);
        assertThat(v.counters().exits(ExitReason.EPT_VIOLATION)).isEqualTo(4);
        assertThat(v.counters().exits(ExitReason.EPT_MISCONFIGURATION)).isZero();
        CostRun m = CostRun.emulated(io, Profile.QEMU_PC, PRICES, CostRun.MmioTrap.MISCONFIG);
        assertThat(m.counters().exits(ExitReason.EPT_MISCONFIGURATION)).isEqualTo(4);
        assertThat(m.counters().exits(ExitReason.EPT_VIOLATION)).isZero();
        assertThat(emulated(OperationCatalog.hpetComparator(), Profile.QEMU_PC).counters()
                .exits(ExitReason.EPT_VIOLATION)).isEqualTo(2);
        assertThat(emulated(OperationCatalog.hpetComparator64(), Profile.QEMU_PC).counters()
                .exits(ExitReason.EPT_VIOLATION)).isEqualTo(1);
        assertThat(CostRun.passthrough(io, Profile.QEMU_PC, PRICES).counters().totalExits()).isZero();
    }

    @Test
    void changingASequenceChangesTheCounts() {
        DeviceOperation pit = OperationCatalog.pitReprogram();
        List<GuestInstruction> longer = new ArrayList<>(pit.sequence());
        longer.add(new Out(1, 0x43, 0x00)); // a counter latch command for counter 0
        assertThat(emulated(pit.withSequence(longer), Profile.QEMU_PC).counters().totalExits()).isEqualTo(4);
        assertThat(emulated(pit.withSequence(pit.sequence().subList(0, 1)), Profile.QEMU_PC).counters().totalExits())
                .isEqualTo(1);
        // a port outside the device's range still traps when the device is passed through
        List<GuestInstruction> post = new ArrayList<>(pit.sequence());
        post.add(new Out(1, 0x80, 0x12));
        CostRun t = CostRun.passthrough(pit.withSequence(post), Profile.QEMU_PC, PRICES);
        assertThat(t.counters().exits(ExitReason.IO_INSTRUCTION)).isEqualTo(1);
        assertThat(t.counters().passthroughAccesses()).isEqualTo(3);
    }

    @Test
    void theCostIsTheExitsAndAccessesAtThePricesGiven() {
        Prices p = PRICES.with("io=1000").with("emulated=7").with("passthrough=3").with("ept-violation=2000");
        CostRun e = CostRun.emulated(OperationCatalog.pitReprogram(), Profile.QEMU_PC, p, CostRun.MmioTrap.VIOLATION);
        assertThat(e.counters().costNs()).isEqualTo(3 * 1000 + 3 * 7);
        CostRun t = CostRun.passthrough(OperationCatalog.pitReprogram(), Profile.QEMU_PC, p);
        assertThat(t.counters().costNs()).isEqualTo(3 * 3);
        CostRun m = CostRun.emulated(OperationCatalog.hpetComparator(), Profile.QEMU_PC, p, CostRun.MmioTrap.VIOLATION);
        assertThat(m.counters().costNs()).isEqualTo(2 * 2000 + 2 * 7);
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void thePitReprogramLoadsCounterZero(Profile profile) {
        for (CostRun r : both(OperationCatalog.pitReprogram(), profile)) {
            assertThat(r.machine().pit().registers()).containsEntry("CR0", "0x2e9c").containsEntry("mode0", "2")
                    .containsEntry("RW0", "3");
        }
        CostRun half = emulated(OperationCatalog.pitReprogram().withSequence(
                OperationCatalog.pitReprogram().sequence().subList(0, 2)), profile);
        assertThat(half.machine().pit().registers().get("CR0")).isNotEqualTo("0x2e9c");
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void theRtcReadReturnsRegisterAAndTheTimeRegisters(Profile profile) {
        for (CostRun r : both(OperationCatalog.rtcTimeRead(), profile)) {
            Mc146818 rtc = only(r.machine().devicesAtPort(0x70), Mc146818.class);
            List<Long> read = r.valuesRead();
            assertThat(read).hasSize(4);
            assertThat(read.get(0) & 0x7f).isEqualTo(rtc.peek(0x0a) & 0x7f);
            assertThat(read.get(0) & 0x80).as("UIP, no update in progress at time 0").isZero();
            assertThat(read.subList(1, 4)).containsExactly((long) rtc.peek(0), (long) rtc.peek(2), (long) rtc.peek(4));
            // 2023-11-14 22:13:20 UTC in the BCD, 24-hour format of register B (DM = 0, 24/12 = 1)
            assertThat(rtc.peek(0x0b) & 0x06).isEqualTo(0x02);
            assertThat(read.subList(1, 4)).containsExactly(0x20L, 0x13L, 0x22L);
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void theEoiEndsTheInterruptInService(Profile profile) {
        DeviceOperation eoi = OperationCatalog.picEoi();
        assertThat(isr(emulated(eoi.withSequence(List.of()), profile).machine())).isEqualTo(0x02);
        for (CostRun r : both(eoi, profile)) {
            assertThat(isr(r.machine())).isZero();
        }
    }

    /** OCW3 "read ISR" (8259A, OCW3: RR RIS = 11), then a read of port 20h. */
    private static long isr(Machine m) {
        m.io().write(0x20, 1, 0x0b);
        return m.io().read(0x20, 1);
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void thePciReadReturnsTheI440fxIds(Profile profile) {
        for (CostRun r : both(OperationCatalog.pciConfigRead(), profile)) {
            assertThat(r.valuesRead()).containsExactly(0x1237_8086L);
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void theRedirectionEntryReadsBack(Profile profile) {
        for (CostRun r : both(OperationCatalog.ioapicRedirection(), profile)) {
            assertThat(r.machine().ioapic().redirection(OperationCatalog.IOAPIC_PIN)).isEqualTo(OperationCatalog.IOAPIC_ENTRY);
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void theComparatorReadsBack(Profile profile) {
        for (DeviceOperation op : List.of(OperationCatalog.hpetComparator(), OperationCatalog.hpetComparator64())) {
            for (CostRun r : both(op, profile)) {
                Hpet hpet = only(r.machine().devicesAtAddress(0xfed0_0000L), Hpet.class);
                assertThat(hpet.read(0x108, 8)).as(op.id()).isEqualTo(OperationCatalog.HPET_COMPARATOR);
            }
        }
    }

    @Test
    void theCatalogIsDeterministic() {
        for (DeviceOperation op : OperationCatalog.all()) {
            OperationCost a = OperationCost.measure(op, Profile.QEMU_PC, PRICES, CostRun.MmioTrap.VIOLATION);
            OperationCost b = OperationCost.measure(op, Profile.QEMU_PC, PRICES, CostRun.MmioTrap.VIOLATION);
            assertThat(a).isEqualTo(b);
        }
    }

    private static <T> T only(List<Inspectable> devices, Class<T> type) {
        List<T> found = devices.stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }
}
