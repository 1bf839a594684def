package org.trapline.models.fwcfg;

/**
 * One entry of the BIOS memory map the board hands the firmware in {@code etc/e820}: 20 bytes,
 * little-endian 64-bit address and length and a 32-bit type (QEMU hw/i386/e820_memory_layout.h
 * struct e820_entry; ACPI 6.4 §15.1 Address Range Types: 1 memory, 2 reserved).
 */
public record E820Entry(long address, long length, int type) {
    public static final int RAM = 1;
    public static final int RESERVED = 2;
    static final int BYTES = 20;
}
