package org.trapline.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trapline.testing.FakeQemu;
import org.trapline.testing.RequiresQemu;

/** A live QEMU (and fakes of it that misbehave) driven in lockstep over -qtest stdio. */
class QemuTargetTest {
    private static final String MASTER = "/machine/unattached/device[6]";

    @TempDir
    Path dir;

    @Nested
    @Tag("qemu")
    @RequiresQemu
    class RealQemu {
        @Test
        void answersEachCommandInLockstep(QemuBinary qemu) throws Exception {
            try (QemuTarget target = QemuTarget.start(qemu, MachineArgs.defaults())) {
                assertThat(target.send("outl 0xcf8 0x80000000")).isEqualTo(Reply.of("OK"));
                // PCI 00:00.0 is the i440FX: vendor 8086h, device 1237h.
                assertThat(target.send("inl 0xcfc")).isEqualTo(Reply.of("OK 0x12378086"));
                assertThat(target.send("writel 0x1000 0xcafe1234")).isEqualTo(Reply.of("OK"));
                assertThat(target.send("readl 0x1000")).isEqualTo(Reply.of("OK 0x00000000cafe1234"));
            }
        }

        @Test
        void collectsTheInterruptEdgesOfEachWindow(QemuBinary qemu) throws Exception {
            try (QemuTarget target = QemuTarget.start(qemu, MachineArgs.defaults())) {
                target.send("irq_intercept_in " + MASTER);
                assertThat(target.send("set_irq_in " + MASTER + " unnamed-gpio-in 3 1"))
                        .isEqualTo(new Reply("OK", java.util.List.of("IRQ raise 3")));
                assertThat(target.send("set_irq_in " + MASTER + " unnamed-gpio-in 3 1")).isEqualTo(Reply.of("OK"));
                assertThat(target.send("set_irq_in " + MASTER + " unnamed-gpio-in 3 0"))
                        .isEqualTo(new Reply("OK", java.util.List.of("IRQ lower 3")));
            }
        }

        @Test
        void aFrozenClockRefusesClockCommands(QemuBinary qemu) throws Exception {
            try (QemuTarget target = QemuTarget.start(qemu, MachineArgs.defaults())) {
                Reply reply = target.send("clock_step 1000");
                assertThat(reply.response()).isEqualTo("FAIL Unknown command 'clock_step'");
                assertThat(reply.ok()).isFalse();
            }
        }

        @Test
        void aCrashOfQemuIsReportedWithItsExitStatusAndStderr(QemuBinary qemu) throws Exception {
            try (QemuTarget target = QemuTarget.start(qemu, MachineArgs.defaults())) {
                String crash = "set_irq_in " + MASTER + " unnamed-gpio-in 9 1";
                assertThatThrownBy(() -> target.send(crash))
                        .isInstanceOf(TargetException.class)
                        .hasMessageContaining("'" + crash + "'")
                        .hasMessageContaining("exit status 134")
                        .hasMessageContaining("Assertion");
                assertThat(target.processHandle().isAlive()).isFalse();
                assertThatThrownBy(() -> target.send("inb 0x20")).hasMessageContaining("stopped answering");
            }
        }

        @Test
        void closeLeavesNoChild(QemuBinary qemu) throws Exception {
            QemuTarget target = QemuTarget.start(qemu, MachineArgs.defaults());
            target.send("inb 0x21");
            long pid = target.pid();
            assertThat(ProcessHandle.of(pid)).isPresent();
            target.close();
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
            assertThat(ProcessHandle.current().children().filter(p -> p.pid() == pid)).isEmpty();
        }

        @Test
        void writesTheQtestLogToTheFileGiven(QemuBinary qemu) throws Exception {
            Path log = dir.resolve("qtest.log");
            try (QemuTarget target = QemuTarget.start(qemu, MachineArgs.defaults(), log, QemuTarget.DEFAULT_TIMEOUT)) {
                target.send("inb 0x21");
            }
            assertThat(Files.readAllLines(log)).anyMatch(l -> l.matches("\\[R \\+[0-9.]+] inb 0x21"))
                    .anyMatch(l -> l.matches("\\[S \\+[0-9.]+] OK 0x00[0-9a-f]{2}"));
        }

        @Test
        void reportsItsVersion(QemuBinary qemu) throws Exception {
            assertThat(qemu.version()).startsWith("QEMU emulator version ");
        }
    }

