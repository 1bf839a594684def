package org.trapline.models.lapic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.trapline.cli.QemuOptions;
import org.trapline.models.machine.Profile;
import org.trapline.runner.LockstepDiff;
import org.trapline.runner.ReplayResult;
import org.trapline.target.MachineArgs;
import org.trapline.target.ModelTarget;
import org.trapline.target.QemuTarget;
import org.trapline.testing.QemuRequirement;
import org.trapline.testing.RequiresQemu;
import org.trapline.trace.Trace;
import org.trapline.trace.TraceParser;

/**
 * Both sides of lapic.qtest-access-has-no-cpu against this machine's QEMU: the qemu-pc model answers the
 * APIC page as QEMU does (0), the hardware model as CPU 0's APIC, first diverging at the version register.
 */
@Tag("qemu")
@RequiresQemu
class LapicLiveTest {
    private static ReplayResult diff(String script, Profile profile) throws Exception {
        Trace trace = TraceParser.parse(Path.of("golden", "scripts", script));
        MachineArgs machine = MachineArgs.parse(trace.machineArgs().orElse(QemuOptions.DEFAULT_MACHINE));
        try (QemuTarget live = QemuTarget.start(QemuRequirement.binaryFor(machine), machine);
             ModelTarget model = ModelTarget.of(profile, machine)) {
            return LockstepDiff.run(trace, live, model);
        }
    }

    @Test
    void qemuAnswersTheApicPageWithZeroAndTheHardwareModelDoesNot() throws Exception {
        assertThat(diff("lapic-registers.qtest", Profile.QEMU_PC).divergence()).isEmpty();
        assertThat(diff("lapic-writes.qtest", Profile.QEMU_PC).divergence()).isEmpty();
        ReplayResult hardware = diff("lapic-registers.qtest", Profile.HARDWARE);
        assertThat(hardware.divergence()).isPresent();
        assertThat(hardware.divergence().get().report("model")).contains("readl 0xfee00030").contains("0x0000000000050014");
    }
}
