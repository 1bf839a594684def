package org.trapline.target;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A live QEMU driven over {@code -qtest stdio}, one command at a time: each command line is written
 * to its stdin and answered by one response line on its stdout, preceded by the {@code IRQ raise N}
 * / {@code IRQ lower N} lines of the edges the command caused (once {@code irq_intercept_in} is on).
 * QEMU writes its own {@code -qtest-log} to the file given (always: without it the log goes to
 * stderr, which is kept here for error messages).
 *
 * <p>It never hangs and never leaks its child: every answer is awaited for at most the timeout;
 * a timeout, a dead QEMU or a line that is not the protocol ends the child and becomes a
 * {@link TargetException}; {@link #close()} ends it (stdin closed, SIGTERM, then SIGKILL) and a JVM
 * shutdown hook ends one still running when the JVM exits.
 */
public final class QemuTarget implements Target {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** How long close() lets QEMU end after SIGTERM before it is killed. */
    private static final Duration GRACE = Duration.ofSeconds(2);
    private static final int STDERR_LINES = 20;
    /** What the stdout reader queues when QEMU's stdout ends. */
    private static final String EOF = new String("<eof>");
    /** A command that changes nothing, sent to learn that QEMU has printed all of a command's window. */
    private static final String SETTLE = "endianness";
    private static final String SETTLE_ANSWER = "OK little";

    private final QemuBinary binary;
    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private final Duration timeout;
    private final Thread shutdownHook;
    private final Thread stdoutReader;
    private final Thread stderrReader;
    /** Whether each answer is followed by {@link #SETTLE} to collect the edges printed after it. */
    private final boolean settleWindows;
    private boolean intercepting;
    private String lastCommand;
    private boolean broken;
    private boolean closed;

    private QemuTarget(QemuBinary binary, Process process, Duration timeout, boolean settleWindows) {
        this.binary = binary;
        this.settleWindows = settleWindows;
        this.process = process;
        this.timeout = timeout;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.stdoutReader = daemon("qemu-stdout-" + process.pid(), () -> pump(process.getInputStream(), true));
        this.stderrReader = daemon("qemu-stderr-" + process.pid(), () -> pump(process.getErrorStream(), false));
        this.shutdownHook = new Thread(this::kill, "qemu-kill-" + process.pid());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        stdoutReader.start();
        stderrReader.start();
    }

    /**
     * Starts {@code QEMU -qtest stdio -qtest-log LOG} with the machine's words ({@code -S} added
     * unless the qtest accelerator runs the clock).
     *
     * @param qtestLog where QEMU writes its -qtest-log; {@code /dev/null} when nobody reads it
     */
    public static QemuTarget start(QemuBinary binary, MachineArgs machine, Path qtestLog, Duration timeout)
            throws TargetException {
        List<String> command = new ArrayList<>();
        command.add(binary.path().toString());
        command.addAll(machine.qemuWords());
        command.addAll(List.of("-qtest", "stdio", "-qtest-log", qtestLog.toString()));
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new TargetException("cannot start QEMU " + binary + ": " + e.getMessage());
        }
        // A kept log is a recording: nothing but the trace's own commands may enter it (and a
        // recording's windows come from the log, where QEMU wrote them in order).
        boolean settle = qtestLog.equals(Path.of("/dev/null"));
        return new QemuTarget(binary, process, timeout, settle);
    }

    /** Starts QEMU with the default timeout and no log kept. */
    public static QemuTarget start(QemuBinary binary, MachineArgs machine) throws TargetException {
        return start(binary, machine, Path.of("/dev/null"), DEFAULT_TIMEOUT);
    }

    @Override
    public String name() {
        return "qemu(" + binary + ")";
    }

    /** The child's process id, for whoever must check it is gone. */
    public long pid() {
        return process.pid();
    }

    public ProcessHandle processHandle() {
        return process.toHandle();
    }

    @Override
    public Reply send(String command) throws TargetException {
        if (closed) {
            throw new TargetException("QEMU is closed; cannot send '" + command + "'");
        }
        if (broken) {
            throw new TargetException("QEMU stopped answering earlier (after '" + lastCommand + "'); cannot send '"
                    + command + "'");
        }
        if (command.indexOf('\n') >= 0 || command.indexOf('\r') >= 0) {
            throw new TargetException("a qtest command is one line: " + command.strip().replace('\n', ' '));
        }
        lastCommand = command;
        String stray = stdout.peek();
        if (stray != null && stray != EOF) {
            fail("QEMU said '" + stray + "' unasked, before '" + command + "'");
        }
        write(command);
        List<String> irqs = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = next(command, deadline);
            if (isIrq(line)) {
                irqs.add(line);
            } else if (line.startsWith("OK") || line.startsWith("FAIL")) {
                if (command.startsWith("irq_intercept_") && line.equals("OK")) {
                    intercepting = true;
                }
                lateEdges(command, irqs, deadline);
                return new Reply(line, irqs);
            } else {
                fail("QEMU answered '" + command + "' with '" + line + "', which is not a qtest response");
            }
        }
    }

    /**
     * An edge printed just after the answer still belongs to this command's window: a timer due at
     * this instant, or a bottom half the access scheduled (the IDE's software reset, hw/ide/core.c
     * ide_ctrl_write and ide_bus_perform_srst, even with the clock stopped), runs in QEMU's main loop
     * right after the access, before QEMU reads its next command. So a harmless command that changes
     * nothing ({@code endianness}) is sent and every edge printed before its answer is this command's.
     * A recording needs none: its windows come from the log, where QEMU wrote them in order.
     */
    private void lateEdges(String command, List<String> irqs, long deadline) throws TargetException {
        if (settleWindows && intercepting) {
            write(SETTLE);
            for (String line = next(command, deadline); !line.equals(SETTLE_ANSWER); line = next(command, deadline)) {
                if (!isIrq(line)) {
                    fail("QEMU answered '" + SETTLE + "' (sent after '" + command + "') with '" + line + "'");
                }
                irqs.add(line);
            }
            return;
        }
        for (String late = stdout.peek(); late != null && isIrq(late); late = stdout.peek()) {
            irqs.add(stdout.poll());
        }
    }

    private static boolean isIrq(String line) {
        return line.startsWith("IRQ raise ") || line.startsWith("IRQ lower ");
    }

    private String next(String command, long deadline) throws TargetException {
        String line;
        try {
            line = stdout.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while waiting for QEMU to answer '" + command + "'");
            return null;
        }
        if (line == null) {
            fail("QEMU did not answer '" + command + "' within " + seconds(timeout));
        }
        if (line == EOF) {
            stdout.offer(EOF);
            fail("QEMU " + exitStatus() + " while answering '" + command + "'");
        }
        return line;
    }

    private void write(String command) throws TargetException {
        try {
            stdin.write(command);
            stdin.write('\n');
            stdin.flush();
        } catch (IOException e) {
            fail("QEMU " + exitStatus() + " before it could take '" + command + "' (" + e.getMessage() + ")");
        }
    }

    /** Ends the child (it cannot be trusted any more) and throws, with what QEMU said on stderr. */
    private void fail(String what) throws TargetException {
        broken = true;
        if (!process.isAlive()) {
            // Destroying a Process closes its streams (even a dead one's), so QEMU's last words on
            // stderr must be read before kill() cleans up.
            joinQuietly(stderrReader, GRACE.toMillis());
        }
        kill();
        String tail = stderrTail();
        throw new TargetException(what + (tail.isEmpty() ? "" : "; QEMU's stderr ends:\n" + tail));
    }

    private String exitStatus() {
        try {
            if (process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                int status = process.exitValue();
                return status > 128 ? "died of signal " + (status - 128) + " (exit status " + status + ")"
                        : "exited with status " + status;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "closed its output";
    }

    /** The last lines QEMU wrote to stderr, indented, oldest first. */
    public String stderrTail() {
        if (!process.isAlive()) {
            joinQuietly(stderrReader, 500); // let the reader take QEMU's last words
        }
        synchronized (stderrTail) {
            StringBuilder sb = new StringBuilder();
            for (String l : stderrTail) {
                sb.append(sb.length() == 0 ? "" : "\n").append("    ").append(l);
            }
            return sb.toString();
        }
    }

    private void pump(InputStream in, boolean toQueue) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (toQueue) {
                    stdout.add(line);
                } else {
                    synchronized (stderrTail) {
                        stderrTail.addLast(line);
                        if (stderrTail.size() > STDERR_LINES) {
                            stderrTail.removeFirst();
                        }
                    }
                }
            }
        } catch (IOException e) {
            // The JDK closes the streams when the process is destroyed: the same as their end.
        } finally {
            if (toQueue) {
                stdout.add(EOF);
            }
        }
    }

    /** Closes QEMU's stdin, SIGTERMs it, waits briefly, then kills it and anything it started. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stdin.close();
        } catch (IOException e) {
            // Already gone: nothing to close.
        }
        List<ProcessHandle> children = descendants();
        process.destroy();
        try {
            if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
        children.forEach(ProcessHandle::destroyForcibly);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down; the hook is running or ran.
        }
        joinQuietly(stdoutReader, 500);
        joinQuietly(stderrReader, 500);
    }

    /** Ends the child and its descendants now, and waits for it to be gone. */
    private void kill() {
        List<ProcessHandle> children = descendants();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<ProcessHandle> descendants() {
        try {
            return process.descendants().toList();
        } catch (UnsupportedOperationException | SecurityException e) {
            return List.of();
        }
    }

    /** The exit status once QEMU has ended. */
    public Optional<Integer> exitValue() {
        return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    private static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        return t;
    }

    private static void joinQuietly(Thread t, long millis) {
        try {
            t.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
