package org.trapline.sweeps;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.trapline.runner.ReplayResult;
import org.trapline.runner.Replayer;
import org.trapline.target.ModelTarget;

/**
 * The port sweeps recorded from QEMU 7.2 ({@code golden/sweep-in{b,w,l}.trace}): every I/O port of a
 * {@code -nodefaults} board read at one width, in order, replay on the model with no divergence.
 * Each sweep reaches every device's decode, so it runs here, once, rather than under every mutant
 * of the trace corpus.
 */
class PortSweepReplayTest {
    /** 65 536 ports less the reads that would cover vmport's 5658h (one, two or four of them). */
    @ParameterizedTest(name = "in{0} over every port")
    @CsvSource({"b, 65535", "w, 65534", "l, 65532"})
    void everyPortAnswersAsQemuDoes(String width, int reads) throws Exception {
        Path trace = Path.of("golden", "sweep-in" + width + ".trace");
        ReplayResult result = Replayer.replay(trace, header -> ModelTarget.forTrace(header, null, null));
        assertThat(result.divergence()).as("first divergence of %s", trace)
                .withFailMessage(() -> result.divergence().map(d -> d.report(result.targetName())).orElse(""))
                .isEmpty();
        assertThat(result.commandsRun()).isEqualTo(reads);
        assertThat(result.checksMade()).isEqualTo(reads);
    }
}
