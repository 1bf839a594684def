package org.trapline.trace;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
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
    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private byte[] buf;
    private int pos;
    private int limit;
    private boolean eof;
    private int start;
    private int end;

    Utf8Lines(InputStream in) {
        this.in = in;
        this.buf = new byte[1 << 16];
    }

    /** The lines of {@code bytes[from..to)}, read where they lie. */
    Utf8Lines(byte[] bytes, int from, int to) {
        this.in = InputStream.nullInputStream();
        this.buf = bytes;
        this.pos = from;
        this.limit = to;
        this.eof = true;
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

    /**
     * Buffers at least {@code wanted} bytes past the current line, unless the file ends first: how
     * many there are. They stand in {@link #buffer()} from {@link #ahead()} on.
     */
    int lookAhead(int wanted) throws IOException {
        while (limit - pos < wanted && !eof) {
            fill();
        }
        return limit - pos;
    }

    /** Where the bytes past the current line start in {@link #buffer()}. */
    int ahead() {
        return pos;
    }

    /** Where the buffered bytes end. */
    int limit() {
        return limit;
    }

    /** Takes the bytes up to the '\n' at {@code newline}, which a caller found ahead, as the current line. */
    void takeLineEndingAt(int newline) {
        start = pos;
        end = newline;
        pos = newline + 1;
    }

    /** The index of the first '\n' at or after {@code from} in the buffered bytes, or -1. */
    private int newline(int from) {
        return AsciiWords.indexOf(buf, from, limit, (byte) '\n');
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
