package org.trapline.trace;

import java.nio.file.Path;

/** A trace that cannot be used, with the file and line at fault. */
public class TraceFormatException extends Exception {
    private final Path file;
    private final int line;
    private final String reason;

    public TraceFormatException(Path file, int line, String reason) {
        super(file + (line > 0 ? ":" + line : "") + ": " + reason);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    public Path file() {
        return file;
    }

    /** 1-based; 0 when the fault is the file as a whole. */
    public int line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
