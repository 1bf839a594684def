package org.trapline.serve;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.trapline.models.machine.FloppyDisk;
import org.trapline.target.MachineArgs;

/**
 * QEMU's command line as libqtest gives it (tests/qtest/libqtest.c qtest_init_without_qmp_handshake),
 * split into what the server itself takes (the qtest socket, the qtest log, the QMP monitor's socket) and
 * the board's arguments, which {@link MachineArgs} reads as it reads a trace's.
 *
 * <p>Three options are taken that change nothing the models see:
 * <ul>
 * <li>{@code -trace PATTERN} (libqtest adds it for {@code QTEST_TRACE}): QEMU's trace events, which the
 *     models do not emit;</li>
 * <li>{@code -smp 1} or {@code -smp cpus=1}: one CPU is QEMU's default and the board's only CPU (any other
 *     count is refused, since the board has one local APIC);</li>
 * <li>{@code -chardev socket,path=P,id=X} for a chardev no {@code -mon} names: nothing reads it.</li>
 * </ul>
 * Two defaults are QEMU's: with no {@code -machine}, the board is {@code pc} (QEMU 7.2's default x86_64
 * machine, an alias of pc-i440fx-7.2); an {@code -rtc} without {@code base=}, or with {@code base=utc},
 * starts at the host's time now, as QEMU's RTC does (softmmu/rtc.c, base=utc is the default). With no
 * {@code -rtc} at all the RTC also starts at the host's time; it then runs on the virtual clock, where
 * QEMU's default {@code clock=host} runs it on the host's.
 */
public final class ServeArgs {
    private final String qtestSocket;
    private final String qtestLog;
    private final String qmpSocket;
    private final MachineArgs machine;
    private final String machineLine;
    private final Map<String, Integer> floppyIds;

    private ServeArgs(String qtestSocket, String qtestLog, String qmpSocket, MachineArgs machine, String machineLine,
            Map<String, Integer> floppyIds) {
        this.qtestSocket = qtestSocket;
        this.qtestLog = qtestLog;
        this.qmpSocket = qmpSocket;
        this.machine = machine;
        this.machineLine = machineLine;
        this.floppyIds = Map.copyOf(floppyIds);
    }

    /**
     * @param now the host's time (UTC), the RTC's base where the command line gives none
     * @throws IllegalArgumentException naming the argument and why it is refused
     */
    public static ServeArgs parse(List<String> argv, LocalDateTime now) {
        String qtest = null;
        String log = null;
        boolean logGiven = false;
        Map<String, String> chardevs = new LinkedHashMap<>();
        String monitor = null;
        List<String> board = new ArrayList<>();
        boolean machineSeen = false;
        String base = now.withNano(0).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        boolean rtcSeen = false;
        List<String> floppyDeviceIds = new ArrayList<>();
        for (int i = 0; i < argv.size(); i++) {
            String option = argv.get(i);
            String key = option.startsWith("--") ? option.substring(1) : option;
            switch (key) {
                case "-qtest" -> qtest = qtestSocket(value(argv, i++, option));
                case "-qtest-log" -> {
                    log = value(argv, i++, option);
                    logGiven = true;
                }
                case "-chardev" -> {
                    String[] c = chardev(value(argv, i++, option));
                    if (chardevs.put(c[0], c[1]) != null) {
                        throw new IllegalArgumentException("-chardev: id '" + c[0] + "' is given twice");
                    }
                }
                case "-mon" -> {
                    if (monitor != null) {
                        throw new IllegalArgumentException("-mon: only one QMP monitor is served");
                    }
                    monitor = monitor(value(argv, i++, option));
                }
                case "-trace" -> i++;
                case "-smp" -> {
                    String v = value(argv, i++, option);
                    if (!v.equals("1") && !v.equals("cpus=1")) {
                        throw new IllegalArgumentException("-smp " + v + ": the board has one CPU (-smp 1)");
                    }
                }
                default -> {
                    board.add(option);
                    if (takesValue(key)) {
                        String v = value(argv, i++, option);
                        if (key.equals("-machine") || key.equals("-M")) {
                            machineSeen = true;
                        } else if (key.equals("-rtc")) {
                            rtcSeen = true;
                            v = rtcWithBase(v, base);
                        } else if (key.equals("-device") && (v.equals("floppy") || v.startsWith("floppy,"))) {
                            floppyDeviceIds.add(property(v, "id"));
                        }
                        board.add(v);
                    }
                }
            }
        }
        if (qtest == null) {
            throw new IllegalArgumentException("no -qtest unix:PATH: serve answers qtest on a unix socket that"
                    + " libqtest listens on");
        }
        String qmp = null;
        if (monitor != null) {
            qmp = chardevs.get(monitor);
            if (qmp == null) {
                throw new IllegalArgumentException("-mon chardev=" + monitor + ": no -chardev socket,...,id=" + monitor);
            }
        }
        List<String> words = new ArrayList<>();
        if (!machineSeen) {
            words.add("-machine");
            words.add("pc");
        }
        words.addAll(board);
        if (!rtcSeen) {
            words.add("-rtc");
            words.add("base=" + base + ",clock=vm");
        }
        for (String w : words) {
            if (w.isEmpty() || w.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("argument '" + w + "': an argument with spaces (or an empty one) is"
                        + " not taken");
            }
        }
        String line = String.join(" ", words);
        MachineArgs machine = MachineArgs.parse(line);
        return new ServeArgs(qtest, logGiven ? log : null, qmp, machine, line, floppyIds(machine, floppyDeviceIds));
    }

