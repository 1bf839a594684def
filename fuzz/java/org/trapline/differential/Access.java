package org.trapline.differential;

import java.util.List;

/** One guest action: one command, or a few that belong together (an ICW sequence, a count LSB then MSB). */
public record Access(List<String> commands) {
    public Access {
        commands = List.copyOf(commands);
    }

    static Access of(String command) {
        return new Access(List.of(command));
    }

    /** An {@code in} of 1, 2 or 4 bytes at {@code port}. */
    static Access in(int port, int width) {
        return of(String.format("in%s 0x%x", suffix(width), port));
    }

    /** An {@code out} of 1, 2 or 4 bytes at {@code port}, the value cut to the width. */
    static Access out(int port, int width, long value) {
        long v = width == 4 ? value & 0xffffffffL : value & ((1L << (8 * width)) - 1);
        return of(String.format("out%s 0x%x 0x%x", suffix(width), port, v));
    }

    private static String suffix(int width) {
        return width == 1 ? "b" : width == 2 ? "w" : "l";
    }

    @Override
    public String toString() {
        return String.join(" / ", commands);
    }
}
