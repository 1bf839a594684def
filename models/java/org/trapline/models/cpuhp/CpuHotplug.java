package org.trapline.models.cpuhp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.trapline.models.bus.AddressSpace;
import org.trapline.models.bus.IoDevice;
import org.trapline.models.bus.Mapping;
import org.trapline.models.bus.Region;
import org.trapline.models.device.Inspectable;
import org.trapline.models.device.Quirk;

/**
 * QEMU's ACPI CPU hotplug interface (docs/specs/acpi_cpu_hotplug.rst), QEMU's own paravirtual
 * device with no datasheet. It starts as the legacy interface, a 32-byte bitmap of present CPUs by
 * APIC ID, read-only; the firmware writes 0 at its first byte to switch to the modern interface, a
 * 12-byte block at the same base, for good (a reset does not switch back, nor clear the selector):
 *
 * <pre>
 *   read  00h-03h  Command data 2 (0 for every command this board answers: the APIC IDs are below 2^32)
 *         04h      CPU device status fields: bit 0 enabled, 1 insert event, 2 remove event, 4 firmware removal
 *         08h-0Bh  Command data: the selector after command 0, the APIC ID after command 3
 *   write 00h-03h  CPU selector
 *         04h      status fields: bit 1 clears the insert event, 2 the remove event, 3 ejects, 4 asks firmware removal
 *         05h      Command field (0 next CPU with an event, 1 _OST event, 2 _OST status, 3 APIC ID)
 *         08h-0Bh  Command data (the _OST event or status)
 * </pre>
 *
 * While the selector names no CPU every read is 0 and every write but the selector's is ignored.
 * Each access reaches the register at its first byte with its own width (QEMU: no impl sizes), so
 * a dword at 04h is a status write only. The boot CPU (selector 0) can neither be ejected nor
 * marked for firmware removal, and no CPU can be hot-added under qtest, so the events stay clear.
 */
public final class CpuHotplug implements Inspectable {
    public static final int LEGACY_LENGTH = 0x20;
    public static final int MODERN_LENGTH = 0x0c;
    static final int SELECTOR = 0x00;
    static final int FLAGS = 0x04;
    static final int COMMAND = 0x05;
    static final int DATA = 0x08;
    static final int DATA2 = 0x00;
    static final int CMD_GET_NEXT_CPU_WITH_EVENT = 0;
    static final int CMD_OST_EVENT = 1;
    static final int CMD_OST_STATUS = 2;
    static final int CMD_GET_CPU_ID = 3;
    static final int CMD_MAX = 4;
    static final int ENABLED = 1;
    static final int INSERTING = 2;
    static final int REMOVING = 4;
    static final int EJECT = 8;
    static final int FW_REMOVE = 16;

    private final boolean switchOnLowByte;
    private final int cpus;
    /** The legacy bitmap: a bit per APIC ID of a present CPU. */
    private final byte[] present = new byte[LEGACY_LENGTH];
    private final boolean[] inserting;
    private final boolean[] removing;
    private final boolean[] fwRemove;
    private final int[] ostEvent;
    private final int[] ostStatus;
    private boolean modern;
    private int selector;
    private int command;
    private Mapping legacyMapping;
    private Mapping modernMapping;

    /** @param cpus the possible CPUs, APIC IDs 0..cpus-1, all present (the board's boot CPU alone) */
    public CpuHotplug(Set<Quirk> quirks, int cpus) {
        Quirk.requireCoherent(quirks);
        this.switchOnLowByte = quirks.contains(CpuhpQuirks.SWITCH_ON_LOW_BYTE);
        this.cpus = cpus;
        for (int id = 0; id < cpus && id / 8 < LEGACY_LENGTH; id++) {
            present[id / 8] |= (byte) (1 << (id % 8));
        }
        inserting = new boolean[cpus];
        removing = new boolean[cpus];
        fwRemove = new boolean[cpus];
        ostEvent = new int[cpus];
        ostStatus = new int[cpus];
    }

    /** Maps the legacy bitmap at {@code base}, and the modern block there, off until the switch. */
    public void attach(AddressSpace io, int base) {
        legacyMapping = io.map(legacyRegion().at(base));
        modernMapping = io.map(modernRegion().at(base), false);
    }