    /**
     * The qtest names of the floppy drives: each {@code -device floppy,id=X} by its id (MachineArgs puts
     * those drives after the {@code -drive} ones, in order), and each drive from {@code -drive if=floppy},
     * {@code -fda} or the board's default as QEMU names its block backend, {@code floppy0} or {@code floppy1}.
     */
    private static Map<String, Integer> floppyIds(MachineArgs machine, List<String> deviceIds) {
        List<FloppyDisk> drives = machine.config().floppies();
        int fromDevices = drives.size() - deviceIds.size();
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (int k = 0; k < drives.size(); k++) {
            int unit = drives.get(k).unit();
            if (k < fromDevices) {
                ids.put("drive:floppy" + unit, unit);
            } else if (deviceIds.get(k - fromDevices) != null) {
                ids.put("id:" + deviceIds.get(k - fromDevices), unit);
            }
        }
        return ids;
    }

    private static boolean takesValue(String key) {
        return switch (key) {
            case "-nodefaults", "-nographic", "-S", "-no-reboot", "-no-shutdown", "-snapshot", "-usb" -> false;
            default -> true;
        };
    }

    /** {@code unix:PATH}, as libqtest gives it; QEMU then connects to PATH (libqtest listens). */
    private static String qtestSocket(String v) {
        if (!v.startsWith("unix:") || v.length() == 5 || v.indexOf(',') >= 0) {
            throw new IllegalArgumentException("-qtest " + v + ": serve takes -qtest unix:PATH (a socket libqtest listens on)");
        }
        return v.substring(5);
    }

    /** {@code socket,path=P,id=X}: the id and the path. */
    private static String[] chardev(String v) {
        String[] parts = v.split(",");
        if (!parts[0].equals("socket")) {
            throw new IllegalArgumentException("-chardev " + v + ": only socket chardevs are served");
        }
        String path = null;
        String id = null;
        for (int p = 1; p < parts.length; p++) {
            if (parts[p].startsWith("path=")) {
                path = parts[p].substring(5);
            } else if (parts[p].startsWith("id=")) {
                id = parts[p].substring(3);
            } else {
                throw new IllegalArgumentException("-chardev " + v + ": option '" + parts[p] + "' is not taken (taken:"
                        + " path=, id=; serve connects to a socket that is listening)");
            }
        }
        if (path == null || path.isEmpty() || id == null || id.isEmpty()) {
            throw new IllegalArgumentException("-chardev " + v + ": needs path= and id=");
        }
        return new String[] {id, path};
    }

