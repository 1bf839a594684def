package org.trapline.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trapline.trace.TraceFormatException;

/** Replays on the trap pipeline: a wrong field, a missing or an extra exit, a wrong count all diverge. */
class PipelineReplayerTest {
    private static final Path QUALIFICATION = Path.of("spec-traces", "vmx", "io-qualification.vmx");

    @TempDir
    Path dir;

    private PipelineResult replay(String name, String text) throws Exception {
        return PipelineReplayer.replay(Files.writeString(dir.resolve(name), text), null, null);
    }

    @Test
    void theSpecTracePasses() throws Exception {
        PipelineResult r = PipelineReplayer.replay(QUALIFICATION, null, null);
        assertThat(r.divergence()).isEmpty();
        assertThat(r.checksMade()).isGreaterThan(20);
    }

    @Test
    void aWrongQualificationInACopyOfTheSpecTraceDiverges() throws Exception {
        String text = Files.readString(QUALIFICATION);
        String right = "exit 30 qual=0x00ff0048 len=2";
        assertThat(text).contains(right);
        Path copy = Files.writeString(dir.resolve("mutated.vmx"), text.replace(right, "exit 30 qual=0x00ff0040 len=2"));
        int line = text.substring(0, text.indexOf(right)).split("\n", -1).length;
        PipelineResult r = PipelineReplayer.replay(copy, null, null);
        assertThat(r.divergence()).hasValueSatisfying(d -> assertThat(d)
                .contains(copy + ":" + line + ": after g in al,0xff")
                .contains("expected: exit 30 qual=0xff0040 len=2")
                .contains("actual:   exit 30 qual=0xff0048 len=2"));
    }

    @Test
    void aMissingExitAndAnExtraExitDiverge() throws Exception {
        PipelineResult missing = replay("missing.vmx", """
                @vmcs primary=use-io-bitmaps
                g out 0x80, al
                exit 30
                """);
        assertThat(missing.divergence()).hasValueSatisfying(d -> assertThat(d).contains(":3:")
                .contains("actual:   no further exit"));
        PipelineResult extra = replay("extra.vmx", """
                @vmcs primary=unconditional-io-exiting
                g out 0x80, al
                g nop
                """);
        assertThat(extra.divergence()).hasValueSatisfying(d -> assertThat(d).contains(":2:")
                .contains("expected: no further exit").contains("actual:   exit 30 qual=0x800040 len=2"));
    }

    @Test
    void aWrongAnswerAndAWrongCountDiverge() throws Exception {
        PipelineResult answer = replay("answer.vmx", """
                @vmcs primary=0
                g mov al, 0xfb
                g out 0x21, al
                g in al, 0x21 -> 0xfa
                """);
        assertThat(answer.divergence()).hasValueSatisfying(d -> assertThat(d).contains(":4:")
                .contains("expected: -> 0xfa").contains("actual:   -> 0xfb"));
        PipelineResult count = replay("count.vmx", """
                @vmcs primary=unconditional-io-exiting
                g out 0x80, al
                exit 30
                @expect exits io=2
                """);
        assertThat(count.divergence()).hasValueSatisfying(d -> assertThat(d).contains(":4: @expect")
                .contains("exits io: expected 2, actual 1"));
    }

    @Test
    void rflagsMemoryChecksAndTheClockStep() throws Exception {
        // IF set from the start: the 8259A's pending IRQ0 is injected at the first entry after a kick
        // (exit 1, then interruption information valid, external interrupt, vector 08h + 0 after ICW2 = 08h).
        PipelineResult r = replay("flags.vmx", """
                @vcpu mode=32 rflags=0x202
                @vmcs primary=0 secondary=0
                @interrupts pic
                g mov al, 0x11
                g out 0x20, al
                g mov al, 0x08
                g out 0x21, al
                g mov al, 0x04
                g out 0x21, al
                g mov al, 0x01
                g out 0x21, al
                irq 0 high
                kick
                exit 1
                inject 0x80000008
                g mov eax, 0xa1b2c3d4
                g mov [0x2000], eax
                g mem 0x2000 4 -> d4 c3 b2 a1
                clock_step 1000
                """);
        assertThat(r.divergence()).isEmpty();
        PipelineResult wrong = replay("mem.vmx", """
                @ept ram 0x0-0x7ffffff
                g mov eax, 0x1
                g mov [0x2000], eax
                g mem 0x2000 2 -> 00 01
                """);
        assertThat(wrong.divergence()).hasValueSatisfying(d -> assertThat(d).contains(":4:")
                .contains("-> 0001 expected, memory holds 0100"));
    }

    @Test
    void anInstructionTheModeCannotEncodeIsUnusableAtItsLine() throws Exception {
        Path t = Files.writeString(dir.resolve("a16.vmx"), """
                @vcpu mode=64
                g a16 insb
                """);
        assertThatThrownBy(() -> PipelineReplayer.replay(t, null, null)).isInstanceOf(TraceFormatException.class)
                .hasMessageStartingWith(t + ":2: ");
    }
}
