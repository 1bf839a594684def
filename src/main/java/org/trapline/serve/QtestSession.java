package org.trapline.serve;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.trapline.qtest.QtestReplies;
import org.trapline.target.ModelTarget;
import org.trapline.target.Reply;
import org.trapline.target.TargetException;

/**
 * One qtest connection, answered by the model as QEMU 7.2's qtest server answers it (softmmu/qtest.c
 * qtest_process_inbuf, qtest_process_command): a command per {@code '\n'}-ended line, its words split at
 * single spaces, one reply line each, and before it the {@code IRQ raise N}/{@code IRQ lower N} lines of
 * the interrupt edges the command caused on the intercepted device.
 */
final class QtestSession {
    /** The commands of QEMU 7.2's x86 qtest server that the model answers ({@code clock_*} only under -accel qtest). */
    private static final Set<String> COMMANDS = Set.of("irq_intercept_out", "irq_intercept_in", "set_irq_in",
            "outb", "outw", "outl", "inb", "inw", "inl", "writeb", "writew", "writel", "writeq", "readb", "readw",
            "readl", "readq", "read", "b64read", "write", "memset", "b64write", "endianness", "clock_step", "clock_set");
    /**
     * A line longer than this is no qtest command (the longest, a b64write of QtestCommand's 16 MiB bound,
     * is about 22 MiB): the session ends rather than buffer it.
     */
    static final int MAX_LINE_BYTES = 32 << 20;

    private final SocketChannel channel;
    private final ModelTarget model;
    private final Object boardLock;
    private final QtestLog log;
    private final PrintWriter err;
    private final ByteBuffer out = ByteBuffer.allocate(1 << 16);

    QtestSession(SocketChannel channel, ModelTarget model, Object boardLock, QtestLog log, PrintWriter err) {
        this.channel = channel;
        this.model = model;
        this.boardLock = boardLock;
        this.log = log;
        this.err = err;
    }

    /** Answers commands until the client closes the socket. */
    void run() throws IOException {
        log.opened();
        ByteBuffer in = ByteBuffer.allocate(1 << 16);
        byte[] line = new byte[256];
        int length = 0;
        try {
            while (channel.read(in) >= 0) {
                in.flip();
                while (in.hasRemaining()) {
                    byte b = in.get();
                    if (b != '\n') {
                        if (length == line.length) {
                            if (length >= MAX_LINE_BYTES) {
                                err.println("trapline serve: a qtest line longer than " + MAX_LINE_BYTES
                                        + " bytes; closing the session");
                                return;
                            }
                            line = java.util.Arrays.copyOf(line, Math.min(MAX_LINE_BYTES, length * 2));
                        }
                        line[length++] = b;
                        continue;
                    }
                    command(new String(line, 0, length, StandardCharsets.UTF_8));
                    length = 0;
                }
                in.clear();
                flushOut();
            }
        } finally {
            log.closed();
        }
    }

    private void command(String line) throws IOException {
        if (line.isEmpty()) {
            // QEMU asserts on an empty command (no words); a blank line is taken as nothing here.
            return;
        }
        log.received(line);
        Reply reply = answer(line);
        for (String irq : reply.irqEvents()) {
            send(irq);
        }
        send(reply.response());
    }

    private Reply answer(String line) {
        int space = line.indexOf(' ');
        String name = space < 0 ? line : line.substring(0, space);
        if (!COMMANDS.contains(name)) {
            // module_load, rtas and anything else: QEMU's x86 server says so (module_load answers FAIL when no
            // module loads, and the models have none).
            return Reply.of(name.equals("module_load") ? "FAIL" : QtestReplies.unknownCommand(name));
        }
        try {
            synchronized (boardLock) {
                return model.send(line);
            }
        } catch (TargetException e) {
            // QEMU aborts on a malformed argument (g_assert); the model cannot answer some reads as QEMU would
            // (fw_cfg tables it does not hold). Either way the client gets FAIL and the reason goes to stderr.
            err.println("trapline serve: '" + line + "': " + e.getMessage());
            err.flush();
            return Reply.of("FAIL " + e.getMessage());
        } catch (RuntimeException e) {
            err.println("trapline serve: internal error on '" + line + "': " + e);
            err.flush();
            return Reply.of("FAIL internal error: " + e);
        }
    }

    private void send(String text) throws IOException {
        log.sent(text);
        byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
        if (bytes.length > out.remaining()) {
            flushOut();
        }
        if (bytes.length > out.capacity()) {
            ByteBuffer big = ByteBuffer.wrap(bytes);
            while (big.hasRemaining()) {
                channel.write(big);
            }
            return;
        }
        out.put(bytes);
    }

    private void flushOut() throws IOException {
        out.flip();
        while (out.hasRemaining()) {
            channel.write(out);
        }
        out.clear();
    }
}
