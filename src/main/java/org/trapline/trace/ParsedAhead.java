package org.trapline.trace;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A trace file parsed on a thread of its own while the caller replays the steps already read: on
 * two cores a long log replays in about the time of the slower half instead of the sum of both.
 * Steps come out in file order, in batches, and a format error comes out where it stands in the
 * file, after every step before it; so a caller that stops at a divergence sees exactly what a
 * sequential reading would have shown it. {@link #close()} stops the reading thread.
 */
public final class ParsedAhead implements AutoCloseable {
    private static final int BATCH = 2048;
    private static final int BATCHES_AHEAD = 8;
    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(BATCHES_AHEAD);
    private final Thread reader;
    private volatile boolean stopped;

    private ParsedAhead(Path file) {
        this.reader = new Thread(() -> read(file), "trace-reader");
        this.reader.setDaemon(true);
    }

    /** Starts reading {@code file}. */
    public static ParsedAhead start(Path file) {
        ParsedAhead ahead = new ParsedAhead(file);
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
    private final class Batcher implements TraceListener {
        private Step[] batch = new Step[BATCH];
        private int size;

        @Override
        public void begin(TraceHeader header) {
            put(header);
        }

        @Override
        public boolean step(Step step) {
            batch[size++] = step;
            if (size == BATCH) {
                flush();
            }
            return !stopped;
        }

        void flush() {
            if (size > 0) {
                put(size == BATCH ? batch : Arrays.copyOf(batch, size));
                batch = new Step[BATCH];
                size = 0;
            }
        }
    }

    private void put(Object item) {
        try {
            while (!stopped) {
                if (queue.offer(item, 50, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The next item: a {@link TraceHeader} first, then batches of steps; null at the end.
     *
     * @throws TraceFormatException where the file stops being a trace (after every step before it)
     */
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

    /** An unexpected error of the reading thread, thrown again on the caller's. */
    private record Failure(Throwable error) {
        RuntimeException wrapped() {
            if (error instanceof Error e) {
                throw e;
            }
            return (RuntimeException) error;
        }
    }
}
