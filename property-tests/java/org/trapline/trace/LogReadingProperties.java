package org.trapline.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * A raw -qtest-log read from its bytes, with the shortcuts for the lines a recording repeats, gives
 * exactly what reading it as text gives: the same steps, or the same error at the same line. The
 * logs mix QEMU's exact lines with near misses of every kind (another stamp, a leading zero, a
 * value wider than its access, a '\r', a trailing blank, a port past 0xFFFF), and run past the
 * reader's 64 KiB buffer so that lines straddle its refills.
 */
class LogReadingProperties {
    /**
     * Whole exchanges (a command, its edges, its answer) in QEMU's own form or another valid one,
     * with a line QEMU would never write once in a few hundred, so that a log reads a long way.
     */
    @Provide
    Arbitrary<List<String>> logs() {
        return recordedLogs();
    }

    /** Logs as a recording holds them, with a native line now and then (a trace may mix its forms). */
    static Arbitrary<List<String>> recordedLogs() {
        Arbitrary<String> exchange = Combinators.combine(line(stamp('R'), command()),
                line(stamp('S'), edge()).list().ofMaxSize(2), line(stamp('S'), answer()))
                .as((command, edges, answer) -> command + String.join("", edges) + answer);
        Arbitrary<String> nativeLine = Combinators.combine(command(), Arbitraries.of("", " -> OK", " -> 0x12 & 0xf0",
                        " -> FAIL ; 8259A p. 9"), edge().map(e -> e + "\n").list().ofMaxSize(1))
                .as((command, check, edges) -> command + check + "\n" + String.join("", edges));
        Arbitrary<String> aside = Arbitraries.of("[I 0.000000] OPENED\n", "[I +0.000001] CLOSED\n", "\n", "# note\n",
                "  # indented note\n");
        Arbitrary<String> stray = Arbitraries.oneOf(line(stamp('R'), command()), line(stamp('S'), answer()),
                Arbitraries.of("@profile qemu-pc\n", "IRQ raise 3\n"));
        return rarelyBroken(Arbitraries.frequencyOf(Tuple.of(100, exchange), Tuple.of(3, nativeLine), Tuple.of(2, aside)), stray).list().ofMinSize(1).ofMaxSize(2500)
                .withSizeDistribution(RandomDistribution.uniform());
    }

    /** QEMU's form most of the time, else one of a few others that read the same. */
    private static <T> Arbitrary<T> mostly(Arbitrary<T> qemus, Arbitrary<T> others) {
        return Arbitraries.frequencyOf(Tuple.of(100, qemus), Tuple.of(1, others));
    }

    /** Now and then (a few times in a long log) something that is not a trace line at all. */
    private static <T> Arbitrary<T> rarelyBroken(Arbitrary<T> fine, Arbitrary<T> broken) {
        return Arbitraries.frequencyOf(Tuple.of(20_000, fine), Tuple.of(1, broken));
    }

    private static Arbitrary<String> line(Arbitrary<String> stamp, Arbitrary<String> text) {
        return Combinators.combine(stamp, text, mostly(Arbitraries.just("\n"), Arbitraries.of("\r\n", " \n", "\t\n")))
                .as((s, t, e) -> s + t + e);
    }

