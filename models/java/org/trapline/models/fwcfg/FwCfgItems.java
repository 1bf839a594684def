package org.trapline.models.fwcfg;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The items a board offers through fw_cfg, by selector key. Named files get keys from
 * {@link #FILE_FIRST} on in the order of their names (QEMU hw/nvram/fw_cfg.c
 * fw_cfg_add_file_callback keeps the directory sorted with strcmp), and the File Directory (key
 * 0x0019) lists them (fw_cfg.rst "File Directory"). An absent key reads as an empty item.
 */
public final class FwCfgItems {
    public static final int SIGNATURE = 0x0000;
    public static final int ID = 0x0001;
    public static final int UUID = 0x0002;
    public static final int RAM_SIZE = 0x0003;
    public static final int NOGRAPHIC = 0x0004;
    public static final int NB_CPUS = 0x0005;
    public static final int MACHINE_ID = 0x0006;
    public static final int KERNEL_ADDR = 0x0007;
    public static final int KERNEL_SIZE = 0x0008;
    public static final int KERNEL_CMDLINE = 0x0009;
    public static final int INITRD_ADDR = 0x000a;
    public static final int INITRD_SIZE = 0x000b;
    public static final int BOOT_DEVICE = 0x000c;
    public static final int NUMA = 0x000d;
    public static final int BOOT_MENU = 0x000e;
    public static final int MAX_CPUS = 0x000f;
    public static final int KERNEL_ENTRY = 0x0010;
    public static final int KERNEL_DATA = 0x0011;
    public static final int INITRD_DATA = 0x0012;
    public static final int CMDLINE_ADDR = 0x0013;
    public static final int CMDLINE_SIZE = 0x0014;
    public static final int CMDLINE_DATA = 0x0015;
    public static final int SETUP_ADDR = 0x0016;
    public static final int SETUP_SIZE = 0x0017;
    public static final int SETUP_DATA = 0x0018;
    public static final int FILE_DIR = 0x0019;
    public static final int FILE_FIRST = 0x0020;
    /** x86's own items (hw/i386/fw_cfg.h). */
    public static final int ACPI_TABLES = 0x8000;
    public static final int IRQ0_OVERRIDE = 0x8002;
    public static final int HPET = 0x8004;
    /** fw_cfg.rst "Revision / feature bitmap": bit 0 traditional interface, bit 1 DMA. */
    public static final int ID_TRADITIONAL = 0x1;
    public static final int ID_DMA = 0x2;
    static final int FILE_ENTRY_BYTES = 64;
    static final int FILE_NAME_BYTES = 56;

    private final Map<Integer, FwCfgItem> byKey = new HashMap<>();
    private final List<FwCfgItem> files = new ArrayList<>();

    /** Adds the item at {@code key}, replacing any there. */
    public FwCfgItems put(int key, FwCfgItem item) {
        byKey.put(key, item);
        return this;
    }

    /** Adds a named file; {@link #seal()} gives the files their keys and makes the directory. */
    public FwCfgItems file(FwCfgItem item) {
        files.add(item);
        return this;
    }

    /** Keys the files in name order from 0x0020 and adds the directory at 0x0019. */
    public FwCfgItems seal() {
        List<FwCfgItem> sorted = new ArrayList<>(files);
        sorted.sort(Comparator.comparing(FwCfgItem::name, FwCfgItems::compareBytes));
        ByteBuffer dir = ByteBuffer.allocate(4 + FILE_ENTRY_BYTES * sorted.size()).order(ByteOrder.BIG_ENDIAN);
        dir.putInt(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            FwCfgItem f = sorted.get(i);
            byKey.put(FILE_FIRST + i, f);
            byte[] name = f.name().getBytes(StandardCharsets.US_ASCII);
            dir.putInt(f.size()).putShort((short) (FILE_FIRST + i)).putShort((short) 0);
            dir.put(name, 0, Math.min(name.length, FILE_NAME_BYTES - 1));
            dir.position(dir.position() + FILE_NAME_BYTES - Math.min(name.length, FILE_NAME_BYTES - 1));
        }
        byKey.put(FILE_DIR, FwCfgItem.of("file_dir", dir.array()));
        return this;
    }

