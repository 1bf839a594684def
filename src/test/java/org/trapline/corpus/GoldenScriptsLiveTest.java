package org.trapline.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.trapline.cli.QemuOptions;
import org.trapline.models.machine.Profile;
import org.trapline.runner.LockstepDiff;
import org.trapline.runner.ReplayResult;
import org.trapline.target.MachineArgs;
import org.trapline.target.ModelTarget;
import org.trapline.target.QemuBinary;
import org.trapline.target.QemuTarget;
import org.trapline.testing.QemuRequirement;
import org.trapline.testing.RequiresQemu;
import org.trapline.trace.Trace;
import org.trapline.trace.TraceParser;

/**
 * The stimulus of every golden trace, run in lockstep on this machine's QEMU and on the qemu-pc
 * model: they must still agree, so a golden trace that a newer QEMU would answer differently is
 * caught here rather than trusted.
 */
@Tag("qemu")
@RequiresQemu
class GoldenScriptsLiveTest {
    @TestFactory
    Stream<DynamicTest> everyGoldenScriptAgreesWithLiveQemu(QemuBinary qemu) throws Exception {
        List<Path> scripts;
        try (Stream<Path> files = Files.list(Path.of("golden", "scripts"))) {
            scripts = files.filter(p -> p.toString().endsWith(".qtest")).sorted().toList();
        }
        assertThat(scripts).isNotEmpty();
        return scripts.stream().map(script -> DynamicTest.dynamicTest(script.getFileName().toString(), () -> {
            Trace trace = TraceParser.parse(script);
            MachineArgs machine = MachineArgs.parse(trace.machineArgs().orElse(QemuOptions.DEFAULT_MACHINE));
            try (QemuTarget live = QemuTarget.start(QemuRequirement.binaryFor(machine),
                    machine);
                 ModelTarget model = ModelTarget.of(Profile.QEMU_PC, machine)) {
                ReplayResult result = LockstepDiff.run(trace, live, model);
                assertThat(result.divergence()).as("%s: model against %s", script, live.name())
                        .withFailMessage(() -> result.divergence().map(d -> d.report(model.name())).orElse(""))
                        .isEmpty();
            }
        }));
    }
}
