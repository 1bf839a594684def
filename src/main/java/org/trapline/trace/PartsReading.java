package org.trapline.trace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A long trace read by several threads at once, a part each, and handed on in file order. A part
 * starts at a command line (a raw log's {@code [R ...]} or a native command), where the step
 * before it is whole, so that each part reads on its own; what it cannot know (the lines before
 * it, whether an interception and a recorded response came before it) the caller settles as it
 * takes the parts in order, so that no reader waits for another. The caller reads parts too: the
 * first, and any while the one it needs next is still being read. The steps and errors are those
 * of a reading from start to end: {@code PartsReadingProperties} holds it to that.
 */
final class PartsReading extends ParsedAhead {
    /**
     * What stands before a part: an interception and a recorded response (the two conditions on
     * edges), and the number of lines.
     */
    private record Before(boolean intercepts, boolean records, int lines) {
        static final Before START = new Before(false, false, 0);
    }

    /**
     * A part read, its lines numbered from its own start: its steps, how its reading ended, the
     * number of lines it read, and, when it ended in an error, a copy of its bytes, so that it can
     * be read again with the lines it has in the file.
     */
    private record Delivery(PartSteps part, int lines, byte[] bytesOfError, Failure failure) {
    }

    /**
     * How many parts each reader may read ahead of the caller: enough to keep it busy while the
     * caller replays, few enough to bound memory.
     */
    private static final int PARTS_AHEAD_PER_THREAD = 4;

    private final Path file;
    private final long size;
    private final int partBytes;
    private final int parts;
    /** The file mapped, when it can be: every reader copies its parts from there. */
    private final MappedByteBuffer mapped;
    /** The next part for a reader to take: the first is the caller's own (see {@link #next}). */
    private final AtomicInteger nextPart = new AtomicInteger(1);
    /** Parts taken by a reader and not yet taken by the caller, the first part aside: a bound on memory. */
    private final Semaphore ahead;
    /** Batches the caller is done with, for the readers to fill again. */
    private final ConcurrentLinkedQueue<Steps> free = new ConcurrentLinkedQueue<>();
    /** The batch {@link #next} returned last: the caller's until it asks for the next item. */
    private Steps lent;
    private final CompletableFuture<Delivery>[] delivered;
    private final Thread[] readers;
    private volatile boolean stopped;

    private final ArrayDeque<Object> items = new ArrayDeque<>();
    private int taken;
    /** What stands before the next part the caller takes: the caller's to settle, part after part. */
    private Before settled = Before.START;
    private ParsedAhead sequential;
    /** The caller's own reader, for the parts it reads while it waits ({@link #readAPartMeanwhile}). */
    private Reader callerReader;

    @SuppressWarnings("unchecked")
    private PartsReading(Path file, long size, int partBytes, int threads, boolean map) {
        this.file = file;
        this.size = size;
        this.partBytes = partBytes;
        this.parts = (int) Math.min(Integer.MAX_VALUE - 1, (size + partBytes - 1) / partBytes);
        this.mapped = map ? map(file, size) : null;
        this.ahead = new Semaphore(PARTS_AHEAD_PER_THREAD * threads - 1);
        this.delivered = new CompletableFuture[parts];
        for (int k = 0; k < parts; k++) {
            delivered[k] = new CompletableFuture<>();
        }
        this.readers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            readers[t] = new Thread(this::readParts, "trace-reader-" + t);
            readers[t].setDaemon(true);
        }
    }

    /**
     * The file mapped into memory, or null when it cannot be (too long for one mapping, or not a
     * regular file): it is then read. The mapping lasts until the buffer is collected.
     */
    private static MappedByteBuffer map(Path file, long size) {
        if (size > Integer.MAX_VALUE) {
            return null;
        }
        try (FileChannel channel = FileChannel.open(file)) {
            return channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
        } catch (IOException | UnsupportedOperationException e) {
            return null; // the readers open the file again and say what is wrong with it
        }
    }

    static PartsReading startReading(Path file, long size, int partBytes, int threads, boolean map) {
        PartsReading reading = new PartsReading(file, size, partBytes, threads, map);
        for (Thread reader : reading.readers) {
            reader.start();
        }
        return reading;
    }

    private void readParts() {
        try (Reader reader = new Reader(FileChannel.open(file))) {
            while (!stopped) {
                ahead.acquire();
                if (!reader.readNext()) {
                    ahead.release();
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            cannotOpen(nextPart.getAndIncrement(), e);
        }
    }

    /**
     * The file went away between its size and its opening: part {@code k}, the one that reader
     * would have taken next, says so, in order.
     */
    private void cannotOpen(int k, IOException e) {
        if (k < parts) {
            PartSteps part = new PartSteps(new Steps(0));
            part.ended(new TraceFormatException(file, 0, "cannot be read: " + e.getMessage()), false, false);
            deliver(k, new Delivery(part, 0, null, null));
        }
    }

    /** What a thread that reads parts keeps from part to part: its window on the file and its shortcuts. */
    private final class Reader implements AutoCloseable {
        private final FileChannel channel;
        private final Region region = new Region(mapped);
        private final TraceParser.Shortcuts shortcuts = new TraceParser.Shortcuts();

        Reader(FileChannel channel) {
            this.channel = channel;
        }

        /** Reads the next part no one has taken; false when there is none. */
        boolean readNext() {
            int k = nextPart.getAndIncrement();
            if (k >= parts) {
                return false;
            }
            read(k);
            return true;
        }

        void read(int k) {
            readPart(k, channel, region, shortcuts);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /**
     * Reads the first part on the caller's thread: it has nothing to do before that part is read,
     * and no reader has to start first. The caller keeps that reader for the parts it reads later;
     * when the file cannot be opened, the first part says so, and no part is read after it.
     */
    private void readTheFirstPart() {
        try {
            callerReader = new Reader(FileChannel.open(file));
        } catch (IOException e) {
            cannotOpen(0, e);
            return;
        }
        callerReader.read(0);
    }

    /**
     * Reads a part on the caller's thread, with the reader it read the first part with, while the
     * part it waits for is still being read: the caller then never leaves its core idle, and a
     * machine of two cores needs one reading thread, not two beside the caller. False when no part
     * is left to take, or none may be taken yet.
     */
    private boolean readAPartMeanwhile() {
        if (!ahead.tryAcquire()) {
            return false;
        }
        if (!callerReader.readNext()) {
            ahead.release();
            return false;
        }
        return true;
    }

    /**
     * Reads part {@code k}, numbering its lines from the part's start, and hands it on without
     * waiting for the parts before it: the caller settles what stands before it ({@link #settle}).
     */
    private void readPart(int k, FileChannel channel, Region region, TraceParser.Shortcuts shortcuts) {
        PartSteps part = new PartSteps(batch());
        int lines = 0;
        byte[] bytesOfError = null;
        try {
            long nominal = (long) k * partBytes;
            region.startAt(Math.max(0, nominal - 1));
            int from = (int) (split(nominal, channel, region) - region.from);
            int to = (int) (split(Math.min(size, nominal + partBytes), channel, region) - region.from);
            lines = TraceParser.readPart(file, region.bytes, from, to, k == 0, 0, part, shortcuts);
            if (part.error() != null && k > 0) {
                bytesOfError = Arrays.copyOfRange(region.bytes, from, to);
            }
        } catch (IOException e) {
            part.ended(new TraceFormatException(file, 0, "cannot be read: " + e.getMessage()), false, false);
        } catch (InternalError e) {
            // The mapped file was cut short after its size was checked: the copy of the lost pages
            // faulted, which the JVM reports a little later; the part's bytes are not the file's.
            part = new PartSteps(new Steps(0));
            part.ended(new TraceFormatException(file, 0, "cannot be read: the file changed while being read"), false,
                    false);
        } catch (RuntimeException | Error e) {
            deliver(k, new Delivery(null, 0, null, new Failure(e)));
            return;
        }
        deliver(k, new Delivery(part, lines, bytesOfError, null));
    }

    /**
     * Part {@code k}'s steps and error after the parts before it: its lines numbered on from
     * theirs, its steps checking edges once an interception and a recorded response stand before
     * them. A part that ended in an error is read again with the true line numbers, so that the
     * error's text names the lines a reading from the start names.
     */
    private PartSteps settle(int k, Delivery d) {
        Before b = settled;
        PartSteps part = d.part();
        int lineBase = b.lines();
        if (d.bytesOfError() != null && lineBase > 0) {
            part = new PartSteps(new Steps(0));
            TraceParser.readPart(file, d.bytesOfError(), 0, d.bytesOfError().length, k == 0, lineBase, part,
                    new TraceParser.Shortcuts());
            lineBase = 0;
        }
        settled = new Before(b.intercepts() || part.interceptsAtEnd(), b.records() || part.recordsAtEnd(),
                b.lines() + d.lines());
        part.settle(b.intercepts(), b.records(), lineBase);
        return part;
    }

    /** An empty batch, one the caller is done with if there is one. */
    private Steps batch() {
        Steps batch = free.poll();
        if (batch == null) {
            return new Steps(partBytes / 40);
        }
        batch.clear();
        return batch;
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

    /**
     * A reader's window on the file: bytes {@code from..to} of it, copied from the file mapped into
     * memory, or read, as they are needed.
     */
    private static final class Region {
        /** The whole file mapped, or null: then it is read. */
        private final MappedByteBuffer mapped;
        byte[] bytes = new byte[1 << 16];
        long from;
        long to;

        Region(MappedByteBuffer mapped) {
            this.mapped = mapped;
        }

        void startAt(long offset) {
            from = offset;
            to = offset;
        }

        /** Brings the file up to {@code end} into the window. */
        void cover(FileChannel channel, long end) throws IOException {
            if (end <= to) {
                return;
            }
            int need = (int) (end - from);
            if (need > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(need, bytes.length * 2));
            }
            // Read ahead, but not far past what is needed: a part is read whole in a call or two.
            long want = Math.max(end, Math.min(from + bytes.length, end + (1 << 16)));
            if (mapped != null) {
                copyMapped(channel, Math.min(want, mapped.capacity()));
            } else {
                ByteBuffer into = ByteBuffer.wrap(bytes, (int) (to - from), (int) (want - to));
                while (into.hasRemaining()) {
                    int n = channel.read(into, from + into.position());
                    if (n < 0) {
                        break;
                    }
                }
                to = from + into.position();
            }
            if (to < end) {
                throw new IOException("the file ended at byte " + to + " while being read");
            }
        }

        /**
         * Copies the mapped file up to {@code until}: one copy, where a read copies twice (the
         * kernel's into a buffer, the JDK's into the array). The bytes must still be in the file:
         * a copy of pages the file has lost faults, which the JVM reports as an InternalError.
         */
        private void copyMapped(FileChannel channel, long until) throws IOException {
            long end = Math.min(until, channel.size()); // short of until: the caller says where the file ended
            if (end > to) {
                mapped.get((int) to, bytes, (int) (to - from), (int) (end - to));
                to = end;
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

    /** {@inheritDoc} A batch of steps is the caller's until the next call, which may fill it again. */
    @Override
    public Object next() throws TraceFormatException {
        if (lent != null) {
            free.add(lent);
            lent = null;
        }
        while (items.isEmpty()) {
            if (sequential != null) {
                return sequential.next();
            }
            if (taken == parts) {
                return null;
            }
            if (taken == 0 && callerReader == null) {
                readTheFirstPart();
            }
            Delivery d;
            try {
                while (!delivered[taken].isDone() && readAPartMeanwhile()) {
                    // the part awaited may be done by now
                }
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
            PartSteps part = settle(k, d);
            if (k == 0 && part.header() == null && part.error() == null) {
                // A first part with no command at all (a long preamble): the parts after it took
                // one for granted, so the file is read again from its start, by one thread.
                stopReaders();
                sequential = Sequential.startReading(file);
                continue;
            }
            if (part.header() != null) {
                items.add(part.header());
            }
            Steps steps = part.steps();
            if (!steps.isEmpty()) {
                items.add(steps);
            }
            if (part.error() != null) {
                items.add(part.error());
                taken = parts; // nothing after an error
            }
        }
        Object item = items.peek();
        if (item instanceof TraceFormatException e) {
            throw new TraceFormatException(e.file(), e.line(), e.reason()); // and again at every call
        }
        item = items.poll();
        if (item instanceof Steps batch) {
            lent = batch;
        }
        return item;
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
        if (callerReader != null) {
            try {
                callerReader.close();
            } catch (IOException e) {
                // nothing was written: closing a file read to its end cannot lose anything
            }
        }
        if (sequential != null) {
            sequential.close();
        }
    }
}
