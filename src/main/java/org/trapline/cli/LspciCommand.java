package org.trapline.cli;

import java.util.List;

import org.trapline.discovery.GuestPorts;
import org.trapline.discovery.LspciReport;
import org.trapline.discovery.PciEnumeration;
import org.trapline.target.TargetException;

import picocli.CommandLine.Command;

/** {@code lspci [--machine ARGS] [--profile P] [--qemu [PATH]] [--diff]}: PCI as a guest enumerates it. */
@Command(name = "lspci", mixinStandardHelpOptions = true,
        description = {"Enumerates PCI through configuration mechanism #1 as a guest does (functions, multi-function "
                + "headers, BARs sized by writing all ones, capabilities lists, interrupt pins) and prints the tree "
                + "and each function, on the model, on a live QEMU (--qemu) or on both (--diff).",
                "The i440FX, PIIX3 ISA and IDE and PIIX4 PM functions are modelled; std VGA (-vga std, the "
                        + "default; -device VGA), cirrus (-vga cirrus; -device cirrus-vga), the e1000 (the default NIC; "
                        + "-device e1000) and the PIIX3 UHCI (-usb; -device piix3-usb-uhci) exist in configuration space "
                        + "only: their BARs size and take a base, but nothing decodes behind them.",
                "Exit status: 0; with --diff 1 when the model differs; 2 unusable arguments or QEMU failed."})
public final class LspciCommand extends BoardCommand {
    @Override
    List<String> report(GuestPorts ports) throws TargetException {
        return LspciReport.lines(PciEnumeration.enumerate(ports));
    }
}
