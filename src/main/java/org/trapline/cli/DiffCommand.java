package org.trapline.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import org.trapline.models.machine.Profile;
import org.trapline.runner.LockstepDiff;
import org.trapline.runner.ReplayResult;
import org.trapline.target.MachineArgs;
import org.trapline.target.ModelTarget;
import org.trapline.target.QemuBinary;
import org.trapline.target.QemuTarget;
import org.trapline.target.TargetException;
import org.trapline.trace.Trace;
import org.trapline.trace.TraceFormatException;
import org.trapline.trace.TraceParser;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code diff --script S [--machine ARGS] [--profile P] [--qemu PATH]}: the model against a live QEMU. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Runs a qtest command script on the model and on a live QEMU in lockstep and reports the "
                + "first command whose response or interrupt edges differ (expected: QEMU; actual: the model).",
                "Exit status: 0 all match, 1 a divergence, 2 unusable script or arguments, or QEMU failed."})
public final class DiffCommand implements Callable<Integer> {
    @Option(names = "--script", required = true, paramLabel = "S", description = "the qtest command script")
    Path script;

    @Option(names = "--profile", paramLabel = "P", defaultValue = "qemu-pc", converter = ProfileConverter.class,
            description = "the model's profile: qemu-pc (default) or hardware")
    Profile profile;

    @Mixin
    QemuOptions qemu;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Trace trace = TraceParser.parse(script);
            MachineArgs machine = qemu.machineFor(trace);
            Duration timeout = qemu.timeout();
            QemuBinary binary = qemu.binary(machine);
            ReplayResult result;
            String reference;
            try (QemuTarget live = QemuTarget.start(binary, machine, Path.of("/dev/null"), timeout);
                 ModelTarget model = ModelTarget.of(profile, machine)) {
                reference = live.name();
                result = LockstepDiff.run(trace, live, model);
            }
            if (result.passed()) {
                out.printf("PASS %s (%d commands, model(%s) answered as %s)%n", script, result.commandsRun(), profile.id(),
                        reference);
            } else {
                out.printf("FAIL %s (expected: %s; actual: model(%s))%n", script, reference, profile.id());
                out.print(result.divergence().orElseThrow().report(result.targetName()));
            }
            out.printf("%d commands, %d divergence%s%n", result.commandsRun(), result.passed() ? 0 : 1,
                    result.passed() ? "s" : "");
            return result.passed() ? Main.OK : Main.DIVERGED;
        } catch (TraceFormatException | IllegalArgumentException | TargetException e) {
            err.println("trapline diff: " + e.getMessage());
        }
        return Main.UNUSABLE;
    }
}
