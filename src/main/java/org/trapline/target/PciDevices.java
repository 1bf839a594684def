package org.trapline.target;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.trapline.models.pci.PciCard;

/**
 * The PCI functions QEMU 7.2's pc machine adds to bus 0 beside its own (00:00.0, 00:01.0-01.3), found
 * from {@code -vga}, {@code -nic}, {@code -usb}, {@code -device} and {@code -nodefaults} as QEMU finds
 * them, and placed where QEMU places them, so that the model's bus 0 is QEMU's:
 * <ul>
 * <li>the VGA: {@code -vga std|cirrus|none}, else std VGA unless {@code -nodefaults} or a
 * {@code -device VGA}/{@code cirrus-vga} clears the default (softmmu/vl.c default_list, default_vga);
 * <li>the NIC: an e1000 unless {@code -nodefaults} or {@code -nic none} (vl.c default_net; the pc
 * machine's default NIC model, hw/i386/pc.c pc_nic_init);
 * <li>{@code -usb}: the PIIX3 USB function at 00:01.2 (hw/i386/pc_piix.c piix3_devfn + 2);
 * <li>each {@code -device} after them, in order.
 * </ul>
 * A device without {@code addr=} takes function 0 of the first device number whose function 0 is
 * free, the VGA and the NIC before any {@code -device} (hw/pci/pci.c do_pci_register_device); a
 * taken address is refused, and so is a function past 0 of a device whose function 0 is not
 * multi-function, or a function 0 that is not while later functions are there
 * (pci_init_multifunction). Every device gets its option ROM's BAR, sized from the file QEMU
 * loads (pci_add_option_rom: the size rounded up to a power of two); QEMU does not start when that
 * file cannot be found, and neither does this.
 */
final class PciDevices {
    private static final Pattern ADDR = Pattern.compile("(?:0x)?([0-9a-fA-F]{1,2})(?:\\.([0-7]))?");
    /** The pc board's own functions: the i440FX, and the PIIX3's ISA bridge (multi-function), IDE and PM. */
    private static final int[] BOARD_FUNCTIONS = {0x00, 0x08, 0x09, 0x0b};
    private static final int PIIX3_ISA = 0x08;
    private static final int PIIX3_UHCI = 0x0a;

    private final List<Path> dataDirs;
    private final boolean[] taken = new boolean[256];
    private final boolean[] multifunction = new boolean[256];
    private final List<PciCard> cards = new ArrayList<>();

    private PciDevices(List<Path> dataDirs) {
        this.dataDirs = dataDirs;
        for (int devfn : BOARD_FUNCTIONS) {
            taken[devfn] = true;
        }
        multifunction[PIIX3_ISA] = true;
    }

    /**
     * @param vga     the {@code -vga} value (std, cirrus, none), or null when not given
     * @param nicNone {@code -nic none} was given
     * @param devices the {@code -device} values in order
     */
    static List<PciCard> place(boolean nodefaults, String vga, boolean nicNone, boolean usb, List<String> devices,
            List<Path> dataDirs) {
        PciDevices bus = new PciDevices(dataDirs);
        // QEMU creates the USB function after the VGA and the NIC, at its fixed address: keep it from them.
        bus.taken[PIIX3_UHCI] = usb;
        boolean vgaDevice = devices.stream().map(PciDevices::driver)
                .anyMatch(d -> d.equals(PciCard.STD_VGA) || d.equals(PciCard.CIRRUS_VGA));
        String vgaModel = vga != null ? vga : nodefaults || vgaDevice ? "none" : "std";
        if (!vgaModel.equals("none")) {
            String model = vgaModel.equals("std") ? PciCard.STD_VGA : PciCard.CIRRUS_VGA;
            bus.add("-vga " + vgaModel, model, -1, false);
        }
        if (!nodefaults && !nicNone) {
            bus.add("the default NIC", PciCard.E1000, -1, false);
        }
        if (usb) {
            bus.taken[PIIX3_UHCI] = false;
            bus.add("-usb", PciCard.PIIX3_UHCI, PIIX3_UHCI, false);
        }
        for (String d : devices) {
            bus.device(d);
        }
        return List.copyOf(bus.cards);
    }

    /** {@code -vga}: std VGA, the Cirrus GD5446 or none, the PCI VGAs that are modelled (in configuration space). */
    static String vga(String value) {
        if (value.equals("std") || value.equals("cirrus") || value.equals("none")) {
            return value;
        }
        throw new IllegalArgumentException("-vga " + value + ": not modelled (modelled: -vga std, cirrus or none)");
    }

    /** {@code -nic none}, the only {@code -nic} modelled: no NIC (the default one is an e1000). Returns true. */
    static boolean nic(String value) {
        if (value.equals("none")) {
            return true;
        }
        throw new IllegalArgumentException("-nic " + value + ": not modelled (modelled: -nic none, or no -nic for the"
                + " default e1000)");
    }

