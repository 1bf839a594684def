package org.trapline.qtest;

import java.util.Base64;
import java.util.HexFormat;

/**
 * One qtest command, parsed and checked the way QEMU 7.2's qtest server reads it (softmmu/qtest.c):
 * words separated by single spaces, numbers in C notation ({@code 0x1f}, {@code 017}, {@code 31}).
 * Anything QEMU would abort on (a missing or malformed argument, a port past 0xFFFF) is rejected
 * here, so a trace can never crash a live QEMU. {@link #text()} is the canonical form sent on the
 * wire.
 */
public sealed interface QtestCommand {
    String text();

    /**
     * {@code outb|outw|outl PORT VALUE}: VALUE is truncated to the access width, as by the CPU. A
     * null text stands for the canonical form, made when first asked for (a recorded log holds
     * millions of port commands whose text nobody reads unless one diverges).
     */
    record PortWrite(String text, int port, int size, long value) implements QtestCommand {
        @Override
        public String text() {
            return text != null ? text : "out" + PortCommands.suffix(size) + " 0x" + Integer.toHexString(port)
                    + " 0x" + Long.toHexString(value);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PortWrite w && w.port == port && w.size == size && w.value == value
                    && w.text().equals(text());
        }

        @Override
        public int hashCode() {
            return text().hashCode();
        }
    }

    /** {@code inb|inw|inl PORT}, answered {@code OK 0x%04x}. A null text stands for the canonical form. */
    record PortRead(String text, int port, int size) implements QtestCommand {
        @Override
        public String text() {
            return text != null ? text : "in" + PortCommands.suffix(size) + " 0x" + Integer.toHexString(port);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PortRead r && r.port == port && r.size == size && r.text().equals(text());
        }

        @Override
        public int hashCode() {
            return text().hashCode();
        }
    }

    /** {@code writeb|writew|writel|writeq ADDR VALUE}. */
    record MemWrite(String text, long address, int size, long value) implements QtestCommand { }

    /** {@code readb|readw|readl|readq ADDR}, answered {@code OK 0x%016x}. */
    record MemRead(String text, long address, int size) implements QtestCommand { }

    /** {@code read ADDR SIZE} (answered in hex) or {@code b64read ADDR SIZE} (answered in base64). */
    record BulkRead(String text, long address, int length, boolean base64) implements QtestCommand { }

    /** {@code write ADDR SIZE 0xHEX}, {@code b64write ADDR SIZE B64} or {@code memset ADDR SIZE BYTE}. */
    record BulkWrite(String text, long address, byte[] data) implements QtestCommand { }

    /** {@code clock_step [NS]} (no argument: to the next timer deadline) or {@code clock_set NS}. */
    record Clock(String text, boolean absolute, long ns, boolean toNextDeadline) implements QtestCommand { }

    /** {@code set_irq_in PATH NAME N LEVEL}. */
    record SetIrqIn(String text, String path, String gpioName, int pin, int level) implements QtestCommand { }

    /** {@code irq_intercept_in PATH} or {@code irq_intercept_out PATH}. */
    record IrqIntercept(String text, String path, boolean inputs) implements QtestCommand { }

    /** {@code endianness}, answered {@code OK little} on x86. */
    record Endianness(String text) implements QtestCommand { }

    /**
     * {@code inta}: the CPU's interrupt-acknowledge cycle, answered {@code OK 0x%04x} with the vector
     * the 8259A pair puts on the bus. Not a command of QEMU's qtest (QEMU answers it
     * {@code FAIL Unknown command 'inta'}): it lets spec traces check the INTA sequence on the model.
     */
    record Inta(String text) implements QtestCommand { }

    /**
     * Reads canonical port commands ({@code inb 0x20}, {@code outl 0xcf8 0x80000000}) straight from
     * the bytes of a line, for a parser of long logs; it answers null for any other line, which
     * {@link #parse} then reads.
     */
    final class ByteReader {
        /** How many bytes {@link #portCommandLine} may read from where it starts. */
        public static final int LINE_REACH = PortCommands.LINE_REACH;
        private final PortCommands.Reader reader = new PortCommands.Reader();

