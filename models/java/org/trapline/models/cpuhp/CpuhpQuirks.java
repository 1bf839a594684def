package org.trapline.models.cpuhp;

import java.util.List;
import java.util.Set;

import org.trapline.models.device.Quirk;

/**
 * QEMU 7.2's ACPI CPU hotplug block: a paravirtual interface of QEMU's own, with no datasheet. Its
 * specification is QEMU's docs/specs/acpi_cpu_hotplug.rst; on a real PIIX4 board nothing answers at
 * its ports, so the block's presence is the quirk.
 */
public enum CpuhpQuirks implements Quirk {
    /** QEMU's CPU hotplug registers at AF00h-AF1Fh. */
    BLOCK_AT_AF00("cpuhp.block-at-af00", "acpi-cpu-hotplug",
            "a 32-byte block at fixed ports AF00h-AF1Fh: the legacy CPU present bitmap (byte 0 reads 01h, the boot "
                    + "CPU; every other byte 00h; writes ignored), until a write of 0 at AF00h replaces it for good "
                    + "with the 12-byte modern register block (CPU selector, device status fields, command, command "
                    + "data), AF0Ch-AF1Fh then unassigned",
            "82371AB 290562: the PIIX4 decodes no I/O at AF00h, so on the board the ports float; QEMU "
                    + "hw/acpi/piix4.c piix4_acpi_system_hot_add_init, legacy_acpi_cpu_hotplug_init at "
                    + "PIIX4_CPU_HOTPLUG_IO_BASE, hw/acpi/cpu_hotplug.c cpu_status_read/write, "
                    + "acpi_switch_to_modern_cphp, hw/acpi/cpu.c cpu_hotplug_rd/wr"),
    /** The switch to the modern interface follows the byte at AF00h, not the dword written. */
    SWITCH_ON_LOW_BYTE("cpuhp.switch-on-low-byte", "acpi-cpu-hotplug",
            "any write whose byte at AF00h is 0 switches to the modern interface (outw 0xaf00 0xff00, outl 0xaf00 "
                    + "0x12345600 switch; the value beyond the first byte is never looked at)",
            "QEMU docs/specs/acpi_cpu_hotplug.rst: the first DWORD of the bitmap is used in write mode to switch, "
                    + "write 0 into it; QEMU hw/acpi/cpu_hotplug.c AcpiCpuHotplug_ops impl.max_access_size 1 hands "
                    + "cpu_status_write one byte at a time, which switches on addr 0 with data 0") {
        @Override
        public Set<Quirk> requires() {
            return Set.of(BLOCK_AT_AF00);
        }
    };

    private final Entry entry;

    CpuhpQuirks(String id, String device, String behaviour, String citation) {
        this.entry = new Entry(id, device, behaviour, citation);
    }

    @Override
    public Entry entry() {
        return entry;
    }

    public static List<Quirk> all() {
        return List.of(values());
    }
}
