package org.trapline.trace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.trapline.qtest.QtestCommand;

/**
 * A trace file parsed on threads of their own while the caller replays the steps already read.
 * Steps come out in file order, in batches, and a format error comes out where it stands in the
 * file, after every step before it; so a caller that stops at a divergence sees exactly what a
 * sequential reading would have shown it. A long file is cut into parts that several threads,
 * the caller's among them, read at once ({@link PartsReading}); a short one is read by one thread.
 * {@link #close()} stops the reading threads.
 */
public abstract class ParsedAhead implements AutoCloseable {
    /**
     * Parts of a long file: large enough that cutting costs nothing, small enough to keep several
     * cores busy, and under half a G1 heap region, so that a part's buffer is no humongous object.
     */
    static final int PART_BYTES = 1 << 18;

    ParsedAhead() {
    }

    /**
     * Starts reading {@code file}: a long one by a thread for each core but the caller's (three at
     * most), the caller reading parts too while it waits.
     */
    public static ParsedAhead start(Path file) {
        return start(file, PART_BYTES, Math.max(1, Math.min(3, Runtime.getRuntime().availableProcessors() - 1)));
    }

    /**
     * Starts reading {@code file} in parts of about {@code partBytes} on {@code threads} threads
     * and the caller's, if it is long.
     */
    static ParsedAhead start(Path file, int partBytes, int threads) {
        return start(file, partBytes, threads, true);
    }

    /**
     * The same, the parts copied from the file mapped into memory ({@code map}, when it can be) or
     * read from it.
     */
    static ParsedAhead start(Path file, int partBytes, int threads, boolean map) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            size = 0; // the sequential reading says what is wrong with it
        }
        if (threads >= 1 && size >= 2L * partBytes) {
            return PartsReading.startReading(file, size, partBytes, threads, map);
        }
        return Sequential.startReading(file);
    }

    /**
     * The next item: a {@link TraceHeader} first, then batches of steps ({@link Steps}); null at
     * the end.
     *
     * @throws TraceFormatException where the file stops being a trace (after every step before it)
     */
    public abstract Object next() throws TraceFormatException;

    @Override
    public abstract void close();

    /** One thread reads the file start to end. */
    static final class Sequential extends ParsedAhead {
        private static final int BATCH = 2048;
        private static final int BATCHES_AHEAD = 8;
        private static final Object END = new Object();

        private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(BATCHES_AHEAD);
        private final Thread reader;
        private volatile boolean stopped;

        private Sequential(Path file) {
            this.reader = new Thread(() -> read(file), "trace-reader");
            this.reader.setDaemon(true);
        }

        static Sequential startReading(Path file) {
            Sequential ahead = new Sequential(file);
            ahead.reader.start();
            return ahead;
        }

        private void read(Path file) {
            Batcher batcher = new Batcher();
            try {
                TraceParser.read(file, batcher);
                batcher.flush();
                put(END);
            } catch (TraceFormatException e) {
                batcher.flush();
                put(e);
            } catch (RuntimeException | Error e) {
                put(new Failure(e));
            }
        }

        /** Hands the parser's steps on in batches. */
        private final class Batcher implements TraceParser.StepSink {
            private Steps batch = new Steps(BATCH);

            @Override
            public void begin(TraceHeader header) {
                put(header);
            }

            @Override
            public boolean step(int line, QtestCommand command, long access, Expectation expect, long answer,
                                String citation, List<String> irqEvents, boolean intercepts, boolean recordsResponses) {
                batch.add(line, command, access, expect, answer, citation, irqEvents, intercepts && recordsResponses);
                if (batch.size() == BATCH) {
                    flush();
                }
                return !stopped;
            }

            void flush() {
                if (!batch.isEmpty()) {
                    put(batch);
                    batch = new Steps(BATCH);
                }
            }
        }

        private void put(Object item) {
            try {
                while (!stopped) {
                    if (queue.offer(item, 50, TimeUnit.MILLISECONDS)) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public Object next() throws TraceFormatException {
            Object item;
            try {
                item = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading a trace", e);
            }
            if (item == END) {
                queue.offer(END);
                return null;
            }
            if (item instanceof TraceFormatException e) {
                queue.offer(e);
                throw new TraceFormatException(e.file(), e.line(), e.reason());
            }
            if (item instanceof Failure f) {
                throw f.wrapped();
            }
            return item;
        }

        @Override
        public void close() {
            stopped = true;
            queue.clear();
            try {
                reader.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** An unexpected error of a reading thread, thrown again on the caller's. */
    record Failure(Throwable error) {
        RuntimeException wrapped() {
            if (error instanceof Error e) {
                throw e;
            }
            return (RuntimeException) error;
        }
    }
}
