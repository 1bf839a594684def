package org.trapline.qtest;

/**
 * The fast path for the commands that make up nearly every trace: {@code inb|inw|inl PORT} and
 * {@code outb|outw|outl PORT VALUE} in canonical form, read without splitting the line into words.
 * Anything else, including any malformed line, is left to the general parser, which says what is
 * wrong with it.
 */
final class PortCommands {
    private PortCommands() {
    }

    /** The command, or null when the line is not a well-formed canonical port command. */
    static QtestCommand parse(String line) {
        int n = line.length();
        if (n >= 5 && line.charAt(0) == 'i' && line.charAt(1) == 'n' && line.charAt(3) == ' ') {
            int size = size(line.charAt(2));
            long port = number(line, 4, n);
            return size > 0 && port >= 0 && port <= 0xffff
                    ? new QtestCommand.PortRead(line, (int) port, size) : null;
        }
        if (n >= 8 && line.startsWith("out") && line.charAt(4) == ' ') {
            int size = size(line.charAt(3));
            int space = line.indexOf(' ', 5);
            if (size == 0 || space < 0) {
                return null;
            }
            long port = number(line, 5, space);
            long value = number(line, space + 1, n);
            return port >= 0 && port <= 0xffff && value != -1
                    ? new QtestCommand.PortWrite(line, (int) port, size, value & ((1L << (8 * size)) - 1)) : null;
        }
        return null;
    }

    /**
     * The same fast path over the bytes {@code from..to} of a line, as a long -qtest-log holds them:
     * only the canonical form QEMU's own clients write ({@code 0x} and lowercase hex digits), so that
     * the command's text can be made again, exactly, from its numbers when someone asks for it.
     * A log says the same few commands over and over: each reader keeps the commands it has made
     * and hands out the same (immutable) one again.
     */
    static final class Reader {
        /** Keyed on size and port: a log reads few ports, and a small table stays in cache. */
        private final LongKeyedCache<QtestCommand.PortRead> reads = new LongKeyedCache<>(12);
        /** Keyed on port, size and value. */
        private final LongKeyedCache<QtestCommand.PortWrite> writes = new LongKeyedCache<>(14);
        private long lineAccess;

        /** The command, or null for anything but a canonical port command. */
        QtestCommand read(byte[] b, int from, int to) {
            int n = to - from;
            if (n >= 8 && b[from] == 'i' && b[from + 1] == 'n' && b[from + 3] == ' ') {
                int size = size((char) b[from + 2]);
                long port = hex(b, from + 4, to);
                return size > 0 && port >= 0 && port <= 0xffff ? portRead((int) port, size) : null;
            }
            if (n >= 12 && b[from] == 'o' && b[from + 1] == 'u' && b[from + 2] == 't' && b[from + 4] == ' ') {
                int size = size((char) b[from + 3]);
                int space = from + 5;
                while (space < to && b[space] != ' ') {
                    space++;
                }
                if (size == 0 || space == to) {
                    return null;
                }
                long port = hex(b, from + 5, space);
                long value = hex(b, space + 1, to);
                if (port < 0 || port > 0xffff || value < 0) {
                    return null;
                }
                long truncated = value & ((1L << (8 * size)) - 1);
                // A value wider than the access keeps its own text (QEMU logs it as written).
                return truncated == value ? portWrite((int) port, size, value)
                        : new QtestCommand.PortWrite(ascii(b, from, to), (int) port, size, truncated);
            }
            return null;
        }

        /**
         * A canonical port command that starts at {@code from} and ends with a bare {@code '\n'},
         * as a -qtest-log's {@code [R]} line holds it, or one whose value is written with two
         * digits a byte ({@link PortAccess#isPadded}), read in one pass: the index of that
         * {@code '\n'}, with the command left in {@link #lineAccess()}; -1 for anything else
         * (a value wider than its access, a number of more than 8 digits, a {@code '\r'} or a
         * trailing blank included). Reads at most {@value #LINE_REACH} bytes from {@code from}:
         * the caller sees that they are there.
         */
        int readLine(byte[] b, int from) {
            int size;
            long port;
            int end;
            if (b[from] == 'i' && b[from + 1] == 'n' && b[from + 3] == ' ') {
                size = size((char) b[from + 2]);
                port = prefixedHex(b, from + 4);
                end = from + 6 + digits(port);
                if (size == 0 || port < 0 || b[end] != '\n' || value(port) > 0xffff) {
                    return -1;
                }
                lineAccess = PortAccess.read((int) value(port), size);
                return end;
            }
            if (b[from] != 'o' || b[from + 1] != 'u' || b[from + 2] != 't' || b[from + 4] != ' ') {
                return -1;
            }
            size = size((char) b[from + 3]);
            port = prefixedHex(b, from + 5);
            if (size == 0 || port < 0 || value(port) > 0xffff) {
                return -1;
            }
            int space = from + 7 + digits(port);
            // The value: canonical, or padded to two digits a byte (PortAccess.isPadded).
            long value = b[space] == ' ' && b[space + 1] == '0' && b[space + 2] == 'x' ? hexRun(b, space + 3) : 0;
            int digits = digits(value);
            boolean leadingZero = digits > 1 && b[space + 3] == '0';
            boolean padded = leadingZero && digits == 2 * size;
            end = space + 3 + digits;
            if (digits == 0 || digits > 8 || (leadingZero && !padded) || b[end] != '\n'
                    || (value(value) & ~((1L << (8 * size)) - 1)) != 0) {
                return -1;
            }
            lineAccess = PortAccess.write((int) value(port), size, value(value), padded);
            return end;
        }

