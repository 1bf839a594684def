package org.trapline.trace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A long trace read by several threads at once, a part each, and handed on in file order. A part
 * starts at a command line (a raw log's {@code [R ...]} or a native command), where the step
 * before it is whole, so that each part reads on its own; what it cannot know (the lines before
 * it, whether an interception and a recorded response came before it) is settled, part after
 * part, once the parts before it are read. The steps and errors are those of a reading from start
 * to end: {@code PartsReadingProperties} holds it to that.
 */
final class PartsReading extends ParsedAhead {
    /** The two conditions on edges as they stand before a part: an interception, a recorded response. */
    private record Before(boolean intercepts, boolean records) {
        static final Before START = new Before(false, false);
    }

    /** A part read: the header (first part only), its steps, and the error that ended it, if any. */
    private record Delivery(TraceHeader header, Step[] steps, TraceFormatException error, Failure failure) {
    }

    /** A guess at what comes before every part but the first, from the file's first bytes: see {@link PartSteps}. */
    private final Before guess;
    private final Path file;
    private final long size;
    private final int partBytes;
    private final int parts;
    private final AtomicInteger nextPart = new AtomicInteger();
    /** Parts taken by a reader and not yet taken by the caller: a bound on memory. */
    private final Semaphore ahead;
    private final CompletableFuture<Before>[] before;
    /** The number of the line before each part's first: parts count their lines before they are parsed. */
    private final CompletableFuture<Integer>[] lineBase;
    private final CompletableFuture<Delivery>[] delivered;
    private final Thread[] readers;
    private volatile boolean stopped;

    private final ArrayDeque<Object> items = new ArrayDeque<>();
    private int taken;
    private ParsedAhead sequential;

    @SuppressWarnings("unchecked")
    private PartsReading(Path file, long size, int partBytes, int threads, Before guess) {
        this.file = file;
        this.guess = guess;
        this.size = size;
        this.partBytes = partBytes;
        this.parts = (int) Math.min(Integer.MAX_VALUE - 1, (size + partBytes - 1) / partBytes);
        this.ahead = new Semaphore(2 * threads);
        this.before = new CompletableFuture[parts + 1];
        this.lineBase = new CompletableFuture[parts + 1];
        this.delivered = new CompletableFuture[parts];
        for (int k = 0; k <= parts; k++) {
            before[k] = new CompletableFuture<>();
            lineBase[k] = new CompletableFuture<>();
        }
        lineBase[0].complete(0);
        for (int k = 0; k < parts; k++) {
            delivered[k] = new CompletableFuture<>();
        }
        before[0].complete(Before.START);
        this.readers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            readers[t] = new Thread(this::readParts, "trace-reader-" + t);
            readers[t].setDaemon(true);
        }
    }

    static PartsReading startReading(Path file, long size, int partBytes, int threads) {
        PartsReading reading = new PartsReading(file, size, partBytes, threads, guess(file));
        for (Thread reader : reading.readers) {
            reader.start();
        }
        return reading;
    }

    /**
     * What the parts after the first most likely find before them, judged from the file's first
     * 64 KiB: a trace intercepts, if at all, near its start, and a log records answers from its
     * second line on.
     */
    private static Before guess(Path file) {
        byte[] head = new byte[1 << 16];
        int n = 0;
        try (var in = java.nio.file.Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            return Before.START; // the readers report it
        }
        String text = new String(head, 0, n, StandardCharsets.ISO_8859_1);
        return new Before(text.contains("irq_intercept_"), text.contains("\n[S ") || text.contains("->")
                || text.contains("\nIRQ "));
    }

    private void readParts() {
        TraceParser.Shortcuts shortcuts = new TraceParser.Shortcuts();
        Region region = new Region();
        try (FileChannel channel = FileChannel.open(file)) {
            while (!stopped) {
                ahead.acquire();
                int k = nextPart.getAndIncrement();
                if (k >= parts) {
                    ahead.release();
                    return;
                }
                readPart(k, channel, region, shortcuts);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The file went away between its size and its opening: the part this reader would
            // have taken next says so, in order.
            int k = nextPart.getAndIncrement();
            if (k < parts) {
                deliver(k, new Delivery(null, new Step[0], new TraceFormatException(file, 0, "cannot be read: " + e.getMessage()), null));
                lineBase[k + 1].complete(0);
                before[k + 1].complete(Before.START);
            }
        }
    }

    private void readPart(int k, FileChannel channel, Region region, TraceParser.Shortcuts shortcuts)
            throws InterruptedException {
        Before guessed = k == 0 ? Before.START : guess;
        PartSteps part = new PartSteps(guessed.intercepts(), guessed.records(), partBytes / 40);
        try {
            long nominal = (long) k * partBytes;
            region.startAt(Math.max(0, nominal - 1));
            int from = (int) (split(nominal, channel, region) - region.from);
            int to = (int) (split(Math.min(size, nominal + partBytes), channel, region) - region.from);
            int base = await(lineBase[k]);
            lineBase[k + 1].complete(base + AsciiWords.count(region.bytes, from, to, (byte) '\n'));
            TraceParser.readPart(file, region.bytes, from, to, k == 0, base, part, shortcuts);
        } catch (IOException e) {
            lineBase[k + 1].complete(0);
            part.ended(new TraceFormatException(file, 0, "cannot be read: " + e.getMessage()), false, false);
        } catch (RuntimeException | Error e) {
            lineBase[k + 1].complete(0);
            before[k + 1].complete(Before.START);
            deliver(k, new Delivery(null, null, null, new Failure(e)));
            return;
        }
        Before b = await(before[k]);
        before[k + 1].complete(new Before(b.intercepts() || part.interceptsAtEnd(), b.records() || part.recordsAtEnd()));
        deliver(k, new Delivery(part.header(), part.steps(b.intercepts(), b.records()), part.error(), null));
    }

    private void deliver(int k, Delivery delivery) {
        delivered[k].complete(delivery);
    }

    /**
     * The first place at or after {@code offset} where a command line starts (a line beginning
     * with {@code "[R "} or a lowercase letter), or the end of the file; 0 for 0.
     */
    private long split(long offset, FileChannel channel, Region region) throws IOException {
        if (offset <= 0) {
            return 0;
        }
        long at = offset - 1; // a line start at offset or later follows a '\n' at offset - 1 or later
        while (true) {
            region.cover(channel, Math.min(size, at + 4096));
            int i = AsciiWords.indexOf(region.bytes, (int) (at - region.from), (int) (region.to - region.from), (byte) '\n');
            if (i < 0) {
                if (region.to >= size) {
                    return size;
                }
                at = region.to;
                continue;
            }
            long lineStart = region.from + i + 1;
            if (lineStart >= size) {
                return size;
            }
            region.cover(channel, Math.min(size, lineStart + 3));
            if (startsCommand(region.bytes, i + 1, (int) (region.to - region.from))) {
                return lineStart;
            }
            at = lineStart;
        }
    }

    private static boolean startsCommand(byte[] b, int i, int end) {
        return TraceParser.opensStep(b[i], i + 1 < end ? b[i + 1] : 0, i + 2 < end ? b[i + 2] : 0);
    }

    /** A reader's window on the file: bytes {@code from..to} of it, read as they are needed. */
    private static final class Region {
        byte[] bytes = new byte[1 << 16];
        long from;
        long to;

        void startAt(long offset) {
            from = offset;
            to = offset;
        }

        /** Reads the file up to {@code end} into the window. */
        void cover(FileChannel channel, long end) throws IOException {
            if (end <= to) {
                return;
            }
            int need = (int) (end - from);
            if (need > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(need, bytes.length * 2));
            }
            // Read ahead, but not far past what is needed: a part is read whole in a call or two.
            long want = Math.min(from + bytes.length, end + (1 << 16));
            ByteBuffer into = ByteBuffer.wrap(bytes, (int) (to - from), (int) (Math.max(end, want) - to));
            while (into.hasRemaining()) {
                int n = channel.read(into, from + into.position());
                if (n < 0) {
                    break;
                }
            }
            to = from + into.position();
            if (to < end) {
                throw new IOException("the file ended at byte " + to + " while being read");
            }
        }
    }

    private <T> T await(CompletableFuture<T> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public Object next() throws TraceFormatException {
        while (items.isEmpty()) {
            if (sequential != null) {
                return sequential.next();
            }
            if (taken == parts) {
                return null;
            }
            Delivery d;
            try {
                d = await(delivered[taken]);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading a trace", e);
            }
            int k = taken++;
            ahead.release();
            if (d.failure() != null) {
                throw d.failure().wrapped();
            }
            if (k == 0 && d.header() == null && d.error() == null) {
                // A first part with no command at all (a long preamble): the parts after it took
                // one for granted, so the file is read again from its start, by one thread.
                stopReaders();
                sequential = Sequential.startReading(file);
                continue;
            }
            if (d.header() != null) {
                items.add(d.header());
            }
            if (d.steps().length > 0) {
                items.add(d.steps());
            }
            if (d.error() != null) {
                items.add(d.error());
                taken = parts; // nothing after an error
            }
        }
        Object item = items.peek();
        if (item instanceof TraceFormatException e) {
            throw new TraceFormatException(e.file(), e.line(), e.reason()); // and again at every call
        }
        return items.poll();
    }

    private void stopReaders() {
        stopped = true;
        for (Thread reader : readers) {
            reader.interrupt();
        }
        for (Thread reader : readers) {
            try {
                reader.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stopReaders();
        if (sequential != null) {
            sequential.close();
        }
    }
}
