package org.trapline.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.trapline.qtest.QtestCommand;

class TraceParserTest {
    private static final Path FILE = Path.of("t.trace");

    private static Trace parse(String text) throws Exception {
        return TraceParser.parse(FILE, new BufferedReader(new StringReader(text)));
    }

    @Test
    void aScriptIsCommandsWithNothingExpected() throws Exception {
        Trace t = parse("# init the master\n\noutb 0x20 0x11\ninb 0x20\n");
        assertThat(t.steps()).extracting(s -> s.command().text()).containsExactly("outb 0x20 0x11", "inb 0x20");
        assertThat(t.steps()).extracting(Step::line).containsExactly(3, 4);
        assertThat(t.steps()).allSatisfy(s -> assertThat(s.expect()).isNull());
        assertThat(t.checks()).isZero();
        assertThat(t.steps()).noneMatch(Step::checkIrqs);
        assertThat(t.machineArgs()).isEmpty();
        assertThat(t.profile()).isEmpty();
    }

    @Test
    void aRawQtestLogPairsEachResponseWithItsCommandAndEachEdgeWithItsWindow() throws Exception {
        Trace t = parse("""
                [I 0.000001] OPENED
                [R +0.039671] outb 0x20 0x11
                [S +0.039686] OK
                [R +0.044338] irq_intercept_in ioapic
                [S +0.044552] OK
                [R +0.044580] set_irq_in ioapic unnamed-gpio-in 3 1
                [S +0.044612] IRQ raise 3
                [S +0.044621] OK
                [R +0.044625] outb 0x70 0x0b
                [S +0.044627] OK
                [S +0.044630] IRQ lower 8
                [R +0.044676] inl 0xcfc
                [S +0.044679] OK 0x70008086
                [I +0.044812] CLOSED
                """);
        assertThat(t.steps()).hasSize(5);
        assertThat(t.steps()).extracting(Step::checkIrqs).containsExactly(false, true, true, true, true);
        assertThat(t.steps().get(2).irqEvents()).containsExactly("IRQ raise 3");
        assertThat(t.steps().get(3).irqEvents()).containsExactly("IRQ lower 8");
        assertThat(t.steps().get(4).expect()).isEqualTo(new Expectation.Exact("OK 0x70008086"));
        assertThat(t.steps().get(4).line()).isEqualTo(12);
        assertThat(t.checks()).isEqualTo(5);
    }

    @Test
    void theNativeFormCarriesHeaderChecksMasksAndCitations() throws Exception {
        Trace t = parse("""
                @machine -machine pc -m 128M
                @profile hardware
                @provenance written from the 8259A datasheet
                @provenance reviewed twice
                outb 0x20 0x0a
                inb 0x20 -> 0x01 ; 8259A, OCW3: RR=1 RIS=0 reads the IRR
                inb 0x21 -> 0xa0 & 0xf0 ; only the high nibble is defined
                outb 0x20 0x20 -> OK
                inb 0x10 -> FAIL
                clock_step 5 -> FAIL Unknown command 'clock_step'
                """);
        assertThat(t.machineArgs()).contains("-machine pc -m 128M");
        assertThat(t.profile()).contains("hardware");
        assertThat(t.provenance()).containsExactly("written from the 8259A datasheet", "reviewed twice");
        Step irr = t.steps().get(1);
        assertThat(irr.expect()).isEqualTo(new Expectation.Value(1, -1));
        assertThat(irr.citation()).isEqualTo("8259A, OCW3: RR=1 RIS=0 reads the IRR");
        assertThat(t.steps().get(2).expect()).isEqualTo(new Expectation.Value(0xa0, 0xf0));
        assertThat(t.steps().get(3).expect()).isEqualTo(new Expectation.Exact("OK"));
        assertThat(t.steps().get(4).expect()).isEqualTo(new Expectation.AnyFailure());
        assertThat(t.steps().get(5).expect()).isEqualTo(new Expectation.Exact("FAIL Unknown command 'clock_step'"));
        assertThat(t.steps().get(0).command()).isInstanceOf(QtestCommand.PortWrite.class);
    }

    @Test
    void nativeEdgeLinesBelongToThePreviousCommand() throws Exception {
        Trace t = parse("irq_intercept_in ioapic\nset_irq_in ioapic unnamed-gpio-in 8 1\nIRQ raise 8\ninb 0x20\n");
        assertThat(t.steps()).extracting(Step::checkIrqs).containsExactly(false, true, true);
        assertThat(t.steps().get(1).irqEvents()).containsExactly("IRQ raise 8");
        assertThat(t.steps().get(2).irqEvents()).isEmpty();
    }

    @Test
    void aScriptThatInterceptsButExpectsNothingDoesNotCheckEdges() throws Exception {
        assertThat(parse("irq_intercept_in ioapic\nset_irq_in ioapic unnamed-gpio-in 8 1\n").steps()).noneMatch(Step::checkIrqs);
    }

