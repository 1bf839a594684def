package org.trapline.models.pci;

import java.util.ArrayList;
import java.util.List;

/** PCI bus 0: up to 32 devices of up to 8 functions, indexed by devfn (CONFIG_ADDRESS bits 15:8). */
final class Bus0 {
    private final PciFunction[] byDevfn = new PciFunction[256];
    private final List<PciFunction> plugged = new ArrayList<>();

    void plug(PciFunction f) {
        if (byDevfn[f.devfn()] != null) {
            throw new IllegalArgumentException(f.address() + " is taken");
        }
        byDevfn[f.devfn()] = f;
        plugged.add(f);
    }

    /** The function at devfn, or null (reads of it float to all ones). */
    PciFunction function(int devfn) {
        return byDevfn[devfn & 0xff];
    }

    List<PciFunction> functions() {
        return List.copyOf(plugged);
    }
}
