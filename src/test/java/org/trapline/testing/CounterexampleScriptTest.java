package org.trapline.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CounterexampleScriptTest {
    private static final String MACHINE = "-machine pc -m 128M -nodefaults -display none";

    @Test
    void theHeaderSaysWhatFailedHowToReplayItAndOnWhichMachineThenTheCommandsThenTheFailure() {
        CounterexampleScript script = new CounterexampleScript("PicProperties.anEoiClearsExactlyItsIsrBit",
                Optional.of("-42"), "replay --profile hardware", MACHINE,
                List.of("# ICW1..ICW4 initialise master", "outb 0x20 0x11", "inb 0x20", "inta"),
                "Invariant failed\nexpected: 0x04\n but was: 0x00");

        assertThat(script.lines()).containsExactly(
                "# Counterexample of PicProperties.anEoiClearsExactlyItsIsrBit (jqwik seed -42), shrunk.",
                "# Replay: java -jar target/trapline.jar replay --profile hardware "
                        + "target/counterexamples/anEoiClearsExactlyItsIsrBit.qtest",
                "@machine " + MACHINE,
                "# ICW1..ICW4 initialise master",
                "outb 0x20 0x11",
                "inb 0x20",
                "inta",
                "#",
                "# Invariant failed",
                "# expected: 0x04",
                "#  but was: 0x00");
    }

    @Test
    void theCommandsStartOnTheLineTheDifferentialTracesNumberThemFrom() {
        CounterexampleScript script = new CounterexampleScript("TimerDifferentialProperties.modelKeepsTime",
                Optional.empty(), "diff --script", MACHINE + " -accel qtest", List.of("clock_step 100", "inb 0x40"),
                "the model departs from QEMU");

        List<String> lines = script.lines();
        assertThat(lines.get(CounterexampleScript.FIRST_COMMAND_LINE - 1)).isEqualTo("clock_step 100");
        assertThat(lines.get(0)).isEqualTo("# Counterexample of TimerDifferentialProperties.modelKeepsTime, shrunk.");
        assertThat(lines.get(1)).isEqualTo(
                "# Replay: java -jar target/trapline.jar diff --script target/counterexamples/modelKeepsTime.qtest");
        assertThat(lines.get(2)).isEqualTo("@machine " + MACHINE + " -accel qtest");
        assertThat(lines.subList(4, lines.size())).containsExactly("inb 0x40", "#", "# the model departs from QEMU");
    }

    @Test
    void noCommandsStillMakeAScript() {
        CounterexampleScript script = new CounterexampleScript("P.p", Optional.empty(), "diff --script", MACHINE,
                List.of(), "");

        assertThat(script.lines()).containsExactly("# Counterexample of P.p, shrunk.",
                "# Replay: java -jar target/trapline.jar diff --script target/counterexamples/p.qtest",
                "@machine " + MACHINE, "#");
    }

    @Test
    void writeToMakesTheFolderAndOverwritesAnEarlierScript(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("target/counterexamples/p.qtest");
        new CounterexampleScript("P.p", Optional.empty(), "diff --script", MACHINE, List.of("inb 0x21", "inb 0x20"),
                "first").writeTo(file);
        CounterexampleScript shrunk = new CounterexampleScript("P.p", Optional.of("7"), "diff --script", MACHINE,
                List.of("inb 0x21"), "shrunk");

        assertThat(shrunk.writeTo(file)).isEqualTo(file);
        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).isEqualTo(shrunk.lines());
    }

    @Test
    void theFileIsNamedAfterThePropertyUnderTheProjectsTarget() {
        String root = System.getProperty("trapline.root", ".");
        assertThat(CounterexampleScript.file("aGuestAccessNeverThrows"))
                .isEqualTo(Path.of(root, "target", "counterexamples", "aGuestAccessNeverThrows.qtest"));
    }
}
