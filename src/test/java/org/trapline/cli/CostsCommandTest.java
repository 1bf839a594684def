package org.trapline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CostsCommandTest {
    private static final String NL = System.lineSeparator();
    private static final List<String> OPERATIONS = List.of("pit-reprogram", "rtc-time-read", "pic-eoi",
            "pci-config-read", "ioapic-redirection", "hpet-comparator", "hpet-comparator64");

    private static List<String> lines(String out) {
        return List.of(out.split(NL));
    }

    @Test
    void theTextTableStatesThePricesAndHasARowPerOperation() {
        CliRun run = CliRun.of("costs");
        assertThat(run.status()).isZero();
        List<String> lines = lines(run.out());
        assertThat(lines.get(1)).contains("illustrative").contains("io=1500 ept-violation=2500 ept-misconfig=2000 "
                + "emulated=100 passthrough=30");
        assertThat(lines.get(2)).startsWith("operation").contains("io(30)", "ept-v(48)", "ept-m(49)");
        for (int i = 0; i < OPERATIONS.size(); i++) {
            assertThat(lines.get(3 + i)).startsWith(OPERATIONS.get(i));
            assertThat(lines.get(3 + i)).hasSameSizeAs(lines.get(2)); // aligned: right-justified numbers end together
        }
        // PIT: 3 OUTs, 3 I/O exits at 1500 + 3 emulated accesses at 100; passthrough: 3 accesses at 30
        assertThat(lines.get(3).split(" +")).containsExactly("pit-reprogram", "pit", "3", "3", "3", "0", "0", "4800",
                "0", "90");
        // IO-APIC: 4 stores, 4 EPT violations at 2500 + 4 at 100
        assertThat(lines.get(7).split(" +")).containsExactly("ioapic-redirection", "ioapic", "4", "4", "0", "4", "0",
                "10400", "0", "120");
        assertThat(run.out()).contains("pci-config-read: OUT DX=CF8h, EAX=80000000h; IN EAX, DX=CFCh  "
                + "[PCI 3.0 sect. 3.2.2.3.2");
        assertThat(run.out()).contains("rtc-time-read: OUT 70h, AL=0Ah; IN AL, 71h; OUT 70h, AL=00h;",
                "MOV [FEC00010h], EAX=0F000000h", "MOV [FED00108h], RAX=0000000100989680h");
        assertThat(CliRun.of("costs").out()).isEqualTo(run.out());
    }

    @Test
    void csvHasAHeaderRowAndOneRowPerOperationAtThePricesGiven() {
        CliRun run = CliRun.of("costs", "--format", "csv", "--price", "io=1000", "--price", "emulated=0",
                "--price", "ept-misconfig=700", "--mmio-trap", "misconfig");
        assertThat(run.status()).isZero();
        List<String> lines = lines(run.out());
        assertThat(lines).hasSize(1 + OPERATIONS.size());
        assertThat(lines.get(0)).isEqualTo("operation,device,instructions,emulation_exits,io_exits,ept_violation_exits,"
                + "ept_misconfig_exits,emulation_ns,passthrough_exits,passthrough_ns");
        assertThat(lines).contains("pit-reprogram,pit,3,3,3,0,0,3000,0,90", "rtc-time-read,rtc,8,8,8,0,0,8000,0,240",
                "pic-eoi,pic,1,1,1,0,0,1000,0,30", "pci-config-read,pci,2,2,2,0,0,2000,0,60",
                "ioapic-redirection,ioapic,4,4,0,0,4,2800,0,120", "hpet-comparator,hpet,2,2,0,0,2,1400,0,60",
                "hpet-comparator64,hpet,1,1,0,0,1,700,0,30");
    }

    @Test
    void jsonIsAnArrayOfObjectsWithStableKeys() {
        CliRun run = CliRun.of("costs", "--format", "json", "--profile", "hardware");
        assertThat(run.status()).isZero();
        Object parsed = new Json(run.out()).document();
        assertThat(parsed).isInstanceOf(List.class);
        List<?> array = (List<?>) parsed;
        assertThat(array).hasSize(OPERATIONS.size());
        for (int i = 0; i < array.size(); i++) {
            Map<String, Object> o = object(array.get(i));
            assertThat(o.keySet()).containsExactly("operation", "device", "instructions", "emulation_exits", "io_exits",
                    "ept_violation_exits", "ept_misconfig_exits", "emulation_ns", "passthrough_exits", "passthrough_ns",
                    "sequence", "citation", "prices_ns");
            assertThat(o.get("operation")).isEqualTo(OPERATIONS.get(i));
            assertThat((String) o.get("sequence")).isNotBlank();
        }
        Map<String, Object> hpet = object(array.get(5));
        assertThat(hpet.get("ept_violation_exits")).isEqualTo(2L);
        assertThat(hpet.get("emulation_ns")).isEqualTo(5200L);
        assertThat(object(hpet.get("prices_ns"))).containsEntry("io", 1500L).containsEntry("passthrough", 30L);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object o) {
        assertThat(o).isInstanceOf(Map.class);
        return (Map<String, Object>) o;
    }

    @Test
    void badOptionValuesExitTwoWithASentence() {
        String[][] bad = {{"--format", "xml"}, {"--price", "io"}, {"--price", "io=fast"}, {"--price", "bogus=1"},
            {"--price", "io=-5"}, {"--profile", "pdp11"}, {"--mmio-trap", "sometimes"}};
        String[] says = {"unknown --format 'xml'", "'io' is not NAME=NS", "'fast' is not a whole number",
            "unknown price 'bogus'", "-5 ns is outside", "unknown profile 'pdp11'", "unknown --mmio-trap 'sometimes'"};
        for (int i = 0; i < bad.length; i++) {
            List<String> args = new ArrayList<>(List.of("costs"));
            args.addAll(List.of(bad[i]));
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertThat(run.status()).as(String.join(" ", bad[i])).isEqualTo(Main.UNUSABLE);
            assertThat(run.err()).contains(says[i]).doesNotContain("Exception", "\tat ");
            assertThat(run.out()).isEmpty();
        }
    }

    /** A strict reader of the JSON subset the command writes: arrays, objects, strings, whole numbers. */
    private static final class Json {
        private final String s;
        private int at;

        Json(String s) {
            this.s = s;
        }

        Object document() {
            Object v = value();
            space();
            assertThat(at).as("trailing text").isEqualTo(s.length());
            return v;
        }

        private void space() {
            while (at < s.length() && Character.isWhitespace(s.charAt(at))) {
                at++;
            }
        }

        private void expect(char c) {
            space();
            assertThat(s.charAt(at)).as("at " + at).isEqualTo(c);
            at++;
        }

        private Object value() {
            space();
            char c = s.charAt(at);
            if (c == '[') {
                List<Object> list = new ArrayList<>();
                at++;
                space();
                if (s.charAt(at) == ']') {
                    at++;
                    return list;
                }
                do {
                    list.add(value());
                    space();
                } while (s.charAt(at++) == ',');
                assertThat(s.charAt(at - 1)).isEqualTo(']');
                return list;
            }
            if (c == '{') {
                Map<String, Object> map = new LinkedHashMap<>();
                at++;
                do {
                    space();
                    String key = string();
                    expect(':');
                    assertThat(map.put(key, value())).as("duplicate key " + key).isNull();
                    space();
                } while (s.charAt(at++) == ',');
                assertThat(s.charAt(at - 1)).isEqualTo('}');
                return map;
            }
            if (c == '"') {
                return string();
            }
            int start = at;
            while (at < s.length() && (Character.isDigit(s.charAt(at)) || s.charAt(at) == '-')) {
                at++;
            }
            assertThat(at).as("a number at " + start).isGreaterThan(start);
            return Long.parseLong(s.substring(start, at));
        }

        private String string() {
            assertThat(s.charAt(at)).isEqualTo('"');
            StringBuilder b = new StringBuilder();
            for (at++; s.charAt(at) != '"'; at++) {
                char c = s.charAt(at);
                assertThat(c).isGreaterThanOrEqualTo(' ');
                if (c == '\\') {
                    char e = s.charAt(++at);
                    if (e == 'u') {
                        b.append((char) Integer.parseInt(s.substring(at + 1, at + 5), 16));
                        at += 4;
                    } else {
                        assertThat(e).isIn('"', '\\');
                        b.append(e);
                    }
                } else {
                    b.append(c);
                }
            }
            at++;
            return b.toString();
        }
    }
}
