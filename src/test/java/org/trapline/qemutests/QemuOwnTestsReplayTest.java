package org.trapline.qemutests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

    /**
     * tests/qtest/fw_cfg-test.c: 12 tests, each on a QEMU of its own, a board without -nodefaults,
     * two with -boot reboot-timeout and one with -boot splash-time (the file directory read whole),
     * one with -uuid.
     */
    @ParameterizedTest(name = "fw_cfg-test {0}")
    @CsvSource({"01-signature, 6", "02-id, 6", "03-uuid, 18", "04-ram_size, 10", "05-nographic, 4", "06-nb_cpus, 4",
        "07-max_cpus, 4", "08-numa, 18", "09-boot_menu, 4", "10-reboot_timeout, 784", "11-no_reboot_timeout, 784",
        "12-splash_time, 846"})
    void fwCfgTestReplaysWithoutADivergence(String test, int commands) throws Exception {
        ReplayResult result = replay("fw_cfg-test/" + test);
        assertThat(result.divergence()).as("first divergence").isEmpty();
        assertThat(result.commandsRun()).isEqualTo(commands);
        assertThat(result.checksMade()).isEqualTo(commands);
    }

    /**
     * tests/qtest/fdc-test.c: the tests that run on the board QEMU starts with, before the first QMP command
     * (blockdev-change-medium, which no qtest log holds), each run alone with -p on its own QEMU: a board
     * without -nodefaults and an empty drive from -device floppy; and cve_2021_3507 on a QEMU of its own
     * with a 1.44 MB diskette of zeros, the test's temporary image kept beside the log.
     */
    @ParameterizedTest(name = "fdc-test {0}")
    @CsvSource({"01-cmos, 4", "02-no_media_on_start, 21", "03-read_without_media, 36", "04-fuzz-registers, 2002",
        "05-cve_2021_3507, 11"})
    void fdcTestReplaysWithoutADivergence(String test, int commands) throws Exception {
        ReplayResult result = replay("fdc-test/" + test);
        assertThat(result.divergence()).as("first divergence").isEmpty();
        assertThat(result.commandsRun()).isEqualTo(commands);
    }

    /**
     * tests/qtest/ide-test.c: the disk and bus-master cases, each run alone with -p on its own QEMU, on a
     * 64 MiB image of zeros (the program's own, created and deleted by it; the args name it @ZERO64M@, and
     * the test makes a sparse one). QEMU's thread pool ends each DMA at its own moment, so the interrupt of a
     * transfer lands in another command's window from run to run: the poll rule (docs/polls.md) matches them.
     * various_prdts is the last of its nine QEMU runs.
     */
    @ParameterizedTest(name = "ide-test {0}")
    @CsvSource({"01-identify, 544", "02-bmdma-simple_rw, 173", "03-bmdma-various_prdts, 18205", "04-bmdma-trim, 104",
        "05-bmdma-no_busmaster, 67", "06-diagnostic, 32"})
    void ideTestReplaysWithoutADivergence(String test, int commands, @org.junit.jupiter.api.io.TempDir Path tmp)
            throws Exception {
        Path zero = tmp.resolve("zero.img");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(zero.toFile(), "rw")) {
            f.setLength(64L << 20);
        }
        String machine = machineOf("ide-test/" + test).replace("@ZERO64M@", zero.toString());
        ReplayResult result = Replayer.replay(DIR.resolve("ide-test/" + test + ".log"),
                header -> ModelTarget.forTrace(header, "qemu-pc", machine));
        assertThat(result.divergence()).as("first divergence").isEmpty();
        assertThat(result.commandsRun()).isEqualTo(commands);
        assertThat(Files.size(zero)).as("the image is never written").isEqualTo(64L << 20);
        byte[] head = new byte[1 << 20];
        try (java.io.InputStream in = Files.newInputStream(zero)) {
            assertThat(in.readNBytes(head, 0, head.length)).isEqualTo(head.length);
        }
        assertThat(head).as("the guest's writes (simple_rw's sectors 0-255) stayed in memory").containsOnly(0);
    }

    @Test
    void fwCfgTestsArgumentsReachTheModel() throws Exception {
        assertThat(machineOf("fw_cfg-test/03-uuid")).isEqualTo(
                "-machine pc -m 128M -display none -uuid 4600cb32-38ec-4b2f-8acb-81c6ea54f2d8 -accel qtest");
        String splash = machineOf("fw_cfg-test/12-splash_time");
        assertThat(splash).endsWith("-display none -boot splash-time=12 -accel qtest");
        // Without the -boot argument the model's directory has one file fewer, and the replay departs.
        ReplayResult without = Replayer.replay(DIR.resolve("fw_cfg-test/12-splash_time.log"),
                header -> ModelTarget.forTrace(header, "qemu-pc", splash.replace(" -boot splash-time=12", "")));
        assertThat(without.divergence()).isPresent();
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

    /**
     * The board arguments among those the program started QEMU with: all of them but libqtest's own
     * plumbing (its qtest socket and log, the QMP chardev and monitor), on libqtest's default
     * machine, {@code -machine pc} with 128 MiB, unless the program names one.
     */
    static String machineOf(String name) throws Exception {
        String[] words = Files.readString(DIR.resolve(name + ".args")).trim().split("\\s+");
        StringBuilder machine = new StringBuilder();
        boolean named = false;
        for (int i = 0; i < words.length; i++) {
            switch (words[i]) {
                case "-qtest", "-qtest-log", "-chardev", "-mon" -> i++;
                default -> {
                    named |= words[i].equals("-machine") || words[i].equals("-M");
                    machine.append(' ').append(words[i]);
                }
            }
        }
        assertThat(machine.toString()).contains("-accel qtest");
        return (named ? "" : "-machine pc -m 128M") + machine;
    }
}
