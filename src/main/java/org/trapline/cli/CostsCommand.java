package org.trapline.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.trapline.costs.CostRun;
import org.trapline.costs.CostTable;
import org.trapline.costs.DeviceOperation;
import org.trapline.costs.OperationCatalog;
import org.trapline.costs.OperationCost;
import org.trapline.costs.Prices;
import org.trapline.models.machine.Profile;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code costs}: what each device operation costs emulated and passed through, counted by the trap pipeline. */
@Command(name = "costs", mixinStandardHelpOptions = true,
        description = {"Runs each modelled device operation's guest instructions through the trap pipeline on a fresh "
                + "board twice: emulated (every I/O instruction exits, the device's MMIO pages trap in EPT) and passed "
                + "through (I/O bitmaps clear for the device's ports, its pages mapped in EPT), and prints the exits "
                + "counted by reason and their cost at the prices given.",
                "The default prices are illustrative, not measured: set your host's with --price.",
                "Exit status: 0; 2 unusable arguments."})
public final class CostsCommand implements Callable<Integer> {
    @Option(names = "--format", paramLabel = "F", defaultValue = "text",
            description = "text (default), csv or json")
    String format;

    @Option(names = "--profile", paramLabel = "P", defaultValue = "qemu-pc", converter = ProfileConverter.class,
            description = "the board's profile: qemu-pc (default) or hardware")
    Profile profile;

    @Option(names = "--mmio-trap", paramLabel = "KIND", defaultValue = "violation",
            description = "how emulated MMIO pages trap: violation (not present, exit 48; default) or misconfig "
                    + "(write-only entry, exit 49, as KVM marks MMIO it has seen)")
    String mmioTrap;

    @Option(names = "--price", paramLabel = "NAME=NS",
            description = "a price in ns; names: " + Prices.NAMES + " (defaults, illustrative: io=1500 "
                    + "ept-violation=2500 ept-misconfig=2000 emulated=100 passthrough=30)")
    List<String> prices = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!List.of("text", "csv", "json").contains(format)) {
            throw new ParameterException(spec.commandLine(), "unknown --format '" + format + "' (known: text, csv, json)");
        }
        CostRun.MmioTrap trap = switch (mmioTrap) {
            case "violation" -> CostRun.MmioTrap.VIOLATION;
            case "misconfig" -> CostRun.MmioTrap.MISCONFIG;
            default -> throw new ParameterException(spec.commandLine(),
                    "unknown --mmio-trap '" + mmioTrap + "' (known: violation, misconfig)");
        };
        Prices p = Prices.ILLUSTRATIVE;
        for (String assignment : prices) {
            try {
                p = p.with(assignment);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--price: " + e.getMessage());
            }
        }
        List<OperationCost> costs = new ArrayList<>();
        for (DeviceOperation op : OperationCatalog.all()) {
            costs.add(OperationCost.measure(op, profile, p, trap));
        }
        PrintWriter out = spec.commandLine().getOut();
        List<String> lines = switch (format) {
            case "csv" -> CostTable.csv(costs);
            case "json" -> CostTable.json(costs, p);
            default -> {
                List<String> all = new ArrayList<>(CostTable.header(profile.id(), trap, p));
                all.addAll(CostTable.text(costs));
                yield all;
            }
        };
        lines.forEach(out::println);
        return Main.OK;
    }
}
