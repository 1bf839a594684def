package org.trapline.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParsedAheadTest {
    @TempDir
    Path dir;

    private Path log(int commands, String tail) throws Exception {
        StringBuilder sb = new StringBuilder("@profile qemu-pc\n");
        for (int i = 0; i < commands; i++) {
            sb.append("[R +0.1] outb 0x80 0x").append(Integer.toHexString(i & 0xff)).append("\n[S +0.1] OK\n");
        }
        return Files.writeString(dir.resolve("t.log"), sb.append(tail).toString());
    }

    private static List<Step> drain(ParsedAhead ahead) throws TraceFormatException {
        List<Step> steps = new ArrayList<>();
        for (Object item = ahead.next(); item != null; item = ahead.next()) {
            if (item instanceof Steps batch) {
                steps.addAll(batch.toList());
            }
        }
        return steps;
    }

    @Test
    void theHeaderThenEveryStepInFileOrder() throws Exception {
        Path file = log(10_000, "");
        try (ParsedAhead ahead = ParsedAhead.start(file)) {
            assertThat(ahead.next()).isInstanceOfSatisfying(TraceHeader.class,
                    h -> assertThat(h.profile()).contains("qemu-pc"));
            List<Step> steps = drain(ahead);
            assertThat(steps).hasSize(10_000);
            assertThat(steps).extracting(Step::line).isSorted().startsWith(2, 4, 6).endsWith(20_000);
            assertThat(steps).isEqualTo(TraceParser.parse(file).steps());
            assertThat(ahead.next()).isNull();
        }
    }

    @Test
    void aFormatErrorComesAfterEveryStepBeforeIt() throws Exception {
        Path file = log(5_000, "[R +0.2] bogus\n");
        List<Step> seen = new ArrayList<>();
        try (ParsedAhead ahead = ParsedAhead.start(file)) {
            ahead.next();
            assertThatThrownBy(() -> {
                for (Object item = ahead.next(); item != null; item = ahead.next()) {
                    seen.addAll(((Steps) item).toList());
                }
            }).isInstanceOf(TraceFormatException.class).hasMessageContaining("t.log:10002");
        }
        assertThat(seen).hasSize(5_000);
    }

    @Test
    void closingEarlyStopsTheReader() throws Exception {
        Path file = log(200_000, "");
        ParsedAhead ahead = ParsedAhead.start(file);
        ahead.next();
        ahead.next();
        ahead.close(); // returns once the reading thread has stopped, long before the file's end
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("trace-reader") && t.isAlive());
    }

    @Test
    void aLongLogIsReadInPartsBySeveralThreadsToTheSameSteps() throws Exception {
        Path file = log(10_000, "[R +0.2] irq_intercept_in ioapic\n[S +0.2] OK\n" + "[R +0.3] outb 0x80 0x1\n[S +0.3] OK\n".repeat(3_000));
        try (ParsedAhead ahead = ParsedAhead.start(file, 4096, 2)) {
            assertThat(ahead).isInstanceOf(PartsReading.class);
            assertThat(ahead.next()).isEqualTo(TraceParser.parse(file).header());
            List<Step> steps = drain(ahead);
            assertThat(steps).hasSize(13_001).isEqualTo(TraceParser.parse(file).steps());
            assertThat(steps.get(10_000).checkIrqs()).isTrue(); // an interception many parts in
            assertThat(steps.get(9_999).checkIrqs()).isFalse();
        }
    }

    @Test
    void aFormatErrorManyPartsInComesAfterEveryStepBeforeItWithItsLine() throws Exception {
        Path file = log(5_000, "[R +0.2] bogus\n" + "[R +0.3] outb 0x80 0x1\n[S +0.3] OK\n".repeat(3_000));
        List<Step> seen = new ArrayList<>();
        try (ParsedAhead ahead = ParsedAhead.start(file, 4096, 3)) {
            ahead.next();
            assertThatThrownBy(() -> {
                for (Object item = ahead.next(); item != null; item = ahead.next()) {
                    seen.addAll(((Steps) item).toList());
                }
            }).isInstanceOf(TraceFormatException.class).hasMessageContaining("t.log:10002");
            assertThatThrownBy(ahead::next).hasMessageContaining("t.log:10002"); // and again
        }
        assertThat(seen).hasSize(5_000);
    }

    /**
     * A file cut short while its parts are read (copied from the mapping, where the cut pages fault,
     * or read) ends the reading with an error naming the file, never a JVM error: the readers go at
     * most a few parts ahead, so most of the file is read after the cut.
     */
    @ParameterizedTest(name = "mapped: {0}")
    @ValueSource(booleans = {true, false})
    void aFileCutShortWhileItIsReadIsAnError(boolean mapped) throws Exception {
        Path file = log(100_000, "");
        try (ParsedAhead ahead = ParsedAhead.start(file, 8192, 1, mapped);
             java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file,
                     java.nio.file.StandardOpenOption.WRITE)) {
            ahead.next();
            channel.truncate(Files.size(file) / 2);
            assertThatThrownBy(() -> drain(ahead)).isInstanceOf(TraceFormatException.class)
                    .hasMessageContaining("t.log").hasMessageContaining("while being read");
        }
    }
}