    private static Arbitrary<String> stamp(char kind) {
        Arbitrary<String> seconds = mostly(
                Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.integers().between(0, 9).map(String::valueOf)),
                        Tuple.of(2, Arbitraries.integers().between(10, 99).map(String::valueOf)),
                        Tuple.of(2, Arbitraries.longs().between(0, 999_999_999_999L).map(String::valueOf))),
                Arbitraries.of("", "1234567890123", "-1", "x"));
        Arbitrary<String> micros = mostly(Arbitraries.integers().between(0, 999_999).map(u -> String.format("%06d", u)),
                Arbitraries.of("12345", "1234567", "12:456", "123 45"));
        Arbitrary<String> form = rarelyBroken(mostly(Arbitraries.just("[K +%s.%s] "),
                        Arbitraries.of("[K %s.%s] ", "[K +%s.%s]  ", "[K +%s.%s]", " [K +%s.%s] ", "[K +%s,%s] ")),
                Arbitraries.of("[K +%s.%s) ", "[K +%s]%s ", "[Q +%s.%s] "));
        return Combinators.combine(form, seconds, micros).as((f, s, u) -> String.format(f.replace('K', kind), s, u));
    }

    private static Arbitrary<String> command() {
        Arbitrary<String> size = Arbitraries.of("b", "w", "l");
        Arbitrary<String> valid = Arbitraries.frequencyOf(
                Tuple.of(6, Combinators.combine(size, number(0xffff)).as((s, p) -> "in" + s + " " + p)),
                Tuple.of(6, Combinators.combine(size, number(0xffff), number(0xffff_ffffL))
                        .as((s, p, v) -> "out" + s + " " + p + " " + v)),
                Tuple.of(2, Combinators.combine(Arbitraries.of(6, 7), Arbitraries.integers().between(0, 7),
                        Arbitraries.of(0, 1)).as((d, pin, level) ->
                        "set_irq_in /machine/unattached/device[" + d + "] unnamed-gpio-in " + pin + " " + level)),
                Tuple.of(1, Arbitraries.of("irq_intercept_in ioapic", "clock_step", "clock_step 100", "endianness",
                        "readl 0x0")));
        return rarelyBroken(valid, Arbitraries.of("inb 0x10000", "outw 0x1ffff 0x1", "outb", "inb 0x20 0x1", "outx 0x20 0x1",
                "in  0x20", "inb 0x"));
    }

    /** A number up to {@code max}: mostly QEMU's canonical hex, often another valid notation. */
    private static Arbitrary<String> number(long max) {
        Arbitrary<Long> value = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.longs().between(0, Math.min(max, 0xff))),
                Tuple.of(3, Arbitraries.longs().between(0, max)),
                Tuple.of(1, Arbitraries.longs().between(0, 0xf_ffff_ffffL).filter(v -> max > 0xffff || v <= max)));
        Arbitrary<String> form = Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.just("0x%x")),
                Tuple.of(2, Arbitraries.of("0x%02x", "0x%08x", "0X%x", "0x%X", "%d", "0%o")));
        return Combinators.combine(form, value).as((f, v) -> String.format(f, v));
    }

    private static Arbitrary<String> answer() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just("OK")),
                Tuple.of(6, Arbitraries.integers().between(0, 0xffff).map(v -> String.format("OK 0x%04x", v))),
                Tuple.of(3, Arbitraries.longs().between(0x10000, 0xffff_ffffL).map(v -> String.format("OK 0x%04x", v))),
                Tuple.of(1, Arbitraries.of("OK 0x123", "OK 0x00012", "OK 0x0000ffff", "OK 0xABCD", "OK 0x123456789",
                        "OK little", "FAIL Unknown command 'x'", "OK  0x0001", "OKAY")));
    }

    private static Arbitrary<String> edge() {
        return Combinators.combine(Arbitraries.of("raise", "lower"), Arbitraries.integers().between(0, 23))
                .as((what, pin) -> "IRQ " + what + " " + pin);
    }

    @Property(tries = 60, edgeCases = EdgeCasesMode.NONE) // they would pick the rare broken lines every time
    void bytesAndTextGiveTheSameSteps(@ForAll("logs") List<String> lines) throws IOException {
        String log = String.join("", lines);
        Path file = Files.createTempFile("trapline-log", ".log");
        try {
            Files.writeString(file, log, StandardCharsets.US_ASCII);
            List<Object> fromText = outcome(listener -> TraceParser.read(file, new BufferedReader(new StringReader(log)), listener));
            Statistics.label("read").collect(fromText.get(fromText.size() - 1) instanceof String e ? e.replaceAll(".*:[0-9]+: ", "").replaceAll("[0-9]+", "N") : "to the end");
            Statistics.label("steps").collect(fromText.size() < 1000 ? "fewer than 1000" : "1000 or more");
            List<Object> fromBytes = outcome(listener -> TraceParser.read(file, listener));
            for (int i = 0; i < Math.min(fromBytes.size(), fromText.size()); i++) {
                assertThat(fromBytes.get(i)).as("item %d read from the bytes", i).isEqualTo(fromText.get(i));
            }
            assertThat(fromBytes).hasSameSizeAs(fromText);
        } finally {
            Files.delete(file);
        }
    }

    private interface Parse {
        void run(TraceListener listener) throws Exception;
    }

    /** Every step the listener saw, then the error with its line and reason if there was one. */
    private static List<Object> outcome(Parse parse) {
        List<Object> seen = new ArrayList<>();
        try {
            parse.run(new TraceListener() {
                @Override
                public void begin(TraceHeader header) {
                }

                @Override
                public boolean step(Step step) {
                    return seen.add(step);
                }
            });
        } catch (TraceFormatException e) {
            seen.add(e.getMessage());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return seen;
    }
}
