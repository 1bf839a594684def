package org.trapline.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The poll rule of docs/polls.md on synthetic -qtest-logs of one READ SECTORS against
 * {@link PollDisk}: a run of Status reads answering BSY matches a device that completes sooner,
 * and a wrong final status, a missing or extra interrupt, or a device still busy still fail.
 */
class PollReplayTest {
    @TempDir
    Path dir;

    /** A -qtest-log, written as QEMU writes one. */
    private static final class Log {
        private final List<String> lines = new ArrayList<>(List.of("[I 0.000000] OPENED"));

        Log command(String command, String... answers) {
            lines.add("[R +0.000001] " + command);
            for (String a : answers) {
                lines.add("[S +0.000001] " + a);
            }
            return this;
        }

        /** Line number (1-based) the next command will have. */
        int next() {
            return lines.size() + 1;
        }

        /** irq_intercept_in and the task file of READ SECTORS, LBA 0, one sector, up to the command. */
        Log readSector() {
            command("irq_intercept_in ioapic", "OK");
            command("outb 0x1f6 0xe0", "OK");
            command("outb 0x1f2 0x01", "OK");
            return command("outb 0x1f7 0x20", "OK");
        }

        Log statusReads(int n, int value) {
            for (int i = 0; i < n; i++) {
                command("inb 0x1f7", String.format("OK 0x%04x", value));
            }
            return this;
        }

        Path write(Path dir) throws Exception {
            Path file = dir.resolve("poll.log");
            Files.write(file, lines);
            return file;
        }
    }

    private ReplayResult replay(Log log, PollDisk disk) throws Exception {
        return Replayer.replay(log.write(dir), header -> disk);
    }

    /**
     * QEMU's shape: {@code busy} reads of D0h, the completion's raise printed after the last of
     * them, and the read of 58h that lowers it; then the sector's words and a Status of 50h.
     */
    private static Log recordedPoll(int busy) {
        Log log = new Log().readSector();
        if (busy == 0) {
            log.lines.add("[S +0.000001] IRQ raise 14");
        }
        for (int i = 0; i < busy; i++) {
            log.command("inb 0x1f7", "OK 0x00d0");
            if (i == busy - 1) {
                log.lines.add("[S +0.000001] IRQ raise 14");
            }
        }
        log.command("inb 0x1f7", "IRQ lower 14", "OK 0x0058");
        for (int i = 0; i < 256; i++) {
            log.command("inw 0x1f0", "OK 0x0000");
        }
        return log.statusReads(1, 0x50);
    }

    @ParameterizedTest(name = "a poll of {0} reads matches a device busy for {1}")
    @CsvSource({"1, 0", "2, 0", "2, 1", "7, 0", "7, 3", "7, 6"})
    void aPollMatchesADeviceThatCompletesWithinIt(int reads, int deviceBusy) throws Exception {
        ReplayResult r = replay(recordedPoll(reads - 1), PollDisk.of(deviceBusy));
        assertThat(r.divergence()).isEmpty();
        // the device is read until it is done, and not for the recording's reads after that
        assertThat(r.commandsRun()).isEqualTo(4 + (deviceBusy + 1) + 256 + 1);
    }

    @Test
    void anInterruptRecordedAnywhereInTheRunMatches() throws Exception {
        Log log = new Log().readSector().statusReads(2, 0xd0);
        log.lines.add("[S +0.000001] IRQ raise 14");
        log.statusReads(3, 0xd0).command("inb 0x1f7", "IRQ lower 14", "OK 0x0058");
        assertThat(replay(log, PollDisk.of(0)).divergence()).isEmpty();
        assertThat(replay(log, PollDisk.of(4)).divergence()).isEmpty();
    }

    @Test
    void aNotDoneValueThatIsNotBusyFails() throws Exception {
        Log log = new Log().readSector();
        log.lines.add("[S +0.000001] IRQ raise 14");
        int first = log.next();
        log.command("inb 0x1f7", "IRQ lower 14", "OK 0x0050").statusReads(1, 0x58);
        Divergence d = replay(log, PollDisk.of(0)).divergence().orElseThrow();
        // 50h has BSY clear: the poll ends at it, and the device answers 58h there
        assertThat(d.line()).isEqualTo(first);
        assertThat(d.what()).isEqualTo("final status");
        assertThat(d.expected()).isEqualTo("OK 0x0050");
        assertThat(d.actual()).isEqualTo("OK 0x0058");
        assertThat(d.command()).contains("1 read recorded from " + dir.resolve("poll.log") + ":" + first);
    }

