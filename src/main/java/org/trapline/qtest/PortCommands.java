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
        private static final int WRITE_SLOTS = 1 << 12;
        private final QtestCommand.PortRead[] reads = new QtestCommand.PortRead[3 << 16];
        private final QtestCommand.PortWrite[] writes = new QtestCommand.PortWrite[WRITE_SLOTS];

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

        private QtestCommand.PortRead portRead(int port, int size) {
            int slot = (size >> 1) << 16 | port;
            QtestCommand.PortRead read = reads[slot];
            if (read == null) {
                read = new QtestCommand.PortRead(null, port, size);
                reads[slot] = read;
            }
            return read;
        }

        private QtestCommand.PortWrite portWrite(int port, int size, long value) {
            long key = value * 0x9e3779b97f4a7c15L + (port << 2 | size);
            int slot = (int) (key >>> 52) & (WRITE_SLOTS - 1);
            QtestCommand.PortWrite write = writes[slot];
            if (write == null || write.port() != port || write.size() != size || write.value() != value) {
                write = new QtestCommand.PortWrite(null, port, size, value);
                writes[slot] = write;
            }
            return write;
        }
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

    /** The value of the lowercase hex digits {@code from..to} (at most 15 of them), or -1 for any other byte. */
    static long lowercaseHexDigits(byte[] b, int from, int to) {
        long value = 0;
        for (int i = from; i < to; i++) {
            int c = b[i];
            int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
            if (digit < 0) {
                return -1;
            }
            value = value << 4 | digit;
        }
        return value;
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
