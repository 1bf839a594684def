package org.trapline.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class AsciiWordsTest {
    private static long word(String text) {
        byte[] b = (text + "\0".repeat(8)).getBytes(StandardCharsets.ISO_8859_1);
        return AsciiWords.at(b, 0);
    }

    @Test
    void everyFourDigitAnswerReadsAsItsValue() {
        for (int v = 0; v <= 0xffff; v++) {
            assertThat(AsciiWords.fourHexDigitsAndNewline(word(String.format("%04x\n[R ", v)))).isEqualTo(v);
        }
    }

    @Test
    void anythingButFourLowercaseHexDigitsAndANewlineIsNone() {
        for (String text : new String[] {"00fG\n", "00FF\n", "00f\n", "00ff0\n", "00ff\r\n", "00ff \n", "0x00\n", "00f/\n",
            "00f:\n", "00f`\n", "00fg\n", "00f\u00b0\n", "\u00e000f\n", "    \n"}) {
            assertThat(AsciiWords.fourHexDigitsAndNewline(word(text))).as(text).isEqualTo(-1);
        }
    }
}
