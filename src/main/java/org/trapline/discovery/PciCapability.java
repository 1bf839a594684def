package org.trapline.discovery;

/** An entry of a function's capabilities list (PCI 3.0 §6.7): its offset and Capability ID. */
public record PciCapability(int offset, int id) {
    /** The Capability IDs of the PCI Code and ID Assignment Specification, appendix H, that boards like this carry. */
    String name() {
        return switch (id) {
            case 0x01 -> "Power Management";
            case 0x03 -> "VPD";
            case 0x05 -> "MSI";
            case 0x09 -> "Vendor Specific";
            case 0x0d -> "Subsystem ID and Subsystem Vendor ID (bridge)";
            case 0x10 -> "PCI Express";
            case 0x11 -> "MSI-X";
            case 0x12 -> "SATA";
            case 0x13 -> "Advanced Features";
            default -> String.format("capability %02xh", id);
        };
    }

    String describe() {
        return String.format("Capabilities: [%02x] %s", offset, name());
    }
}
