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
import java.util.Arrays;

import org.trapline.models.fwcfg.BootOptions;
import org.trapline.models.fdc.FloppyGeometry;
import org.trapline.models.machine.FloppyDisk;
import org.trapline.models.machine.IdeDrive;
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
     * memory). Null for a board without them.
     */
    public String unmodelledDefaults() {
        List<String> parts = new ArrayList<>();
        String cards = configSpaceOnly(config.pciCards());
        if (cards != null) {
            parts.add(cards);
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
        return String.join(", ", names) + (names.size() == 1 ? " is" : " are") + " modelled in PCI configuration space only: nothing decodes behind"
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

    /** The arguments the model honours, as the refusal of any other lists them. */
    static final List<String> SUPPORTED = List.of(
            "-machine pc[,max-ram-below-4g=SIZE]",
            "-m",
            "-rtc base=...,clock=vm",
            "-accel qtest or tcg",
            "-bios FILE",
            "-L DIR",
            "-nodefaults",
            "-display none",
            "-vga std, cirrus or none",
            "-nic none",
            "-usb",
            "-device VGA, cirrus-vga, e1000 or piix3-usb-uhci[,addr=SLOT[.FN]][,multifunction=on]",
            "-serial none, null or file:PATH",
            "-parallel none or null",
            "-device floppy[,id=NAME][,unit=N] (an empty drive)",
            "-drive if=floppy[,format=raw,file=PATH][,index=N][,readonly=on][,snapshot=on]",
            "-drive if=floppy,format=raw,file=null-co://,file.read-zeroes=on,size=BYTES",
            "-drive file=IMG,if=ide,format=raw[,index=N|bus=B,unit=U][,media=disk|cdrom][,snapshot=on][,cache=...]",
            "-hda..-hdd IMG, -cdrom IMG",
            "-drive if=none,id=ID,file=IMG,format=raw or -blockdev driver=file,node-name=ID,filename=IMG,"
                    + " with -device ide-hd,drive=ID[,bus=ide.B][,unit=U]",
            "-global ide-hd.serial=, ide-hd.model=, ide-hd.ver=",
            "-fda PATH",
            "-fdb PATH",
            "-snapshot",
            "-uuid UUID",
            "-boot menu=on or off, splash-time=MS, reboot-timeout=MS",
            "-S");

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
        List<String> parallel = new ArrayList<>();
        boolean parallelGiven = false;
        List<FloppyDisk> floppies = new ArrayList<>();
        List<IdeDrive> ideDrives = new ArrayList<>();
        String[] ideGlobals = new String[3];
        String vga = null;
        boolean nicNone = false;
        boolean usb = false;
        List<String> devices = new ArrayList<>();
        List<String> floppyDevices = new ArrayList<>();
        // Backends a -device ide-hd names by drive=: -drive if=none,id=ID and -blockdev node-name=ID, as their file.
        java.util.Map<String, String> backends = new java.util.LinkedHashMap<>();
        List<String> ideDevices = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String option = words.get(i);
            String key = option.startsWith("--") ? option.substring(1) : option;
            switch (key) {
                case "-nodefaults" -> nodefaults = true;
                case "-nographic" -> nographic = true;
                case "-S", "-no-reboot", "-no-shutdown" -> { }
                case "-snapshot" -> { } // QEMU keeps the drives' writes off their files; the model always does
                case "-serial" -> serial.add(serial(value(words, i++, option)));
                case "-parallel" -> {
                    parallelGiven = true;
                    parallel(value(words, i++, option), parallel);
                }
                case "-drive" -> {
                    String v = value(words, i++, option);
                    if (Arrays.asList(v.split(",")).contains("if=ide")) {
                        ideDrives.add(ide(option, v, -1, ideDrives));
                    } else if (Arrays.asList(v.split(",")).contains("if=none")) {
                        noneDrive(option, v, backends);
                    } else {
                        floppies.add(floppy(option, v, -1, floppies));
                    }
                }
                case "-hda", "-hdb", "-hdc", "-hdd" -> ideDrives.add(ide(option, "if=ide,format=raw,file="
                        + value(words, i++, option), key.charAt(3) - 'a', ideDrives));
                case "-cdrom" -> ideDrives.add(ide(option, "if=ide,media=cdrom,format=raw,file=" + value(words, i++, option),
                        2, ideDrives));
                case "-global" -> ideGlobal(value(words, i++, option), ideGlobals);
                case "-fda" -> floppies.add(floppy(option, "if=floppy,format=raw,file=" + value(words, i++, option), 0, floppies));
                case "-fdb" -> floppies.add(floppy(option, "if=floppy,format=raw,file=" + value(words, i++, option), 1, floppies));
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
                case "-uuid" -> config = config.withBoot(config.boot().withUuid(uuid(value(words, i++, option))));
                case "-boot" -> config = config.withBoot(boot(config.boot(), value(words, i++, option)));
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
                case "-blockdev" -> blockdev(option, value(words, i++, option), backends);
                case "-device" -> {
                    String v = value(words, i++, option);
                    if (v.equals("floppy") || v.startsWith("floppy,")) {
                        floppyDevices.add(v);
                    } else if (v.startsWith("ide-hd,")) {
                        ideDevices.add(v);
                    } else {
                        devices.add(v);
                    }
                }
                case "-display", "-monitor" -> {
                    String v = value(words, i++, option);
                    if (!v.equals("none")) {
                        throw new IllegalArgumentException(option + " " + v + ": only 'none' is modelled");
                    }
                }
                default -> throw new IllegalArgumentException("unsupported QEMU argument '" + option + "' (supported: "
                        + String.join(", ", SUPPORTED) + ")");
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
        if (!parallelGiven && !nodefaults) {
            // QEMU's default parallel port (softmmu/vl.c qemu_create_default_devices): LPT1 on a console, or on
            // 'null' with -nographic.
            parallel.add(nographic ? "null" : "vc");
        }
        config = config.withParallel(parallel);
        // QEMU's default drive A:, empty, unless -nodefaults, a -device floppy or a drive at unit 0 (softmmu/vl.c
        // default_drive(default_floppy, ..., IF_FLOPPY, 0, ...); "floppy" in default_list clears default_floppy).
        if (!nodefaults && floppyDevices.isEmpty() && floppies.stream().noneMatch(d -> d.unit() == 0)) {
            floppies.add(FloppyDisk.emptyDrive(0));
        }
        // -device floppy comes after the board's -drive if=floppy drives (qemu_create_cli_devices runs after the
        // machine is built), on the first free unit unless unit= says.
        for (String v : floppyDevices) {
            floppies.add(floppyDevice(v, floppies));
        }
        config = config.withFloppies(floppies);
        // -device ide-hd comes after the -drive if=ide drives (qemu_create_cli_devices, after the machine is built).
        for (String v : ideDevices) {
            ideDrives.add(ideDevice(v, backends, ideDrives));
        }
        // QEMU's pc machine without -nodefaults also adds an empty IDE CD-ROM at ide1-cd0; not modelled yet.
        List<IdeDrive> withGlobals = new ArrayList<>();
        for (IdeDrive d : ideDrives) {
            withGlobals.add(d.cdrom() ? d : d.withStrings(ideGlobals[0], ideGlobals[1], ideGlobals[2]));
        }
        config = config.withIdeDrives(withGlobals);
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

    /** {@code -uuid}: 32 hex digits grouped 8-4-4-4-12, the bytes in the order written (QEMU util/uuid.c qemu_uuid_parse). */
    private static byte[] uuid(String value) {
        if (!value.matches("[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}")) {
            throw new IllegalArgumentException("-uuid " + value + ": not a UUID (expected xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)");
        }
        String hex = value.replace("-", "");
        byte[] bytes = new byte[BootOptions.UUID_BYTES];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }

    /**
     * {@code -boot}'s options that reach fw_cfg: {@code menu}, {@code splash-time} (0-65535) and
     * {@code reboot-timeout} (-1 or 0-65535), with the ranges QEMU 7.2 enforces before it starts
     * (hw/nvram/fw_cfg.c fw_cfg_bootsplash, fw_cfg_reboot). The boot order, which QEMU writes into
     * CMOS, is not modelled and is refused.
     */
    private static BootOptions boot(BootOptions boot, String value) {
        BootOptions b = boot;
        for (String part : value.split(",")) {
            int eq = part.indexOf('=');
            String key = eq < 0 ? "order" : part.substring(0, eq);
            String v = eq < 0 ? part : part.substring(eq + 1);
            switch (key) {
                case "menu" -> b = b.withMenu(OptionBool.parse("-boot menu", v));
                case "splash-time" -> {
                    long ms = number("-boot splash-time", v);
                    if (ms < 0 || ms > BootOptions.MAX_MILLISECONDS) {
                        throw new IllegalArgumentException("-boot splash-time=" + v + ": QEMU takes 0 to 65535 (ms)");
                    }
                    b = b.withSplashTime((int) ms);
                }
                case "reboot-timeout" -> {
                    long ms = number("-boot reboot-timeout", v);
                    if (ms < -1 || ms > BootOptions.MAX_MILLISECONDS) {
                        throw new IllegalArgumentException("-boot reboot-timeout=" + v + ": QEMU takes -1 or 0 to 65535 (ms)");
                    }
                    b = b.withRebootTimeout(ms);
                }
                default -> throw new IllegalArgumentException("-boot " + key + "=" + v + ": not modelled (modelled: -boot "
                        + "menu=on or off, splash-time=MS, reboot-timeout=MS; QEMU writes the boot order into CMOS, which the"
                        + " model does not)");
            }
        }
        return b;
    }

    private static long number(String option, String v) {
        if (!v.matches("-?[0-9]{1,9}")) {
            throw new IllegalArgumentException(option + "=" + v + ": not a number");
        }
        return Long.parseLong(v);
    }

    /**
     * One {@code -parallel} backend: {@code none} adds no port and takes no index (softmmu/vl.c parallel_parse),
     * {@code null} the next port; QEMU refuses a fourth.
     */
    private static void parallel(String value, List<String> ports) {
        if (value.equals("none")) {
            return;
        }
        if (!value.equals("null")) {
            throw new IllegalArgumentException("-parallel " + value + ": not modelled (modelled: -parallel none, -parallel null)");
        }
        if (ports.size() == 3) {
            throw new IllegalArgumentException("-parallel " + value + ": too many parallel ports (QEMU has three)");
        }
        ports.add(value);
    }

    /**
     * A floppy drive with its diskette: {@code -drive if=floppy,format=raw,file=PATH} with {@code index=0|1}
     * (else the next free unit, as QEMU numbers drives of one interface), {@code readonly=on} (the diskette
     * write-protected) and {@code snapshot=on} (QEMU keeps writes off the file, as the model always does);
     * {@code -fda}/{@code -fdb} give units 0 and 1. The image must be a raw file whose size is one of the
     * formats QEMU 7.2 picks from the size (hw/block/fdc.c fd_formats): a path is taken from the current
     * folder, as QEMU takes it.
     */
    private static FloppyDisk floppy(String option, String value, int unit, List<FloppyDisk> taken) {
        String file = null;
        String iface = null;
        String format = null;
        boolean readOnly = false;
        boolean readZeroes = false;
        long size = -1;
        for (String part : value.split(",")) {
            int eq = part.indexOf('=');
            String key = eq < 0 ? part : part.substring(0, eq);
            String v = eq < 0 ? "" : part.substring(eq + 1);
            switch (key) {
                case "file" -> file = v;
                case "if" -> iface = v;
                case "format" -> format = v;
                case "index" -> {
                    if (!v.equals("0") && !v.equals("1")) {
                        throw new IllegalArgumentException(option + " " + value + ": index=" + v
                                + ": the floppy controller has units 0 and 1");
                    }
                    unit = Integer.parseInt(v);
                }
                case "readonly" -> readOnly = OptionBool.parse(option + " " + value + ": " + key, v);
                case "snapshot" -> OptionBool.parse(option + " " + value + ": " + key, v);
                case "file.read-zeroes" -> readZeroes = OptionBool.parse(option + " " + value + ": " + key, v);
                case "size" -> size = size(option + " " + value + ": size=" + v, v);
                default -> throw new IllegalArgumentException(option + " " + value + ": option '" + part
                        + "' is not modelled (modelled: if=floppy, format=raw, file=, index=, readonly=, snapshot=,"
                        + " and for file=null-co:// file.read-zeroes=on and size=)");
            }
        }
        if (!"floppy".equals(iface)) {
            throw new IllegalArgumentException(option + " " + value + ": only if=floppy drives are modelled");
        }
        if (file == null || file.isEmpty()) {
            if (format != null || size >= 0 || readZeroes) {
                throw new IllegalArgumentException(option + " " + value + ": format=, size= and file.read-zeroes= need"
                        + " file= (a drive without file= is an empty drive)");
            }
            return taken(option, value, FloppyDisk.emptyDrive(free(unit, taken)), taken);
        }
        if (!"raw".equals(format)) {
            throw new IllegalArgumentException(option + " " + value + ": floppy image " + file + ": format="
                    + (format == null ? "(none)" : format) + " is not modelled; give format=raw");
        }
        unit = free(unit, taken);
        if (file.equals(FloppyDisk.NULL_CO)) {
            // QEMU's null driver leaves a read's buffer as it was unless read-zeroes=on; its size is raw's size=.
            if (!readZeroes) {
                throw new IllegalArgumentException(option + " " + value + ": file=null-co:// reads nothing into the"
                        + " guest's buffer without file.read-zeroes=on, which is not modelled");
            }
            if (size < 0 || size % 512 != 0 || FloppyGeometry.ofImageSectors(size / 512) == null) {
                throw new IllegalArgumentException(option + " " + value + ": file=null-co:// needs a size= that is a"
                        + " diskette format (QEMU 7.2's sizes: " + FloppyGeometry.knownSizes() + ")");
            }
            return taken(option, value, FloppyDisk.zeros(unit, size, readOnly), taken);
        }
        if (size >= 0 || readZeroes) {
            throw new IllegalArgumentException(option + " " + value + ": size= and file.read-zeroes= are modelled only"
                    + " for file=null-co://");
        }
        taken(option, value, FloppyDisk.emptyDrive(unit), taken);
        Path p = Path.of(file);
        if (!Files.exists(p)) {
            throw new IllegalArgumentException("floppy image " + file + ": no such file" + (p.isAbsolute() ? ""
                    : " in " + Path.of("").toAbsolutePath() + " (a relative path is taken from the current folder, as QEMU"
                            + " takes it: the golden traces' images are found from the repository root)"));
        }
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            throw new IllegalArgumentException("floppy image " + file + ": not a readable file");
        }
        try {
            long bytes = Files.size(p);
            if (bytes % 512 != 0 || FloppyGeometry.ofImageSectors(bytes / 512) == null) {
                throw new IllegalArgumentException("floppy image " + file + ": " + bytes + " bytes is no diskette format"
                        + " (QEMU 7.2's sizes: " + FloppyGeometry.knownSizes() + ")");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("floppy image " + file + ": " + e.getMessage());
        }
        return new FloppyDisk(unit, file, readOnly);
    }

    /** The unit asked for, or the first one no drive has yet, as QEMU numbers the drives of one interface. */
    private static int free(int unit, List<FloppyDisk> taken) {
        return unit >= 0 ? unit : taken.stream().anyMatch(d -> d.unit() == 0) ? 1 : 0;
    }

    /** {@code disk}, unless its unit has a drive already. */
    private static FloppyDisk taken(String option, String value, FloppyDisk disk, List<FloppyDisk> taken) {
        for (FloppyDisk d : taken) {
            if (d.unit() == disk.unit()) {
                throw new IllegalArgumentException(option + " " + value + ": floppy unit " + disk.unit() + " is already "
                        + (d.hasDiskette() ? d.path() : "an empty drive"));
            }
        }
        return disk;
    }

    /**
     * {@code -device floppy[,id=NAME][,unit=0|1]}: a drive with no diskette on the controller (hw/block/fdc.c
     * floppy_drive_realize: with no drive= property it gets an empty block backend). {@code drive=} is not
     * modelled: it names a {@code -drive if=none}, which the model does not take.
     */
    private static FloppyDisk floppyDevice(String value, List<FloppyDisk> taken) {
        String what = "-device " + value;
        int unit = -1;
        for (String part : value.split(",", -1)) {
            if (part.equals("floppy") || part.startsWith("id=")) {
                continue;
            }
            if (part.equals("unit=0") || part.equals("unit=1")) {
                unit = part.charAt(5) - '0';
            } else if (part.startsWith("unit=")) {
                throw new IllegalArgumentException(what + ": " + part + ": the floppy controller has units 0 and 1");
            } else {
                throw new IllegalArgumentException(what + ": property '" + part + "' is not modelled (modelled: id=, unit=;"
                        + " a drive's diskette comes from -drive if=floppy or -fda)");
            }
        }
        if (unit < 0 && taken.size() == 2) {
            throw new IllegalArgumentException(what + ": both floppy units have a drive already");
        }
        return taken(what, value, FloppyDisk.emptyDrive(free(unit, taken)), taken);
    }

    /** A size as QEMU's qemu_strtosz reads it: bytes, or with a suffix k, M, G, T (powers of 1024; b for bytes). */
    private static long size(String what, String v) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]{1,12})([bkKmMgGtT]?)").matcher(v);
        if (!m.matches()) {
            throw new IllegalArgumentException(what + ": not a size (a number with k, M, G or T)");
        }
        int shift = switch (m.group(2)) {
            case "k", "K" -> 10;
            case "m", "M" -> 20;
            case "g", "G" -> 30;
            case "t", "T" -> 40;
            default -> 0;
        };
        long n = Long.parseLong(m.group(1));
        if (n > Long.MAX_VALUE >> shift) {
            throw new IllegalArgumentException(what + ": too large");
        }
        return n << shift;
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

    /**
     * {@code -drive if=ide,format=raw,file=PATH[,index=N|bus=B,unit=U][,media=disk|cdrom][,readonly=on][,snapshot=on]
     * [,cache=...]}: a drive on the PIIX IDE channels at index 2*bus+unit (else the next free index, as QEMU numbers
     * the drives of one interface). A CD-ROM is carried with its flag; a hard disk must be writable (QEMU: "Can't use
     * a read-only drive").
     */
    private static IdeDrive ide(String option, String value, int index, List<IdeDrive> taken) {
        String file = null;
        String format = "raw";
        boolean cdrom = false;
        boolean readOnly = false;
        boolean writeCache = true;
        int bus = -1;
        int unit = -1;
        for (String part : value.split(",")) {
            int eq = part.indexOf('=');
            String k = eq < 0 ? part : part.substring(0, eq);
            String v = eq < 0 ? "" : part.substring(eq + 1);
            switch (k) {
                case "if", "id" -> { }
                case "file" -> file = v;
                case "format" -> format = v;
                case "index" -> index = ideNumber(option, value, "index", v, 3);
                case "bus" -> bus = ideNumber(option, value, "bus", v, 1);
                case "unit" -> unit = ideNumber(option, value, "unit", v, 1);
                case "media" -> {
                    if (!v.equals("disk") && !v.equals("cdrom")) {
                        throw new IllegalArgumentException(option + " " + value + ": media=" + v + ": QEMU takes disk or cdrom");
                    }
                    cdrom = v.equals("cdrom");
                }
                case "readonly" -> readOnly = OptionBool.parse(option + " " + value + ": readonly", v);
                case "snapshot" -> OptionBool.parse(option + " " + value + ": snapshot", v);
                case "cache" -> {
                    switch (v) {
                        case "writeback", "none", "unsafe" -> writeCache = true;
                        case "writethrough", "directsync" -> writeCache = false;
                        default -> throw new IllegalArgumentException(option + " " + value + ": cache=" + v
                                + ": QEMU takes writeback, none, unsafe, writethrough or directsync");
                    }
                }
                default -> throw new IllegalArgumentException(option + " " + value + ": option '" + part
                        + "' is not modelled (modelled: if=ide, format=raw, file=, index=, bus=, unit=, media=,"
                        + " readonly=, snapshot=, cache=)");
            }
        }
        if (bus >= 0 || unit >= 0) {
            index = 2 * Math.max(bus, 0) + Math.max(unit, 0);
        }
        if (index < 0) {
            index = 0;
            while (indexTaken(index, taken)) {
                index++;
            }
            if (index > 3) {
                throw new IllegalArgumentException(option + " " + value + ": the PIIX IDE channels have 4 drives already");
            }
        }
        if (indexTaken(index, taken)) {
            throw new IllegalArgumentException(option + " " + value + ": IDE index " + index + " already has a drive");
        }
        if (!"raw".equals(format)) {
            throw new IllegalArgumentException(option + " " + value + ": format=" + format
                    + " is not modelled (only raw images)");
        }
        if (file == null || file.isEmpty()) {
            throw new IllegalArgumentException(option + " " + value + ": an IDE drive needs file=");
        }
        Path p = Path.of(file);
        if (!Files.exists(p)) {
            throw new IllegalArgumentException("disk image " + file + ": no such file");
        }
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            throw new IllegalArgumentException("disk image " + file + ": not a readable file");
        }
        if (readOnly && !cdrom) {
            throw new IllegalArgumentException(option + " " + value + ": Can't use a read-only drive (QEMU's ide-hd"
                    + " refuses readonly=on)");
        }
        return new IdeDrive(index / 2, index % 2, file, cdrom, readOnly, null, null, null, writeCache);
    }

    /** {@code -drive if=none,id=ID,file=IMG[,format=raw][,media=disk][,cache=..][,snapshot=..][,index=N]}: a backend only. */
    private static void noneDrive(String option, String value, java.util.Map<String, String> backends) {
        String id = null;
        String rest = "if=ide";
        for (String part : value.split(",")) {
            if (part.startsWith("id=")) {
                id = part.substring(3);
            } else if (part.equals("media=cdrom")) {
                throw new IllegalArgumentException(option + " " + value + ": media=cdrom is not modelled yet (the"
                        + " ATAPI device is not on the channel)");
            } else if (!part.equals("if=none") && !part.startsWith("index=")) {
                rest += "," + part; // index= of an if=none drive places nothing (QEMU numbers it and ignores it)
            }
        }
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException(option + " " + value + ": an if=none drive needs id=");
        }
        IdeDrive checked = ide(option, rest, 0, List.of()); // the same checks of file and format as an IDE drive
        if (backends.putIfAbsent(id, checked.path()) != null) {
            throw new IllegalArgumentException(option + " " + value + ": id " + id + " is already a drive");
        }
    }

    /** {@code -blockdev driver=file,node-name=ID,filename=IMG[,read-only=..]}: a raw file backend (QEMU's file driver). */
    private static void blockdev(String option, String value, java.util.Map<String, String> backends) {
        String driver = null;
        String node = null;
        String file = null;
        for (String part : value.split(",")) {
            int eq = part.indexOf('=');
            String k = eq < 0 ? part : part.substring(0, eq);
            String v = eq < 0 ? "" : part.substring(eq + 1);
            switch (k) {
                case "driver" -> driver = v;
                case "node-name" -> node = v;
                case "filename" -> file = v;
                default -> throw new IllegalArgumentException(option + " " + value + ": option '" + part
                        + "' is not modelled (modelled: driver=file, node-name=, filename=)");
            }
        }
        if (!"file".equals(driver)) {
            throw new IllegalArgumentException(option + " " + value + ": driver=" + driver
                    + " is not modelled (only driver=file, a raw image)");
        }
        if (node == null || node.isEmpty()) {
            throw new IllegalArgumentException(option + " " + value + ": needs node-name=");
        }
        IdeDrive checked = ide(option, "if=ide,format=raw,file=" + (file == null ? "" : file), 0, List.of());
        if (backends.putIfAbsent(node, checked.path()) != null) {
            throw new IllegalArgumentException(option + " " + value + ": node-name " + node + " is already a drive");
        }
    }

    /**
     * {@code -device ide-hd,drive=ID[,bus=ide.B][,unit=U]}: a hard disk on the backend ID, at bus B's unit U, else
     * its first free unit, else the first free unit of the channels (QEMU's ide_dev_initfn / idebus_get_free).
     */
    private static IdeDrive ideDevice(String value, java.util.Map<String, String> backends, List<IdeDrive> taken) {
        String drive = null;
        int bus = -1;
        int unit = -1;
        for (String part : value.split(",")) {
            int eq = part.indexOf('=');
            String k = eq < 0 ? part : part.substring(0, eq);
            String v = eq < 0 ? "" : part.substring(eq + 1);
            switch (k) {
                case "ide-hd" -> { }
                case "drive" -> drive = v;
                case "bus" -> {
                    if (!v.equals("ide.0") && !v.equals("ide.1")) {
                        throw new IllegalArgumentException("-device " + value + ": bus=" + v + ": the PIIX IDE buses are ide.0 and ide.1");
                    }
                    bus = v.charAt(4) - '0';
                }
                case "unit" -> unit = ideNumber("-device", value, "unit", v, 1);
                default -> throw new IllegalArgumentException("-device " + value + ": option '" + part
                        + "' is not modelled (modelled: drive=, bus=ide.0|ide.1, unit=0|1)");
            }
        }
        if (drive == null || !backends.containsKey(drive)) {
            throw new IllegalArgumentException("-device " + value + ": drive=" + drive
                    + " names no -drive if=none,id= or -blockdev node-name=");
        }
        int index = -1;
        for (int i = 0; i < 4 && index < 0; i++) {
            boolean fits = (bus < 0 || i / 2 == bus) && (unit < 0 || i % 2 == unit);
            if (fits && !indexTaken(i, taken)) {
                index = i;
            }
        }
        if (index < 0) {
            throw new IllegalArgumentException("-device " + value + ": no free unit on the IDE bus it names");
        }
        String file = backends.remove(drive);
        return ide("-device", "if=ide,format=raw,file=" + file + ",index=" + index, -1, taken);
    }

    private static boolean indexTaken(int index, List<IdeDrive> taken) {
        return taken.stream().anyMatch(d -> d.index() == index);
    }

    private static int ideNumber(String option, String value, String name, String v, int max) {
        try {
            int n = Integer.parseInt(v);
            if (n >= 0 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " " + value + ": " + name + "=" + v + ": the PIIX IDE takes 0 to " + max);
    }

    /** {@code -global ide-hd.serial=S}, {@code .model=M}, {@code .ver=V}: the strings of every IDE disk. */
    private static void ideGlobal(String value, String[] globals) {
        int eq = value.indexOf('=');
        String k = eq < 0 ? value : value.substring(0, eq);
        String v = eq < 0 ? "" : value.substring(eq + 1);
        switch (k) {
            case "ide-hd.serial" -> globals[0] = v;
            case "ide-hd.model" -> globals[1] = v;
            case "ide-hd.ver" -> globals[2] = v;
            default -> throw new IllegalArgumentException("-global " + value + ": not modelled (modelled: ide-hd.serial=,"
                    + " ide-hd.model=, ide-hd.ver=)");
        }
    }
}
