package org.trapline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trapline.cli.ReplayCommandTest.assertNoStackTrace;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trapline.target.QemuBinary;
import org.trapline.testing.FakeQemu;
import org.trapline.testing.RequiresQemu;
import org.trapline.trace.Step;
import org.trapline.trace.Trace;
import org.trapline.trace.TraceParser;

/** {@code trapline record} and {@code trapline diff}, against the real QEMU and against fakes of it. */
class RecordAndDiffCommandTest {
    private static final String MASTER = "/machine/unattached/device[6]";

    @TempDir
    Path dir;

    private Path script(String text) throws Exception {
        return Files.writeString(dir.resolve("s.qtest"), text);
    }

    @Nested
    @Tag("qemu")
    @RequiresQemu
    class WithQemu {
        @Test
        void recordWritesTheHeaderAndQemusLogWhichReadsBackStepForStep(QemuBinary qemu) throws Exception {
            Path s = script("""
                    # the master 8259A, initialised and interrupted
                    irq_intercept_in %s
                    outb 0x20 0x11
                    outb 0x21 0x08
                    outb 0x21 0x04
                    outb 0x21 0x01
                    set_irq_in %s unnamed-gpio-in 3 1
                    inb 0x20
                    outl 0xcf8 0x80000000
                    inl  0xcfc
                    """.formatted(MASTER, MASTER));
            Path out = dir.resolve("golden/pic.trace");
            CliRun run = CliRun.of("record", "--script", s.toString(), "--qemu", qemu.toString(), "-o", out.toString());
            assertThat(run.status()).as(run.all()).isZero();
            assertThat(run.out()).contains("recorded 9 commands");

            List<String> lines = Files.readAllLines(out);
            assertThat(lines.get(0)).isEqualTo("@machine " + QemuOptions.DEFAULT_MACHINE + " -S");
            assertThat(lines.get(1)).isEqualTo("@profile qemu-pc");
            assertThat(lines.get(2)).startsWith("@provenance recorded by trapline record from QEMU emulator version ")
                    .matches(".* on \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ from " + java.util.regex.Pattern.quote(s.toString()));
            assertThat(lines.get(3)).matches("\\[I [0-9.]+] OPENED");
            assertThat(lines).filteredOn(l -> l.startsWith("[R ")).hasSize(9);
            // canonical text: the doubled space of the script is gone
            assertThat(lines).anyMatch(l -> l.matches("\\[R \\+[0-9.]+] inl 0xcfc"));
            assertThat(lines).anyMatch(l -> l.matches("\\[S \\+[0-9.]+] IRQ raise 3"));

            Trace back = TraceParser.parse(out);
            assertThat(back.steps()).hasSize(9);
            assertThat(back.steps()).last().matches(Step::checkIrqs);
            assertThat(back.profile()).contains("qemu-pc");
            assertThat(back.steps().get(8).expect().matches("OK 0x12378086")).isTrue();
        }

        @Test
        void recordReportsACrashOfQemuWithTheScriptLine(QemuBinary qemu) throws Exception {
            Path s = script("inb 0x20\nset_irq_in " + MASTER + " unnamed-gpio-in 9 1\n");
            Path out = dir.resolve("crash.trace");
            CliRun run = CliRun.of("record", "--script", s.toString(), "--qemu", qemu.toString(), "-o", out.toString());
            assertThat(run.status()).isEqualTo(2);
            assertThat(run.err()).contains(s + ":2: ").contains("exit status 134");
            assertThat(out).doesNotExist();
            assertNoStackTrace(run);
        }

        @Test
        void diffPassesWhereModelAndQemuAgree(QemuBinary qemu) throws Exception {
            Path s = script("writel 0x1000 0x12345678\nreadl 0x1000\nreadw 0x1002\nendianness\n");
            CliRun run = CliRun.of("diff", "--script", s.toString(), "--qemu", qemu.toString());
            assertThat(run.status()).as(run.all()).isZero();
            assertThat(run.out()).contains("PASS " + s).contains("4 commands, 0 divergences");
        }

