package org.trapline.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trapline.testing.FakeQemu;

class QemuBinaryTest {
    @TempDir
    Path dir;

    @Test
    void anExplicitPathComesFirst() throws Exception {
        QemuBinary given = FakeQemu.answering(dir, "OK");
        Path other = Files.createDirectory(dir.resolve("bin"));
        QemuBinary onPath = FakeQemu.script(other, QemuBinary.DEFAULT_NAME, "exit 0");
        assertThat(QemuBinary.locate(given.path().toString(),
                Map.of(QemuBinary.ENV, onPath.path().toString(), "PATH", other.toString())))
                .isEqualTo(given);
    }

    @Test
    void thenTheEnvironmentVariable() throws Exception {
        QemuBinary fromEnv = FakeQemu.answering(dir, "OK");
        Path other = Files.createDirectory(dir.resolve("bin"));
        FakeQemu.script(other, QemuBinary.DEFAULT_NAME, "exit 0");
        assertThat(QemuBinary.locate(null, Map.of(QemuBinary.ENV, fromEnv.path().toString(), "PATH", other.toString())))
                .isEqualTo(fromEnv);
    }

    @Test
    void thenThePath() throws Exception {
        Path bin = Files.createDirectory(dir.resolve("bin"));
        QemuBinary onPath = FakeQemu.script(bin, QemuBinary.DEFAULT_NAME, "exit 0");
        assertThat(QemuBinary.locate(null, Map.of("PATH", "/nonexistent:" + bin))).isEqualTo(onPath);
    }

    @Test
    void aMissingBinaryIsAClearError() {
        assertThatThrownBy(() -> QemuBinary.locate(null, Map.of("PATH", dir.toString())))
                .isInstanceOf(TargetException.class)
                .hasMessageContaining("QEMU not found")
                .hasMessageContaining("--qemu")
                .hasMessageContaining(QemuBinary.ENV);
        assertThatThrownBy(() -> QemuBinary.locate(dir.resolve("nope").toString(), Map.of()))
                .hasMessageContaining("--qemu " + dir.resolve("nope") + ": no such file");
        assertThatThrownBy(() -> QemuBinary.locate(null, Map.of(QemuBinary.ENV, "/nonexistent/qemu")))
                .hasMessageContaining(QemuBinary.ENV + " /nonexistent/qemu: no such file");
    }

    @Test
    void aClockDrivenQemuIsTheExplicitOneThenTheVariableThenTheBuildScriptsCache() throws Exception {
        Path cache = dir.resolve("cache");
        Files.createDirectories(cache.resolve("bin"));
        QemuBinary cached = FakeQemu.script(cache.resolve("bin"), QemuBinary.DEFAULT_NAME, "exit 0");
        QemuBinary fromEnv = FakeQemu.answering(dir, "OK 1");
        Map<String, String> env = Map.of(QemuBinary.CACHE_ENV, cache.toString(), QemuBinary.QTEST_ENV,
                fromEnv.path().toString(), "PATH", dir.toString());
        assertThat(QemuBinary.locateClockDriven(cached.path().toString(), env)).isEqualTo(cached);
        assertThat(QemuBinary.locateClockDriven(null, env)).isEqualTo(fromEnv);
        assertThat(QemuBinary.locateClockDriven(null, Map.of(QemuBinary.CACHE_ENV, cache.toString()))).isEqualTo(cached);
        assertThat(QemuBinary.cachedClockDriven(Map.of("HOME", "/home/ci")))
                .isEqualTo(Path.of("/home/ci/.cache/trapline/qemu-7.2-qtest/bin/qemu-system-x86_64"));
    }

    @Test
    void aMissingClockDrivenQemuSaysHowToBuildOne() {
        assertThatThrownBy(() -> QemuBinary.locateClockDriven(null, Map.of(QemuBinary.CACHE_ENV, dir.toString())))
                .isInstanceOf(TargetException.class)
                .hasMessageContaining("-accel qtest")
                .hasMessageContaining("tools/qemu-qtest/build.sh")
                .hasMessageContaining(QemuBinary.QTEST_ENV);
    }

    @Test
    void aFileThatIsNotExecutableIsRefused() throws Exception {
        Path plain = Files.writeString(dir.resolve("qemu"), "not a program");
        assertThatThrownBy(() -> QemuBinary.locate(plain.toString(), Map.of()))
                .hasMessageContaining("is not executable");
    }

    @Test
    void theVersionIsTheFirstLineOfDashDashVersion() throws Exception {
        QemuBinary fake = FakeQemu.script(dir, "versioned-qemu",
                "[ \"$1\" = --version ] && echo 'QEMU emulator version 7.2.99' && echo 'Copyright' && exit 0\nexit 1");
        assertThat(fake.version()).isEqualTo("QEMU emulator version 7.2.99");
        QemuBinary broken = FakeQemu.script(dir, "broken-qemu", "echo nope; exit 1");
        assertThatThrownBy(broken::version).isInstanceOf(TargetException.class).hasMessageContaining("exit status 1");
    }
}
