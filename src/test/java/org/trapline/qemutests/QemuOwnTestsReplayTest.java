package org.trapline.qemutests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.trapline.runner.ReplayResult;
import org.trapline.runner.Replayer;
import org.trapline.target.ModelTarget;

/**
 * The qtest logs of QEMU 7.2's own test programs (tests/qtest), run on the clock-driven QEMU by
 * tools/qemu-tests/logging-qemu-system-x86_64, replay on the model. Each log sits beside the
 * arguments it ran with; the model takes those of them that shape the board (the RTC's base, the
 * accelerator) on libqtest's default machine, {@code -machine pc} with 128 MiB. The logs are long,
 * so they are checked here rather than under every mutant of the trace corpus.
 */
class QemuOwnTestsReplayTest {
    private static final Path DIR = Path.of("qemu-tests");

    /** tests/qtest/rtc-test.c: 15 tests, port 0 read 2 514 times between them. */
    @Test
    void rtcTestReplaysWithoutADivergence() throws Exception {
        ReplayResult result = replay("rtc-test");
        assertThat(result.divergence()).as("first divergence").isEmpty();
        assertThat(result.commandsRun()).isEqualTo(10_187);
        assertThat(result.checksMade()).isEqualTo(20_373);
    }

    @Test
    void theHardwareProfileDepartsWhereQemusPitCountsFromReset() throws Exception {
        String machine = machineOf("rtc-test");
        ReplayResult result = Replayer.replay(DIR.resolve("rtc-test.log"),
                header -> ModelTarget.forTrace(header, "hardware", machine));
        assertThat(result.divergence()).hasValueSatisfying(d -> assertThat(d.report(result.targetName()))
                .contains("interrupt edges expected: IRQ raise 0"));
    }

    private static ReplayResult replay(String name) throws Exception {
        String machine = machineOf(name);
        return Replayer.replay(DIR.resolve(name + ".log"), header -> ModelTarget.forTrace(header, "qemu-pc", machine));
    }

    /** The board arguments among those the program started QEMU with: -rtc and -accel, on libqtest's default machine. */
    static String machineOf(String name) throws Exception {
        String[] words = Files.readString(DIR.resolve(name + ".args")).trim().split("\\s+");
        String kept = String.join(" ", words);
        StringBuilder machine = new StringBuilder("-machine pc -m 128M -display none");
        for (int i = 0; i + 1 < words.length; i++) {
            if (words[i].equals("-rtc") || words[i].equals("-accel")) {
                machine.append(' ').append(words[i]).append(' ').append(words[i + 1]);
            }
        }
        assertThat(kept).contains("-accel qtest");
        return machine.toString();
    }
}
