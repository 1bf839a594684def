package org.trapline.target;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.trapline.models.machine.MachineConfig;
import org.trapline.models.machine.PcMemoryMap;
import org.trapline.models.pci.PciCard;

/**
 * The QEMU command-line arguments a trace was recorded with ({@code --machine}, {@code @machine}),
 * read into the facts the model needs and kept word for word for a live QEMU. Only the options
 * that shape the devices Trapline models are accepted; anything else is refused with a reason,
 * because a model built from arguments it did not understand would answer for another machine.
 */
public final class MachineArgs {
    /** The board the golden traces are recorded on: a fixed, guest-timed RTC keeps every run the same. */
    public static final String DEFAULT = "-machine pc -m 128M -nodefaults -display none -rtc base=2001-02-03T04:05:06,clock=vm";

    private final List<String> words;
    private final MachineConfig config;
    private final boolean clockDriven;

    private MachineArgs(List<String> words, MachineConfig config, boolean clockDriven) {
        this.words = List.copyOf(words);
        this.config = config;
        this.clockDriven = clockDriven;
    }

    /**
     * What the model leaves out of the board QEMU builds: the PCI functions it has in configuration
     * space only (std VGA, cirrus, e1000, PIIX3 UHCI: nothing behind their BARs, no VGA ports or
     * memory), and without {@code -nodefaults} LPT1, which the model does not have; COM1 it has.
     * Null for a board without them.
     */
    public String unmodelledDefaults() {
        List<String> parts = new ArrayList<>();
        String cards = configSpaceOnly(config.pciCards());
        if (cards != null) {
            parts.add(cards);
        }
        if (!words.contains("-nodefaults") && !String.join(" ", words).contains("-parallel none")) {
            parts.add("without -nodefaults QEMU adds LPT1 (378h-37Ah), which the model does not have yet: accesses to it"
                    + " find nothing there");
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    /** The sentence naming the functions modelled in configuration space only, or null when there are none. */
    private static String configSpaceOnly(List<PciCard> cards) {
        if (cards.isEmpty()) {
            return null;
        }
        List<String> names = new ArrayList<>();
        boolean vga = false;
        for (PciCard c : cards) {
            String what = switch (c.model()) {
                case PciCard.STD_VGA -> "std VGA";
                case PciCard.CIRRUS_VGA -> "cirrus VGA";
                case PciCard.E1000 -> "e1000";
                default -> "PIIX3 UHCI";
            };
            vga |= c.model().equals(PciCard.STD_VGA) || c.model().equals(PciCard.CIRRUS_VGA);
            names.add(what + String.format(" (00:%02x.%x)", c.device(), c.function()));
        }
        return String.join(", ", names) + " are modelled in PCI configuration space only: nothing decodes behind"
                + " their BARs (" + (vga ? "no framebuffer, no VGA ports 3C0h-3DFh or memory A0000h-BFFFFh, " : "")
                + "no device registers behind BAR0/BAR1 or the USB I/O BAR, no option ROM contents), so an access there"
                + " reads as unassigned memory or I/O where QEMU's device answers";
    }

    public static MachineArgs defaults() {
        try {
            return parse(DEFAULT);
        } catch (IllegalArgumentException e) {
            throw new AssertionError(e);
        }
    }

    /** @throws IllegalArgumentException naming the argument and why it is refused */
    public static MachineArgs parse(String text) {
        List<String> words = List.of(text.strip().split("\\s+"));
        if (text.isBlank()) {
            words = List.of();
        }
        MachineConfig config = MachineConfig.defaults();
        boolean clockDriven = false;
        String biosName = DEFAULT_BIOS;
        boolean biosGiven = false;
        List<Path> dataDirs = new ArrayList<>();
        boolean machineSeen = false;
        boolean nodefaults = false;
        boolean nographic = false;
        List<String> serial = new ArrayList<>();
        String vga = null;
        boolean nicNone = false;
        boolean usb = false;
        List<String> devices = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String option = words.get(i);
            String key = option.startsWith("--") ? option.substring(1) : option;
            switch (key) {
                case "-nodefaults" -> nodefaults = true;
                case "-nographic" -> nographic = true;
                case "-S", "-no-reboot", "-no-shutdown" -> { }
                case "-serial" -> serial.add(serial(value(words, i++, option)));
                case "-machine", "-M" -> {
                    machineSeen = true;
                    String v = value(words, i++, option);
                    clockDriven |= machine(v);
                    Long below = maxRamBelow4g(v);
                    if (below != null) {
                        config = config.withMaxRamBelow4g(below);
                    }
                }
                case "-m" -> config = config.withRam(memory(value(words, i++, option)));
                case "-bios" -> {
                    biosName = value(words, i++, option);
                    biosGiven = true;
                }
                case "-L" -> dataDirs.add(Path.of(value(words, i++, option)));
                case "-rtc" -> config = config.withRtcBase(rtc(value(words, i++, option)));
                case "-accel" -> clockDriven |= accel(value(words, i++, option));
                case "-vga" -> vga = PciDevices.vga(value(words, i++, option));
                case "-nic" -> nicNone |= PciDevices.nic(value(words, i++, option));
                case "-usb" -> usb = true;
                case "-device" -> devices.add(value(words, i++, option));
                case "-display", "-parallel", "-monitor" -> {
                    String v = value(words, i++, option);
                    if (!v.equals("none")) {
                        throw new IllegalArgumentException(option + " " + v + ": only 'none' is modelled");
                    }
                }
                default -> throw new IllegalArgumentException("unsupported QEMU argument '" + option
                        + "' (supported: -machine pc[,max-ram-below-4g=SIZE], -m, -rtc base=...,clock=vm, "
                        + "-accel qtest or tcg, -bios FILE, -L DIR, -nodefaults, -display none, -serial none, null or file:PATH, -vga std, cirrus or none, -nic none, -usb, "
                        + "-device VGA, cirrus-vga, e1000 or piix3-usb-uhci[,addr=SLOT[.FN]][,multifunction=on], -S)");
            }
        }
        if (!machineSeen) {
            throw new IllegalArgumentException("no -machine argument: Trapline models '-machine pc'");
        }
        if (serial.isEmpty() && !nodefaults) {
            // QEMU's default serial port (softmmu/vl.c qemu_create_default_devices): COM1 on a console.
            if (nographic) {
                throw new IllegalArgumentException("-nographic without -nodefaults or -serial puts COM1 on stdio, which is"
                        + " not modelled (modelled: -serial none, null, file:PATH)");
            }
            serial.add("vc");
        }
        config = config.withSerial(serial);
        config = config.withBios(firmware(biosName, biosGiven, dataDirs));
        config = config.withPciCards(PciDevices.place(nodefaults, vga, nicNone, usb, devices, dataDirs));
        return new MachineArgs(words, config, clockDriven);
    }

    /**
     * One {@code -serial} backend: {@code none} (the index gets no port), {@code null}, or
     * {@code file:PATH}, which must be writable, as QEMU refuses to start on a file it cannot open.
     */
    private static String serial(String value) {
        if (value.equals("none") || value.equals("null")) {
            return value;
        }
        if (value.startsWith("file:") && value.length() > 5) {
            Path p = Path.of(value.substring(5));
            try (var out = Files.newOutputStream(p, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.APPEND)) {
                return value;
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("-serial " + value + ": cannot write " + p + " (" + e.getMessage() + ")");
            }
        }
        throw new IllegalArgumentException("-serial " + value + ": not modelled (modelled: -serial none, -serial null,"
                + " -serial file:PATH)");
    }

    /** The firmware QEMU 7.2's pc machine loads unless {@code -bios} names another: SeaBIOS. */
    public static final String DEFAULT_BIOS = "bios-256k.bin";
    /** Where Debian's QEMU 7.2 looks after the {@code -L} folders ({@code qemu-system-x86_64 -L help}). */
    static final List<Path> SYSTEM_DATA_DIRS = List.of(Path.of("/usr/share/qemu"), Path.of("/usr/share/seabios"),
            Path.of("/usr/lib/ipxe/qemu"));
    /** A flash chip's worth: no PC firmware is larger, and nothing larger is read. */
    static final long MAX_BIOS_BYTES = 16L << 20;

    /**
     * The firmware image, found as QEMU's qemu_find_file finds it: the name as a path, then in each
     * {@code -L} folder, then the system data folders. Absent (null) when the default image is not
     * installed; an image given with {@code -bios} must be there. QEMU refuses an image whose size
     * is not a multiple of 64 KiB (hw/i386/x86.c x86_bios_rom_init), and so does this.
     */
    private static byte[] firmware(String name, boolean given, List<Path> dataDirs) {
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of(name));
        for (Path dir : dataDirs) {
            candidates.add(dir.resolve(name));
        }
        for (Path dir : SYSTEM_DATA_DIRS) {
            candidates.add(dir.resolve(name));
        }
        for (Path p : candidates) {
            if (Files.isRegularFile(p) && Files.isReadable(p)) {
                return readFirmware(p);
            }
        }
        if (given) {
            throw new IllegalArgumentException("-bios " + name + ": no such file (looked in " + candidates + ")");
        }
        return null;
    }