    @Test
    void aWrongLastValueFailsNamingTheRunsFirstAndLastReads() throws Exception {
        Log log = new Log().readSector();
        int first = log.next();
        log.statusReads(3, 0xd0);
        log.lines.add("[S +0.000001] IRQ raise 14");
        int last = log.next();
        log.command("inb 0x1f7", "IRQ lower 14", "OK 0x0051");
        Divergence d = replay(log, PollDisk.of(0)).divergence().orElseThrow();
        Path file = dir.resolve("poll.log");
        assertThat(d.line()).isEqualTo(first);
        assertThat(d.what()).isEqualTo("final status");
        assertThat(d.expected()).isEqualTo("OK 0x0051");
        assertThat(d.actual()).isEqualTo("OK 0x0058");
        assertThat(d.command()).isEqualTo("inb 0x1f7, a poll of ATA Status (1F7h): 4 reads recorded from "
                + file + ":" + first + " to " + file + ":" + last + ", 1 made");
    }

    @Test
    void aMissingInterruptFails() throws Exception {
        Divergence d = replay(recordedPoll(4), PollDisk.of(0).withoutInterrupt()).divergence().orElseThrow();
        assertThat(d.what()).isEqualTo("interrupt edges from line 4 (outb 0x1f6 0xe0) to the poll's last read");
        assertThat(d.expected()).isEqualTo("IRQ raise 14, IRQ lower 14");
        assertThat(d.actual()).isEqualTo("(none)");
    }

    @Test
    void anExtraInterruptFails() throws Exception {
        Divergence d = replay(recordedPoll(4), PollDisk.of(2).withExtraEdge()).divergence().orElseThrow();
        assertThat(d.what()).startsWith("interrupt edges from line 4 (outb 0x1f6 0xe0)");
        assertThat(d.expected()).isEqualTo("IRQ raise 14, IRQ lower 14");
        assertThat(d.actual()).isEqualTo("IRQ raise 14, IRQ lower 14, IRQ raise 14, IRQ lower 14");
    }

    @Test
    void aDeviceBusyLongerThanTheRecordingFails() throws Exception {
        ReplayResult r = replay(recordedPoll(2), PollDisk.of(5));
        Divergence d = r.divergence().orElseThrow();
        assertThat(d.what()).isEqualTo("final status");
        assertThat(d.expected()).isEqualTo("OK 0x0058");
        assertThat(d.actual()).isEqualTo("OK 0x00d0 (still not done after 3 reads)");
        // read as many times as the recording reads, and no more
        assertThat(r.commandsRun()).isEqualTo(4 + 3);
    }

    @Test
    void aWrongDatumAfterThePollStillFails() throws Exception {
        byte[] sector = new byte[512];
        sector[10] = 0x5a;
        ReplayResult r = replay(recordedPoll(3), new PollDisk(0, true, sector));
        Divergence d = r.divergence().orElseThrow();
        assertThat(d.command()).isEqualTo("inw 0x1f0");
        assertThat(d.expected()).isEqualTo("OK 0x0000");
        assertThat(d.actual()).isEqualTo("OK 0x005a");
    }

    @Test
    void aDeviceThatDeclaresNoPollRegisterIsComparedCommandByCommand() throws Exception {
        Divergence d = replay(recordedPoll(3), new PollDisk(0, false, new byte[512])).divergence().orElseThrow();
        // the device raised IRQ 14 at the command, which the recording shows three reads later
        assertThat(d.line()).isEqualTo(8);
        assertThat(d.command()).isEqualTo("outb 0x1f7 0x20");
        assertThat(d.what()).isEqualTo("interrupt edges");
        assertThat(d.actual()).isEqualTo("IRQ raise 14");
        // a recording the device follows read for read passes as before
        assertThat(replay(recordedPoll(3), new PollDisk(3, false, new byte[512])).divergence()).isEmpty();
        assertThat(replay(recordedPoll(0), new PollDisk(0, false, new byte[512])).divergence()).isEmpty();
    }

    @Test
    void anEdgeThatNoPollFollowsIsCheckedInItsOwnWindow() throws Exception {
        // the command's interrupt recorded one command late, and no Status read after it
        Log log = new Log().readSector().command("inb 0x1f1", "IRQ raise 14", "OK 0x0000");
        Divergence d = replay(log, PollDisk.of(0)).divergence().orElseThrow();
        assertThat(d.line()).isEqualTo(8);
        assertThat(d.command()).isEqualTo("outb 0x1f7 0x20");
        assertThat(d.what()).isEqualTo("interrupt edges");
        assertThat(d.expected()).isEqualTo("(none)");
        assertThat(d.actual()).isEqualTo("IRQ raise 14");
    }

    @Test
    void readsAfterThePollsDoneValueAreEachComparedOnTheirOwn() throws Exception {
        Log log = recordedPoll(2);
        log.statusReads(2, 0x50);
        assertThat(replay(log, PollDisk.of(0)).divergence()).isEmpty();
        Log wrong = recordedPoll(2).statusReads(1, 0xd0);
        Divergence d = replay(wrong, PollDisk.of(0)).divergence().orElseThrow();
        assertThat(d.expected()).isEqualTo("OK 0x00d0");
        assertThat(d.what()).isEqualTo("final status");
        assertThat(d.actual()).isEqualTo("OK 0x0050");
    }
}
