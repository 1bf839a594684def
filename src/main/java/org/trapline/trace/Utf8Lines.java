package org.trapline.trace;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A file's lines as bytes, with text made only of the parts a parser keeps. A long -qtest-log is
 * ASCII through and through, so its text is copied byte for byte; any other byte sequence is
 * decoded as strict UTF-8, and one that is not UTF-8 is an error.
 */
final class Utf8Lines implements Closeable {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0a0a0a0a0a0a0a0aL;

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private boolean eof;
    private int start;
    private int end;

    Utf8Lines(InputStream in) {
        this.in = in;
    }

    /** Moves to the next line (without its line ending); false at the end of the file. */
    boolean next() throws IOException {
        while (true) {
            int i = newline(pos);
            if (i >= 0) {
                start = pos;
                end = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
                pos = i + 1;
                return true;
            }
            if (eof) {
                if (pos < limit) {
                    start = pos;
                    end = limit;
                    pos = limit;
                    return true;
                }
                return false;
            }
            fill();
        }
    }

    /** The index of the first '\n' at or after {@code from} in the buffered bytes, or -1. */
    private int newline(int from) {
        int i = from;
        // Eight bytes at a time: a byte of x ^ NEWLINES is zero where a '\n' is (Hacker's Delight §6-1).
        for (; i + Long.BYTES <= limit; i += Long.BYTES) {
            long x = (long) LONGS.get(buf, i) ^ NEWLINES;
            long found = (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < limit; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) {
            buf = java.util.Arrays.copyOf(buf, buf.length * 2);
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }

    int length() {
        return end - start;
    }

    /** The byte at {@code i} of the current line. */
    int at(int i) {
        return buf[start + i];
    }

    /** The buffer holding the current line, which starts at {@link #offset()}; valid until {@link #next()}. */
    byte[] buffer() {
        return buf;
    }

    int offset() {
        return start;
    }

    /** The text of bytes {@code from} to {@code to} of the current line. */
    String text(int from, int to) throws CharacterCodingException {
        for (int i = start + from; i < start + to; i++) {
            if (buf[i] < 0) {
                return decoder.decode(ByteBuffer.wrap(buf, start + from, to - from)).toString();
            }
        }
        return new String(buf, start + from, to - from, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
