package org.trapline.qtest;

/**
 * A canonical port command ({@code inb|inw|inl PORT}, {@code outb|outw|outl PORT VALUE}) packed in
 * one {@code long}: a recorded log holds millions of them, and a replay that reads them as numbers
 * from an array makes no object per command and follows no pointer to one. Bits 31:0 hold the
 * value written, 47:32 the port, 50:48 the size in bytes, bit 51 is set for a write, bit 52 for a
 * value written with two digits a byte ({@link #isPadded}), and bit 62 for every packed command,
 * so that 0 packs none.
 */
public final class PortAccess {
    /** Packs no command. */
    public static final long NONE = 0;
    private static final long PACKED = 1L << 62;
    private static final long WRITE = 1L << 51;
    private static final long PADDED = 1L << 52;

    private PortAccess() {
    }

    public static long read(int port, int size) {
        return PACKED | (long) size << 48 | (long) port << 32;
    }

    /** {@code value} must fit the access: at most {@code size} bytes. */
    public static long write(int port, int size, long value) {
        return PACKED | WRITE | (long) size << 48 | (long) port << 32 | value;
    }

    /**
     * A write whose value is written {@code 0x%02x}, {@code 0x%04x} or {@code 0x%08x} as its size
     * says, zeros in front, as many clients write it: its text is made again in that form.
     */
    public static long write(int port, int size, long value, boolean padded) {
        return write(port, size, value) | (padded ? PADDED : 0);
    }

    public static boolean isPadded(long access) {
        return (access & PADDED) != 0;
    }

    public static boolean isWrite(long access) {
        return (access & WRITE) != 0;
    }

    public static int port(long access) {
        return (int) (access >>> 32) & 0xffff;
    }

    public static int size(long access) {
        return (int) (access >>> 48) & 0x7;
    }

    public static long value(long access) {
        return access & 0xffff_ffffL;
    }

    /** {@code kept}, or when that is null the command packed in {@code access}: a step's command either way. */
    public static QtestCommand command(QtestCommand kept, long access) {
        return kept != null ? kept : command(access);
    }

    /** The command packed in {@code access}, as an object, its text the canonical one or the padded one. */
    public static QtestCommand command(long access) {
        if (!isWrite(access)) {
            return new QtestCommand.PortRead(null, port(access), size(access));
        }
        return new QtestCommand.PortWrite(isPadded(access) ? paddedText(access) : null, port(access), size(access),
                value(access));
    }

    private static String paddedText(long access) {
        String digits = Long.toHexString(value(access));
        return "out" + PortCommands.suffix(size(access)) + " 0x" + Integer.toHexString(port(access)) + " 0x"
                + "0".repeat(2 * size(access) - digits.length()) + digits;
    }
}