    Region legacyRegion() {
        return Region.of("acpi-cpu-hotplug-legacy", LEGACY_LENGTH, 1, 4, new IoDevice() {
            @Override
            public long read(long offset, int size) {
                long v = 0;
                for (int i = 0; i < size; i++) {
                    long at = offset + i;
                    v |= (at >= 0 && at < LEGACY_LENGTH ? present[(int) at] & 0xffL : 0) << (8 * i);
                }
                return v;
            }

            @Override
            public void write(long offset, int size, long value) {
                legacyWrite(offset, value);
            }
        }, this);
    }

    Region modernRegion() {
        return Region.of("acpi-cpu-hotplug", MODERN_LENGTH, 1, 4, new IoDevice() {
            @Override
            public long read(long offset, int size) {
                return modernRead(offset) & (size >= 4 ? 0xffffffffL : (1L << (8 * size)) - 1);
            }

            @Override
            public void write(long offset, int size, long value) {
                modernWrite(offset, value & (size >= 4 ? 0xffffffffL : (1L << (8 * size)) - 1));
            }
        }, this);
    }

    /** The bitmap is read-only; a 0 written at its start is the firmware asking for the modern interface. */
    private void legacyWrite(long offset, long value) {
        boolean zero = switchOnLowByte ? (value & 0xff) == 0 : value == 0;
        if (offset == 0 && zero && !modern) {
            modern = true;
            if (legacyMapping != null) {
                legacyMapping.unmap();
                modernMapping.enable(true);
            }
        }
    }

    private boolean selects() {
        return Integer.compareUnsigned(selector, cpus) < 0;
    }

    private long modernRead(long offset) {
        if (!selects()) {
            return 0;
        }
        int cpu = selector;
        if (offset == FLAGS) {
            return ENABLED | (inserting[cpu] ? INSERTING : 0) | (removing[cpu] ? REMOVING : 0)
                    | (fwRemove[cpu] ? FW_REMOVE : 0);
        }
        if (offset == DATA) {
            return switch (command) {
                case CMD_GET_NEXT_CPU_WITH_EVENT -> selector & 0xffffffffL;
                case CMD_GET_CPU_ID -> cpu; // the APIC ID, low half
                default -> 0;
            };
        }
        return 0; // DATA2 (the APIC ID's high half, 0) and the reserved bytes
    }

    private void modernWrite(long offset, long value) {
        if (offset == SELECTOR) {
            selector = (int) value;
            return;
        }
        if (!selects()) {
            return;
        }
        int cpu = selector;
        if (offset == FLAGS) {
            if ((value & INSERTING) != 0) {
                inserting[cpu] = false;
            } else if ((value & REMOVING) != 0) {
                removing[cpu] = false;
            } else if ((value & (EJECT | FW_REMOVE)) != 0 && cpu != 0) {
                fwRemove[cpu] = (value & EJECT) == 0; // no CPU but the boot CPU exists to eject; it stays
            }
        } else if (offset == COMMAND) {
            if (value < CMD_MAX) {
                command = (int) value;
                if (command == CMD_GET_NEXT_CPU_WITH_EVENT) {
                    selectNextWithEvent();
                }
            }
        } else if (offset == DATA) {
            if (command == CMD_OST_EVENT) {
                ostEvent[cpu] = (int) value;
            } else if (command == CMD_OST_STATUS) {
                ostStatus[cpu] = (int) value;
            }
        }
    }

    /** From the selected CPU on, round the list, the first with a pending event; none: the selector stays. */
    private void selectNextWithEvent() {
        for (int n = 0, i = selector; n < cpus; n++, i = (i + 1) % cpus) {
            if (inserting[i] || removing[i] || fwRemove[i]) {
                selector = i;
                return;
            }
        }
    }

    /** A CPU hot-added at {@code id} (QEMU acpi_cpu_plug_cb), which qtest cannot cause: its insert event. */
    void hotAdd(int id) {
        inserting[id] = true;
    }

    /** Whether the guest has switched to the modern interface. */
    public boolean modern() {
        return modern;
    }

    @Override
    public String deviceName() {
        return "acpi-cpu-hotplug";
    }

    @Override
    public Map<String, String> registers() {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("interface", modern ? "modern" : "legacy");
        r.put("CPU_PRESENT[0]", Inspectable.hex(present[0] & 0xff));
        r.put("selector", String.format("0x%08x", selector));
        r.put("command", Inspectable.hex(command));
        if (selects()) {
            r.put("flags", Inspectable.hex((int) modernRead(FLAGS)));
            r.put("ost", String.format("event 0x%x status 0x%x", ostEvent[selector], ostStatus[selector]));
        }
        return r;
    }
}