    @Test
    void aQemuThatNeverAnswersTimesOutAndIsEnded() throws Exception {
        QemuBinary fake = FakeQemu.hanging(dir);
        long start = System.nanoTime();
        try (QemuTarget target = QemuTarget.start(fake, MachineArgs.defaults(), Path.of("/dev/null"),
                Duration.ofMillis(300))) {
            assertThatThrownBy(() -> target.send("inb 0x20"))
                    .isInstanceOf(TargetException.class)
                    .hasMessageContaining("did not answer 'inb 0x20' within 300 ms");
            assertThat(target.processHandle().isAlive()).isFalse();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void closeKillsAQemuThatIgnoresSigterm() throws Exception {
        QemuBinary stubborn = FakeQemu.script(dir, "stubborn-qemu", "trap '' TERM\nwhile read line; do echo OK; done\n"
                + "while :; do sleep 1; done");
        QemuTarget target = QemuTarget.start(stubborn, MachineArgs.defaults(), Path.of("/dev/null"),
                Duration.ofSeconds(5));
        assertThat(target.send("outb 0x80 0x01")).isEqualTo(Reply.of("OK"));
        ProcessHandle handle = target.processHandle();
        target.close();
        assertThat(handle.isAlive()).isFalse();
        assertThat(handle.descendants()).isEmpty();
    }

    @Test
    void aLineThatIsNotTheProtocolIsAnError() throws Exception {
        try (QemuTarget target = QemuTarget.start(FakeQemu.answering(dir, "hello"), MachineArgs.defaults())) {
            assertThatThrownBy(() -> target.send("inb 0x20"))
                    .isInstanceOf(TargetException.class)
                    .hasMessageContaining("answered 'inb 0x20' with 'hello'");
        }
    }

    @Test
    void aQemuThatExitsAtOnceIsReportedWithStatusAndStderr() throws Exception {
        QemuBinary dying = FakeQemu.script(dir, "dying-qemu", "echo 'qemu: -machine pc: bad luck' >&2\nexit 3");
        try (QemuTarget target = QemuTarget.start(dying, MachineArgs.defaults())) {
            assertThatThrownBy(() -> target.send("inb 0x20"))
                    .isInstanceOf(TargetException.class)
                    .hasMessageContaining("exited with status 3")
                    .hasMessageContaining("'inb 0x20'")
                    .hasMessageContaining("bad luck");
        }
    }

    @Test
    void aBinaryThatCannotStartIsAnError() throws IOException {
        Path notAProgram = Files.createDirectory(dir.resolve("qemu-dir"));
        assertThatThrownBy(() -> QemuTarget.start(new QemuBinary(notAProgram), MachineArgs.defaults()))
                .isInstanceOf(TargetException.class)
                .hasMessageContaining("cannot start QEMU " + notAProgram);
    }

    @Test
    void edgesAreKeptApartFromTheAnswer() throws Exception {
        QemuBinary fake = FakeQemu.script(dir, "irq-qemu", "while read line; do echo 'IRQ raise 2'; echo OK; done");
        try (QemuTarget target = QemuTarget.start(fake, MachineArgs.defaults())) {
            assertThat(target.send("outb 0x20 0x11")).isEqualTo(new Reply("OK", java.util.List.of("IRQ raise 2")));
            assertThat(target.send("outb 0x20 0x11")).isEqualTo(new Reply("OK", java.util.List.of("IRQ raise 2")));
        }
    }

    /** A timer due at the instant of an access runs after QEMU's OK; its edge is still that access's. */
    @Test
    void anEdgePrintedLateAfterTheAnswerStaysInItsCommandsWindowWhenTheClockRuns() throws Exception {
        QemuBinary fake = FakeQemu.script(dir, "late-edge-qemu", """
                while read line; do
                  case "$line" in
                    endianness) echo 'OK little' ;;
                    irq_intercept_in*) echo OK ;;
                    *) echo OK; sleep 0.3; echo 'IRQ raise 8' ;;
                  esac
                done""");
        MachineArgs clockDriven = MachineArgs.parse(MachineArgs.DEFAULT + " -accel qtest");
        try (QemuTarget target = QemuTarget.start(fake, clockDriven)) {
            assertThat(target.send("irq_intercept_in ioapic")).isEqualTo(Reply.of("OK"));
            assertThat(target.send("outb 0x70 0x0a")).isEqualTo(new Reply("OK", java.util.List.of("IRQ raise 8")));
            assertThat(target.send("outb 0x71 0x26")).isEqualTo(new Reply("OK", java.util.List.of("IRQ raise 8")));
        }
    }

    @Test
    void refusesToSendTwoLinesAsOne() throws Exception {
        try (QemuTarget target = QemuTarget.start(FakeQemu.answering(dir, "OK"), MachineArgs.defaults())) {
            assertThatThrownBy(() -> target.send("inb 0x20\ninb 0x21")).isInstanceOf(TargetException.class)
                    .hasMessageContaining("one line");
            assertThat(target.send("inb 0x20")).isEqualTo(Reply.of("OK"));
        }
    }
}
