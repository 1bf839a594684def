package org.trapline.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.trapline.models.machine.MachineConfig;
import org.trapline.models.machine.Profile;
import org.trapline.qtest.PortAccess;

/** A read of an fw_cfg table the model does not hold is reported, never answered with a guess. */
class ModelTargetFwCfgTest {

    @Test
    void modelledItemsAnswerAndUnmodelledContentsAreReported() throws Exception {
        ModelTarget t = new ModelTarget(Profile.QEMU_PC, MachineConfig.defaults(), false);
        assertThat(t.unanswerable()).isNull();
        t.send("outw 0x510 0x0000");
        assertThat(t.send("inb 0x511").response()).isEqualTo("OK 0x0051");
        t.send("outw 0x510 0x0023"); // etc/acpi/tables: selecting it is fine
        assertThat(t.unanswerable()).isNull();
        assertThatThrownBy(() -> t.send("inb 0x511")).isInstanceOf(TargetException.class)
                .hasMessageContaining("etc/acpi/tables").hasMessageContaining("inb 0x511");
    }

    @Test
    void thePackedPathsReportItToo() throws Exception {
        ModelTarget t = new ModelTarget(Profile.QEMU_PC, MachineConfig.defaults(), false);
        t.answerPort(PortAccess.write(0x510, 2, 0x2b));
        t.answerPort(PortAccess.read(0x511, 1));
        assertThat(t.unanswerable()).contains("genroms/kvmvapic.bin");
        ModelTarget u = new ModelTarget(Profile.QEMU_PC, MachineConfig.defaults(), false);
        u.sendPort(PortAccess.write(0x510, 2, 0x26));
        assertThatThrownBy(() -> u.sendPort(PortAccess.read(0x511, 1))).isInstanceOf(TargetException.class)
                .hasMessageContaining("etc/smbios/smbios-anchor");
    }
}