    /** strcmp's order: unsigned bytes. */
    private static int compareBytes(String a, String b) {
        byte[] x = a.getBytes(StandardCharsets.US_ASCII);
        byte[] y = b.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int d = (x[i] & 0xff) - (y[i] & 0xff);
            if (d != 0) {
                return d;
            }
        }
        return x.length - y.length;
    }

    /** The item at {@code key} (Bit14 already cleared), or null. */
    FwCfgItem item(int key) {
        return byKey.get(key);
    }

    /** The item at {@code key}, if any, for reports and tests. */
    public FwCfgItem at(int key) {
        return byKey.get(key);
    }

    /** The keys in use, for reports. */
    public List<Integer> keys() {
        List<Integer> k = new ArrayList<>(byKey.keySet());
        Collections.sort(k);
        return k;
    }

    static byte[] le(long value, int bytes) {
        byte[] b = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            b[i] = (byte) (value >>> (8 * i));
        }
        return b;
    }

    /** The e820 table: 20 little-endian bytes an entry. */
    static byte[] e820(List<E820Entry> entries) {
        ByteBuffer b = ByteBuffer.allocate(E820Entry.BYTES * entries.size()).order(ByteOrder.LITTLE_ENDIAN);
        for (E820Entry e : entries) {
            b.putLong(e.address()).putLong(e.length()).putInt(e.type());
        }
        return b.array();
    }

    /**
     * The items of QEMU 7.2's {@code -machine pc} without {@code -kernel}, {@code -numa} nor devices
     * (hw/nvram/fw_cfg.c fw_cfg_common_realize, fw_cfg_bootsplash, fw_cfg_reboot,
     * fw_cfg_machine_reset; hw/i386/fw_cfg.c fw_cfg_arch_create, fw_cfg_build_feature_control;
     * hw/i386/pc.c pc_memory_init). The ACPI and SMBIOS tables and option ROMs are listed with their
     * sizes only.
     *
     * @param ramBytes          guest RAM ({@code RAM_SIZE})
     * @param cpus              boot CPUs, which here is also the APIC ID limit ({@code NB_CPUS}, {@code MAX_CPUS})
     * @param e820              the memory map's entries, in the order the board adds them
     * @param smbiosTablesBytes the size of {@code etc/smbios/smbios-tables}
     * @param boot              what {@code -uuid} and {@code -boot} give
     */
    public static FwCfgItems pc(long ramBytes, int cpus, List<E820Entry> e820, int smbiosTablesBytes, BootOptions boot) {
        FwCfgItems items = new FwCfgItems();
        items.put(SIGNATURE, FwCfgItem.of("signature", "QEMU".getBytes(StandardCharsets.US_ASCII)));
        items.put(ID, FwCfgItem.of("id", le(ID_TRADITIONAL | ID_DMA, 4)));
        items.put(UUID, FwCfgItem.of("uuid", boot.uuid()));
        items.put(RAM_SIZE, FwCfgItem.of("ram_size", le(ramBytes, 8)));
        items.put(NOGRAPHIC, FwCfgItem.of("nographic", le(0, 2)));
        items.put(NB_CPUS, FwCfgItem.of("nb_cpus", le(cpus, 2)));
        items.put(MAX_CPUS, FwCfgItem.of("max_cpus", le(cpus, 2)));
        items.put(BOOT_MENU, FwCfgItem.of("boot_menu", le(boot.menu() ? 1 : 0, 2)));
        // NUMA: a count of nodes (0), then each APIC ID's node: (1 + cpus) 64-bit words of zero.
        items.put(NUMA, FwCfgItem.of("numa", new byte[8 * (1 + cpus)]));
        items.put(ACPI_TABLES, FwCfgItem.of("acpi_tables", new byte[0]));
        items.put(IRQ0_OVERRIDE, FwCfgItem.of("irq0_override", le(1, 4)));
        items.put(HPET, FwCfgItem.of("hpet", hpetBlocks()));
        items.file(FwCfgItem.of("bios-geometry", new byte[0]));
        items.file(FwCfgItem.of("bootorder", new byte[0]));
        items.file(FwCfgItem.unmodelled("etc/acpi/rsdp", 20));
        items.file(FwCfgItem.unmodelled("etc/acpi/tables", 0x20000));
        items.file(FwCfgItem.of("etc/boot-fail-wait", le(boot.rebootTimeout(), 4)));
        if (boot.splashTime() >= 0) {
            items.file(FwCfgItem.of("etc/boot-menu-wait", le(boot.splashTime(), 2)));
        }
        items.file(FwCfgItem.of("etc/e820", e820(e820)));
        items.file(FwCfgItem.unmodelled("etc/smbios/smbios-anchor", 31));
        items.file(FwCfgItem.unmodelled("etc/smbios/smbios-tables", smbiosTablesBytes));
        // The bytes QEMU 7.2 gives (read over qtest): the sleep states' table of the PIIX4 PM (hw/acpi/piix4.c).
        items.file(FwCfgItem.of("etc/system-states", new byte[] {(byte) 0x80, 0, 0, (byte) 0x81, (byte) 0x82, (byte) 0x80}));
        items.file(FwCfgItem.unmodelled("etc/table-loader", 4096));
        items.file(FwCfgItem.of("etc/tpm/log", new byte[0]));
        items.file(FwCfgItem.unmodelled("genroms/kvmvapic.bin", 9216));
        return items.seal();
    }

    /**
     * QEMU's struct hpet_fw_config for the pc board's one HPET (hw/timer/hpet.c hpet_realize, hpet_reset;
     * hw/i386/fw_cfg.c fw_cfg_arch_create): a count, then eight packed entries of the block's GCAP_ID low half
     * (REV_ID 01h, NUM_TIM_CAP 2, COUNT_SIZE_CAP, LEG_RT_CAP, vendor 8086h), its base (FED00000h), min_tick and
     * page_prot (0), the unused entries zero.
     */
    private static byte[] hpetBlocks() {
        byte[] config = new byte[1 + 8 * 15];
        config[0] = 1;
        System.arraycopy(le(0x8086a201L, 4), 0, config, 1, 4);
        System.arraycopy(le(0xfed00000L, 8), 0, config, 5, 8);
        return config;
    }
}
