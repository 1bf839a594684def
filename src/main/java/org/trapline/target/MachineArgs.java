package org.trapline.target;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.trapline.models.machine.MachineConfig;

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
        boolean machineSeen = false;
        for (int i = 0; i < words.size(); i++) {
            String option = words.get(i);
            String key = option.startsWith("--") ? option.substring(1) : option;
            switch (key) {
                case "-nodefaults", "-S", "-nographic", "-no-reboot", "-no-shutdown" -> { }
                case "-machine", "-M" -> {
                    machineSeen = true;
                    clockDriven |= machine(value(words, i++, option));
                }
                case "-m" -> config = config.withRam(memory(value(words, i++, option)));
                case "-rtc" -> config = config.withRtcBase(rtc(value(words, i++, option)));
                case "-accel" -> clockDriven |= accel(value(words, i++, option));
                case "-display", "-vga", "-serial", "-parallel", "-monitor" -> {
                    String v = value(words, i++, option);
                    if (!v.equals("none")) {
                        throw new IllegalArgumentException(option + " " + v + ": only 'none' is modelled");
                    }
                }
                default -> throw new IllegalArgumentException("unsupported QEMU argument '" + option
                        + "' (supported: -machine pc, -m, -rtc base=...,clock=vm, -accel qtest or tcg, -nodefaults, "
                        + "-display none, -S)");
            }
        }
        if (!machineSeen) {
            throw new IllegalArgumentException("no -machine argument: Trapline models '-machine pc'");
        }
        return new MachineArgs(words, config, clockDriven);
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
        String v = value.startsWith("size=") ? value.substring(5) : value;
        if (v.isEmpty()) {
            throw new IllegalArgumentException("-m needs a size");
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]{1,15})([A-Za-z]?)").matcher(v);
        if (!m.matches()) {
            throw new IllegalArgumentException("-m " + value + ": not a size");
        }
        long unit = switch (m.group(2).toUpperCase(java.util.Locale.ROOT)) {
            case "", "M" -> 1L << 20;
            case "K" -> 1L << 10;
            case "G" -> 1L << 30;
            case "T" -> 1L << 40;
            default -> throw new IllegalArgumentException("-m " + value + ": unknown size suffix '" + m.group(2) + "'");
        };
        long n = Long.parseLong(m.group(1));
        if (n <= 0 || n > (1L << 42) / unit) {
            throw new IllegalArgumentException("-m " + value + ": out of range");
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
