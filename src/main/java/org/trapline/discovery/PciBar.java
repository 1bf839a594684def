package org.trapline.discovery;

/**
 * A base address register as sizing found it (PCI 3.0 §6.2.5.1): where it is in configuration
 * space, what it decodes, its base as programmed and the size of the block it asks for.
 *
 * @param offset the register's configuration offset (10h-24h, 30h for the expansion ROM)
 * @param base   the programmed base address, 0 when unassigned
 */
public record PciBar(int offset, Kind kind, boolean prefetchable, long base, long size) {
    public enum Kind { IO, MEMORY32, MEMORY_BELOW_1M, MEMORY64, ROM }

    /** {@code Region 4: I/O ports at 0000 (unassigned) [size=16]}, in the manner of lspci -v. */
    String describe() {
        String where = switch (kind) {
            case IO -> "I/O ports at " + String.format("%04x", base);
            case ROM -> "Expansion ROM at " + String.format("%08x", base);
            default -> "Memory at " + String.format(kind == Kind.MEMORY64 ? "%016x" : "%08x", base) + " ("
                    + switch (kind) {
                        case MEMORY64 -> "64-bit";
                        case MEMORY_BELOW_1M -> "low-1M";
                        default -> "32-bit";
                    } + (prefetchable ? ", prefetchable" : ", non-prefetchable") + ")";
        };
        String name = kind == Kind.ROM ? "" : "Region " + (offset - 0x10) / 4 + ": ";
        return name + where + (base == 0 ? " (unassigned)" : "") + " [size=" + size(size) + "]";
    }

    /** A size as lspci prints it: bytes, or K, M, G when it divides exactly. */
    static String size(long bytes) {
        String[] units = {"", "K", "M", "G", "T"};
        int unit = 0;
        long n = bytes;
        while (unit < units.length - 1 && n >= 1024 && n % 1024 == 0) {
            n /= 1024;
            unit++;
        }
        return n + units[unit];
    }
}
