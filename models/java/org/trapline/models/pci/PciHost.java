package org.trapline.models.pci;

import java.util.List;
import java.util.Set;

import org.trapline.models.bus.PortIoBus;
import org.trapline.models.machine.Inspectable;
import org.trapline.models.machine.MachineConfig;
import org.trapline.models.machine.Quirk;

/**
 * STUB (to be written): PCI configuration mechanism #1 (PCI Local Bus 3.0, §3.2.2.3.2) at 0xCF8
 * (CONFIG_ADDRESS) and 0xCFC-0xCFF (CONFIG_DATA), with the functions of bus 0 behind it.
 */
public final class PciHost {
    public PciHost(Set<Quirk> quirks) {
    }

    public void attach(PortIoBus io) {
    }

    /** Plugs the i440FX/PIIX functions of the PC board: 00:00.0, 00:01.0, 00:01.1, 00:01.3. */
    public void populatePcBoard(MachineConfig config) {
    }

    public List<Inspectable> functions() {
        return List.of();
    }

    public static List<Quirk> qemuQuirks() {
        return List.of();
    }
}