        public QtestCommand portCommand(byte[] bytes, int from, int to) {
            return reader.read(bytes, from, to);
        }

        /**
         * A canonical port command from {@code from} to a bare {@code '\n'}: the index of the
         * {@code '\n'}, the command then in {@link #lineAccess()}; -1 for any other line.
         */
        public int portCommandLine(byte[] bytes, int from) {
            return reader.readLine(bytes, from);
        }

        /** The command {@link #portCommandLine} read last, packed ({@link PortAccess}). */
        public long lineAccess() {
            return reader.lineAccess();
        }
    }

    static QtestCommand parse(String line) throws QtestSyntaxException {
        QtestCommand port = PortCommands.parse(line);
        if (port != null) {
            return port;
        }
        String[] w = words(line);
        if (w.length == 0) {
            throw new QtestSyntaxException("empty command");
        }
        String text = isCanonical(line, w) ? line : String.join(" ", w);
        String name = w[0];
        switch (name) {
            case "outb", "outw", "outl" -> {
                arity(w, 3);
                int size = width(name.charAt(3));
                return new PortWrite(text, port(w[1]), size, number(w[2], "value") & mask(size));
            }
            case "inb", "inw", "inl" -> {
                arity(w, 2);
                return new PortRead(text, port(w[1]), width(name.charAt(2)));
            }
            case "writeb", "writew", "writel", "writeq" -> {
                arity(w, 3);
                int size = width(name.charAt(5));
                return new MemWrite(text, number(w[1], "address"), size, number(w[2], "value") & mask(size));
            }
            case "readb", "readw", "readl", "readq" -> {
                arity(w, 2);
                return new MemRead(text, number(w[1], "address"), width(name.charAt(4)));
            }
            case "read", "b64read" -> {
                arity(w, 3);
                return new BulkRead(text, number(w[1], "address"), length(w[2]), name.equals("b64read"));
            }
            case "write" -> {
                arity(w, 4);
                return new BulkWrite(text, number(w[1], "address"), hexData(w[3], length(w[2])));
            }
            case "b64write" -> {
                arity(w, 4);
                return new BulkWrite(text, number(w[1], "address"), base64Data(w[3], length(w[2])));
            }
            case "memset" -> {
                arity(w, 4);
                byte[] data = new byte[length(w[2])];
                java.util.Arrays.fill(data, (byte) number(w[3], "byte"));
                return new BulkWrite(text, number(w[1], "address"), data);
            }
            case "clock_step" -> {
                if (w.length == 1) {
                    return new Clock(text, false, 0, true);
                }
                arity(w, 2);
                return new Clock(text, false, number(w[1], "nanoseconds"), false);
            }
            case "clock_set" -> {
                arity(w, 2);
                return new Clock(text, true, number(w[1], "nanoseconds"), false);
            }
            case "set_irq_in" -> {
                arity(w, 5);
                long pin = number(w[3], "GPIO number");
                if (pin > Integer.MAX_VALUE) {
                    throw new QtestSyntaxException("GPIO number " + w[3] + " is out of range");
                }
                return new SetIrqIn(text, w[1], w[2], (int) pin, signedInt(w[4]));
            }
            case "irq_intercept_in", "irq_intercept_out" -> {
                arity(w, 2);
                return new IrqIntercept(text, w[1], name.endsWith("_in"));
            }
            case "endianness" -> {
                arity(w, 1);
                return new Endianness(text);
            }
            case "inta" -> {
                arity(w, 1);
                return new Inta(text);
            }
            default -> throw new QtestSyntaxException("unknown qtest command '" + name + "'");
        }
    }