    @Test
    void expectationsMatchByValueUnderTheMask() {
        assertThat(new Expectation.Value(0xa0, 0xf0).matches("OK 0x00a5")).isTrue();
        assertThat(new Expectation.Value(0xa0, 0xf0).matches("OK 0x00b0")).isFalse();
        assertThat(new Expectation.Value(0x26, -1).matches("OK 0x0000000000000026")).isTrue();
        assertThat(new Expectation.Value(0x26, -1).matches("OK")).isFalse();
        assertThat(new Expectation.AnyFailure().matches("FAIL Unknown device")).isTrue();
        assertThat(new Expectation.AnyFailure().matches("OK")).isFalse();
        assertThat(new Expectation.Exact("OK").matches("OK 0x0000")).isFalse();
        assertThat(new Expectation.Value(0xa0, 0xf0).describe()).isEqualTo("OK 0xa0 in the bits of mask 0xf0");
        assertThat(new Expectation.Value(0x26, -1).describe()).isEqualTo("OK 0x26");
        assertThat(new Expectation.AnyFailure().describe()).isEqualTo("FAIL ...");
        assertThat(new Expectation.Exact("OK 0x0026").describe()).isEqualTo("OK 0x0026");
    }

    @ParameterizedTest(name = "line {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "outb 0x20 0x11\\nbogus 3|2|unknown qtest command 'bogus'",
            "inb 0x20 -> zz|1|expected value 'zz' is not a number (expected a number, 'OK ...' or 'FAIL')",
            "inb 0x20 -> 0x1 & q|1|mask 'q' is not a number (expected a number, 'OK ...' or 'FAIL')",
            "inb 0x20 ->|1|nothing after '->'",
            "-> 0x1|1|a check with no command",
            "inb 0x20 ; why|1|a citation with no check: write 'COMMAND -> EXPECTED ; citation'",
            "[S +0.1] OK|1|a response with no command before it",
            "[R +0.1] inb 0x20\\n[S +0.2] OK 0x0000\\n[S +0.3] OK 0x0000|3|a second response to the command of line 1",
            "[R +0.1] inb 0x20\\n[S +0.2]|2|an empty response",
            "[X +0.1] inb 0x20|1|not a -qtest-log line: expected [R +t], [S +t] or [I +t] at the start",
            "[R+0.1] inb 0x20|1|not a -qtest-log line: expected [R +t], [S +t] or [I +t] at the start",
            "IRQ raise 3|1|an interrupt edge with no command before it",
            "inb 0x20\\nIRQ up 3|2|expected 'IRQ raise N' or 'IRQ lower N'",
            "inb 0x20\\nIRQ raise x|2|expected 'IRQ raise N' or 'IRQ lower N'",
            "inb 0x20\\n@profile hardware|2|header line after the first command; put @ lines at the top",
            "@color blue|1|unknown header @color (known: @machine, @profile, @provenance)",
            "@machine|1|@machine needs a value",
            "# nothing but a comment|0|no commands",
            "inb 0x10000|1|port 0x10000 is past 0xffff",
    })
    void unusableTracesNameTheLineAndTheReason(String text, int line, String reason) {
        assertThatThrownBy(() -> parse(text.replace("\\n", "\n")))
                .isInstanceOfSatisfying(TraceFormatException.class, e -> {
                    assertThat(e.file()).isEqualTo(FILE);
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).isEqualTo("t.trace" + (line > 0 ? ":" + line : "") + ": " + reason);
                });
    }

    @Test
    void filesAreReadAsUtf8AndMissingOrBinaryFilesAreRefused(@TempDir Path dir) throws IOException, Exception {
        Path good = dir.resolve("good.trace");
        Files.writeString(good, "inb 0x20 -> 0 ; café\n");
        assertThat(TraceParser.parse(good).steps().get(0).citation()).isEqualTo("café");
        Path missing = dir.resolve("missing.trace");
        assertThatThrownBy(() -> TraceParser.parse(missing)).isInstanceOf(TraceFormatException.class)
                .hasMessage(missing + ": no such file");
        Path binary = dir.resolve("binary.trace");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, 0x41});
        assertThatThrownBy(() -> TraceParser.parse(binary)).isInstanceOf(TraceFormatException.class)
                .hasMessage(binary + ": not a UTF-8 text file");
        assertThatThrownBy(() -> TraceParser.parse(dir)).isInstanceOf(TraceFormatException.class)
                .hasMessageStartingWith(dir + ": cannot be read");
    }

    @Test
    void aListenerSeesTheHeaderFirstThenEveryWholeStepBeforeAFormatError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.log");
        Files.writeString(file, "@profile hardware\n[R +0.1] inb 0x20\n[S +0.2] OK 0x0000\n[R +0.3] inb 0x21\n"
                + "[S +0.4] OK 0x0000\nbogus 1\ninb 0x20\n");
        java.util.List<String> seen = new java.util.ArrayList<>();
        assertThatThrownBy(() -> TraceParser.read(file, new TraceListener() {
            @Override
            public void begin(TraceHeader header) {
                seen.add("header " + header.profile().orElseThrow());
            }

            @Override
            public boolean step(Step step) {
                seen.add(step.line() + " " + step.command().text() + " -> " + step.expect().describe());
                return true;
            }
        })).isInstanceOf(TraceFormatException.class).hasMessage(file + ":6: unknown qtest command 'bogus'");
        assertThat(seen).containsExactly("header hardware", "2 inb 0x20 -> OK 0x0000", "4 inb 0x21 -> OK 0x0000");
    }

    @Test
    void aListenerThatStopsStopsTheReading(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.trace");
        Files.writeString(file, "inb 0x20\ninb 0x21\nbogus\n");
        java.util.List<Integer> lines = new java.util.ArrayList<>();
        TraceParser.read(file, new TraceListener() {
            @Override
            public void begin(TraceHeader header) {
            }

            @Override
            public boolean step(Step step) {
                lines.add(step.line());
                return false;
            }
        });
        assertThat(lines).containsExactly(1);
    }

    /** A log file is read from its bytes, with shortcuts for the lines a recording repeats; the text path is the reference. */
    @Test
    void aLogFileReadFromBytesGivesTheStepsItsTextGives(@TempDir Path dir) throws Exception {
        String log = """
                [I 0.000001] OPENED
                [R +0.1] outl 0xcf8 0x80000000
                [S +0.1] OK
                [R +0.2] inl 0xcfc
                [S +0.2] OK 0x12378086
                [R +0.3] inw 0xcfe
                [S +0.3] OK 0x1237
                [R +0.4] outb 0x21 0x1ff
                [S +0.4] OK
                [R +0.5] inb 0x0021
                [S +0.5] OK 0x00ff
                [R +0.6] outb 0x20 17
                [S +0.6] OK
                [R +0.7] irq_intercept_in ioapic
                [S +0.7] OK
                [R +0.8] set_irq_in /machine/unattached/device[6] unnamed-gpio-in 3 1
                [S +0.8] OK
                [R +0.9] set_irq_in /machine/unattached/device[6] unnamed-gpio-in 3 1
                [S +0.9] IRQ raise 3
                [S +0.9] OK
                [R +1.0] readl 0x0
                [S +1.0] OK 0x0000000000000000
                [R +1.1] inl 0xcfc
                [S +1.1] OK 0x0000ffff
                [R +1.2] outw 0x4d0 0x0
                [S +1.2] OK
                [R +1.3] inl 0xcfc
                [S +1.3] OK 0x12378086
                [R +1.400000] outl 0x7 0xd
                [S +1.400000] OK
                [R +1.500000] outl 0x6 0xd
                [S +1.500000] OK
                [R +1.600000] outb 0xa0 0x0a
                [S +1.600000] OK
                [R +1.700000] outb 0xa0 0x0a
                [S +1.700000] OK 0x00ff
                """;
        Path file = dir.resolve("x.log");
        Files.writeString(file, log);
        Trace fromBytes = TraceParser.parse(file);
        Trace fromText = parse(log);
        assertThat(fromBytes.steps()).hasSize(17).isEqualTo(fromText.steps());
        assertThat(fromBytes.steps()).extracting(step -> step.command().text()).containsExactly(
                "outl 0xcf8 0x80000000", "inl 0xcfc", "inw 0xcfe", "outb 0x21 0x1ff", "inb 0x0021", "outb 0x20 17",
                "irq_intercept_in ioapic", "set_irq_in /machine/unattached/device[6] unnamed-gpio-in 3 1",
                "set_irq_in /machine/unattached/device[6] unnamed-gpio-in 3 1", "readl 0x0", "inl 0xcfc",
                "outw 0x4d0 0x0", "inl 0xcfc", "outl 0x7 0xd", "outl 0x6 0xd", "outb 0xa0 0x0a", "outb 0xa0 0x0a");
        assertThat(fromBytes.steps().get(3).command()).isEqualTo(new QtestCommand.PortWrite("outb 0x21 0x1ff", 0x21, 1, 0xff));
        assertThat(fromBytes.steps().get(10).expect()).isEqualTo(new Expectation.Exact("OK 0x0000ffff"));
    }

    @Test
    void aMalformedCommandInALogFileIsNamedWithItsLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.log");
        Files.writeString(file, "[R +0.1] inb 0x20\n[S +0.1] OK 0x0000\n[R +0.2] inb 0x10000\n[S +0.2] OK 0x0000\n");
        assertThatThrownBy(() -> TraceParser.parse(file))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("bad.log:3");
    }
}
