package org.trapline.kvm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.trapline.trace.TraceFormatException;

/**
 * Reads KVM ftrace text line by line: {@code trace-cmd report} output (an optional {@code cpus=N}
 * and {@code version = N} header) or the raw tracefs {@code trace} file ('#' comment lines, an
 * irq-flags column), or {@code perf script} output, whose event names carry the {@code kvm:} system.
 * Each line of a known event becomes a {@link KvmEvent}; the body is matched against the event's
 * TP_printk as this machine's kernel (6.18) prints it, and against the older forms of the same
 * events that kernels still in use print (each pattern says which). Other events are counted by
 * name and skipped. No line longer than {@link #MAX_LINE} characters is held.
 */
public final class KvmTraceParser {
    /** The longest line read; trace-cmd's kvm_exit line is about 200 characters. */
    public static final int MAX_LINE = 4096;

    /** Receives each event in file order. */
    @FunctionalInterface
    public interface Sink {
        void accept(KvmEvent event) throws TraceFormatException;
    }

    // "  TASK-PID  [CPU] [flags]  SECONDS.MICROS: EVENT: BODY"
    private static final Pattern LINE = Pattern.compile(
            "^\\s*(.+?)\\s+\\[(\\d+)\\]\\s+(?:[.a-zA-Z0-9]{4,6}\\s+)?(\\d+\\.\\d+):\\s+(?:[a-z0-9_]+:)?([A-Za-z0-9_]+):\\s*(.*)$");
    private static final String HEX = "0x([0-9a-fA-F]+)";
    private static final String DM = "(Fixed|LowPrio|SMI|Res3|NMI|INIT|SIPI|ExtINT)";
    private static final String[] DM_NAMES = {"Fixed", "LowPrio", "SMI", "Res3", "NMI", "INIT", "SIPI", "ExtINT"};

    private static final Pattern EXIT = Pattern.compile("vcpu (\\d+) reason (\\S+)(?: FAILED_VMENTRY)? rip " + HEX
            + " info1 " + HEX + " info2 " + HEX + " intr_info " + HEX + " error_code " + HEX
            + "(?: requests " + HEX + ")?\\s*");
    /** kvm_exit before intr_info and error_code were added: "vcpu %u reason %s%s%s rip 0x%lx info1 0x%016llx info2 0x%016llx". */
    private static final Pattern EXIT_INFO12 = Pattern.compile("vcpu (\\d+) reason (\\S+)(?: FAILED_VMENTRY)? rip " + HEX
            + " info1 " + HEX + " info2 " + HEX + "\\s*");
    /** kvm_exit as Linux 3.x-5.x print it: "reason %s rip 0x%lx info %llx %llx" (no vcpu; the infos without 0x). */
    private static final Pattern EXIT_INFO = Pattern.compile("reason (\\S+) rip " + HEX
            + " info ([0-9a-fA-F]+) ([0-9a-fA-F]+)\\s*");
    /** kvm_exit as Linux 2.6 printed it: "reason %s rip 0x%lx" (no exit information at all). */
    private static final Pattern EXIT_BARE = Pattern.compile("reason (\\S+) rip " + HEX + "\\s*");
    private static final Pattern ENTRY = Pattern.compile("vcpu (\\d+), rip " + HEX + "(?: intr_info .*)?\\s*");
    /** kvm_entry before it printed rip: "vcpu %u". */
    private static final Pattern ENTRY_BARE = Pattern.compile("vcpu (\\d+)\\s*");
    private static final Pattern PIO = Pattern.compile("pio_(read|write) at " + HEX + " size (\\d+) count (\\d+) val "
            + HEX + "\\s*(?:\\(\\.\\.\\.\\))?\\s*");
    private static final Pattern MMIO = Pattern.compile("mmio (unsatisfied-read|read|write) len (\\d+) gpa " + HEX
            + " val " + HEX + "\\s*");
    private static final Pattern SET_IRQ = Pattern.compile("gsi (\\d+) level (-?\\d+) source (-?\\d+)\\s*");
    private static final Pattern PIC = Pattern.compile("chip (\\d+) pin (\\d+) \\((edge|level)(\\|masked)?\\)"
            + "( \\(coalesced\\))?\\s*");
    private static final Pattern IOAPIC = Pattern.compile("pin (\\d+) dst ([0-9a-fA-F]+) vec (\\d+) \\(" + DM
            + "\\|(logical|physical)\\|(edge|level)(\\|masked)?\\)( \\(coalesced\\))?\\s*");
    private static final Pattern MSI = Pattern.compile("dst ([0-9a-fA-F]+) vec (\\d+) \\(" + DM
            + "\\|(logical|physical)\\|(edge|level)(\\|rh)?\\)\\s*");
    private static final Pattern APIC = Pattern.compile("apicid ([0-9a-fA-F]+) vec (\\d+) \\(" + DM
            + "\\|(edge|level)\\)(?: \\(coalesced\\))?\\s*");
    private static final Pattern INJ = Pattern.compile("(IRQ|Soft/INTn) " + HEX + "( \\[reinjected\\])?\\s*");
    /** kvm_inj_virq before the soft/reinjected form: "irq %u". */
    private static final Pattern INJ_IRQ = Pattern.compile("irq (\\d+)\\s*");

