package org.trapline.serve;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicBoolean;

import org.trapline.models.machine.FloppyBay;
import org.trapline.models.machine.Profile;
import org.trapline.target.ModelTarget;

/**
 * {@code trapline serve}: the models of the qemu-pc profile behind QEMU's qtest socket and QMP monitor, so that
 * a libqtest program takes this process for QEMU. As QEMU does with {@code -qtest unix:PATH} and
 * {@code -chardev socket,path=P}, it connects to the sockets the client listens on; it answers qtest on this
 * thread and QMP on another, one at a time on the board; it ends when the qtest socket closes, on QMP
 * {@code quit}, and on SIGTERM, with status 0 as QEMU does (libqtest's qtest_kill_qemu checks that).
 */
public final class QtestServer {
    private final ServeArgs args;
    private final PrintWriter err;
    private final Object boardLock = new Object();
    private final AtomicBoolean finished = new AtomicBoolean();

    public QtestServer(ServeArgs args, PrintWriter err) {
        this.args = args;
        this.err = err;
    }

    /**
     * Serves until the session ends.
     *
     * @throws IOException when a socket cannot be reached or the log cannot be written
     */
    public void run() throws IOException {
        ModelTarget model = ModelTarget.of(Profile.QEMU_PC, args.machine());
        FloppyBay bay = model.machine().floppyBay();
        try (QtestLog log = openLog();
                SocketChannel qtest = connect(args.qtestSocket(), "-qtest");
                SocketChannel qmp = args.qmpSocket() == null ? null : connect(args.qmpSocket(), "-chardev")) {
            Thread hook = new Thread(() -> terminated(log), "trapline-serve-sigterm");
            Runtime.getRuntime().addShutdownHook(hook);
            if (qmp != null) {
                Thread monitor = new Thread(() -> monitor(qmp, bay, qtest), "trapline-serve-qmp");
                monitor.setDaemon(true);
                monitor.start();
            }
            try {
                new QtestSession(qtest, model, boardLock, log, err).run();
            } catch (java.nio.channels.ClosedChannelException e) {
                // quit closed the socket under the reader, or before its next read or reply: the session is over
                log.closed();
            } finally {
                finished.set(true);
                log.flush();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down (SIGTERM): the hook ends it
            }
        }
    }

    private void monitor(SocketChannel qmp, FloppyBay bay, SocketChannel qtest) {
        QmpSession.Board board = new QmpSession.Board() {
            @Override
            public String changeFloppy(String id, String device, String filename, boolean readOnly) {
                int unit = args.floppyUnit(id, device);
                if (unit < 0 || bay == null) {
                    return notFound(id, device);
                }
                synchronized (boardLock) {
                    return bay.insert(unit, filename, readOnly);
                }
            }

            @Override
            public String ejectFloppy(String id, String device) {
                int unit = args.floppyUnit(id, device);
                if (unit < 0 || bay == null) {
                    return notFound(id, device);
                }
                synchronized (boardLock) {
                    return bay.eject(unit);
                }
            }

            @Override
            public void quit() {
                try {
                    qtest.close();
                } catch (IOException e) {
                    err.println("trapline serve: closing the qtest socket: " + e.getMessage());
                }
            }
        };
        try {
            new QmpSession(qmp, board).run();
        } catch (IOException e) {
            // the client closed the monitor: QEMU goes on serving qtest, and so does this
        }
    }

    /** QEMU's words when neither name finds a block device (block/qapi-sysemu.c qmp_get_blk). */
    private static String notFound(String id, String device) {
        return id != null ? "Cannot find device='' nor id='" + id + "'"
                : "Cannot find device='" + (device == null ? "" : device) + "' nor id=''"
                        + " (the floppy drives are named by -device floppy,id= or floppy0, floppy1)";
    }

    /** SIGTERM: QEMU shuts down cleanly and exits 0; the log is closed as QEMU closes it. */
    private void terminated(QtestLog log) {
        if (finished.get()) {
            return;
        }
        try {
            log.closed();
        } catch (IOException e) {
            // nothing more to do for a log that cannot be written at exit
        }
        Runtime.getRuntime().halt(0);
    }

    private QtestLog openLog() throws IOException {
        String path = args.qtestLog();
        if (path == null) {
            return new QtestLog(new FileOutputStream(java.io.FileDescriptor.err), false);
        }
        if (path.equals("none") || path.equals("/dev/null")) {
            // Nothing reads /dev/null: no log is written at all, which is the same to every reader.
            return new QtestLog(null, false);
        }
        OutputStream stream;
        try {
            stream = new FileOutputStream(path);
        } catch (IOException e) {
            throw new IOException("-qtest-log " + path + ": cannot write it (" + e.getMessage() + ")", e);
        }
        return new QtestLog(stream, true);
    }

    /** Connects to each socket and closes it at once: the client's accept returns, its first read ends. */
    public static void hangUp(java.util.List<java.nio.file.Path> sockets) {
        for (java.nio.file.Path p : sockets) {
            try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(p))) {
                c.shutdownOutput();
            } catch (IOException | RuntimeException e) {
                // nobody listens there: nothing to tell
            }
        }
    }

    private static SocketChannel connect(java.nio.file.Path path, String option) throws IOException {
        try {
            return SocketChannel.open(UnixDomainSocketAddress.of(path));
        } catch (IOException e) {
            throw new IOException(option + ": cannot connect to " + path + " (" + e.getMessage() + "); the client must"
                    + " listen there first, as libqtest does", e);
        }
    }
}
