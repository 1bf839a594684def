package org.trapline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trapline replay}: exit 0 when every check holds, 1 at a divergence, 2 for unusable input. */
class ReplayCommandTest {
    @TempDir
    Path dir;

    private Path trace(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void aPassingTraceExitsZero() throws Exception {
        Path t = trace("ram.trace", """
                @profile qemu-pc
                # RAM keeps what is written to it
                writel 0x1000 0x12345678
                readl 0x1000 -> 0x12345678
                readb 0x1001 -> 0x56
                endianness -> OK little
                """);
        CliRun run = CliRun.of("replay", t.toString());
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("PASS " + t).contains("1 passed, 0 failed");
    }

    @Test
    void aBoardWithQemusDefaultDevicesIsReplayedWithANoteOfWhatTheModelLacks() throws Exception {
        Path t = trace("defaults.trace", """
                @machine -machine pc -m 128M -display none
                inb 0x3fd -> 0x60
                """);
        CliRun run = CliRun.of("replay", t.toString());
        assertThat(run.status()).as(run.all()).isZero();
        assertThat(run.err()).isEqualTo("note: " + t + ": std VGA (00:02.0), e1000 (00:03.0) are modelled in PCI"
                + " configuration space only: nothing decodes behind their BARs (no framebuffer, no VGA ports 3C0h-3DFh or"
                + " memory A0000h-BFFFFh, no device registers behind BAR0/BAR1 or the USB I/O BAR, no option ROM contents),"
                + " so an access there reads as unassigned memory or I/O where QEMU's device answers"
                + System.lineSeparator());
        CliRun nodefaults = CliRun.of("replay", "--machine", "-machine pc -m 128M -nodefaults -display none -serial null",
                t.toString());
        assertThat(nodefaults.err()).isEmpty();
    }

    @Test
    void aDivergenceExitsOneAndNamesFileAndLine() throws Exception {
        Path t = trace("ram.trace", """
                writel 0x1000 0x12345678
                readl 0x1000 -> 0xdeadbeef ; a wrong expectation on purpose
                """);
        CliRun run = CliRun.of("replay", t.toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).contains("FAIL " + t)
                .contains(t + ":2: readl 0x1000")
                .contains("expected: OK 0xdeadbeef")
                .contains("actual:   OK 0x0000000012345678")
                .contains("0 passed, 1 failed");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown command          | inb 0x20%nfrobnicate 0x20                 | 2 | unknown qtest command 'frobnicate'
            bad number               | outb 0x20 0x1g                           | 1 | value '0x1g' is not a number
            response before command  | [S +0.000001] OK%ninb 0x20                | 1 | a response with no command before it
            header after command     | inb 0x20%n@profile hardware               | 2 | header line after the first command
            port past 0xffff         | inb 0x10000                              | 1 | port 0x10000 is past 0xffff
            """)
    void aMalformedTraceExitsTwoWithFileAndLine(String what, String text, int line, String reason) throws Exception {
        Path t = trace("bad.trace", text.formatted() + "\n");
        CliRun run = CliRun.of("replay", t.toString());
        assertThat(run.status()).as(what).isEqualTo(2);
        assertThat(run.all()).contains(t + ":" + line + ": " + reason);
        assertNoStackTrace(run);
    }

    @Test
    void aMissingFileExitsTwo() {
        Path missing = dir.resolve("missing.trace");
        CliRun run = CliRun.of("replay", missing.toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.all()).contains(missing + ": no such file");
        assertNoStackTrace(run);
    }

    @Test
    void anUnknownProfileExitsTwo() throws Exception {
        Path t = trace("ok.trace", "endianness -> OK little\n");
        CliRun run = CliRun.of("replay", "--profile", "nonesuch", t.toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("unknown profile 'nonesuch'");
    }

    static void assertNoStackTrace(CliRun run) {
        assertThat(run.all()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
