package org.trapline.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.trapline.kvm.KvmReplayResult;
import org.trapline.kvm.KvmReplayer;
import org.trapline.models.machine.Profile;
import org.trapline.pipeline.PipelineReplayer;
import org.trapline.pipeline.PipelineResult;
import org.trapline.pipeline.PipelineTraceParser;
import org.trapline.runner.ReplayResult;
import org.trapline.runner.Replayer;
import org.trapline.target.MachineArgs;
import org.trapline.target.ModelTarget;
import org.trapline.trace.TraceFiles;
import org.trapline.trace.TraceFormatException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code replay [--profile P] [--machine ARGS] [--stats] PATH...}: traces against the reference model. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replays traces against the reference model and checks every expectation.",
                "Folders are searched for *.trace, *.log, *.vmx (trap pipeline, docs/vmx-traces.md) and *.ftrace (KVM trace-cmd report text, replayed through the trap pipeline) files. Prints a line per trace, the first "
                        + "divergence of each failing one, and closes with 'N passed, M failed'.",
                "A board with std VGA, cirrus, an e1000 or the PIIX3 UHCI (QEMU's defaults without -nodefaults, "
                        + "-vga, -usb, -device) has them in PCI configuration space only, and a note says so.",
                "Exit status: 0 all match, 1 a divergence, 2 unusable input or arguments."})
public final class ReplayCommand implements Callable<Integer> {
    @Option(names = "--profile", paramLabel = "P", converter = ProfileConverter.class,
            description = "hardware or qemu-pc (default: the trace's @profile, else qemu-pc)")
    Profile profile;

    @Option(names = "--machine", paramLabel = "ARGS",
            description = "QEMU machine arguments (default: the trace's @machine, else '" + MachineArgs.DEFAULT + "')")
    String machine;

    @Option(names = "--stats", description = "add a line 'throughput: R commands/s' (parsing and replay)")
    boolean stats;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "trace files and folders")
    List<Path> paths;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (machine != null) {
            try {
                MachineArgs.parse(machine);
            } catch (IllegalArgumentException e) {
                err.println("trapline replay: --machine: " + e.getMessage());
                return Main.UNUSABLE;
            }
        }
        List<Path> files;
        try {
            files = TraceFiles.collect(paths);
        } catch (TraceFormatException e) {
            err.println("trapline replay: " + e.getMessage());
            return Main.UNUSABLE;
        }
        int passed = 0;
        int failed = 0;
        int unusable = 0;
        long commands = 0;
        long nanos = 0;
        for (Path file : files) {
            long start = System.nanoTime();
            Outcome outcome;
            try {
                outcome = replayOne(out, err, file);
            } catch (TraceFormatException e) {
                unusable++;
                out.printf("ERROR %s%n", e.getMessage());
                continue;
            }
            nanos += System.nanoTime() - start;
            commands += outcome.commands();
            if (outcome.passed()) {
                passed++;
            } else {
                failed++;
            }
        }
        out.println(passed + " passed, " + failed + " failed" + (unusable > 0 ? ", " + unusable + " unusable" : ""));
        if (stats) {
            double seconds = nanos / 1e9;
            out.printf("throughput: %.0f commands/s (%d commands in %.3f s)%n",
                    seconds > 0 ? commands / seconds : 0.0, commands, seconds);
        }
        return unusable > 0 ? Main.UNUSABLE : failed > 0 ? Main.DIVERGED : Main.OK;
    }

    /** A trace's result: whether it passed, and the commands (or pipeline steps) it ran, for --stats. */
    private record Outcome(boolean passed, long commands) {
    }

    /** One file, by its kind: a KVM ftrace, a trap-pipeline trace, or a qtest trace; prints its PASS or FAIL. */
    private Outcome replayOne(PrintWriter out, PrintWriter err, Path file) throws TraceFormatException {
        if (file.getFileName().toString().endsWith(".ftrace")) {
            return replayKvm(out, err, file, profile == null ? null : profile.id(), machine);
        }
        String profileId = profile == null ? null : profile.id();
        if (PipelineTraceParser.isPipelineTrace(file)) {
            PipelineResult result = PipelineReplayer.replay(file, profileId, machine);
            return printed(out, file, result.passed(), "%d steps, %d checks".formatted(result.stepsRun(), result.checksMade()),
                    () -> result.divergence().orElseThrow().toString(), result.stepsRun());
        }
        ReplayResult result = Replayer.replay(file, header -> ModelTarget.forTrace(header, profileId, machine));
        noteUnmodelledDefaults(err, file, result);
        return printed(out, file, result.passed(), "%d commands, %d checks".formatted(result.commandsRun(), result.checksMade()),
                () -> result.divergence().orElseThrow().report(result.targetName()), result.commandsRun());
    }

    /** A KVM ftrace (trace-cmd report text) through the trap pipeline, with its notes on stderr. */
    private static Outcome replayKvm(PrintWriter out, PrintWriter err, Path file, String profileId, String machineArgs)
            throws TraceFormatException {
        KvmReplayResult result = KvmReplayer.replay(file, profileId, machineArgs);
        for (String note : result.notes()) {
            err.printf("note: %s: %s%n", file, note);
        }
        String skipped = result.unknownEvents().isEmpty() ? ""
                : ", skipped " + result.unknownEvents().entrySet().stream()
                        .map(e -> e.getKey() + " x" + e.getValue()).collect(Collectors.joining(", "));
        return printed(out, file, result.passed(), "%d KVM events, %d checks%s".formatted(result.eventsReplayed(), result.checksMade(), skipped),
                () -> result.divergence().orElseThrow().report(), result.eventsReplayed());
    }

    /** Prints "PASS file (detail)", or "FAIL file" and the divergence's report. */
    private static Outcome printed(PrintWriter out, Path file, boolean passed, String detail,
            Supplier<String> divergence, long commands) {
        if (passed) {
            out.printf("PASS %s (%s)%n", file, detail);
        } else {
            out.printf("FAIL %s%n", file);
            out.print(divergence.get());
        }
        return new Outcome(passed, commands);
    }

    /** Says so when the trace's board has devices of QEMU's that the model does not. */
    private void noteUnmodelledDefaults(PrintWriter err, Path file, ReplayResult result) {
        String args = machine != null ? machine : result.header().machineArgs().orElse(MachineArgs.DEFAULT);
        String note = MachineArgs.parse(args).unmodelledDefaults();
        if (note != null) {
            err.printf("note: %s: %s%n", file, note);
        }
    }
}
