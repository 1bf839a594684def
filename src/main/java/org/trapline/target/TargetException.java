package org.trapline.target;

/**
 * The target could not answer: a QEMU that would not start, died, hung past its timeout, or spoke
 * something other than the qtest protocol. Unusable input for the CLI (exit status 2).
 */
public class TargetException extends Exception {
    public TargetException(String message) {
        super(message);
    }

    public TargetException(String message, Throwable cause) {
        super(message, cause);
    }
}
