package org.trapline.models.vcpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.trapline.models.vmx.ExitReason;

/** What a device costs trapped and passed through, by the user's prices. */
class CostsTest {
    // built by each test, not in a static initialiser, so that PIT's mutants of ExitCosts reach it
    private final ExitCosts PRICES = ExitCosts.NONE
            .withExit(ExitReason.IO_INSTRUCTION, 1500)
            .withExit(ExitReason.EPT_VIOLATION, 2500)
            .withExit(ExitReason.EXTERNAL_INTERRUPT, 900)
            .withEmulatedAccess(120)
            .withPassthroughAccess(40);

    /** A driver's probe of the recorder: 3 OUTs, 2 INs, a REP INSB of 4 and a register load. */
    private static void probe(Rig rig) {
        rig.r().rax(1).rdx(0x60).rcx(4).rdi(0x3000);
        rig.cpu.out(1, 0x60);
        rig.cpu.out(1, 0x61);
        rig.cpu.outDx(1);
        rig.cpu.in(1, 0x62);
        rig.cpu.inDx(1);
        rig.cpu.ins(1, true, 8);
        rig.cpu.load(4, Rig.MMIO_BASE);
    }

    @Test
    void trappedCostsAnExitEachPlusTheEmulation() {
        Rig rig = new Rig(null, PRICES);
        probe(rig);
        TrapCounters c = rig.counters();
        assertThat(c.exits(ExitReason.IO_INSTRUCTION)).isEqualTo(6);
        assertThat(c.exits(ExitReason.EPT_VIOLATION)).isEqualTo(1);
        assertThat(c.totalExits()).isEqualTo(7);
        assertThat(c.emulatedAccesses()).isEqualTo(10);
        assertThat(c.costNs()).isEqualTo(6 * 1500 + 2500 + 10 * 120);
    }

    @Test
    void passthroughCostsOnlyTheAccesses() {
        Rig rig = new Rig(null, PRICES);
        rig.pipeline.useIoBitmaps();
        rig.pipeline.vmcs().ept.passThrough(Rig.MMIO_BASE, 0x1000);
        probe(rig);
        TrapCounters c = rig.counters();
        assertThat(c.totalExits()).isZero();
        assertThat(c.passthroughAccesses()).isEqualTo(10);
        assertThat(c.costNs()).isEqualTo(10 * 40);
        rig.cpu.kick();
        assertThat(c.costNs()).isEqualTo(10 * 40 + 900);
    }

    @Test
    void pricesMustBeSensible() {
        assertThat(PRICES.exitNs(ExitReason.IO_INSTRUCTION)).isEqualTo(1500);
        assertThat(PRICES.exitNs(ExitReason.HLT)).isZero();
        assertThat(PRICES.exitNs(1000)).isZero();
        assertThat(ExitCosts.NONE.exitNs(ExitReason.IO_INSTRUCTION)).isZero(); // the copy left NONE alone
        assertThat(PRICES.withExit(0, 0).exitNs(0)).isZero();
        assertThat(PRICES.withExit(ExitReason.LIMIT - 1, 7).exitNs(ExitReason.LIMIT - 1)).isEqualTo(7);
        assertThat(PRICES.withEmulatedAccess(0).emulatedAccessNs()).isZero();
        assertThat(PRICES.withPassthroughAccess(0).passthroughAccessNs()).isZero();
        assertThat(PRICES.emulatedAccessNs()).isEqualTo(120);
        assertThat(PRICES.passthroughAccessNs()).isEqualTo(40);
        assertThatThrownBy(() -> PRICES.withExit(-1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PRICES.withExit(ExitReason.LIMIT, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PRICES.withExit(1, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PRICES.withEmulatedAccess(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PRICES.withPassthroughAccess(-1)).isInstanceOf(IllegalArgumentException.class);
        TrapCounters c = new TrapCounters(PRICES);
        assertThat(c.exits(-1)).isZero();
        assertThat(c.exits(ExitReason.LIMIT)).isZero();
        c.exit(ExitReason.EXCEPTION_OR_NMI);
        c.exit(ExitReason.LIMIT); // beyond the table: priced (nothing) but not counted
        c.exit(ExitReason.LIMIT - 1);
        assertThat(c.exits(0)).isEqualTo(1);
        assertThat(c.exits(ExitReason.LIMIT - 1)).isEqualTo(1);
        assertThat(c.totalExits()).isEqualTo(2);
    }
}
