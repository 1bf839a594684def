package org.trapline.models.ide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A raw image file read block by block, never written. */
class CdImageFileTest {
    @TempDir
    Path dir;

    @Test
    void blocksAreTheFilesBytesAndTheFileIsNeverWritten() throws IOException {
        byte[] image = AtapiRig.image(4);
        Path f = dir.resolve("cd.iso");
        Files.write(f, image);
        Files.setLastModifiedTime(f, FileTime.fromMillis(1_000_000));
        try (CdImageFile cd = CdImageFile.open(f)) {
            assertThat(cd.blocks()).isEqualTo(4);
            AtapiRig r = new AtapiRig(cd, java.util.Set.copyOf(AtapiQuirks.all()));
            assertThat(r.packet(0xfffe, 0x28, 0, 0, 0, 0, 1, 0, 0, 3).data()).isEqualTo(Arrays.copyOfRange(image, 2048, 8192));
            assertThat(cd.read(4, new byte[2048], 0)).isFalse();
            assertThat(cd.path()).isEqualTo(f);
        }
        assertThat(Files.readAllBytes(f)).isEqualTo(image);
        assertThat(Files.getLastModifiedTime(f).toMillis()).isEqualTo(1_000_000);
    }

    @Test
    void theBlockCountIsQemusAndAShortLastBlockReadsZeros() throws IOException {
        assertThat(CdImageFile.blocksOf(0)).isZero();
        assertThat(CdImageFile.blocksOf(1536)).isZero();
        assertThat(CdImageFile.blocksOf(1537)).as("4 sectors of 512 once rounded up").isEqualTo(1);
        assertThat(CdImageFile.blocksOf(2048)).isEqualTo(1);
        assertThat(CdImageFile.blocksOf(4096 + 1537)).isEqualTo(3); // 12 sectors of 512 once rounded up
        assertThat(CdImageFile.blocksOf(4096 + 1536)).isEqualTo(2);
        Path f = dir.resolve("short.iso");
        byte[] b = new byte[4096 + 1537];
        Arrays.fill(b, (byte) 0x5a);
        Files.write(f, b);
        try (CdImageFile cd = CdImageFile.open(f)) {
            byte[] blk = new byte[2048];
            Arrays.fill(blk, (byte) 1);
            assertThat(cd.read(2, blk, 0)).isTrue();
            assertThat(blk[1536]).isEqualTo((byte) 0x5a);
            assertThat(blk[1537]).isZero();
            assertThat(blk[2047]).isZero();
        }
    }

    @Test
    void aMissingFileIsAClearError() {
        Path f = dir.resolve("absent.iso");
        assertThatThrownBy(() -> CdImageFile.open(f)).isInstanceOf(IOException.class)
                .hasMessageContaining("absent.iso").hasMessageContaining("cannot open the CD image");
    }

    @Test
    void anEmptyImageIsNoMedium() throws IOException {
        Path f = dir.resolve("empty.iso");
        Files.write(f, new byte[0]);
        try (CdImageFile cd = CdImageFile.open(f)) {
            AtapiRig r = AtapiRig.qemu(cd);
            assertThat(r.packet(0xfffe, 0x00).error()).isEqualTo(0x20);
        }
    }
}