    private static String driver(String value) {
        String first = value.split(",", -1)[0];
        return first.startsWith("driver=") ? first.substring(7) : first;
    }

    /** One {@code -device DRIVER[,addr=SLOT[.FN]][,multifunction=on|off]}. */
    private void device(String value) {
        String what = "-device " + value;
        String[] parts = value.split(",", -1);
        String model = driver(value);
        if (!model.equals(PciCard.STD_VGA) && !model.equals(PciCard.CIRRUS_VGA) && !model.equals(PciCard.E1000)
                && !model.equals(PciCard.PIIX3_UHCI)) {
            throw new IllegalArgumentException(what + ": not modelled (modelled: -device VGA, cirrus-vga, e1000 or "
                    + "piix3-usb-uhci, with addr= and multifunction=)");
        }
        int devfn = -1;
        boolean mf = false;
        for (int p = 1; p < parts.length; p++) {
            String part = parts[p];
            if (part.startsWith("addr=")) {
                devfn = addr(what, part.substring(5));
            } else if (part.startsWith("multifunction=")) {
                mf = OptionBool.parse(what + ": multifunction", part.substring(14));
            } else {
                throw new IllegalArgumentException(what + ": property '" + part + "' is not modelled (modelled: addr=, "
                        + "multifunction=)");
            }
        }
        add(what, model, devfn, mf);
    }

    /** QEMU's PCI address property: the device number in hex, then optionally '.' and the function. */
    private static int addr(String what, String value) {
        Matcher m = ADDR.matcher(value);
        int slot = m.matches() ? Integer.parseInt(m.group(1), 16) : 32;
        if (slot > 31) {
            throw new IllegalArgumentException(what + ": addr=" + value + " is not a PCI address (SLOT[.FN], slot 0-1f, "
                    + "function 0-7)");
        }
        int fn = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        return slot << 3 | fn;
    }

    private void add(String what, String model, int requested, boolean mf) {
        int devfn = requested;
        if (devfn < 0) {
            for (int d = 0; d < 256 && devfn < 0; d += 8) {
                if (!taken[d]) {
                    devfn = d;
                }
            }
            if (devfn < 0) {
                throw new IllegalArgumentException(what + ": no free PCI slot on bus 0 (QEMU: all in use)");
            }
        } else if (taken[devfn]) {
            throw new IllegalArgumentException(what + ": " + address(devfn) + " is taken (QEMU: slot " + (devfn >> 3)
                    + " function " + (devfn & 7) + " not available)");
        }
        int slot = devfn & ~7;
        if ((devfn & 7) != 0) {
            if (taken[slot] && !multifunction[slot]) {
                throw new IllegalArgumentException(what + ": " + address(slot) + " is a single-function device, so "
                        + address(devfn) + " cannot be populated (give function 0 multifunction=on)");
            }
        } else if (!mf) {
            for (int f = 1; f < 8; f++) {
                if (taken[slot + f]) {
                    throw new IllegalArgumentException(what + ": " + address(slot) + " would be single-function, but "
                            + address(slot + f) + " is already populated (give it multifunction=on)");
                }
            }
        }
        PciCard card = new PciCard(model, devfn, mf, romBytes(what, model));
        taken[devfn] = true;
        multifunction[devfn] = mf;
        cards.add(card);
    }

    private static String address(int devfn) {
        return String.format("00:%02x.%x", devfn >> 3, devfn & 7);
    }

    /** The expansion ROM BAR's size: the option ROM file QEMU loads, its size rounded up to a power of two. */
    private long romBytes(String what, String model) {
        try {
            return romBytesIn(model, dataDirs, MachineArgs.SYSTEM_DATA_DIRS);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage());
        }
    }

    /** The ROM BAR size for {@code model}, its file looked for by name, in {@code dataDirs}, then in {@code systemDirs}. */
    static long romBytesIn(String model, List<Path> dataDirs, List<Path> systemDirs) {
        String name = new PciCard(model, 0, false, 0).romFile();
        if (name == null) {
            return 0;
        }
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of(name));
        dataDirs.forEach(d -> candidates.add(d.resolve(name)));
        systemDirs.forEach(d -> candidates.add(d.resolve(name)));
        for (Path p : candidates) {
            if (Files.isRegularFile(p) && Files.isReadable(p)) {
                try {
                    long size = Files.size(p);
                    return size == 0 || Long.bitCount(size) == 1 ? size : Long.highestOneBit(size) << 1;
                } catch (IOException e) {
                    throw new IllegalArgumentException("option ROM " + p + ": " + e.getMessage());
                }
            }
        }
        String pkg = model.equals(PciCard.E1000) ? "ipxe-qemu" : "seabios";
        throw new IllegalArgumentException("no option ROM " + name + " (looked in " + candidates + "); QEMU 7.2 does not"
                + " start without it (install Debian's " + pkg + ")");
    }
}
