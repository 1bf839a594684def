package org.trapline.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;
import org.trapline.target.QemuBinary;

class QemuRequirementTest {
    @TempDir
    Path dir;

    @Test
    void withoutQemuATestIsSkipped() {
        assertThatThrownBy(() -> QemuRequirement.binary(Map.of("PATH", dir.toString())))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("needs QEMU");
    }

    @Test
    void withoutQemuOnCiATestFails() {
        assertThatThrownBy(() -> QemuRequirement.binary(Map.of("PATH", dir.toString(), "CI", "true")))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("CI=true");
    }

    @Test
    void withQemuTheTestGetsIt() throws Exception {
        QemuBinary fake = FakeQemu.answering(dir, "OK");
        assertThat(QemuRequirement.binary(Map.of(QemuBinary.ENV, fake.path().toString(), "CI", "true")))
                .isEqualTo(fake);
    }
}
