package org.trapline.costs;

import java.util.ArrayList;
import java.util.List;

/** The costs of the operations as text (an aligned table), CSV (a header row) or JSON (an array of objects). */
public final class CostTable {
    private static final String[] COLUMNS = {"operation", "device", "instructions", "emulation_exits", "io_exits",
        "ept_violation_exits", "ept_misconfig_exits", "emulation_ns", "passthrough_exits", "passthrough_ns"};

    private CostTable() {
    }

    private static List<String> cells(OperationCost c) {
        return List.of(c.id(), c.device(), Long.toString(c.instructions()), Long.toString(c.emulationExits()),
                Long.toString(c.ioExits()), Long.toString(c.eptViolationExits()), Long.toString(c.eptMisconfigExits()),
                Long.toString(c.emulationNs()), Long.toString(c.passthroughExits()), Long.toString(c.passthroughNs()));
    }

    /** The header lines the text format prints: what was run and at which prices. */
    public static List<String> header(String profile, CostRun.MmioTrap trap, Prices prices) {
        return List.of("device operations through the trap pipeline, profile " + profile + ", emulated MMIO trapped by EPT "
                        + (trap == CostRun.MmioTrap.MISCONFIG ? "misconfiguration (49)" : "violation (48)"),
                "prices in ns (illustrative unless set with --price): " + prices);
    }

    public static List<String> text(List<OperationCost> costs) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("operation", "device", "instrs", "exits", "io(30)", "ept-v(48)", "ept-m(49)", "emulated-ns",
                "pt-exits", "passthrough-ns"));
        for (OperationCost c : costs) {
            rows.add(cells(c));
        }
        int[] width = new int[COLUMNS.length];
        for (List<String> r : rows) {
            for (int i = 0; i < r.size(); i++) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (List<String> r : rows) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < r.size(); i++) {
                String cell = r.get(i);
                String pad = " ".repeat(width[i] - cell.length());
                b.append(i < 2 ? cell + pad : pad + cell).append(i + 1 < r.size() ? "  " : "");
            }
            lines.add(b.toString().stripTrailing());
        }
        for (OperationCost c : costs) {
            lines.add(c.id() + ": " + c.listing() + "  [" + c.citation() + "]");
        }
        return lines;
    }

    public static List<String> csv(List<OperationCost> costs) {
        List<String> lines = new ArrayList<>();
        lines.add(String.join(",", COLUMNS));
        for (OperationCost c : costs) {
            lines.add(String.join(",", cells(c)));
        }
        return lines;
    }

    /** A JSON array, one object a line; the names are CSV's, the counts numbers, the rest strings. */
    public static List<String> json(List<OperationCost> costs, Prices prices) {
        List<String> lines = new ArrayList<>();
        lines.add("[");
        for (int k = 0; k < costs.size(); k++) {
            List<String> cells = cells(costs.get(k));
            StringBuilder b = new StringBuilder("  {");
            for (int i = 0; i < COLUMNS.length; i++) {
                String v = i < 2 ? quote(cells.get(i)) : cells.get(i);
                b.append('"').append(COLUMNS[i]).append("\": ").append(v).append(", ");
            }
            b.append("\"sequence\": ").append(quote(costs.get(k).listing())).append(", \"citation\": ")
                    .append(quote(costs.get(k).citation())).append(", \"prices_ns\": {")
                    .append("\"io\": ").append(prices.io()).append(", \"ept-violation\": ").append(prices.eptViolation())
                    .append(", \"ept-misconfig\": ").append(prices.eptMisconfig()).append(", \"emulated\": ")
                    .append(prices.emulated()).append(", \"passthrough\": ").append(prices.passthrough()).append("}}");
            lines.add(b + (k + 1 < costs.size() ? "," : ""));
        }
        lines.add("]");
        return lines;
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
