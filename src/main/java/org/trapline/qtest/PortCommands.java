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
