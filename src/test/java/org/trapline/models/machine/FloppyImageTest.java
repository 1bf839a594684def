package org.trapline.models.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The raw image behind a floppy drive: read a sector at a time when asked, never written; a board with it. */
class FloppyImageTest {
    @Test
    void sectorsAreReadFromTheFileWhenAsked(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("d.img");
        byte[] bytes = new byte[368640];
        bytes[512 * 3 + 7] = 0x5a;
        Files.write(p, bytes);
        FloppyImage image = new FloppyImage(p.toString());
        assertThat(image.sectors()).isEqualTo(720);
        assertThat(image.toString()).isEqualTo(p.toString());
        byte[] into = new byte[512];
        image.read(3, into);
        assertThat(into[7]).isEqualTo((byte) 0x5a);
        // Read on demand: a change of the file after the machine was built is what the next read sees.
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.seek(512 * 3 + 7);
            f.write(0x33);
        }
        image.read(3, into);
        assertThat(into[7]).isEqualTo((byte) 0x33);
        into[0] = 1;
        image.read(720, into);
        assertThat(into).containsOnly(0);
        into[0] = 1;
        image.read(-1, into);
        assertThat(into).containsOnly(0);
        Files.delete(p);
        into[0] = 1;
        image.read(3, into);
        assertThat(into).containsOnly(0);
        assertThatThrownBy(() -> new FloppyImage(p.toString())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("floppy image " + p + ": cannot read");
    }

    @Test
    void aBoardWithADisketteReadsItThroughDmaChannel2AndNeverWritesTheFile(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("d.img");
        byte[] bytes = new byte[368640];
        for (int i = 0; i < 512; i++) {
            bytes[i] = (byte) (i + 1);
        }
        Files.write(p, bytes);
        for (Profile profile : List.of(Profile.QEMU_PC, Profile.HARDWARE)) {
            Machine m = profile.build(MachineConfig.defaults().withFloppies(List.of(new FloppyDisk(0, p.toString(), false))));
            var io = m.io();
            io.write(0x3f2, 1, 0x1c);
            for (int i = 0; i < 4; i++) {
                io.write(0x3f5, 1, 0x08);
                io.read(0x3f5, 1);
                io.read(0x3f5, 1);
            }
            io.write(0x3f7, 1, 0x01);
            io.write(0xd6, 1, 0xc0); // channel 4 in cascade mode, unmasked: controller 1 may have the bus (8237A)
            io.write(0xd4, 1, 0x00);
            // channel 2: mode 4Ah (single, memory to device) for a WRITE DATA of 512 bytes at 20000h, then 46h to read back
            int[][] dma = {{0x0a, 0x06}, {0x0c, 0}, {0x0b, 0x4a}, {0x04, 0x00}, {0x04, 0x00}, {0x81, 0x02}, {0x05, 0xff},
                {0x05, 0x01}, {0x0a, 0x02}};
            m.mmio().write(0x20000, 4, 0xdeadbeefL);
            m.mmio().write(0x30004, 4, 0x12345678L);
            for (int[] w : dma) {
                io.write(w[0], 1, w[1]);
            }
            for (int b : new int[] {0x45, 0x00, 0x00, 0x00, 0x01, 0x02, 0x01, 0x1b, 0xff}) {
                io.write(0x3f5, 1, b);
            }
            assertThat(io.read(0x3f4, 1)).isEqualTo(0xd0);
            for (int i = 0; i < 7; i++) {
                io.read(0x3f5, 1);
            }
            dma[2][1] = 0x46;
            dma[5][1] = 0x03;
            for (int[] w : dma) {
                io.write(w[0], 1, w[1]);
            }
            for (int b : new int[] {0x46, 0x00, 0x02, 0x00, 0x01, 0x02, 0x01, 0x1b, 0xff}) {
                // cylinder 2 (the head is at 1 after the write's EOT): an implied seek under QEMU, an error on hardware
                io.write(0x3f5, 1, b);
            }
            int st0 = (int) io.read(0x3f5, 1);
            for (int i = 0; i < 6; i++) {
                io.read(0x3f5, 1);
            }
            if (profile == Profile.QEMU_PC) {
                assertThat(st0).isEqualTo(0x20);
            } else {
                assertThat(st0).isEqualTo(0x40);
            }
            // back to cylinder 0, sector 1: the guest's write, from the overlay
            for (int[] w : dma) {
                io.write(w[0], 1, w[1]);
            }
            for (int b : new int[] {0x0f, 0x00, 0x00, 0x08}) {
                io.write(0x3f5, 1, b);
            }
            io.read(0x3f5, 1);
            io.read(0x3f5, 1);
            for (int b : new int[] {0x46, 0x00, 0x00, 0x00, 0x01, 0x02, 0x01, 0x1b, 0xff}) {
                io.write(0x3f5, 1, b);
            }
            assertThat(io.read(0x3f5, 1) & 0xc0).isZero();
            assertThat(m.mmio().read(0x30000, 4)).isEqualTo(0xdeadbeefL);
            assertThat(m.mmio().read(0x30004, 4)).isZero(); // the whole sector is the 512 bytes of RAM written
        }
        assertThat(Files.readAllBytes(p)).isEqualTo(bytes);
    }
}
