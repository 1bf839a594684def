package org.trapline.models.machine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Media changes through the board's FloppyBay, as QMP's blockdev-change-medium and eject make them. */
class FloppyBayTest {
    private static final int DIR = 0x3f7;
    private static final int DSKCHG = 0x80;

    @TempDir
    Path dir;

    private Machine board() {
        return Profile.QEMU_PC.build(MachineConfig.defaults().withFloppies(List.of(FloppyDisk.emptyDrive(0))));
    }

    /** SEEK to {@code cylinder} on drive 0 with the motor on, then SENSE INTERRUPT STATUS. */
    private static void seek(Machine m, int cylinder) {
        m.io().write(0x3f2, 1, 0x1c);
        for (int b : new int[] {0x0f, 0x00, cylinder, 0x08}) {
            m.io().write(0x3f5, 1, b);
        }
        m.io().read(0x3f5, 1);
        m.io().read(0x3f5, 1);
    }

    @Test
    void anInsertedDisketteKeepsDskchgUntilAStepThenAnEjectSetsItAgain() throws IOException {
        Path image = Files.write(dir.resolve("a.img"), new byte[1440 * 1024]);
        Machine m = board();
        m.io().write(0x3f2, 1, 0x1c);
        assertThat(m.io().read(DIR, 1) & DSKCHG).as("empty drive").isEqualTo(DSKCHG);
        assertThat(m.floppyBay().insert(0, image.toString(), false)).isNull();
        assertThat(m.io().read(DIR, 1) & DSKCHG).as("just inserted").isEqualTo(DSKCHG);
        seek(m, 0);
        assertThat(m.io().read(DIR, 1) & DSKCHG).as("no step: cylinder 0 again").isEqualTo(DSKCHG);
        seek(m, 1);
        assertThat(m.io().read(DIR, 1) & DSKCHG).as("a step with a diskette in").isZero();
        assertThat(m.floppyBay().eject(0)).isNull();
        assertThat(m.io().read(DIR, 1) & DSKCHG).as("ejected").isEqualTo(DSKCHG);
        seek(m, 2);
        assertThat(m.io().read(DIR, 1) & DSKCHG).as("a step with no diskette").isEqualTo(DSKCHG);
    }

    @Test
    void refusesAMissingDriveAFileThatIsNotThereAndASizeThatIsNoDiskette() throws IOException {
        Machine m = board();
        Path odd = Files.write(dir.resolve("odd.img"), new byte[1000]);
        assertThat(m.floppyBay().insert(1, Files.write(dir.resolve("b.img"), new byte[1440 * 1024]).toString(), false))
                .isEqualTo("no floppy drive at unit 1");
        assertThat(m.floppyBay().eject(1)).isEqualTo("no floppy drive at unit 1");
        assertThat(m.floppyBay().insert(0, dir.resolve("none.img").toString(), false)).contains("No such file");
        assertThat(m.floppyBay().insert(0, odd.toString(), false)).contains("1000 bytes is no diskette format");
    }
}
