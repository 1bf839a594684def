package org.trapline.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.trapline.models.machine.Profile;
import org.trapline.target.MachineArgs;
import org.trapline.target.QemuBinary;
import org.trapline.target.QemuTarget;
import org.trapline.target.TargetException;
import org.trapline.trace.Step;
import org.trapline.trace.Trace;
import org.trapline.trace.TraceFormatException;
import org.trapline.trace.TraceParser;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code record --script S [--machine ARGS] [--qemu PATH] -o OUT}: a golden trace from a live QEMU. */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = {"Runs a qtest command script on a live QEMU and writes its -qtest-log, verbatim, under a "
                + "header (@machine, @profile qemu-pc, @provenance): a golden trace.",
                "Exit status: 0 recorded, 2 unusable script or arguments, or QEMU failed."})
public final class RecordCommand implements Callable<Integer> {
    @Option(names = "--script", required = true, paramLabel = "S", description = "the qtest command script")
    Path script;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "the trace to write")
    Path output;

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
            String version = binary.version();
            List<String> log = run(trace, machine, binary, timeout);
            long requests = log.stream().filter(l -> l.startsWith("[R ")).count();
            if (requests != trace.steps().size()) {
                err.println("trapline record: QEMU's -qtest-log holds " + requests + " commands, but "
                        + trace.steps().size() + " were sent; nothing written");
                return Main.UNUSABLE;
            }
            List<String> lines = new ArrayList<>();
            lines.add("@machine " + String.join(" ", machine.qemuWords()));
            lines.add("@profile " + Profile.QEMU_PC.id());
            lines.add("@provenance recorded by trapline record from " + version + " on "
                    + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " from " + script);
            lines.addAll(log);
            Path parent = output.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(output, lines, StandardCharsets.UTF_8);
            long failures = log.stream().filter(l -> l.matches("\\[S [^]]*] FAIL.*")).count();
            out.println("recorded " + trace.steps().size() + " commands from " + script + " into " + output
                    + " (" + version + ")");
            if (failures > 0) {
                out.println("note: QEMU answered FAIL to " + failures + " of them (recorded as they are)");
            }
            return Main.OK;
        } catch (TraceFormatException | IllegalArgumentException | TargetException e) {
            err.println("trapline record: " + e.getMessage());
        } catch (IOException e) {
            err.println("trapline record: cannot write " + output + ": " + e.getMessage());
        }
        return Main.UNUSABLE;
    }

    /** Sends every command of the script in its canonical text; returns QEMU's -qtest-log lines. */
    private List<String> run(Trace trace, MachineArgs machine, QemuBinary binary, Duration timeout)
            throws TargetException, TraceFormatException, IOException {
        Path log = Files.createTempFile("trapline-record", ".qtest.log");
        try {
            try (QemuTarget qemuTarget = QemuTarget.start(binary, machine, log, timeout)) {
                for (Step step : trace.steps()) {
                    try {
                        qemuTarget.send(step.command().text());
                    } catch (TargetException e) {
                        throw new TraceFormatException(trace.file(), step.line(), e.getMessage());
                    }
                }
            }
            return Files.readAllLines(log, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
