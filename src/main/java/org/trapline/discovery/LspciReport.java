package org.trapline.discovery;

import java.util.ArrayList;
import java.util.List;

/** The board as enumeration found it: a tree of the buses in the manner of {@code lspci -t}, then each function in detail. */
public final class LspciReport {
    private LspciReport() {
    }

    public static List<String> lines(List<PciFunctionInfo> functions) {
        List<String> lines = new ArrayList<>();
        int bus = -1;
        for (int i = 0; i < functions.size(); i++) {
            PciFunctionInfo f = functions.get(i);
            boolean first = f.bus() != bus;
            bus = f.bus();
            boolean last = i + 1 == functions.size() || functions.get(i + 1).bus() != bus;
            String lead = String.format("-[0000:%02x]-", bus);
            String prefix = first ? lead + (last ? "--" : "+-") : " ".repeat(lead.length()) + (last ? "\\-" : "+-");
            lines.add(String.format("%s%02x.%x  %04x:%04x %s", prefix, f.device(), f.function(), f.vendorId(),
                    f.deviceId(), f.className()));
        }
        for (PciFunctionInfo f : functions) {
            lines.add("");
            lines.addAll(f.describe());
        }
        if (functions.isEmpty()) {
            lines.add("no PCI functions answer configuration mechanism #1 at CF8h/CFCh");
        }
        return lines;
    }
}
