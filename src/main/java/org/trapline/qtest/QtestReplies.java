package org.trapline.qtest;

import java.util.Base64;

/** The response lines of QEMU 7.2's qtest server, character for character. */
public final class QtestReplies {
    public static final String OK = "OK";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private QtestReplies() {
    }

    /** {@code in*} answers: {@code OK 0x%04x}, so a byte read of 0x26 is {@code OK 0x0026}. */
    public static String portValue(long value) {
        if (value >= 0 && value < 0x10000) {
            return FourDigitAnswers.ALL[(int) value];
        }
        int digits = Math.max(4, 16 - Long.numberOfLeadingZeros(value) / 4);
        return hex(value, digits);
    }

    /**
     * The answers to reads of values below 0x10000, made once: the replay of a long log compares
     * each expected answer with the model's, and one string per value makes that an identity check.
     * Built when first asked for (about 4 MB).
     */
    private static final class FourDigitAnswers {
        static final String[] ALL = new String[0x10000];

        static {
            for (int v = 0; v < ALL.length; v++) {
                ALL[v] = hex(v, 4);
            }
        }
    }

    /**
     * The value of an in* answer as QEMU prints it ({@code OK 0x%04x}: lowercase digits, four of
     * them or, above 0xFFFF, as many as the value needs) in bytes {@code from..to}; -1 for any other text.
     */
    public static long portValueOf(byte[] b, int from, int to) {
        int digits = to - from - 5;
        if (digits < 4 || digits > 8 || b[from] != 'O' || b[from + 1] != 'K' || b[from + 2] != ' '
                || b[from + 3] != '0' || b[from + 4] != 'x' || (digits > 4 && b[from + 5] == '0')) {
            return -1;
        }
        return PortCommands.lowercaseHexDigits(b, from + 5, to);
    }

    /**
     * The number of an in* answer at {@code from}, after its {@code "OK "}: {@code 0x} and four
     * lowercase digits, or five to eight with no leading zero, ended by any other byte; packed with
     * its digit count (see {@link #value} and {@link #digits}), or -1. Reads at most 11 bytes.
     */
    public static long portValueAt(byte[] b, int from) {
        if (b[from] != '0' || b[from + 1] != 'x') {
            return -1;
        }
        long run = PortCommands.hexRun(b, from + 2);
        int digits = PortCommands.digits(run);
        return digits < 4 || digits > 8 || (digits > 4 && b[from + 2] == '0') ? -1 : run;
    }

    /** The value of a number {@link #portValueAt} read. */
    public static long value(long packed) {
        return PortCommands.value(packed);
    }

    /** How many hex digits a number {@link #portValueAt} read has. */
    public static int digits(long packed) {
        return PortCommands.digits(packed);
    }

    /** {@code read*} answers: {@code OK 0x%016x} whatever the width. */
    public static String memoryValue(long value) {
        return hex(value, 16);
    }

    /** {@code read ADDR SIZE}: the bytes in address order as hex. */
    public static String hexBytes(byte[] data) {
        StringBuilder sb = new StringBuilder(5 + data.length * 2).append("OK 0x");
        for (byte b : data) {
            sb.append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
        }
        return sb.toString();
    }

    public static String base64(byte[] data) {
        return "OK " + Base64.getEncoder().encodeToString(data);
    }

    /** The clock commands answer with the virtual clock in nanoseconds, in decimal. */
    public static String clock(long ns) {
        return "OK " + ns;
    }

    public static String unknownCommand(String name) {
        return "FAIL Unknown command '" + name + "'";
    }

    public static String irq(int pin, int level) {
        return (level != 0 ? "IRQ raise " : "IRQ lower ") + pin;
    }

    private static String hex(long value, int digits) {
        char[] out = new char[5 + digits];
        out[0] = 'O';
        out[1] = 'K';
        out[2] = ' ';
        out[3] = '0';
        out[4] = 'x';
        for (int i = 0; i < digits; i++) {
            out[out.length - 1 - i] = HEX[(int) (value >>> (4 * i)) & 0xf];
        }
        return new String(out);
    }

    /** The number in an {@code OK 0x...} answer, or null when the answer carries none. */
    public static Long valueOf(String response) {
        if (!response.startsWith("OK 0x")) {
            return null;
        }
        try {
            return Long.parseUnsignedLong(response.substring(5), 16);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
