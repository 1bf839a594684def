package org.trapline.serve;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A client that does what libqtest does (tests/qtest/libqtest.c qtest_init_without_qmp_handshake): it
 * listens on a qtest and a QMP unix socket, starts the binary with libqtest's command line, accepts both,
 * and then sends qtest commands one at a time and QMP commands; {@link #kill} ends the process with
 * SIGTERM and waits for it, as qtest_kill_qemu does.
 */
final class LibqtestClient implements AutoCloseable {
    private final Process process;
    private final SocketChannel qtest;
    private final SocketChannel qmp;
    private final ByteBuffer in = ByteBuffer.allocate(1 << 16);
    private final ByteBuffer qmpIn = ByteBuffer.allocate(1 << 16);
    private final StringBuilder qmpPending = new StringBuilder();
    private final List<String> irqs = new ArrayList<>();

    private LibqtestClient(Process process, SocketChannel qtest, SocketChannel qmp) {
        this.process = process;
        this.qtest = qtest;
        this.qmp = qmp;
        in.flip();
    }

    /** libqtest's arguments for {@code dir}'s sockets and log, before the program's own. */
    static List<String> libqtestArgs(Path dir, String log) {
        return List.of("-qtest", "unix:" + dir.resolve("q.sock"), "-qtest-log", log, "-chardev",
                "socket,path=" + dir.resolve("q.qmp") + ",id=char0", "-mon", "chardev=char0,mode=control",
                "-display", "none");
    }

    /** Starts {@code command} (the binary and its leading words) with libqtest's arguments, then {@code extra}, then -accel qtest. */
    static LibqtestClient start(List<String> command, Path dir, String log, List<String> extra) throws IOException {
        Path sock = dir.resolve("q.sock");
        Path qmpSock = dir.resolve("q.qmp");
        Files.deleteIfExists(sock);
        Files.deleteIfExists(qmpSock);
        try (ServerSocketChannel qs = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                ServerSocketChannel ms = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            qs.bind(UnixDomainSocketAddress.of(sock));
            ms.bind(UnixDomainSocketAddress.of(qmpSock));
            List<String> argv = new ArrayList<>(command);
            argv.addAll(libqtestArgs(dir, log));
            argv.addAll(extra);
            argv.add("-accel");
            argv.add("qtest");
            Process p = new ProcessBuilder(argv).redirectOutput(dir.resolve("stdout").toFile())
                    .redirectError(dir.resolve("stderr").toFile()).start();
            SocketChannel q = accept(qs, p, dir);
            SocketChannel m = accept(ms, p, dir);
            return new LibqtestClient(p, q, m);
        } finally {
            Files.deleteIfExists(sock);
            Files.deleteIfExists(qmpSock);
        }
    }

    private static SocketChannel accept(ServerSocketChannel server, Process p, Path dir) throws IOException {
        server.configureBlocking(false);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            SocketChannel c = server.accept();
            if (c != null) {
                c.configureBlocking(true);
                return c;
            }
            if (!p.isAlive()) {
                throw new IOException("the process ended (status " + p.exitValue() + ") before it connected: "
                        + Files.readString(dir.resolve("stderr")));
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
        p.destroyForcibly();
        throw new IOException("the process did not connect within 60 s");
    }

    /** Sends one command and returns its reply line; the IRQ lines before it are kept for {@link #takeIrqs}. */
    String send(String command) throws IOException {
        write(qtest, command + "\n");
        while (true) {
            String line = readLine();
            if (line.startsWith("IRQ ")) {
                irqs.add(line);
            } else {
                return line;
            }
        }
    }

    /** Sends the commands at once, then reads their replies (IRQ lines kept as by {@link #send}). */
    String[] sendAll(String[] commands) throws IOException {
        write(qtest, String.join("\n", commands) + "\n");
        String[] replies = new String[commands.length];
        for (int i = 0; i < commands.length; i++) {
            String line = readLine();
            while (line.startsWith("IRQ ")) {
                irqs.add(line);
                line = readLine();
            }
            replies[i] = line;
        }
        return replies;
    }

    /** The IRQ lines received since the last call. */
    List<String> takeIrqs() {
        List<String> out = List.copyOf(irqs);
        irqs.clear();
        return out;
    }

    private String readLine() throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            while (in.hasRemaining()) {
                byte b = in.get();
                if (b == '\n') {
                    return sb.toString();
                }
                sb.append((char) (b & 0xff));
            }
            in.clear();
            if (qtest.read(in) < 0) {
                throw new IOException("the qtest socket closed");
            }
            in.flip();
        }
    }

    /** The next JSON text on the monitor (one per line, as QEMU and serve end each with a newline). */
    String qmpReceive() throws IOException {
        while (true) {
            int nl = qmpPending.indexOf("\n");
            if (nl >= 0) {
                String line = qmpPending.substring(0, nl).strip();
                qmpPending.delete(0, nl + 1);
                if (!line.isEmpty()) {
                    return line;
                }
                continue;
            }
            qmpIn.clear();
            if (qmp.read(qmpIn) < 0) {
                throw new IOException("the QMP socket closed");
            }
            qmpIn.flip();
            qmpPending.append(StandardCharsets.UTF_8.decode(qmpIn));
        }
    }

    /** Sends a QMP command (as libqtest does, with no newline after it) and returns the reply, skipping events. */
    String qmp(String json) throws IOException {
        write(qmp, json);
        while (true) {
            String reply = qmpReceive();
            if (!reply.contains("\"event\"")) {
                return reply;
            }
        }
    }

    private static void write(SocketChannel c, String text) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            c.write(b);
        }
    }

    Process process() {
        return process;
    }

    /** SIGTERM, then waits (at most 30 s) and returns the exit status. */
    int kill() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the process did not end within 30 s of SIGTERM");
        }
        return process.exitValue();
    }

    /** Closes the sockets and ends the process if it is still running. */
    @Override
    public void close() throws IOException {
        qtest.close();
        qmp.close();
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