    private static byte[] readFirmware(Path p) {
        try {
            long size = Files.size(p);
            if (size <= 0 || size % 65536 != 0 || size > MAX_BIOS_BYTES) {
                throw new IllegalArgumentException("firmware " + p + ": " + size + " bytes; QEMU loads only an image of "
                        + "a multiple of 64 KiB (up to " + (MAX_BIOS_BYTES >> 20) + " MiB here)");
            }
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new IllegalArgumentException("firmware " + p + ": " + e.getMessage());
        }
    }

    /** {@code max-ram-below-4g=SIZE} among {@code -machine}'s options, or null. */
    private static Long maxRamBelow4g(String value) {
        for (String part : value.split(",")) {
            if (part.startsWith("max-ram-below-4g=")) {
                String v = part.substring("max-ram-below-4g=".length());
                long bytes = size("max-ram-below-4g", v, 1);
                if (bytes > PcMemoryMap.FOUR_GIB) {
                    throw new IllegalArgumentException("max-ram-below-4g=" + v + ": more than 4 GiB");
                }
                return bytes;
            }
        }
        return null;
    }

    private static String value(List<String> words, int i, String option) {
        if (i + 1 >= words.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return words.get(i + 1);
    }

    /** {@code pc}, {@code pc-i440fx-7.2}, with optional {@code ,accel=qtest}. Returns whether the clock is qtest's. */
    private static boolean machine(String value) {
        boolean qtest = false;
        String[] parts = value.split(",");
        String type = parts[0].startsWith("type=") ? parts[0].substring(5) : parts[0];
        if (!type.equals("pc") && !type.startsWith("pc-i440fx-")) {
            throw new IllegalArgumentException("-machine " + type + ": Trapline models the i440FX board, '-machine pc'");
        }
        for (int p = 1; p < parts.length; p++) {
            if (parts[p].startsWith("max-ram-below-4g=")) {
                continue;
            }
            if (parts[p].startsWith("accel=")) {
                qtest |= accel(parts[p].substring(6));
            } else {
                throw new IllegalArgumentException("-machine option '" + parts[p] + "' is not modelled");
            }
        }
        return qtest;
    }

    private static boolean accel(String value) {
        if (value.equals("qtest")) {
            return true;
        }
        if (value.equals("tcg") || value.equals("kvm")) {
            return false;
        }
        throw new IllegalArgumentException("-accel " + value + ": expected qtest, tcg or kvm");
    }

    /** {@code -m 128M}, {@code -m 1G}, {@code -m 512} (MiB), {@code -m size=128M}. */
    private static long memory(String value) {
        return size("-m", value.startsWith("size=") ? value.substring(5) : value, 1L << 20);
    }

    /** A QEMU size: digits and an optional K, M, G or T suffix; {@code bare} is the unit without one. */
    private static long size(String option, String v, long bare) {
        String value = v;
        if (v.isEmpty()) {
            throw new IllegalArgumentException(option + " needs a size");
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]{1,15})([A-Za-z]?)").matcher(v);
        if (!m.matches()) {
            throw new IllegalArgumentException(option + " " + value + ": not a size");
        }
        long unit = switch (m.group(2).toUpperCase(java.util.Locale.ROOT)) {
            case "" -> bare;
            case "M" -> 1L << 20;
            case "K" -> 1L << 10;
            case "G" -> 1L << 30;
            case "T" -> 1L << 40;
            default -> throw new IllegalArgumentException(option + " " + value + ": unknown size suffix '" + m.group(2) + "'");
        };
        long n = Long.parseLong(m.group(1));
        if (n <= 0 || n > (1L << 42) / unit) {
            throw new IllegalArgumentException(option + " " + value + ": out of range");
        }
        return n * unit;
    }

