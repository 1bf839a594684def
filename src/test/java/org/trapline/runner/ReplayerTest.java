package org.trapline.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trapline.target.ModelTarget;
import org.trapline.trace.Trace;
import org.trapline.trace.TraceFormatException;
import org.trapline.trace.TraceParser;

class ReplayerTest {
    private static ReplayResult replay(String text) throws Exception {
        Trace trace = TraceParser.parse(Path.of("r.trace"), new BufferedReader(new StringReader(text)));
        return Replayer.replay(trace, ModelTarget.forTrace(trace.header(), null, null));
    }

    @Test
    void aTraceWhoseExpectationsHoldPassesAndCountsItsChecks() throws Exception {
        ReplayResult r = replay("writel 0x1000 0x12345678\nreadl 0x1000 -> 0x12345678\nreadb 0x1001 -> 0x56 ; little-endian\n");
        assertThat(r.passed()).isTrue();
        assertThat(r.commandsRun()).isEqualTo(3);
        assertThat(r.checksMade()).isEqualTo(2);
    }

    @Test
    void theFirstDivergenceStopsTheReplayAndSaysWhereWhatAndWhy() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            text.append("writeb 0x").append(Integer.toHexString(0x2000 + i)).append(" 0x").append(i).append('\n');
        }
        text.append("readb 0x2003 -> 0x04 & 0x0f ; the byte written last\nreadb 0x2004 -> 0x99\n");
        ReplayResult r = replay(text.toString());
        assertThat(r.passed()).isFalse();
        assertThat(r.commandsRun()).isEqualTo(11);
        Divergence d = r.divergence().orElseThrow();
        assertThat(d.line()).isEqualTo(11);
        assertThat(d.command()).isEqualTo("readb 0x2003");
        assertThat(d.what()).isEqualTo("response");
        assertThat(d.expected()).isEqualTo("OK 0x4 in the bits of mask 0xf");
        assertThat(d.actual()).isEqualTo("OK 0x0000000000000003");
        assertThat(d.citation()).isEqualTo("the byte written last");
        assertThat(d.before()).hasSize(Replayer.CONTEXT).first().isEqualTo("3: writeb 0x2002 0x2");
        assertThat(d.before()).last().isEqualTo("10: writeb 0x2009 0x9");
        assertThat(d.report("model(qemu-pc)")).contains(
                "first divergence at r.trace:11: readb 0x2003",
                "response expected: OK 0x4 in the bits of mask 0xf",
                "response actual:   OK 0x0000000000000003   (model(qemu-pc))",
                "rule: the byte written last",
                "commands before it:",
                "10: writeb 0x2009 0x9");
    }

    /**
     * A long log is replayed batch by batch: the commands before a divergence near the start of a
     * batch come from the batch before it. Sequential batches hold 2048 steps; parts of a file read
     * in parts start near each 256 KiB.
     */
    @Test
    void theCommandsBeforeADivergenceCrossTheBatchesALongLogIsReadIn(@TempDir Path dir) throws Exception {
        // 46 bytes a step: 8 000 steps are read whole (under 512 KiB), 12 000 and 24 000 in parts.
        List<Integer> divergences = new ArrayList<>(List.of(3, 2040, 2047, 2048, 2049, 2055, 2056));
        for (int d = 5690; d < 5710; d += 3) {
            divergences.add(d); // the steps around 256 KiB
        }
        for (int size : new int[] {8_000, 12_000, 24_000}) {
            for (int d : divergences) {
                StringBuilder log = new StringBuilder();
                for (int s = 0; s < size; s++) {
                    if (s == d) {
                        log.append("[R +0.000100] inb 0x21\n[S +0.000101] OK 0x1234\n");
                    } else {
                        log.append(String.format("[R +0.000100] outb 0x21 0x%02x\n[S +0.000101] OK\n", s & 0xff));
                    }
                }
                Path file = dir.resolve("long-" + size + "-" + d + ".log");
                Files.writeString(file, log);
                Divergence at = Replayer.replay(file, h -> ModelTarget.forTrace(h, null, null)).divergence().orElseThrow();
                assertThat(at.line()).isEqualTo(2 * d + 1);
                List<String> expected = new ArrayList<>();
                for (int s = Math.max(0, d - Replayer.CONTEXT); s < d; s++) {
                    expected.add((2 * s + 1) + ": " + String.format("outb 0x21 0x%02x", s & 0xff));
                }
                assertThat(at.before()).as("divergence at step %d of %d", d, size).isEqualTo(expected);
                Files.delete(file);
            }
        }
    }

    /**
     * A recorded log's port answers are compared as numbers when the model answers them, and are
     * reported as QEMU prints them; a log read whole (as text, each answer an expectation object)
     * says the same.
     */
    @Test
    void aRecordedAnswerThatDiffersIsReportedAsQemuPrintsIt(@TempDir Path dir) throws Exception {
        String[][] cases = {
            // the log's exchange, then what it expected and what the model answered
            {"[R +0.1] outl 0xcf8 0x80000000\n[S +0.1] OK\n[R +0.2] inl 0xcfc\n[S +0.2] OK 0x12378087\n",
                "OK 0x12378087", "OK 0x12378086"},
            {"[R +0.1] inb 0x21\n[S +0.1] OK 0x00fe\n", "OK 0x00fe", "OK 0x0000"},
            {"[R +0.1] inb 0x21\n[S +0.1] OK\n", "OK", "OK 0x0000"},
            {"[R +0.1] outb 0x21 0x01\n[S +0.1] OK 0x0001\n", "OK 0x0001", "OK"},
        };
        for (String[] c : cases) {
            Path file = Files.writeString(dir.resolve("answer.log"), c[0]);
            Divergence fromFile = Replayer.replay(file, h -> ModelTarget.forTrace(h, null, null)).divergence().orElseThrow();
            Divergence fromText = replay(c[0]).divergence().orElseThrow();
            for (Divergence d : List.of(fromFile, fromText)) {
                assertThat(d.what()).isEqualTo("response");
                assertThat(d.expected()).as(c[0]).isEqualTo(c[1]);
                assertThat(d.actual()).as(c[0]).isEqualTo(c[2]);
            }
            assertThat(fromFile.line()).isEqualTo(fromText.line());
        }
    }

    @Test
    void missingAndExtraInterruptEdgesAreDivergences() throws Exception {
        ReplayResult missing = replay("""
                [R +0.1] irq_intercept_in ioapic
                [S +0.2] OK
                [R +0.3] set_irq_in ioapic unnamed-gpio-in 8 1
                [S +0.4] IRQ raise 8
                [S +0.5] OK
                [R +0.6] set_irq_in ioapic unnamed-gpio-in 8 1
                [S +0.7] IRQ raise 8
                [S +0.8] OK
                """);
        Divergence d = missing.divergence().orElseThrow();
        assertThat(d.line()).isEqualTo(6);
        assertThat(d.what()).isEqualTo("interrupt edges");
        assertThat(d.expected()).isEqualTo("IRQ raise 8");
        assertThat(d.actual()).isEqualTo("(none)");

        ReplayResult extra = replay("irq_intercept_in ioapic -> OK\nset_irq_in ioapic unnamed-gpio-in 4 1 -> OK\n");
        assertThat(extra.divergence().orElseThrow().actual()).isEqualTo("IRQ raise 4");
        assertThat(replay("irq_intercept_in ioapic -> OK\nset_irq_in ioapic unnamed-gpio-in 4 1\nIRQ raise 4\n").passed()).isTrue();
    }

    @Test
    void aCommandTheTargetCannotTakeIsUnusableInputNamedByLine() {
        assertThatThrownBy(() -> replay("inb 0x20\nset_irq_in /machine/unattached/device[7] unnamed-gpio-in 8 1\n"))
                .isInstanceOfSatisfying(TraceFormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.reason()).isEqualTo("model(qemu-pc): /machine/unattached/device[7] has 8 inputs; there is no input 8");
                });
    }

    @Test
    void theTraceHeaderChoosesProfileAndMachine() throws Exception {
        assertThat(replay("@profile hardware\nreadb 0x9000000 -> 0xff ; PCI 3.0 §3.7.3.1 master abort\n").passed()).isTrue();
        assertThat(replay("@machine -machine pc -m 256M\nwriteb 0x9000000 0x5a\nreadb 0x9000000 -> 0x5a\n").passed()).isTrue();
        assertThatThrownBy(() -> replay("@profile bochs\ninb 0x20\n")).isInstanceOf(TraceFormatException.class)
                .hasMessage("r.trace: profile 'bochs' is not a profile (known: hardware, qemu-pc)");
        assertThatThrownBy(() -> replay("@machine -machine q35\ninb 0x20\n")).isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("machine arguments: -machine q35");
    }
}