    private final Map<String, Long> unknown = new TreeMap<>();
    private int lines;

    /** Reads {@code file}, handing each known event to {@code sink}. */
    public void parse(Path file, Sink sink) throws TraceFormatException {
        try (Reader reader = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)))) {
            StringBuilder text = new StringBuilder();
            int lineNumber = 0;
            boolean more = true;
            while (more) {
                text.setLength(0);
                int c;
                while ((c = reader.read()) >= 0 && c != '\n') {
                    if (text.length() == MAX_LINE) {
                        throw new TraceFormatException(file, lineNumber + 1, "line longer than " + MAX_LINE + " characters");
                    }
                    text.append((char) c);
                }
                more = c >= 0;
                if (!more && text.length() == 0) {
                    break;
                }
                lineNumber++;
                lines = lineNumber;
                int n = text.length();
                if (n > 0 && text.charAt(n - 1) == '\r') {
                    text.setLength(n - 1);
                }
                KvmEvent e = line(file, lineNumber, text.toString());
                if (e != null) {
                    sink.accept(e);
                }
            }
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new TraceFormatException(file, lines + 1, "not UTF-8 text");
        } catch (IOException e) {
            throw new TraceFormatException(file, 0, "cannot read: " + e.getMessage());
        }
    }

    /** Lines of events this parser does not know, by event name. */
    public Map<String, Long> unknownEvents() {
        return Map.copyOf(unknown);
    }

    /** One line: an event, or null for a header, comment, blank line or unknown event. */
    KvmEvent line(Path file, int n, String text) throws TraceFormatException {
        String t = text.strip();
        if (t.isEmpty() || t.startsWith("#") || t.matches("cpus=\\d+") || t.matches("version = \\d+")
                || t.startsWith("CPU ") && t.contains("is empty")) {
            return null;
        }
        Matcher m = LINE.matcher(text);
        if (!m.matches()) {
            throw new TraceFormatException(file, n, "not a trace-cmd report line (TASK-PID [CPU] TIME: EVENT: ...)");
        }
        String event = m.group(4);
        String body = m.group(5);
        Pattern[] forms = switch (event) {
            case "kvm_exit" -> new Pattern[] {EXIT, EXIT_INFO12, EXIT_INFO, EXIT_BARE};
            case "kvm_entry" -> new Pattern[] {ENTRY, ENTRY_BARE};
            case "kvm_pio" -> new Pattern[] {PIO};
            case "kvm_mmio" -> new Pattern[] {MMIO};
            case "kvm_set_irq" -> new Pattern[] {SET_IRQ};
            case "kvm_pic_set_irq" -> new Pattern[] {PIC};
            case "kvm_ioapic_set_irq" -> new Pattern[] {IOAPIC};
            case "kvm_msi_set_irq" -> new Pattern[] {MSI};
            case "kvm_apic_accept_irq" -> new Pattern[] {APIC};
            case "kvm_inj_virq" -> new Pattern[] {INJ, INJ_IRQ};
            default -> null;
        };
        if (forms == null) {
            unknown.merge(event, 1L, Long::sum);
            return null;
        }
        Matcher b = null;
        Pattern form = null;
        for (Pattern f : forms) {
            Matcher candidate = f.matcher(body);
            if (candidate.matches()) {
                b = candidate;
                form = f;
                break;
            }
        }
        if (b == null) {
            if (event.equals("kvm_pio") && body.matches("\\s*pio_(read|write) at 0x[0-9a-fA-F]+ size \\d+ count \\d+\\s*")) {
                // Kernels whose kvm_pio prints no val: a write's value is not in the trace, so it cannot be replayed.
                throw new TraceFormatException(file, n, "kvm_pio: '" + body.strip() + "' has no val (an older kernel's "
                        + "format): the values written and read are not in the trace, so it cannot be replayed");
            }
            throw new TraceFormatException(file, n, event + ": '" + body.strip() + "' does not match its print format");
        }
        try {
            if (form == EXIT_INFO12) {
                return new KvmEvent.Exit(n, dec(b, 1), reason(b.group(2)), hex(b, 3), hex(b, 4), hex(b, 5));
            } else if (form == EXIT_INFO) {
                return new KvmEvent.Exit(n, 0, reason(b.group(1)), hex(b, 2), hex(b, 3), hex(b, 4));
            } else if (form == EXIT_BARE) {
                return new KvmEvent.Exit(n, 0, reason(b.group(1)), hex(b, 2), 0, 0, false);
            } else if (form == ENTRY_BARE) {
                return new KvmEvent.Entry(n, dec(b, 1), -1);
            } else if (form == INJ_IRQ) {
                return new KvmEvent.InjVirq(n, false, dec(b, 1), false);
            }
            return switch (event) {
                case "kvm_exit" -> new KvmEvent.Exit(n, dec(b, 1), reason(b.group(2)), hex(b, 3), hex(b, 4), hex(b, 5));
                case "kvm_entry" -> new KvmEvent.Entry(n, dec(b, 1), hex(b, 2));
                case "kvm_pio" -> new KvmEvent.Pio(n, b.group(1).equals("write"), (int) hex32(b, 2), dec(b, 3),
                        dec(b, 4), hex32(b, 5));
                case "kvm_mmio" -> new KvmEvent.Mmio(n, b.group(1), dec(b, 2), hex(b, 3), hex(b, 4));
                case "kvm_set_irq" -> new KvmEvent.SetIrq(n, dec(b, 1), Integer.parseInt(b.group(2)),
                        Integer.parseInt(b.group(3)));
                case "kvm_pic_set_irq" -> new KvmEvent.PicSetIrq(n, dec(b, 1), dec(b, 2), b.group(3).equals("level"),
                        b.group(4) != null, b.group(5) != null);
                case "kvm_ioapic_set_irq" -> new KvmEvent.IoapicSetIrq(n, dec(b, 1), (int) hexDigits(b, 2), dec(b, 3),
                        mode(b.group(4)), b.group(5).equals("logical"), b.group(6).equals("level"),
                        b.group(7) != null, b.group(8) != null);
                case "kvm_msi_set_irq" -> new KvmEvent.MsiSetIrq(n, hexDigits(b, 1), dec(b, 2), mode(b.group(3)),
                        b.group(4).equals("logical"), b.group(5).equals("level"), b.group(6) != null);
                case "kvm_apic_accept_irq" -> new KvmEvent.ApicAcceptIrq(n, (int) hexDigits(b, 1), dec(b, 2),
                        mode(b.group(3)), b.group(4).equals("level"));
                default -> new KvmEvent.InjVirq(n, b.group(1).equals("Soft/INTn"), (int) hex32(b, 2), b.group(3) != null);
            };
        } catch (NumberFormatException e) {
            throw new TraceFormatException(file, n, event + ": a number out of range in '" + body.strip() + "'");
        }
    }

    /** VMX exit reasons as __print_symbolic names them; Linux 2.6 printed them in lower case ("io_instruction"). */
    private static String reason(String name) {
        return name.toUpperCase(java.util.Locale.ROOT);
    }

    private static int dec(Matcher m, int g) {
        return Integer.parseUnsignedInt(m.group(g));
    }

    /** A %llx/%lx field: up to 64 bits. */
    private static long hex(Matcher m, int g) {
        return Long.parseUnsignedLong(m.group(g), 16);
    }

    /** A %x field: up to 32 bits. */
    private static long hex32(Matcher m, int g) {
        return Integer.toUnsignedLong(Integer.parseUnsignedInt(m.group(g), 16));
    }

    private static long hexDigits(Matcher m, int g) {
        return Long.parseUnsignedLong(m.group(g), 16);
    }

    private static int mode(String name) {
        for (int i = 0; i < DM_NAMES.length; i++) {
            if (DM_NAMES[i].equals(name)) {
                return i;
            }
        }
        throw new NumberFormatException(name);
    }
}