    /** {@code chardev=X,mode=control}: the chardev's id. */
    private static String monitor(String v) {
        String chardev = null;
        boolean control = false;
        for (String part : v.split(",")) {
            if (part.startsWith("chardev=")) {
                chardev = part.substring(8);
            } else if (part.equals("mode=control")) {
                control = true;
            } else {
                throw new IllegalArgumentException("-mon " + v + ": option '" + part + "' is not taken (serve answers"
                        + " QMP: -mon chardev=ID,mode=control)");
            }
        }
        if (chardev == null || !control) {
            throw new IllegalArgumentException("-mon " + v + ": serve answers QMP only: -mon chardev=ID,mode=control");
        }
        return chardev;
    }

    /** An {@code -rtc} value with {@code base=} made the host's time when it is absent or {@code utc}. */
    private static String rtcWithBase(String v, String base) {
        List<String> parts = new ArrayList<>(List.of(v.split(",")));
        boolean hasBase = false;
        for (int p = 0; p < parts.size(); p++) {
            if (parts.get(p).equals("base=utc")) {
                parts.set(p, "base=" + base);
            }
            hasBase |= parts.get(p).startsWith("base=");
        }
        if (!hasBase) {
            parts.add(0, "base=" + base);
        }
        return String.join(",", parts);
    }

    private static String property(String v, String name) {
        for (String part : v.split(",")) {
            if (part.startsWith(name + "=")) {
                return part.substring(name.length() + 1);
            }
        }
        return null;
    }

    private static String value(List<String> argv, int i, String option) {
        if (i + 1 >= argv.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return argv.get(i + 1);
    }

    /**
     * The sockets a client listens on, read leniently from a command line {@link #parse} refused: the
     * {@code -qtest unix:PATH} and each {@code -chardev socket,path=P}. A refused command line ends the process,
     * as it ends QEMU; connecting to these first and closing them lets the client see that at once, where
     * libqtest would otherwise wait out its accept timeout (50 s) per test case.
     */
    public static List<Path> clientSockets(List<String> argv) {
        List<Path> sockets = new ArrayList<>();
        for (int i = 0; i + 1 < argv.size(); i++) {
            String v = argv.get(i + 1);
            if (argv.get(i).equals("-qtest") && v.startsWith("unix:") && v.length() > 5) {
                sockets.add(Path.of(v.substring(5).split(",")[0]));
            } else if (argv.get(i).equals("-chardev") && v.startsWith("socket,")) {
                String path = property(v, "path");
                if (path != null && !path.isEmpty()) {
                    sockets.add(Path.of(path));
                }
            }
        }
        return sockets;
    }

    /** The unix socket libqtest listens on for qtest. */
    public Path qtestSocket() {
        return Path.of(qtestSocket);
    }

    /** {@code -qtest-log}'s value: a file, {@code none}, or null when not given (QEMU then logs to stderr). */
    public String qtestLog() {
        return qtestLog;
    }

    /** The unix socket of the QMP monitor, or null with no {@code -mon}. */
    public Path qmpSocket() {
        return qmpSocket == null ? null : Path.of(qmpSocket);
    }

    public MachineArgs machine() {
        return machine;
    }

    /** The board's arguments as MachineArgs read them: {@code trapline replay --machine} takes this. */
    public String machineLine() {
        return machineLine;
    }

    /**
     * The floppy unit QMP names: by a {@code -device floppy}'s {@code id}, or by the block backend's name
     * ({@code device}: floppy0, floppy1); -1 when neither names a drive.
     */
    public int floppyUnit(String id, String device) {
        Integer u = id != null ? floppyIds.get("id:" + id) : device != null ? floppyIds.get("drive:" + device) : null;
        return u == null ? -1 : u;
    }
}
