package org.trapline.models.uart;

/**
 * What is on the far side of the UART's SOUT pin: where each transmitted character goes. The modem
 * lines of the backends modelled (null, a file) are unconnected.
 */
@FunctionalInterface
public interface SerialLine {
    /** A character the transmitter has shifted out (the low {@code 5..8} bits are the data bits). */
    void transmitted(int value);

    /** The line that takes characters and gives nothing back: QEMU's {@code null} chardev. */
    static SerialLine discard() {
        return v -> { };
    }
}
