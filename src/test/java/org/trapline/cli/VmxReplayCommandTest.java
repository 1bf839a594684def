package org.trapline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trapline replay} of {@code *.vmx} trap-pipeline traces: 0 pass, 1 divergence, 2 malformed. */
class VmxReplayCommandTest {
    @TempDir
    Path dir;

    @Test
    void theSpecTracesPass() {
        CliRun run = CliRun.of("replay", "spec-traces/vmx");
        assertThat(run.status()).as(run.all()).isZero();
        assertThat(run.out()).contains("PASS spec-traces/vmx/injection.vmx").contains(" passed, 0 failed");
    }

    @Test
    void aMalformedTraceExitsTwoWithFileAndLine() throws Exception {
        Path t = Files.writeString(dir.resolve("bad.vmx"), """
                @vcpu mode=64
                g mov rbx, 1
                """);
        CliRun run = CliRun.of("replay", t.toString());
        assertThat(run.status()).isEqualTo(Main.UNUSABLE);
        assertThat(run.out()).contains("ERROR " + t + ":2: 'rbx' is not a register");
    }

    @Test
    void aDivergenceExitsOne() throws Exception {
        Path t = Files.writeString(dir.resolve("wrong.vmx"), """
                @vmcs primary=unconditional-io-exiting
                g out 0x80, al
                exit 30 qual=0x00800048 ; wrong on purpose: OUT has bit 3 clear
                """);
        CliRun run = CliRun.of("replay", t.toString());
        assertThat(run.status()).isEqualTo(Main.DIVERGED);
        assertThat(run.out()).contains("FAIL " + t).contains(t + ":3:").contains("0 passed, 1 failed");
    }
}
