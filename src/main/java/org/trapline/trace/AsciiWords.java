package org.trapline.trace;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Eight bytes of ASCII text read as one little-endian {@code long} and tested all at once, with the
 * byte-wise arithmetic of Hacker's Delight §6-1: a long log is read a word, not a byte, at a time.
 */
final class AsciiWords {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGHS = 0x8080_8080_8080_8080L;
    private static final long LOWS = 0x7f7f_7f7f_7f7f_7f7fL;
    /** The six low bytes of a word. */
    private static final long SIX = 0x0000_ffff_ffff_ffffL;

    private AsciiWords() {
    }

    /** Bytes {@code i..i+7} of {@code b}, the first in the low byte. */
    static long at(byte[] b, int i) {
        return (long) LONGS.get(b, i);
    }

    /** The index (0-7) of the first byte of {@code word} equal to {@code c}, or 8 when none is. */
    static int indexOf(long word, byte c) {
        long x = word ^ (ONES * (c & 0xff));
        long zeros = (x - ONES) & ~x & HIGHS;
        return Long.numberOfTrailingZeros(zeros) >>> 3;
    }

    /** The index of the first {@code c} in {@code b[from..to)}, or -1. */
    static int indexOf(byte[] b, int from, int to, byte c) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            int found = indexOf(at(b, i), c);
            if (found < Long.BYTES) {
                return i + found;
            }
        }
        for (; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** How many bytes of {@code b[from..to)} are {@code c}: an exact test of each byte of a word for zero. */
    static int count(byte[] b, int from, int to, byte c) {
        long pattern = ONES * (c & 0xff);
        int n = 0;
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long x = at(b, i) ^ pattern;
            long zeros = ~(((x & LOWS) + LOWS) | x | LOWS);
            n += Long.bitCount(zeros);
        }
        for (; i < to; i++) {
            if (b[i] == c) {
                n++;
            }
        }
        return n;
    }

    static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /**
     * Whether a word is six decimal digits and {@code "] "}, the end of a -qtest-log stamp: a byte
     * is a digit when its high nibble is 3 and adding 6 does not carry out of its low nibble.
     */
    static boolean isMicrosecondsAndBracket(long word) {
        long digits = word & SIX;
        return word >>> 48 == (' ' << 8 | ']')
                && (digits & 0xf0f0_f0f0_f0f0L) == 0x3030_3030_3030L
                && ((digits + 0x0606_0606_0606L) & 0xf0f0_f0f0_f0f0L) == 0x3030_3030_3030L;
    }

    /**
     * The value of four lowercase hex digits followed by a newline at the start of {@code word}, or
     * -1 when its first five bytes are not that.
     */
    static long fourHexDigitsAndNewline(long word) {
        long lo7 = word & LOWS;
        long digit = (lo7 + 0x5050_5050_5050_5050L) & ~(lo7 + 0x4646_4646_4646_4646L);
        long letter = (lo7 + 0x1f1f_1f1f_1f1f_1f1fL) & ~(lo7 + 0x1919_1919_1919_1919L);
        long hex = (digit | letter) & ~word & HIGHS;
        if ((hex & 0xffff_ffffL) != 0x8080_8080L || (word >>> 32 & 0xff) != '\n') {
            return -1;
        }
        long nibbles = (word & 0x0f0f_0f0fL) + ((word >>> 6) & 0x0101_0101L) * 9; // '0'-'9' -> 0-9, 'a'-'f' -> 10-15
        return (nibbles & 0xf) << 12 | (nibbles >>> 8 & 0xf) << 8 | (nibbles >>> 16 & 0xf) << 4 | (nibbles >>> 24 & 0xf);
    }
}
