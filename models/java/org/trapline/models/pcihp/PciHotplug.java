package org.trapline.models.pcihp;

import java.util.LinkedHashMap;
import java.util.Map;

import org.trapline.models.bus.IoDevice;
import org.trapline.models.bus.Region;
import org.trapline.models.device.Inspectable;

/**
 * QEMU's ACPI PCI hotplug interface (docs/specs/acpi_pci_hotplug.rst): six dword registers through
 * which the firmware's AML learns of hot-added and removed slots and ejects them. It is QEMU's own
 * paravirtual device, with no datasheet; the spec file names PCI_UP, PCI_DOWN, PCI_EJ and PCI_RMV,
 * and QEMU 7.2 adds PCI_SEL, the bus selector (bus 0 is selector 0; with bridge hotplug on, which
 * {@code -machine pc} has, every value written is kept), and PCI_AIDX, the acpi-index of a slot.
 * Only dword accesses at a register reach it; narrower ones read 0 and write nothing (QEMU's
 * access check). The board maps it only under {@link PcihpQuirks#BLOCK_AT_AE00}.
 *
 * <p>No hotplug event can reach the board here (qtest has no device_add), so the slot words of
 * PCI_UP and PCI_DOWN stay 0; an eject request on a slot that holds a fixed device does nothing.
 */
public final class PciHotplug implements Inspectable {
    public static final int LENGTH = 0x18;
    static final int PCI_UP = 0x00;
    static final int PCI_DOWN = 0x04;
    static final int PCI_EJ = 0x08;
    static final int PCI_RMV = 0x0c;
    static final int PCI_SEL = 0x10;
    static final int PCI_AIDX = 0x14;
    /** Selectors 0-255 name hotplug buses (QEMU ACPI_PCIHP_MAX_HOTPLUG_BUS). */
    static final int BUSES = 256;

    /** The bus 0 slots whose devices cannot be unplugged: their PCI_RMV bits read 0. */
    private final int fixedSlots;
    private final int[] up = new int[BUSES];
    private final int[] down = new int[BUSES];
    private int select;
    private int acpiIndex;

    /** @param fixedSlots a bit per bus 0 slot holding a device that is not hot-pluggable */
    public PciHotplug(int fixedSlots) {
        this.fixedSlots = fixedSlots;
    }

    public Region region() {
        return Region.of("acpi-pci-hotplug", LENGTH, 1, 4, new IoDevice() {
            @Override
            public long read(long offset, int size) {
                return valid(offset, size) ? register((int) offset) & 0xffffffffL : 0;
            }

            @Override
            public void write(long offset, int size, long value) {
                if (valid(offset, size)) {
                    writeRegister((int) offset, (int) value);
                }
            }
        }, this);
    }

    /** QEMU's access check: dword, aligned, inside the block (acpi_pcihp_io_ops valid 4..4). */
    private static boolean valid(long offset, int size) {
        return size == 4 && (offset & 3) == 0 && offset >= 0 && offset < LENGTH;
    }

    /** A selector of 256 or more (unsigned) names no bus. */
    private boolean selectsBus() {
        return Integer.compareUnsigned(select, BUSES) < 0;
    }

    private int register(int offset) {
        if (!selectsBus()) {
            return 0;
        }
        return switch (offset) {
            case PCI_UP -> readUp();
            case PCI_DOWN -> down[select];
            case PCI_RMV -> removable(select);
            case PCI_SEL -> select;
            case PCI_AIDX -> takeAcpiIndex();
            default -> 0; // PCI_EJ reads the feature set: none
        };
    }

    /** PCI_UP clears on read once bridges are hot-pluggable (QEMU: !legacy_piix). */
    private int readUp() {
        int v = up[select];
        up[select] = 0;
        return v;
    }

    private int takeAcpiIndex() {
        int v = acpiIndex;
        acpiIndex = 0;
        return v;
    }

    /** PCI_RMV: every slot, but on bus 0 those of the fixed devices; no other bus exists, all its slots free. */
    int removable(int bus) {
        return bus == 0 ? ~fixedSlots : ~0;
    }

    private void writeRegister(int offset, int value) {
        acpiIndex = 0; // every write forgets an index fetched before
        switch (offset) {
            case PCI_EJ -> eject(value);
            case PCI_SEL -> select = value;
            default -> { } // PCI_AIDX: the slot's acpi-index, 0 for every device here; the rest read-only
        }
    }

    /** Ejects the lowest slot set: its pending up and down bits clear; a fixed device stays. */
    private void eject(int slots) {
        if (slots == 0 || !selectsBus() || select != 0) {
            return; // no slot, or a selector with no bus behind it
        }
        int slot = Integer.numberOfTrailingZeros(slots);
        up[0] &= ~(1 << slot);
        down[0] &= ~(1 << slot);
    }

    /** A device added in {@code slot} of bus 0 (QEMU acpi_pcihp_device_plug_cb); qtest cannot cause one. */
    void hotAdd(int slot) {
        up[0] |= 1 << slot;
    }

    /** A removal requested for {@code slot} of bus 0 (QEMU acpi_pcihp_device_unplug_request_cb). */
    void removeRequest(int slot) {
        down[0] |= 1 << slot;
    }

    /** The selector; a machine reset keeps it (QEMU acpi_pcihp_reset does not touch hotplug_select). */
    public int selector() {
        return select;
    }

    @Override
    public String deviceName() {
        return "acpi-pci-hotplug";
    }

    @Override
    public Map<String, String> registers() {
        Map<String, String> r = new LinkedHashMap<>();
        boolean bus = selectsBus();
        r.put("PCI_UP", String.format("0x%08x", bus ? up[select] : 0));
        r.put("PCI_DOWN", String.format("0x%08x", bus ? down[select] : 0));
        r.put("PCI_RMV", String.format("0x%08x", bus ? removable(select) : 0));
        r.put("PCI_SEL", String.format("0x%08x", select));
        r.put("PCI_AIDX", String.format("0x%08x", acpiIndex));
        return r;
    }
}
