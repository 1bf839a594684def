package org.trapline.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import org.trapline.discovery.GuestPorts;
import org.trapline.discovery.LineDiff;
import org.trapline.models.machine.Profile;
import org.trapline.target.MachineArgs;
import org.trapline.target.ModelTarget;
import org.trapline.target.QemuBinary;
import org.trapline.target.QemuTarget;
import org.trapline.target.TargetException;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What {@code lspci} and {@code probe} share: a report made by port accesses alone, on the model
 * (the default), on a live QEMU ({@code --qemu}), or on both with the difference shown
 * ({@code --diff}: expected QEMU, actual the model). Exit status: 0, or with {@code --diff} 0 when
 * they agree and 1 when they differ; 2 for unusable arguments or a QEMU that failed.
 */
abstract class BoardCommand implements Callable<Integer> {
    @Option(names = "--machine", paramLabel = "ARGS",
            description = "QEMU machine arguments (default: '" + MachineArgs.DEFAULT + "')")
    String machine = MachineArgs.DEFAULT;

    @Option(names = "--profile", paramLabel = "P", defaultValue = "qemu-pc", converter = ProfileConverter.class,
            description = "the model's profile: qemu-pc (default) or hardware")
    Profile profile;

    @Option(names = "--qemu", paramLabel = "PATH", arity = "0..1", fallbackValue = "",
            description = "run on a live QEMU instead of the model; PATH names the binary (default: $"
                    + QemuBinary.ENV + ", else " + QemuBinary.DEFAULT_NAME + " on the PATH)")
    String qemu;

    @Option(names = "--diff", description = "run on both a live QEMU and the model and show where the model differs")
    boolean diff;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "how long to wait for each answer of QEMU (default: ${DEFAULT-VALUE} s)")
    double timeoutSeconds;

    @Spec
    CommandSpec spec;

    /** The report, from port accesses on {@code ports} only. */
    abstract List<String> report(GuestPorts ports) throws TargetException;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String name = spec.name();
        try {
            MachineArgs args = parseMachine();
            if (!(timeoutSeconds > 0) || timeoutSeconds > 3600) {
                throw new IllegalArgumentException("--timeout " + timeoutSeconds + ": give a number of seconds in (0, 3600]");
            }
            if (args.unmodelledDefaults() != null && (diff || qemu == null)) {
                err.println("note: " + args.unmodelledDefaults());
            }
            if (!diff && qemu == null) {
                try (ModelTarget model = ModelTarget.of(profile, args)) {
                    print(out, report(new GuestPorts(model)));
                }
                return Main.OK;
            }
            List<String> live;
            String reference;
            try (QemuTarget target = startQemu(args)) {
                reference = target.name();
                live = report(new GuestPorts(target));
            }
            if (!diff) {
                print(out, live);
                return Main.OK;
            }
            List<String> modelled;
            try (ModelTarget model = ModelTarget.of(profile, args)) {
                modelled = report(new GuestPorts(model));
            }
            if (LineDiff.same(live, modelled)) {
                print(out, modelled);
                out.printf("%s: model(%s) and %s agree%n", name, profile.id(), reference);
                return Main.OK;
            }
            out.printf("--- expected: %s%n+++ actual:   model(%s)%n", reference, profile.id());
            List<String> lines = LineDiff.of(live, modelled);
            print(out, lines);
            long differing = lines.stream().filter(l -> !l.startsWith("  ")).count();
            out.printf("%s: %d line%s differ%n", name, differing, differing == 1 ? "" : "s");
            return Main.DIVERGED;
        } catch (IllegalArgumentException | TargetException e) {
            err.println("trapline " + name + ": " + e.getMessage());
            return Main.UNUSABLE;
        }
    }

    private MachineArgs parseMachine() {
        try {
            return MachineArgs.parse(machine);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--machine: " + e.getMessage());
        }
    }

    private QemuTarget startQemu(MachineArgs args) throws TargetException {
        String path = qemu == null || qemu.isEmpty() ? null : qemu;
        QemuBinary binary = args.clockDriven() ? QemuBinary.locateClockDriven(path) : QemuBinary.locate(path);
        return QemuTarget.start(binary, args, Path.of("/dev/null"), Duration.ofMillis(Math.round(timeoutSeconds * 1000)));
    }

    private static void print(PrintWriter out, List<String> lines) {
        for (String line : lines) {
            out.println(line);
        }
    }
}
