package org.trapline.models.machine;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;

import org.trapline.models.uart.SerialLine;

/**
 * A {@code -serial file:PATH} backend: QEMU's file chardev opens the file anew (truncating it) when the
 * machine is created and appends each character the guest transmits.
 */
final class SerialFile implements SerialLine {
    private final String path;
    private OutputStream out;

    SerialFile(String path) {
        this.path = path;
        try {
            out = new FileOutputStream(path, false);
        } catch (IOException e) {
            throw new IllegalArgumentException("-serial file:" + path + ": cannot write: " + e.getMessage(), e);
        }
    }

    @Override
    public void transmitted(int value) {
        if (out == null) {
            return;
        }
        try {
            out.write(value);
        } catch (IOException e) {
            // A guest access never fails: a file that stops taking bytes loses them, as a full disk does for QEMU.
            out = null;
        }
    }

    @Override
    public String toString() {
        return "file:" + path;
    }
}
