package org.trapline.trace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Parses a trace on a second thread while the caller's listener takes its steps, in order, on its
 * own: reading and parsing a long -qtest-log costs about as much as replaying it, and the two
 * overlap. The listener sees exactly what {@link TraceParser#read} would show it, header first,
 * and a format error after the steps before it; when the listener stops, the reader stops too.
 */
final class ReadAhead {
    private static final int BATCH = 2048;
    private static final int BATCHES_AHEAD = 8;

    /** What travels from the reading thread: a header, a batch of steps, the end, or an error. */
    private record Item(TraceHeader header, List<Step> steps, TraceFormatException error, boolean end) {
    }

    private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(BATCHES_AHEAD);
    private volatile boolean cancelled;

    private ReadAhead() {
    }

    static void read(Path file, TraceListener listener) throws TraceFormatException {
        new ReadAhead().run(file, listener);
    }

    private void run(Path file, TraceListener listener) throws TraceFormatException {
        Thread reader = new Thread(() -> produce(file), "trace-reader " + file.getFileName());
        reader.setDaemon(true);
        reader.start();
        try {
            consume(listener);
        } finally {
            cancelled = true;
            queue.clear();
        }
    }

    private void consume(TraceListener listener) throws TraceFormatException {
        while (true) {
            Item item = take();
            if (item.error() != null) {
                throw item.error();
            }
            if (item.end()) {
                return;
            }
            if (item.header() != null) {
                listener.begin(item.header());
            }
            for (Step step : item.steps()) {
                if (!listener.step(step)) {
                    return;
                }
            }
        }
    }

    private Item take() throws TraceFormatException {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TraceFormatException(Path.of(""), 0, "interrupted while reading the trace");
        }
    }

    /** Collects steps into batches on the reading thread. */
    private final class Batcher implements TraceListener {
        private List<Step> batch = new ArrayList<>(BATCH);

        @Override
        public void begin(TraceHeader header) {
            put(new Item(header, List.of(), null, false));
        }

        @Override
        public boolean step(Step step) {
            batch.add(step);
            if (batch.size() == BATCH) {
                flush();
            }
            return !cancelled;
        }

        void flush() {
            if (!batch.isEmpty()) {
                put(new Item(null, batch, null, false));
                batch = new ArrayList<>(BATCH);
            }
        }
    }

    private void produce(Path file) {
        Batcher batcher = new Batcher();
        Item last;
        try {
            TraceParser.read(file, batcher);
            last = new Item(null, List.of(), null, true);
        } catch (TraceFormatException e) {
            last = new Item(null, List.of(), e, false);
        } catch (RuntimeException e) {
            last = new Item(null, List.of(), new TraceFormatException(file, 0, "cannot be read: " + e), false);
        }
        // The steps read before an error or the end still go first.
        batcher.flush();
        put(last);
    }

    private void put(Item item) {
        try {
            while (!cancelled && !queue.offer(item, 50, TimeUnit.MILLISECONDS)) {
                // the consumer is busy: wait, unless it has stopped
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