        /** The command {@link #readLine} read last, packed ({@link PortAccess}). */
        long lineAccess() {
            return lineAccess;
        }

        private QtestCommand.PortRead portRead(int port, int size) {
            long key = size << 16 | port;
            QtestCommand.PortRead read = reads.find(key);
            return read != null ? read : reads.keep(key, new QtestCommand.PortRead(null, port, size));
        }

        private QtestCommand.PortWrite portWrite(int port, int size, long value) {
            long key = value << 19 | (long) port << 3 | size; // size is 1, 2 or 4: three bits
            QtestCommand.PortWrite write = writes.find(key);
            return write != null ? write : writes.keep(key, new QtestCommand.PortWrite(null, port, size, value));
        }
    }

    /** How far {@link Reader#readLine} may read: {@code outl 0x} and two numbers of at most 9 digits read. */
    static final int LINE_REACH = 32;

    /**
     * {@code 0x} and 1 to 8 lowercase hex digits with no leading zero at {@code from}, ended by
     * any other byte: the value and the number of digits packed as {@code value << 4 | digits},
     * or -1. Reads at most 11 bytes.
     */
    static long prefixedHex(byte[] b, int from) {
        if (b[from] != '0' || b[from + 1] != 'x') {
            return -1;
        }
        long run = hexRun(b, from + 2);
        int digits = digits(run);
        return digits == 0 || digits > 8 || (digits > 1 && b[from + 2] == '0') ? -1 : run;
    }

    /**
     * The lowercase hex digits that start at {@code from}, up to nine of them (a ninth says there
     * are too many for a 32-bit number): their value and count packed as {@code value << 4 | count}.
     * Reads at most 9 bytes, and the byte after the run when it is shorter.
     */
    static long hexRun(byte[] b, int from) {
        long value = 0;
        int count = 0;
        for (int digit; count < 9 && (digit = HEX_DIGIT[b[from + count] & 0xff]) >= 0; count++) {
            value = value << 4 | digit;
        }
        return value << 4 | count;
    }

    static int digits(long packedHex) {
        return (int) packedHex & 0xf;
    }

    static long value(long packedHex) {
        return packedHex >>> 4;
    }

    /**
     * {@code 0x} and 1 to 15 lowercase hex digits with no leading zero (the form
     * {@link Long#toHexString} gives back, so that the text can be made again from the value), or -1.
     */
    private static long hex(byte[] b, int from, int to) {
        if (to - from < 3 || to - from > 17 || b[from] != '0' || b[from + 1] != 'x'
                || (b[from + 2] == '0' && to - from > 3)) {
            return -1;
        }
        return lowercaseHexDigits(b, from + 2, to);
    }

    /**
     * Each byte's value as a lowercase hex digit, or -1. A table, not a comparison per digit: in a
     * log, digits and letters follow each other at random, and a branch on which it is mispredicts.
     */
    private static final byte[] HEX_DIGIT = new byte[256];

    static {
        java.util.Arrays.fill(HEX_DIGIT, (byte) -1);
        for (int c = '0'; c <= '9'; c++) {
            HEX_DIGIT[c] = (byte) (c - '0');
        }
        for (int c = 'a'; c <= 'f'; c++) {
            HEX_DIGIT[c] = (byte) (c - 'a' + 10);
        }
    }

    /** The value of the lowercase hex digits {@code from..to} (at most 15 of them), or -1 for any other byte. */
    static long lowercaseHexDigits(byte[] b, int from, int to) {
        long value = 0;
        int invalid = 0;
        for (int i = from; i < to; i++) {
            int digit = HEX_DIGIT[b[i] & 0xff];
            invalid |= digit;
            value = value << 4 | (digit & 0xf);
        }
        return invalid < 0 ? -1 : value;
    }

    /** Text of bytes already known to be ASCII. */
    @SuppressWarnings("deprecation") // String(byte[], hibyte, offset, count): the cheapest exact copy of ASCII
    private static String ascii(byte[] b, int from, int to) {
        return new String(b, 0, from, to - from);
    }

    static char suffix(int size) {
        return size == 1 ? 'b' : size == 2 ? 'w' : 'l';
    }

    private static int size(char suffix) {
        return switch (suffix) {
            case 'b' -> 1;
            case 'w' -> 2;
            case 'l' -> 4;
            default -> 0;
        };
    }

    /**
     * A number in C notation between {@code from} and {@code to}, or -1 when it is not one or does
     * not fit in 63 bits (the general parser then handles the rare rest).
     */
    private static long number(String s, int from, int to) {
        if (from >= to) {
            return -1;
        }
        int radix = 10;
        if (to - from > 2 && s.charAt(from) == '0' && (s.charAt(from + 1) == 'x' || s.charAt(from + 1) == 'X')) {
            radix = 16;
            from += 2;
        } else if (to - from > 1 && s.charAt(from) == '0') {
            radix = 8;
            from += 1;
        }
        if (to - from > 15) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            int digit = Character.digit(s.charAt(i), radix);
            if (digit < 0) {
                return -1;
            }
            value = value * radix + digit;
        }
        return value;
    }
}
