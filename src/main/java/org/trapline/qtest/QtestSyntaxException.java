package org.trapline.qtest;

/** A line that is not a qtest command QEMU would accept; the message says why. */
public class QtestSyntaxException extends Exception {
    public QtestSyntaxException(String message) {
        super(message);
    }
}
