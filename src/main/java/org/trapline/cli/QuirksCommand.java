package org.trapline.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.trapline.models.machine.Profile;
import org.trapline.models.device.Quirk;

import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code quirks}: the ledger of where QEMU's board departs from the datasheets. */
@Command(name = "quirks", mixinStandardHelpOptions = true,
        description = "Lists the quirks of the qemu-pc profile: each place where QEMU departs from a datasheet, "
                + "what it does, and the rule it breaks.")
public final class QuirksCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (Quirk q : Profile.QEMU_PC.quirks()) {
            out.printf("%s  [%s]%n    QEMU:     %s%n    departs:  %s%n", q.id(), q.device(), q.behaviour(), q.citation());
        }
        out.println(Profile.QEMU_PC.quirks().size() + " quirks");
        return Main.OK;
    }
}
