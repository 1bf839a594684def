package org.trapline.models.machine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A raw image is read on demand and never written: a 100 GiB sparse file costs no memory. */
class RawImageTest {
    @TempDir
    Path dir;

    @Test
    void theLastSectorOfA100GibSparseImageReadsAndWritesWithoutTouchingTheFile() throws Exception {
        Path f = dir.resolve("big.img");
        long size = 100L << 30;
        try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
            r.setLength(size);
        }
        long heapBefore = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        try (RawImage img = new RawImage(f.toString())) {
            long last = size / 512 - 1;
            assertThat(img.sectors()).isEqualTo(size / 512);
            byte[] b = new byte[512];
            img.read(last, b, 0);
            assertThat(b).containsOnly(0);
            byte[] w = new byte[512];
            w[0] = 0x55;
            w[511] = (byte) 0xaa;
            img.write(last, w, 0);
            img.read(last, b, 0);
            assertThat(b).isEqualTo(w);
            assertThat(img.writtenSectors()).isEqualTo(1);
        }
        long heapAfter = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        assertThat(heapAfter - heapBefore).isLessThan(256L << 20);
        assertThat(Files.size(f)).isEqualTo(size);
        byte[] tail = new byte[512];
        try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "r")) {
            r.seek(size - 512);
            r.readFully(tail);
        }
        assertThat(tail).as("the file is never written").containsOnly(0);
    }
}
