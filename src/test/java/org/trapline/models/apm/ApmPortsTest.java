package org.trapline.models.apm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.trapline.models.bus.PortIoBus;
import org.trapline.models.device.Quirk;

/** APMC/APMS at B2h/B3h on their own bus, as the 82371AB describes them. */
class ApmPortsTest {
    final PortIoBus io = new PortIoBus();
    boolean apmcEn;
    final List<Boolean> sciEn = new ArrayList<>();
    int smiEvents;

    private ApmPorts ports(Set<Quirk> quirks) {
        ApmPorts apm = new ApmPorts(quirks, () -> apmcEn, sciEn::add);
        apm.onSmi(() -> smiEvents++);
        io.map(apm.region().at(0xb2));
        return apm;
    }

    @Test
    void bothPortsReadBackWhatWasWritten() {
        ApmPorts apm = ports(Set.of());
        assertThat(io.read(0xb2, 1)).isZero();
        assertThat(io.read(0xb3, 1)).isZero();
        io.write(0xb2, 1, 0x12);
        io.write(0xb3, 1, 0x34);
        assertThat(io.read(0xb2, 1)).isEqualTo(0x12);
        assertThat(io.read(0xb3, 1)).isEqualTo(0x34);
        assertThat(apm.apmc()).isEqualTo(0x12);
        assertThat(apm.apms()).isEqualTo(0x34);
        assertThat(apm.registers()).containsEntry("APMC", "0x12").containsEntry("APMS", "0x34").containsEntry("SMI", "0");
    }

    @Test
    void aWordAccessReachesBothBytes() {
        ports(Set.of());
        io.write(0xb2, 2, 0xbeef);
        assertThat(io.read(0xb2, 1)).isEqualTo(0xef);
        assertThat(io.read(0xb3, 1)).isEqualTo(0xbe);
        assertThat(io.read(0xb2, 2)).isEqualTo(0xbeef);
    }

    @Test
    void anApmcWriteRaisesSmiOnlyWhileApmcEnIsSet() {
        ApmPorts apm = ports(Set.of());
        io.write(0xb2, 1, 0x55);
        assertThat(apm.smiCount()).isZero();
        apmcEn = true;
        io.write(0xb2, 1, 0x55);
        io.write(0xb2, 1, 0x56);
        assertThat(apm.smiCount()).isEqualTo(2);
        assertThat(smiEvents).isEqualTo(2);
        assertThat(apm.registers()).containsEntry("SMI", "2");
    }

    @Test
    void anApmsWriteRaisesNoSmi() {
        ApmPorts apm = ports(Set.of());
        apmcEn = true;
        io.write(0xb3, 1, 0xf1);
        assertThat(apm.smiCount()).isZero();
        assertThat(sciEn).isEmpty();
    }

    @Test
    void aHardResetRestoresZero() {
        ApmPorts apm = ports(Set.of());
        io.write(0xb2, 2, 0x1234);
        apm.reset();
        assertThat(io.read(0xb2, 2)).isZero();
    }

    @Test
    void offsetsBeyondTheTwoPortsAreIgnored() {
        ApmPorts apm = new ApmPorts(Set.of(), () -> true, sciEn::add);
        var decode = apm.region().device();
        decode.write(2, 1, 0x77);
        assertThat(decode.read(2, 1)).isEqualTo(0xff);
        assertThat(apm.apmc()).isZero();
        assertThat(apm.smiCount()).isZero();
        assertThat(apm.deviceName()).isEqualTo("piix4-apm");
    }
}