        @Test
        void diffReportsAMachineQemuRefusesAsUnusable(QemuBinary qemu) throws Exception {
            Path s = script("inb 0x20\n");
            CliRun run = CliRun.of("diff", "--script", s.toString(), "--qemu", qemu.toString(),
                    "--machine", "-machine pc -m 0x");
            assertThat(run.status()).isEqualTo(2);
            assertThat(run.err()).contains("--machine: -m 0x");
        }
    }

    /** A QEMU that reads every port as 0xab: the model cannot agree with it. */
    private QemuBinary portsReadAb() throws Exception {
        return FakeQemu.script(dir, "ab-qemu",
                "while read cmd arg; do case $cmd in in?) echo 'OK 0x00ab';; *) echo OK;; esac; done");
    }

    @Test
    void diffReportsTheFirstDivergenceWithFileAndLine() throws Exception {
        Path s = script("# two writes, then a read\noutb 0x80 0x01\noutb 0x80 0x02\ninb 0x80\ninb 0x80\n");
        CliRun run = CliRun.of("diff", "--script", s.toString(), "--qemu", portsReadAb().toString());
        assertThat(run.status()).as(run.all()).isEqualTo(1);
        assertThat(run.out()).contains("FAIL " + s)
                .contains(s + ":4: inb 0x80")
                .contains("response expected: OK 0x00ab")
                .contains("3: outb 0x80 0x02")
                .contains("3 commands, 1 divergence");
    }

    @Test
    void diffAndRecordWithoutQemuExitTwo() throws Exception {
        Path s = script("inb 0x20\n");
        String missing = dir.resolve("no-qemu").toString();
        CliRun diff = CliRun.of("diff", "--script", s.toString(), "--qemu", missing);
        CliRun record = CliRun.of("record", "--script", s.toString(), "--qemu", missing, "-o", dir.resolve("o").toString());
        for (CliRun run : List.of(diff, record)) {
            assertThat(run.status()).isEqualTo(2);
            assertThat(run.err()).contains("QEMU not found").contains(missing);
            assertNoStackTrace(run);
        }
    }

    @Test
    void aMalformedScriptExitsTwoWithFileAndLine() throws Exception {
        Path s = script("inb 0x20\ninb 0x20 0x21\n");
        CliRun diff = CliRun.of("diff", "--script", s.toString(), "--qemu", portsReadAb().toString());
        CliRun record = CliRun.of("record", "--script", s.toString(), "--qemu", portsReadAb().toString(),
                "-o", dir.resolve("o").toString());
        for (CliRun run : List.of(diff, record)) {
            assertThat(run.status()).isEqualTo(2);
            assertThat(run.err()).contains(s + ":2: 'inb' takes 1 argument, not 2");
            assertNoStackTrace(run);
        }
    }

    @Test
    void aHangingQemuIsATimeoutNotAHang() throws Exception {
        Path s = script("inb 0x20\n");
        CliRun run = CliRun.of("diff", "--script", s.toString(), "--qemu", FakeQemu.hanging(dir).toString(),
                "--timeout", "0.3");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains(s + ":1: ").contains("did not answer 'inb 0x20' within 300 ms");
    }

    @Test
    void recordRefusesALogThatLacksCommands() throws Exception {
        // A "QEMU" that answers but keeps no -qtest-log: the log cannot hold one [R] per command.
        Path s = script("inb 0x20\ninb 0x21\n");
        Path out = dir.resolve("o.trace");
        QemuBinary noLog = FakeQemu.script(dir, "nolog-qemu",
                "[ \"$1\" = --version ] && echo 'QEMU emulator version 0' && exit 0\nwhile read l; do echo OK; done");
        CliRun run = CliRun.of("record", "--script", s.toString(), "--qemu", noLog.toString(), "-o", out.toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("holds 0 commands, but 2 were sent");
        assertThat(out).doesNotExist();
    }

    @Test
    void unknownProfileAndBadTimeoutExitTwo() throws Exception {
        Path s = script("inb 0x20\n");
        assertThat(CliRun.of("diff", "--script", s.toString(), "--profile", "x").status()).isEqualTo(2);
        CliRun run = CliRun.of("diff", "--script", s.toString(), "--timeout", "0", "--qemu", portsReadAb().toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--timeout");
    }
}
