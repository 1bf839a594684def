package org.trapline.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class Utf8LinesTest {
    private static List<String> lines(byte[] bytes, int chunk) throws IOException {
        // A stream that hands out at most `chunk` bytes per read, so lines straddle every refill.
        InputStream in = new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
        List<String> out = new ArrayList<>();
        try (Utf8Lines lines = new Utf8Lines(in)) {
            while (lines.next()) {
                out.add(lines.text(0, lines.length()));
            }
        }
        return out;
    }

    @Test
    void linesOfEveryLengthAcrossEveryEightByteBoundaryAndRefill() throws IOException {
        Random random = new Random(20261125);
        StringBuilder text = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            int length = random.nextInt(i % 100 == 0 ? 70_000 : 40);
            StringBuilder line = new StringBuilder();
            for (int k = 0; k < length; k++) {
                line.append((char) (' ' + random.nextInt(95)));
            }
            expected.add(line.toString());
            text.append(line).append(random.nextInt(4) == 0 ? "\r\n" : "\n");
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.US_ASCII);
        for (int chunk : new int[] {1, 7, 8, 9, 4096, 1 << 20}) {
            assertThat(lines(bytes, chunk)).as("read %d bytes at a time", chunk).isEqualTo(expected);
        }
    }

    @Test
    void theLastLineNeedsNoNewlineAndBytesAbove0x7fAreNotNewlines() throws IOException {
        byte[] bytes = "caf\u00e9 \u0a0a\nend".getBytes(StandardCharsets.UTF_8);
        assertThat(lines(bytes, 3)).containsExactly("caf\u00e9 \u0a0a", "end");
        assertThat(lines(new byte[0], 8)).isEmpty();
        assertThat(lines("\n\n".getBytes(StandardCharsets.US_ASCII), 8)).containsExactly("", "");
    }
}
