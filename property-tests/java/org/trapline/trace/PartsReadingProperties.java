package org.trapline.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * A trace read in parts by several threads gives exactly what one reading from start to end
 * gives: the header, every step with its line and its edge checks, and the same error at the
 * same line; whatever the size of the parts, even parts smaller than a line, and whether the parts
 * are copied from the file mapped into memory or read from it.
 */
class PartsReadingProperties {
    @Provide
    Arbitrary<List<String>> logs() {
        return LogReadingProperties.recordedLogs();
    }

    @Property(tries = 40, edgeCases = EdgeCasesMode.NONE)
    void partsReadLikeTheWhole(@ForAll("logs") List<String> lines, @ForAll @IntRange(min = 16, max = 8192) int partBytes,
                               @ForAll @IntRange(min = 1, max = 3) int threads, @ForAll boolean mapped)
            throws IOException {
        String log = String.join("", lines);
        Path file = Files.createTempFile("trapline-parts", ".log");
        try {
            Files.writeString(file, log, StandardCharsets.US_ASCII);
            List<Object> whole = new ArrayList<>();
            try {
                TraceParser.read(file, new TraceListener() {
                    @Override
                    public void begin(TraceHeader header) {
                        whole.add(header);
                    }

                    @Override
                    public boolean step(Step step) {
                        return whole.add(step);
                    }
                });
            } catch (TraceFormatException e) {
                whole.add(e.getMessage());
            }
            List<Object> inParts = new ArrayList<>();
            try (ParsedAhead ahead = ParsedAhead.start(file, partBytes, threads, mapped)) {
                Statistics.label("reading").collect(ahead instanceof PartsReading ? "in parts" : "whole");
                for (Object item = ahead.next(); item != null; item = ahead.next()) {
                    if (item instanceof Steps batch) {
                        inParts.addAll(batch.toList());
                    } else {
                        inParts.add(item);
                    }
                }
            } catch (TraceFormatException e) {
                inParts.add(e.getMessage());
            }
            for (int i = 0; i < Math.min(whole.size(), inParts.size()); i++) {
                assertThat(inParts.get(i)).as("item %d read in parts of %d bytes", i, partBytes).isEqualTo(whole.get(i));
            }
            assertThat(inParts).hasSameSizeAs(whole);
        } finally {
            Files.delete(file);
        }
    }
}
