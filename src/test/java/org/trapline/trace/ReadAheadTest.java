package org.trapline.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadAheadTest {
    @TempDir
    Path dir;

    /** Remembers what it was given, and stops after {@code stopAfter} steps. */
    private static final class Recorder implements TraceListener {
        final List<String> seen = new ArrayList<>();
        final int stopAfter;

        Recorder(int stopAfter) {
            this.stopAfter = stopAfter;
        }

        @Override
        public void begin(TraceHeader header) {
            seen.add("header " + header.profile().orElse("-"));
        }

        @Override
        public boolean step(Step step) {
            seen.add(step.line() + " " + step.command().text());
            return seen.size() <= stopAfter;
        }
    }

    private Path trace(int commands, String tail) throws Exception {
        StringBuilder text = new StringBuilder("@profile hardware\n");
        for (int i = 0; i < commands; i++) {
            text.append("[R +0.1] outb 0x80 0x").append(Integer.toHexString(i & 0xff)).append("\n[S +0.2] OK\n");
        }
        Path file = dir.resolve("t.log");
        Files.writeString(file, text + tail);
        return file;
    }

    @Test
    void theListenerSeesWhatAPlainReadShowsInOrder() throws Exception {
        Path file = trace(10_000, "");
        Recorder plain = new Recorder(Integer.MAX_VALUE);
        TraceParser.read(file, plain);
        Recorder ahead = new Recorder(Integer.MAX_VALUE);
        TraceParser.readAhead(file, ahead);
        assertThat(ahead.seen).hasSize(10_001).first().isEqualTo("header hardware");
        assertThat(ahead.seen).isEqualTo(plain.seen);
    }

    @Test
    void whenTheListenerStopsTheReaderStopsToo() throws Exception {
        Path file = trace(50_000, "");
        Recorder early = new Recorder(100);
        TraceParser.readAhead(file, early);
        assertThat(early.seen).hasSize(101).last().isEqualTo("200 outb 0x80 0x63");
        Thread.sleep(200);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("trace-reader"));
    }

    @Test
    void aFormatErrorComesAfterTheStepsBeforeIt() throws Exception {
        Path file = trace(5_000, "bogus 1\n");
        Recorder recorder = new Recorder(Integer.MAX_VALUE);
        assertThatThrownBy(() -> TraceParser.readAhead(file, recorder))
                .isInstanceOf(TraceFormatException.class).hasMessage(file + ":10002: unknown qtest command 'bogus'");
        assertThat(recorder.seen).hasSize(5_001);
    }

    @Test
    void aMissingFileIsAFormatError() {
        Path missing = dir.resolve("missing.log");
        assertThatThrownBy(() -> TraceParser.readAhead(missing, new Recorder(1)))
                .isInstanceOf(TraceFormatException.class).hasMessage(missing + ": no such file");
    }
}
