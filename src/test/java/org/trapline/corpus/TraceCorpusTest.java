package org.trapline.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.trapline.runner.ReplayResult;
import org.trapline.runner.Replayer;
import org.trapline.target.ModelTarget;
import org.trapline.trace.Trace;
import org.trapline.trace.TraceFiles;
import org.trapline.trace.TraceParser;

/**
 * Every golden trace (recorded from QEMU) and every spec trace (written from a datasheet) replays
 * against the reference model, each as a test of its own, under the profile its header names.
 */
class TraceCorpusTest {
    @TestFactory
    Stream<DynamicTest> goldenTraces() throws Exception {
        return tracesUnder(Path.of("golden"));
    }

    @TestFactory
    Stream<DynamicTest> specTraces() throws Exception {
        return tracesUnder(Path.of("spec-traces"));
    }

    @TestFactory
    Stream<DynamicTest> goldenTracesNameTheirProvenance() throws Exception {
        return files(Path.of("golden")).stream().map(file -> DynamicTest.dynamicTest(file.toString(), () -> {
            Trace trace = TraceParser.parse(file);
            assertThat(trace.provenance()).as("@provenance of %s", file)
                    .anySatisfy(p -> assertThat(p).startsWith("recorded by trapline record from QEMU"));
            assertThat(trace.machineArgs()).as("@machine of %s", file).isPresent();
        }));
    }

    private static Stream<DynamicTest> tracesUnder(Path root) throws Exception {
        return files(root).stream().map(file -> DynamicTest.dynamicTest(file.toString(), () -> {
            Trace trace = TraceParser.parse(file);
            ModelTarget target = ModelTarget.forTrace(trace, null, null);
            ReplayResult result = Replayer.replay(trace, target);
            assertThat(result.checksMade()).as("%s checks something", file).isPositive();
            assertThat(result.divergence()).as("replay of %s", file)
                    .withFailMessage(() -> result.divergence().map(d -> d.report(target.name())).orElse(""))
                    .isEmpty();
        }));
    }

    private static List<Path> files(Path root) throws Exception {
        return TraceFiles.under(root);
    }
}
