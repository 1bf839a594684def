package org.trapline.qtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A log's port command line read from its bytes, packed, and made into text again. */
class PortCommandLineTest {
    private final QtestCommand.ByteReader reader = new QtestCommand.ByteReader();

    /** The line, then blanks to the reach the reader may read; the '\n' index it gives, or -1. */
    private int read(String line) {
        byte[] bytes = Arrays.copyOf((line + "\n").getBytes(StandardCharsets.US_ASCII),
                line.length() + 1 + QtestCommand.ByteReader.LINE_REACH);
        Arrays.fill(bytes, line.length() + 1, bytes.length, (byte) ' ');
        return reader.portCommandLine(bytes, 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"inb 0x20", "inl 0xcfc", "outb 0x21 0xfb", "outl 0xcf8 0x80000800", "outw 0xcfe 0x0",
            // the value padded to two digits a byte, as many clients write it
            "outb 0x21 0x04", "outb 0xa0 0x00", "outw 0xcfc 0x00ff", "outl 0xcfc 0x00000000", "outl 0xcf8 0x0000fffc"})
    void aPackedCommandKeepsTheTextOfItsLine(String line) throws Exception {
        assertThat(read(line)).isEqualTo(line.length());
        long access = reader.lineAccess();
        assertThat(PortAccess.command(access).text()).isEqualTo(line);
        assertThat(PortAccess.command(access)).isEqualTo(QtestCommand.parse(line));
    }

    @ParameterizedTest
    @ValueSource(strings = {"outb 0x21 0x004", "outb 0x21 0x0004", "outw 0xcfc 0x0ff", "outl 0xcfc 0x0000000000",
            "outb 0x021 0x04", "outb 0x21 0X04", "outb 0x21 0x1ff", "outb 0x21 4", "inb 0x020"})
    void anyOtherFormIsLeftToTheGeneralParser(String line) {
        assertThat(read(line)).isEqualTo(-1);
    }
}
