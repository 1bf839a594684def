package org.trapline.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;
import org.trapline.target.QemuBinary;
import org.trapline.testing.QemuRequirement;

/** serve against the peer: the same commands answered as QEMU answers them, and QEMU's own rtc-test passing. */
@Tag("qemu")
class ServeLiveTest {
    private static final List<String> BOARD = List.of("-machine", "pc", "-nodefaults", "-rtc",
            "base=2001-02-03T04:05:06,clock=vm");
    private static final List<String> SCRIPT = List.of("endianness", "outl 0xcf8 0x80000000", "inl 0xcfc",
            "outl 0xcf8 0x80000808", "inw 0xcfc", "inb 0x61", "outb 0x80 0x55", "inb 0x80", "readl 0xfffffff0",
            "writel 0x1000 0xcafe1234", "readq 0x1000", "read 0x1000 8", "b64read 0x1000 4", "irq_intercept_in ioapic",
            "outb 0x70 0xa", "outb 0x71 0x26", "outb 0x70 0xb", "outb 0x71 0x42", "clock_step 3000000",
            "outb 0x70 0xc", "inb 0x71", "clock_step", "frobnicate", "inta");

    @TempDir
    Path dir;

    private List<String> serve() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "-cp", System.getProperty("java.class.path"), "org.trapline.cli.Main", "serve");
    }

    @Test
    void answersAScriptAsQemuDoes() throws Exception {
        QemuBinary qemu = QemuRequirement.clockDrivenBinary();
        assertThat(run(serve(), "serve")).isEqualTo(run(List.of(qemu.path().toString()), "qemu"));
    }

    private List<String> run(List<String> command, String name) throws IOException, InterruptedException {
        Path d = Files.createDirectories(dir.resolve(name));
        List<String> answers = new ArrayList<>();
        try (LibqtestClient c = LibqtestClient.start(command, d, "/dev/null", BOARD)) {
            c.qmpReceive();
            answers.add(c.qmp("{\"execute\": \"qmp_capabilities\"}"));
            for (String cmd : SCRIPT) {
                String reply = c.send(cmd);
                answers.add(cmd + " -> " + c.takeIrqs() + " " + reply);
            }
            assertThat(c.kill()).isZero();
        }
        return answers;
    }

    @Test
    void qemusOwnRtcTestPasses() throws Exception {
        QemuRequirement.clockDrivenBinary();
        Path tests = Path.of(System.getenv().getOrDefault("TRAPLINE_QEMU_TESTS",
                System.getProperty("user.home") + "/.cache/trapline/qemu-7.2-qtest/tests"));
        Path program = tests.resolve("rtc-test");
        if (!Files.isExecutable(program)) {
            String why = "no " + program + " (tools/qemu-qtest/build.sh builds it)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionFailedError("CI=true and this test needs " + why);
            }
            throw new TestAbortedException("skipped: " + why);
        }
        Path wrapper = dir.resolve("bin/qemu-system-x86_64");
        Files.createDirectories(wrapper.getParent());
        StringBuilder sh = new StringBuilder("#!/bin/sh\nexec");
        for (String w : serve()) {
            sh.append(" '").append(w).append('\'');
        }
        Files.writeString(wrapper, sh.append(" \"$@\"\n").toString());
        wrapper.toFile().setExecutable(true);
        ProcessBuilder pb = new ProcessBuilder(program.toString()).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("QTEST_QEMU_BINARY", wrapper.toString());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("ok 15 /x86_64/rtc/periodic/interrupt").doesNotContain("not ok");
    }
}