    /** {@code base=2001-02-03T04:05:06,clock=vm}: the RTC's start in seconds since the epoch (UTC). */
    private static long rtc(String value) {
        long base = 0;
        boolean fixedBase = false;
        for (String part : value.split(",")) {
            if (part.startsWith("base=")) {
                String b = part.substring(5);
                if (b.equals("utc") || b.equals("localtime")) {
                    throw new IllegalArgumentException("-rtc base=" + b + " depends on the wall clock; give a date "
                            + "(base=2001-02-03T04:05:06) so that replays are deterministic");
                }
                try {
                    base = b.contains("T") ? LocalDateTime.parse(b).toEpochSecond(ZoneOffset.UTC)
                            : LocalDate.parse(b).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
                    fixedBase = true;
                } catch (DateTimeException e) {
                    throw new IllegalArgumentException("-rtc base=" + b + ": expected YYYY-MM-DDTHH:MM:SS or YYYY-MM-DD");
                }
            } else if (part.startsWith("clock=")) {
                if (!part.equals("clock=vm")) {
                    throw new IllegalArgumentException("-rtc " + part + ": only clock=vm keeps the RTC on guest time");
                }
            } else if (!part.startsWith("driftfix=")) {
                throw new IllegalArgumentException("-rtc option '" + part + "' is not modelled");
            }
        }
        if (!fixedBase) {
            throw new IllegalArgumentException("-rtc needs base=DATE");
        }
        return base;
    }

    public MachineConfig config() {
        return config;
    }

    /** Whether QEMU runs the qtest accelerator, whose clock only clock_step/clock_set move. */
    public boolean clockDriven() {
        return clockDriven;
    }

    /** The words as given, to pass on to QEMU. */
    public List<String> words() {
        return words;
    }

    /** The words for a QEMU that must not run guest code: -S added unless the qtest accelerator is on. */
    public List<String> qemuWords() {
        List<String> out = new ArrayList<>(words);
        if (!clockDriven && !words.contains("-S")) {
            out.add("-S");
        }
        return out;
    }

    @Override
    public String toString() {
        return String.join(" ", words);
    }
}
