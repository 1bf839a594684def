package org.trapline.cli;

import java.time.Duration;

import org.trapline.target.MachineArgs;
import org.trapline.target.QemuBinary;
import org.trapline.target.TargetException;
import org.trapline.trace.Trace;

import picocli.CommandLine.Option;

/** The options of the commands that start a live QEMU: which QEMU, which machine, how patient. */
public final class QemuOptions {
    /** The machine a script runs on unless told: the default board with a fixed, guest-timed RTC. */
    public static final String DEFAULT_MACHINE = MachineArgs.DEFAULT;

    @Option(names = "--machine", paramLabel = "ARGS",
            description = "QEMU machine arguments (default: the script's @machine, else '" + DEFAULT_MACHINE + "')")
    String machine;

    @Option(names = "--qemu", paramLabel = "PATH",
            description = "the QEMU binary (default: $" + QemuBinary.ENV + ", else " + QemuBinary.DEFAULT_NAME
                    + " on the PATH; for -accel qtest: $" + QemuBinary.QTEST_ENV
                    + ", else the build of tools/qemu-qtest/build.sh)")
    String qemu;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "how long to wait for each answer of QEMU (default: ${DEFAULT-VALUE} s)")
    double timeoutSeconds;

    /** @throws IllegalArgumentException naming the argument at fault */
    MachineArgs machineFor(Trace script) {
        String text = machine != null ? machine : script.machineArgs().orElse(DEFAULT_MACHINE);
        try {
            return MachineArgs.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException((machine != null ? "--machine: " : "@machine: ") + e.getMessage());
        }
    }

    /** The QEMU for these machine arguments: one built with the qtest accelerator when they ask for it. */
    QemuBinary binary(MachineArgs machine) throws TargetException {
        return machine.clockDriven() ? QemuBinary.locateClockDriven(qemu) : QemuBinary.locate(qemu);
    }

    /** @throws IllegalArgumentException when the timeout is not a positive number of seconds */
    Duration timeout() {
        if (!(timeoutSeconds > 0) || timeoutSeconds > 3600) {
            throw new IllegalArgumentException("--timeout " + timeoutSeconds + ": give a number of seconds in (0, 3600]");
        }
        return Duration.ofMillis(Math.round(timeoutSeconds * 1000));
    }
}
