package org.trapline.cli;

import java.util.List;

import org.trapline.discovery.GuestPorts;
import org.trapline.discovery.ProbeReport;
import org.trapline.target.TargetException;

import picocli.CommandLine.Command;

/** {@code probe [--machine ARGS] [--profile P] [--qemu [PATH]] [--diff]}: the ISA devices drivers' probes find. */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = {"Runs the probes drivers make for devices that cannot be enumerated (8259A, 8254, MC146818, "
                + "8237A pair, i8042 with Linux's self-test, aux loopback and keyboard identify, Linux's 8250 "
                + "autoconfig at COM1-COM4, the floppy controller's DUMPREG/VERSION/PART ID, libata's ATA device "
                + "check on both channels, the fw_cfg signature) and prints what each found, on the model, on a "
                + "live QEMU (--qemu) or on both (--diff).",
                "The probes write to the devices as the drivers do; the model and QEMU get the same accesses.",
                "Exit status: 0; with --diff 1 when the model differs; 2 unusable arguments or QEMU failed."})
public final class ProbeCommand extends BoardCommand {
    @Override
    List<String> report(GuestPorts ports) throws TargetException {
        return ProbeReport.lines(ports);
    }
}
