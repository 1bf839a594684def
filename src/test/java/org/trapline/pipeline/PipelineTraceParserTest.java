package org.trapline.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.trapline.models.vcpu.CpuMode;
import org.trapline.models.vmx.ExecutionControls;
import org.trapline.trace.TraceFormatException;

/** The {@code *.vmx} reader: what a well-formed trace says, and file:line:reason for each malformed line. */
class PipelineTraceParserTest {
    private static final Path FILE = Path.of("t.vmx");

    private static PipelineTrace parse(String text) throws TraceFormatException {
        return PipelineTraceParser.parse(FILE, List.of(text.split("\n", -1)));
    }

    @Test
    void readsTheHeaderStepsAndExpectations() throws Exception {
        PipelineTrace t = parse("""
                @profile hardware
                @vcpu mode=32
                @vmcs primary=use-io-bitmaps|activate-secondary secondary=enable-ept pin=0
                @io-bitmap trap 0x20-0x21,0x60
                @ept trap-violation 0xfed00000-0xfed00fff
                @interrupts lapic
                g mov al, 0x11 ; a comment
                g out 0x20, al
                exit 30 qual=0x00200040 & 0xffff00ff len=2 gpa=0x0 info=0x0
                kick
                exit 1
                inject 0x80000030
                g in al, 0x60 -> 0xfa
                noexit
                @expect exits io=1 external-interrupt=1
                @expect accesses injections=1
                """);
        assertThat(t.profile()).contains("hardware");
        assertThat(t.mode()).isEqualTo(CpuMode.BITS32);
        assertThat(t.primary()).isEqualTo(ExecutionControls.USE_IO_BITMAPS | ExecutionControls.ACTIVATE_SECONDARY_CONTROLS);
        assertThat(t.secondary()).isEqualTo(ExecutionControls.ENABLE_EPT);
        assertThat(t.pin()).isZero();
        assertThat(t.ioTraps()).containsExactly(new PipelineTrace.Range(0x20, 0x21), new PipelineTrace.Range(0x60, 0x60));
        assertThat(t.ept()).containsExactly(new PipelineTrace.EptRange(5, "trap-violation",
                new PipelineTrace.Range(0xfed00000L, 0xfed00fffL)));
        assertThat(t.interrupts()).isEqualTo("lapic");
        assertThat(t.steps()).hasSize(4);
        assertThat(t.steps().get(1).exits()).containsExactly(
                new ExitExpectation(9, 30, 0x00200040L, 0xffff00ffL, 2, 0L, null, 0, null, 0));
        assertThat(t.steps().get(2).exits()).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo(1);
            assertThat(e.inject()).isEqualTo(0x80000030);
            assertThat(e.injectLine()).isEqualTo(12);
        });
        assertThat(t.steps().get(3).accumulator()).isEqualTo(0xfa);
        assertThat(t.steps().get(3).accumulatorSize()).isEqualTo(1);
        assertThat(t.expectedExits()).containsEntry(30, 1L).containsEntry(1, 1L);
        assertThat(t.expectedAccesses()).containsEntry("injections", 1L);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
            Arguments.of("g mov rbx, 1", 2, "'rbx' is not a register"),
            Arguments.of("g mov al, 0x1zz", 2, "'0x1zz' is not a number"),
            Arguments.of("g mov al, 0x100", 2, "0x100 does not fit in al"),
            Arguments.of("g in bl, 0x60", 2, "'bl' is not an accumulator"),
            Arguments.of("g in al, 0x100", 2, "an immediate port is 0x00-0xff"),
            Arguments.of("g out 0x80, rax", 2, "'rax' is not an accumulator"),
            Arguments.of("g rep lodsb", 2, "'rep lodsb' is not an instruction"),
            Arguments.of("g out 0x80, al -> 0x1", 2, "checks the accumulator after IN or a load"),
            Arguments.of("@frobnicate 1", 2, "unknown directive or command '@frobnicate'"),
            Arguments.of("exit 30", 2, "exit before any g, kick or irq line"),
            Arguments.of("g nop\ninject 0x80000009", 3, "put it after an exit line"),
            Arguments.of("g nop\nexit 30 qual=zz", 3, "'zz' is not a number"),
            Arguments.of("g nop\nexit 30 size=1", 3, "takes qual=, len=, gpa=, gla= and info="),
            Arguments.of("g nop\nexit 30 gla=0xq", 3, "'0xq' is not a number"),
            Arguments.of("@vcpu mode=8", 2, "@vcpu takes mode=16"),
            Arguments.of("@vcpu rflags=0x100000000", 2, "0x100000000 is more than 0xffffffff"),
            Arguments.of("g mem 0x1000 2", 2, "g mem ADDR LEN -> HEX"),
            Arguments.of("g mem 0x1000 2 -> 0011aa", 2, "2 bytes need 4 hex digits"),
            Arguments.of("g mem 0x1000 1 -> zz", 2, "1 bytes need 2 hex digits"),
            Arguments.of("g mem 0x1000 4097 -> 00", 2, "4097 is more than 4096"),
            Arguments.of("clock_step", 2, "clock_step needs a number of nanoseconds"),
            Arguments.of("clock_step 10000000001", 2, "is more than 0x2540be400"),
            Arguments.of("@vmcs primary=use-io-bitmap", 2, "'use-io-bitmap' is not a control"),
            Arguments.of("@ept ram 0x0-0x7ff", 2, "whole 4 KiB pages"),
            Arguments.of("@io-bitmap trap 0x10000", 2, "0x10000 is more than 0xffff"),
            Arguments.of("@interrupts apic", 2, "@interrupts is pic, lapic or none"),
            Arguments.of("g nop\n@expect exits io=1\ng nop", 4, "nothing but @expect may follow @expect"),
            Arguments.of("g nop\n@expect exits hlt=1", 3, "'hlt' is not an exit"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void aMalformedLineIsRefusedWithItsLineNumber(String body, int line, String reason) {
        String text = "@vcpu mode=64\n" + body;
        assertThatThrownBy(() -> parse(text)).isInstanceOf(TraceFormatException.class)
                .satisfies(e -> assertThat(((TraceFormatException) e).line()).isEqualTo(line))
                .hasMessageStartingWith("t.vmx:" + line + ": ")
                .hasMessageContaining(reason);
    }

    @Test
    void aTraceWithoutStepsIsRefused() {
        assertThatThrownBy(() -> parse("@vcpu mode=64\n")).isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("no guest instruction");
    }
}
