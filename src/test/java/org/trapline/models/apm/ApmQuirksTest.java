package org.trapline.models.apm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.trapline.models.bus.PortIoBus;
import org.trapline.models.device.Quirk;

/** Both sides of each APM quirk. */
class ApmQuirksTest {
    final PortIoBus io = new PortIoBus();
    final List<Boolean> sciEn = new ArrayList<>();

    private ApmPorts ports(Set<Quirk> quirks, boolean apmcEn) {
        ApmPorts apm = new ApmPorts(quirks, () -> apmcEn, sciEn::add);
        io.map(apm.region().at(0xb2));
        return apm;
    }

    @Test
    void onTheBoardF1IsAnOrdinaryCommandForTheSmiHandler() {
        ApmPorts apm = ports(Set.of(), true);
        io.write(0xb2, 1, 0xf1);
        io.write(0xb2, 1, 0xf0);
        assertThat(apm.smiCount()).isEqualTo(2);
        assertThat(sciEn).isEmpty();
        assertThat(io.read(0xb2, 1)).isEqualTo(0xf0);
    }

    @Test
    void inQemuF1AndF0SwitchSciEnWithoutAnSmi() {
        ApmPorts apm = ports(Set.of(ApmQuirks.ACPI_ENABLE_COMMANDS), true);
        io.write(0xb2, 1, 0xf1);
        io.write(0xb2, 1, 0xf0);
        assertThat(sciEn).containsExactly(true, false);
        assertThat(apm.smiCount()).isZero();
        assertThat(io.read(0xb2, 1)).as("APMC still holds the value").isEqualTo(0xf0);
        io.write(0xb2, 1, 0xf2);
        assertThat(apm.smiCount()).as("any other value still raises SMI").isEqualTo(1);
        assertThat(sciEn).hasSize(2);
    }

    @Test
    void inQemuF1DoesNothingMoreWithApmcEnClear() {
        ApmPorts apm = ports(Set.of(ApmQuirks.ACPI_ENABLE_COMMANDS), false);
        io.write(0xb2, 1, 0xf1);
        io.write(0xb2, 1, 0x10);
        assertThat(sciEn).containsExactly(true);
        assertThat(apm.smiCount()).isZero();
    }

    @Test
    void aResetClearsBothOnTheBoardAndNothingInQemu() {
        ApmPorts board = ports(Set.of(), false);
        io.write(0xb2, 2, 0x3412);
        board.reset();
        assertThat(io.read(0xb2, 2)).isZero();

        PortIoBus other = new PortIoBus();
        ApmPorts qemu = new ApmPorts(Set.of(ApmQuirks.KEPT_ACROSS_RESET), () -> false, sciEn::add);
        other.map(qemu.region().at(0xb2));
        other.write(0xb2, 2, 0x3412);
        qemu.reset();
        assertThat(other.read(0xb2, 2)).isEqualTo(0x3412);
    }

    @Test
    void bytesPastB3hAreNotTheirsOnTheBoardAndFoldBackInQemu() {
        ApmPorts board = new ApmPorts(Set.of(), () -> true, sciEn::add);
        var decode = board.region().device();
        decode.write(2, 1, 0x22);
        assertThat(decode.read(3, 1)).isEqualTo(0xff);
        assertThat(board.smiCount()).isZero();

        ApmPorts qemu = new ApmPorts(Set.of(ApmQuirks.DWORD_WRAPS), () -> true, sciEn::add);
        var folded = qemu.region().device();
        folded.write(0, 1, 0x44);
        folded.write(3, 1, 0x11);
        folded.write(2, 1, 0x22);
        assertThat(folded.read(2, 1)).isEqualTo(0x22);
        assertThat(folded.read(1, 1)).isEqualTo(0x11);
        assertThat(qemu.smiCount()).as("each APMC byte of the dword is a command").isEqualTo(2);
    }

    @Test
    void everyQuirkCitesTheDatasheetAndQemu() {
        assertThat(ApmQuirks.all()).hasSize(3).allSatisfy(q -> {
            assertThat(q.id()).startsWith("apm.");
            assertThat(q.citation()).contains("82371AB").contains("QEMU");
        });
    }
}
