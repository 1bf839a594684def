package org.trapline.differential;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.trapline.models.machine.Profile;
import org.trapline.qtest.QtestCommand;
import org.trapline.runner.LockstepDiff;
import org.trapline.runner.ReplayResult;
import org.trapline.target.MachineArgs;
import org.trapline.target.ModelTarget;
import org.trapline.target.QemuTarget;
import org.trapline.testing.CounterexampleScript;
import org.trapline.testing.QemuRequirement;
import org.trapline.trace.Step;
import org.trapline.trace.Trace;
import org.trapline.trace.TraceFormatException;
import org.trapline.trace.TraceHeader;

/** Runs one command sequence in lockstep on a fresh QEMU and a fresh qemu-pc model. */
final class ModelVersusQemu {
    private ModelVersusQemu() {
    }

    /** Fails with the divergence report when the model answers any command, or reports any edge, unlike QEMU. */
    static void assertAgree(String machineArgs, Path script, List<String> commands) throws Exception {
        Trace trace = trace(machineArgs, script, commands);
        MachineArgs machine = MachineArgs.parse(machineArgs);
        ReplayResult result;
        try (QemuTarget live = QemuTarget.start(QemuRequirement.binaryFor(machine), machine);
             ModelTarget model = ModelTarget.of(Profile.QEMU_PC, machine)) {
            result = LockstepDiff.run(trace, live, model);
        } catch (TraceFormatException e) {
            throw new AssertionError("a target could not take the sequence: " + e.getMessage(), e);
        }
        Optional<String> report = result.divergence().map(d -> d.report(Profile.QEMU_PC.id() + " model"));
        if (report.isPresent()) {
            throw new AssertionError("the model departs from QEMU:\n" + report.get());
        }
    }

    /** The trace the script file will hold: its steps numbered by the lines they will have there. */
    static Trace trace(String machineArgs, Path file, List<String> commands) throws Exception {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            steps.add(new Step(CounterexampleScript.FIRST_COMMAND_LINE + i, QtestCommand.parse(commands.get(i)), null, null,
                    List.of(), false));
        }
        return new Trace(new TraceHeader(file, Optional.of(machineArgs), Optional.of(Profile.QEMU_PC.id()), List.of()),
                steps);
    }
}
