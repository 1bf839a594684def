package org.trapline.models.pci;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.trapline.models.device.Quirk;
import org.trapline.models.irq.IrqLine;
import org.trapline.models.machine.Profile;

/**
 * PIRQ steering as the 82371SB describes PIRQRC[A:D], and QEMU's two departures. No function of the
 * board raises INTx through qtest, so the routing itself is tested here on the router alone.
 */
class PirqRouterTest {
    private final int[] pirqrc = {0x80, 0x80, 0x80, 0x80};
    private final IrqLine[] isa = new IrqLine[16];
    private final List<String> calls = new ArrayList<>();

    private PirqRouter router(Quirk... quirks) {
        for (int n = 0; n < 16; n++) {
            int irq = n;
            isa[n] = new IrqLine("irq" + n);
            isa[n].connect(high -> calls.add(irq + "=" + (high ? 1 : 0)));
        }
        return new PirqRouter(Set.of(quirks), n -> pirqrc[n], isa);
    }

    @Test
    void ledger() {
        assertThat(Profile.QEMU_PC.quirks()).containsAll(PirqQuirks.all());
        assertThat(PirqRouter.qemuQuirks()).containsExactlyElementsOf(PirqQuirks.all());
        assertThat(PirqQuirks.all()).allSatisfy(q -> assertThat(q.citation()).contains("290550").contains("QEMU"));
    }

    @Test
    void steeredPirqsAreOredOnTheirIrq() {
        PirqRouter r = router();
        r.pirq(0).setLevel(true);
        assertThat(isa[11].level()).as("IRQROUTEN=1: not routed").isFalse();
        pirqrc[0] = 0x0b;
        pirqrc[1] = 0x0b;
        r.pirqrcWritten();
        assertThat(isa[11].level()).isTrue();
        r.pirq(1).setLevel(true);
        r.pirq(0).setLevel(false);
        assertThat(isa[11].level()).as("PIRQB# still asserts IRQ11").isTrue();
        r.pirq(1).setLevel(false);
        assertThat(isa[11].level()).isFalse();
        assertThat(r.routeOf(2)).isEqualTo(-1);
    }

    @Test
    void rewritingMovesThePirq() {
        PirqRouter r = router();
        pirqrc[2] = 0x05;
        r.pirqrcWritten();
        r.pirq(2).setLevel(true);
        pirqrc[2] = 0x0a;
        r.pirqrcWritten();
        assertThat(isa[5].level()).isFalse();
        assertThat(isa[10].level()).isTrue();
    }

    @Test
    void wholeByteIsIrq() {
        PirqRouter hw = router();
        pirqrc[0] = 0x1b;
        pirqrc[1] = 0x02;
        pirqrc[2] = 0x0d;
        assertThat(hw.routeOf(0)).as("82371SB: bits 6:4 reserved, IRQ from bits 3:0").isEqualTo(11);
        assertThat(hw.routeOf(1)).as("IRQ2 reserved").isEqualTo(-1);
        assertThat(hw.routeOf(2)).as("IRQ13 reserved").isEqualTo(-1);
        PirqRouter q = router(PirqQuirks.WHOLE_BYTE_IS_IRQ);
        assertThat(q.routeOf(0)).isEqualTo(-1);
        assertThat(q.routeOf(1)).isEqualTo(2);
        assertThat(q.routeOf(2)).isEqualTo(13);
        pirqrc[3] = 0x8b;
        assertThat(q.routeOf(3)).isEqualTo(-1);
        assertThat(hw.routeOf(3)).isEqualTo(-1);
    }

    @Test
    void writeDrivesEveryIsaIrq() {
        PirqRouter hw = router();
        isa[4].raise();
        calls.clear();
        pirqrc[0] = 0x0b;
        hw.pirqrcWritten();
        assertThat(isa[4].level()).as("82371SB: an IRQ no PIRQ is steered to stays the ISA device's").isTrue();
        assertThat(calls).isEmpty();
        PirqRouter q = router(PirqQuirks.WRITE_DRIVES_EVERY_ISA_IRQ);
        isa[4].raise();
        calls.clear();
        q.pirqrcWritten();
        assertThat(isa[4].level()).as("QEMU drives it to 0").isFalse();
        assertThat(calls).hasSize(16).contains("4=0", "11=0");
    }
}
