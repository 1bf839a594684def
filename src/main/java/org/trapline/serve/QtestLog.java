package org.trapline.serve;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The qtest log as QEMU 7.2 writes it (softmmu/qtest.c: qtest_event, qtest_process_command,
 * qtest_send_prefix): {@code [I 0.000001] OPENED} when the client connects, then {@code [R +T] WORDS} for
 * each command received and {@code [S +T] LINE} for each line sent (replies and {@code IRQ raise|lower N}),
 * and {@code [I +T] CLOSED}; T is the seconds since the connection, with six decimals. Such a log is a
 * trace {@code trapline replay} replays as it is.
 */
final class QtestLog implements AutoCloseable {
    private final Writer out;
    private final boolean closeStream;
    private long openedNs;

    /** A log on {@code stream}, or none when {@code stream} is null. */
    QtestLog(OutputStream stream, boolean closeStream) {
        this.out = stream == null ? null : new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
        this.closeStream = closeStream;
    }

    synchronized void opened() throws IOException {
        openedNs = System.nanoTime();
        line("[I " + seconds() + "] OPENED");
    }

    synchronized void received(String command) throws IOException {
        line("[R +" + seconds() + "] " + command);
    }

    synchronized void sent(String reply) throws IOException {
        line("[S +" + seconds() + "] " + reply);
    }

    synchronized void closed() throws IOException {
        line("[I +" + seconds() + "] CLOSED");
        flush();
    }

    synchronized void flush() throws IOException {
        if (out != null) {
            out.flush();
        }
    }

    private void line(String text) throws IOException {
        if (out != null) {
            out.write(text);
            out.write('\n');
        }
    }

    private String seconds() {
        long ns = System.nanoTime() - openedNs;
        return String.format(Locale.ROOT, "%d.%06d", ns / 1_000_000_000L, ns / 1_000 % 1_000_000);
    }

    @Override
    public synchronized void close() throws IOException {
        if (out != null) {
            if (closeStream) {
                out.close();
            } else {
                out.flush();
            }
        }
    }
}