    private static boolean isCanonical(String line, String[] w) {
        int length = w.length - 1;
        for (String word : w) {
            length += word.length();
        }
        return length == line.length() && line.indexOf('\t') < 0;
    }

    /** Splits on runs of spaces and tabs; a hand loop, since replay parses millions of lines. */
    private static String[] words(String line) {
        String[] out = new String[6];
        int count = 0;
        int i = 0;
        int n = line.length();
        while (i < n) {
            while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                i++;
            }
            int start = i;
            while (i < n && line.charAt(i) != ' ' && line.charAt(i) != '\t') {
                i++;
            }
            if (i > start) {
                if (count == out.length) {
                    out = java.util.Arrays.copyOf(out, count * 2);
                }
                out[count++] = line.substring(start, i);
            }
        }
        return count == out.length ? out : java.util.Arrays.copyOf(out, count);
    }

    private static void arity(String[] w, int words) throws QtestSyntaxException {
        if (w.length != words) {
            throw new QtestSyntaxException("'" + w[0] + "' takes " + (words - 1) + " argument" + (words == 2 ? "" : "s")
                    + ", not " + (w.length - 1));
        }
    }

    private static int width(char suffix) {
        return switch (suffix) {
            case 'b' -> 1;
            case 'w' -> 2;
            case 'l' -> 4;
            default -> 8;
        };
    }

    private static long mask(int size) {
        return size == 8 ? -1L : (1L << (8 * size)) - 1;
    }

    private static int port(String word) throws QtestSyntaxException {
        long port = number(word, "port");
        if (port > 0xffff) {
            throw new QtestSyntaxException("port " + word + " is past 0xffff");
        }
        return (int) port;
    }

    private static int length(String word) throws QtestSyntaxException {
        long n = number(word, "size");
        if (n > 1 << 24) {
            throw new QtestSyntaxException("size " + word + " is larger than 16 MiB");
        }
        return (int) n;
    }

    /** An unsigned 64-bit number in C notation, as qemu_strtou64 with base 0 reads it. */
    static long number(String word, String what) throws QtestSyntaxException {
        try {
            if (word.startsWith("0x") || word.startsWith("0X")) {
                return Long.parseUnsignedLong(word.substring(2), 16);
            }
            if (word.length() > 1 && word.startsWith("0")) {
                return Long.parseUnsignedLong(word.substring(1), 8);
            }
            return Long.parseUnsignedLong(word, 10);
        } catch (NumberFormatException e) {
            throw new QtestSyntaxException(what + " '" + word + "' is not a number");
        }
    }

    private static int signedInt(String word) throws QtestSyntaxException {
        boolean negative = word.startsWith("-");
        long magnitude;
        try {
            magnitude = number(negative ? word.substring(1) : word, "level");
        } catch (QtestSyntaxException e) {
            throw new QtestSyntaxException("level '" + word + "' is not a number");
        }
        long value = negative ? -magnitude : magnitude;
        if (magnitude < 0 || value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new QtestSyntaxException("level '" + word + "' is out of range");
        }
        return (int) value;
    }

    private static byte[] hexData(String word, int length) throws QtestSyntaxException {
        if (!word.startsWith("0x") || (word.length() - 2) % 2 != 0) {
            throw new QtestSyntaxException("data '" + word + "' is not 0x followed by pairs of hex digits");
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(word, 2, word.length());
        } catch (IllegalArgumentException e) {
            throw new QtestSyntaxException("data '" + word + "' is not hex");
        }
        // qtest takes the first SIZE bytes and pads with zeros when fewer are given.
        return java.util.Arrays.copyOf(given, length);
    }

    private static byte[] base64Data(String word, int length) throws QtestSyntaxException {
        byte[] given;
        try {
            given = Base64.getDecoder().decode(word);
        } catch (IllegalArgumentException e) {
            throw new QtestSyntaxException("data '" + word + "' is not base64");
        }
        return java.util.Arrays.copyOf(given, Math.min(given.length, length));
    }
}
