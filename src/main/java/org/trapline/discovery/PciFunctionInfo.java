package org.trapline.discovery;

import java.util.ArrayList;
import java.util.List;

/**
 * One function as enumeration found it: the identification registers of its header (PCI 3.0
 * §6.2.1), its interrupt pin and line (§6.2.4), its sized BARs and its capabilities list.
 *
 * @param classCode     base class, sub-class and programming interface (09h-0Bh)
 * @param headerType    header type with the multi-function bit (0Eh)
 * @param secondaryBus  a PCI-to-PCI bridge's secondary bus number (19h), else -1
 */
public record PciFunctionInfo(int bus, int device, int function, int vendorId, int deviceId, int revision,
                              int classCode, int headerType, int subsystemVendorId, int subsystemId,
                              int interruptPin, int interruptLine, List<PciBar> bars,
                              List<PciCapability> capabilities, int secondaryBus) {
    public PciFunctionInfo {
        bars = List.copyOf(bars);
        capabilities = List.copyOf(capabilities);
    }

    /** {@code 00:01.1}. */
    public String address() {
        return String.format("%02x:%02x.%x", bus, device, function);
    }

    public boolean multiFunction() {
        return (headerType & 0x80) != 0;
    }

    /** The name of the class code's base class and sub-class, as the PCI Code and ID Assignment Specification names them. */
    public String className() {
        return PciClassNames.of(classCode >>> 8);
    }

    /** The lines lspci -v would print for this function. */
    List<String> describe() {
        List<String> lines = new ArrayList<>();
        String progIf = (classCode & 0xff) != 0 ? String.format(" (prog-if %02x)", classCode & 0xff) : "";
        lines.add(String.format("%s %s [%04x]: %04x:%04x (rev %02x)%s", address(), className(), classCode >>> 8,
                vendorId, deviceId, revision, progIf));
        if ((headerType & 0x7f) == 0) {
            lines.add(String.format("\tSubsystem: %04x:%04x", subsystemVendorId, subsystemId));
        }
        lines.add(String.format("\tHeader type %02x, %s", headerType & 0x7f,
                multiFunction() ? "multi-function" : "single-function"));
        lines.add("\tInterrupt: " + (interruptPin == 0 ? "none"
                : "pin " + (char) ('A' + interruptPin - 1) + (interruptPin > 4 ? " (invalid)" : "")
                        + String.format(", line %d", interruptLine)));
        if (secondaryBus >= 0) {
            lines.add(String.format("\tBus: secondary=%02x", secondaryBus));
        }
        for (PciBar bar : bars) {
            lines.add("\t" + bar.describe());
        }
        for (PciCapability cap : capabilities) {
            lines.add("\t" + cap.describe());
        }
        return lines;
    }
}
