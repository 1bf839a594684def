package org.trapline.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trapline.cli.Main;

/** {@code trapline serve} as libqtest sees it: a process on its sockets, QMP, qtest, its log, SIGTERM. */
class ServeProcessTest {
    @TempDir
    Path dir;

    private List<String> serve() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "-cp", System.getProperty("java.class.path"), "org.trapline.cli.Main", "serve");
    }

    @Test
    void greetsNegotiatesAnswersQtestAndEndsOnSigtermWithStatusZero() throws Exception {
        Path log = dir.resolve("run.log");
        try (LibqtestClient c = LibqtestClient.start(serve(), dir, log.toString(),
                List.of("-machine", "pc", "-nodefaults", "-rtc", "base=2001-02-03T04:05:06,clock=vm"))) {
            assertThat(c.qmpReceive()).contains("\"QMP\"").contains("\"major\": 7").contains("\"oob\"");
            assertThat(c.qmp("{\"execute\": \"query-status\"}")).contains("\"CommandNotFound\"")
                    .contains("Expecting capabilities negotiation");
            assertThat(c.qmp("{\"execute\": \"qmp_capabilities\", \"id\": 5}")).isEqualTo("{\"return\": {}, \"id\": 5}");
            assertThat(c.qmp("{\"execute\": \"no-such-thing\"}"))
                    .isEqualTo("{\"error\": {\"class\": \"CommandNotFound\", \"desc\": \"The command no-such-thing has not been found\"}}");
            assertThat(c.send("endianness")).isEqualTo("OK little");
            assertThat(c.send("outl 0xcf8 0x80000000")).isEqualTo("OK");
            assertThat(c.send("inl 0xcfc")).isEqualTo("OK 0x12378086");
            assertThat(c.send("inta")).isEqualTo("FAIL Unknown command 'inta'");
            assertThat(c.send("frobnicate 1")).isEqualTo("FAIL Unknown command 'frobnicate'");
            assertThat(c.send("irq_intercept_in ioapic")).isEqualTo("OK");
            // RTC register B: periodic interrupt enable; register A: 1024 Hz; the clock then raises IRQ 8.
            c.send("outb 0x70 0xa");
            c.send("outb 0x71 0x26");
            c.send("outb 0x70 0xb");
            c.send("outb 0x71 0x42");
            assertThat(c.send("clock_step 2000000")).isEqualTo("OK 2000000");
            assertThat(c.takeIrqs()).contains("IRQ raise 8");
            assertThat(c.kill()).as("exit status after SIGTERM").isZero();
        }
        List<String> lines = Files.readAllLines(log);
        assertThat(lines.get(0)).matches("\\[I 0\\.\\d{6}\\] OPENED");
        assertThat(lines).anyMatch(l -> l.matches("\\[R \\+\\d+\\.\\d{6}\\] inl 0xcfc"));
        assertThat(lines).anyMatch(l -> l.matches("\\[S \\+\\d+\\.\\d{6}\\] OK 0x12378086"));
        assertThat(lines).anyMatch(l -> l.matches("\\[S \\+\\d+\\.\\d{6}\\] IRQ raise 8"));
        assertThat(lines.get(lines.size() - 1)).matches("\\[I \\+\\d+\\.\\d{6}\\] CLOSED");
    }

    @Test
    void theLogOfALiveRunReplaysOnTheModel() throws Exception {
        Path log = dir.resolve("live.log");
        String rtc = "base=2001-02-03T04:05:06,clock=vm";
        try (LibqtestClient c = LibqtestClient.start(serve(), dir, log.toString(),
                List.of("-machine", "pc", "-nodefaults", "-rtc", rtc))) {
            c.qmpReceive();
            c.qmp("{\"execute\": \"qmp_capabilities\"}");
            c.send("irq_intercept_in ioapic");
            for (String cmd : List.of("outb 0x70 0xa", "outb 0x71 0x26", "outb 0x70 0xb", "outb 0x71 0x42",
                    "clock_step 5000000", "outb 0x70 0xc", "inb 0x71", "outb 0x70 0x0", "inb 0x71", "inl 0xcfc")) {
                c.send(cmd);
            }
            c.qmp("{\"execute\": \"quit\"}");
            assertThat(c.process().waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(c.process().exitValue()).isZero();
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(out), new PrintWriter(err), "replay", "--machine",
                "-machine pc -nodefaults -rtc " + rtc + " -accel qtest", log.toString());
        assertThat(status).as(out + "\n" + err).isEqualTo(Main.OK);
        assertThat(out.toString()).contains("PASS");
    }

    @Test
    void aBadCommandLineExitsTwoWithASentence() throws Exception {
        List<String> argv = new ArrayList<>(serve());
        argv.addAll(List.of("-qtest", "unix:" + dir.resolve("x.sock"), "-machine", "q35"));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).isEqualTo(Main.UNUSABLE);
        assertThat(output).startsWith("trapline serve: -machine q35: Trapline models the i440FX board").doesNotContain("Exception");
    }

    @Test
    void theArgumentsAreReadAsLibqtestGivesThem() {
        ServeArgs a = ServeArgs.parse(new ArrayList<>(List.of("-qtest", "unix:/tmp/a.sock", "-qtest-log", "/dev/null",
                "-chardev", "socket,path=/tmp/a.qmp,id=char0", "-mon", "chardev=char0,mode=control", "-display", "none",
                "-device", "floppy,id=floppy0", "-smp", "1", "-rtc", "clock=vm", "-accel", "qtest")),
                LocalDateTime.of(2026, 12, 8, 1, 2, 3));
        assertThat(a.qtestSocket()).isEqualTo(Path.of("/tmp/a.sock"));
        assertThat(a.qmpSocket()).isEqualTo(Path.of("/tmp/a.qmp"));
        assertThat(a.machineLine()).isEqualTo("-machine pc -display none -device floppy,id=floppy0 -rtc "
                + "base=2026-12-08T01:02:03,clock=vm -accel qtest");
        assertThat(a.floppyUnit("floppy0", null)).isZero();
        assertThat(a.floppyUnit("nope", null)).isEqualTo(-1);
        assertThat(a.machine().clockDriven()).isTrue();
    }

    @Test
    void refusesWhatItCannotServe() {
        LocalDateTime now = LocalDateTime.of(2026, 12, 8, 1, 2, 3);
        assertRefused(List.of("-machine", "pc"), "no -qtest unix:PATH", now);
        assertRefused(List.of("-qtest", "tcp:1:2"), "-qtest tcp:1:2: serve takes -qtest unix:PATH", now);
        assertRefused(List.of("-qtest", "unix:/a", "-smp", "2"), "-smp 2: the board has one CPU", now);
        assertRefused(List.of("-qtest", "unix:/a", "-mon", "chardev=c,mode=control"), "-mon chardev=c: no -chardev", now);
        assertRefused(List.of("-qtest", "unix:/a", "-chardev", "pty,id=c"), "only socket chardevs are served", now);
    }

    private static void assertRefused(List<String> argv, String message, LocalDateTime now) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServeArgs.parse(argv, now))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
