package org.trapline.qtest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QtestRepliesTest {
    @Test
    void portValuesArePrintedAsQemuPrintsThem() {
        assertThat(QtestReplies.portValue(0)).isEqualTo("OK 0x0000");
        assertThat(QtestReplies.portValue(0x26)).isEqualTo("OK 0x0026");
        assertThat(QtestReplies.portValue(0xffff)).isEqualTo("OK 0xffff");
        assertThat(QtestReplies.portValue(0x12345)).isEqualTo("OK 0x12345");
        assertThat(QtestReplies.portValue(0x12378086L)).isEqualTo("OK 0x12378086");
        assertThat(QtestReplies.portValue(0xffff_ffffL)).isEqualTo("OK 0xffffffff");
    }

    @Test
    void memoryValuesAlwaysHaveSixteenDigits() {
        assertThat(QtestReplies.memoryValue(0)).isEqualTo("OK 0x0000000000000000");
        assertThat(QtestReplies.memoryValue(0xe05beaL)).isEqualTo("OK 0x0000000000e05bea");
        assertThat(QtestReplies.memoryValue(-1L)).isEqualTo("OK 0xffffffffffffffff");
    }

    @Test
    void bulkAndClockAndInterruptLines() {
        assertThat(QtestReplies.hexBytes(new byte[] {1, 2, 3, 0, (byte) 0xab})).isEqualTo("OK 0x01020300ab");
        assertThat(QtestReplies.base64(new byte[] {0, 0, 0, 0})).isEqualTo("OK AAAAAA==");
        assertThat(QtestReplies.clock(27_462_700)).isEqualTo("OK 27462700");
        assertThat(QtestReplies.unknownCommand("clock_step")).isEqualTo("FAIL Unknown command 'clock_step'");
        assertThat(QtestReplies.irq(8, 1)).isEqualTo("IRQ raise 8");
        assertThat(QtestReplies.irq(3, -1)).isEqualTo("IRQ raise 3");
        assertThat(QtestReplies.irq(0, 0)).isEqualTo("IRQ lower 0");
    }

    @Test
    void theValueOfAnAnswerIsItsHexNumber() {
        assertThat(QtestReplies.valueOf("OK 0x0026")).isEqualTo(0x26L);
        assertThat(QtestReplies.valueOf("OK 0xffffffffffffffff")).isEqualTo(-1L);
        assertThat(QtestReplies.valueOf("OK")).isNull();
        assertThat(QtestReplies.valueOf("OK 12")).isNull();
        assertThat(QtestReplies.valueOf("OK 0xzz")).isNull();
        assertThat(QtestReplies.valueOf("FAIL Unknown device")).isNull();
    }

    @Test
    void aPortAnswerIsReadBackFromItsBytesOnlyInQemusOwnForm() {
        java.util.function.ToLongFunction<String> value = text -> {
            byte[] b = ("xx" + text + "yy").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            return QtestReplies.portValueOf(b, 2, b.length - 2);
        };
        assertThat(value.applyAsLong("OK 0x0026")).isEqualTo(0x26);
        assertThat(value.applyAsLong("OK 0x12378086")).isEqualTo(0x12378086L);
        assertThat(value.applyAsLong(QtestReplies.portValue(0xffff))).isEqualTo(0xffff);
        assertThat(value.applyAsLong(QtestReplies.portValue(0x10000))).isEqualTo(0x10000);
        for (String other : new String[] {"OK 0x026", "OK 0x00026", "OK 0x0000ffff", "OK 0x00AB", "OK 0x123456789",
                "OK 26", "FAIL 0x0026", "OK  0x0026"}) {
            assertThat(value.applyAsLong(other)).as(other).isEqualTo(-1);
        }
    }
}
