package org.trapline.qtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class QtestCommandTest {
    private static QtestCommand parse(String line) throws QtestSyntaxException {
        return QtestCommand.parse(line);
    }

    @Test
    void portAccessesCarryPortWidthAndTruncatedValue() throws Exception {
        assertThat(parse("outb 0x21 0x1ff")).isEqualTo(new QtestCommand.PortWrite("outb 0x21 0x1ff", 0x21, 1, 0xff));
        assertThat(parse("outw 0xcfc 0x12345")).isEqualTo(new QtestCommand.PortWrite("outw 0xcfc 0x12345", 0xcfc, 2, 0x2345));
        assertThat(parse("outl 0xcf8 0x80000000")).isEqualTo(new QtestCommand.PortWrite("outl 0xcf8 0x80000000", 0xcf8, 4, 0x8000_0000L));
        assertThat(parse("inw 0xffff")).isEqualTo(new QtestCommand.PortRead("inw 0xffff", 0xffff, 2));
        assertThat(parse("inl 0")).isEqualTo(new QtestCommand.PortRead("inl 0", 0, 4));
    }

    @Test
    void numbersAreReadInCNotationAsQemuReadsThem() throws Exception {
        assertThat(((QtestCommand.PortWrite) parse("outb 0x21 10")).value()).isEqualTo(10);
        assertThat(((QtestCommand.PortWrite) parse("outb 0x21 010")).value()).isEqualTo(8);
        assertThat(((QtestCommand.PortWrite) parse("outb 0x21 0XfF")).value()).isEqualTo(0xff);
        assertThat(((QtestCommand.PortWrite) parse("outb 0x21 0")).value()).isZero();
    }

    @Test
    void memoryAccessesTakeAllFourWidths() throws Exception {
        assertThat(parse("readq 0xfffffffffffffff8")).isEqualTo(new QtestCommand.MemRead("readq 0xfffffffffffffff8", -8L, 8));
        assertThat(parse("writeq 0x1000 0x1122334455667788"))
                .isEqualTo(new QtestCommand.MemWrite("writeq 0x1000 0x1122334455667788", 0x1000, 8, 0x1122334455667788L));
        assertThat(parse("writew 0x10 0x123456")).isEqualTo(new QtestCommand.MemWrite("writew 0x10 0x123456", 0x10, 2, 0x3456));
        assertThat(parse("readb 0x10")).isEqualTo(new QtestCommand.MemRead("readb 0x10", 0x10, 1));
        assertThat(parse("readl 0x10")).isEqualTo(new QtestCommand.MemRead("readl 0x10", 0x10, 4));
    }

    @Test
    void bulkCommandsDecodeTheirData() throws Exception {
        var write = (QtestCommand.BulkWrite) parse("write 0x1000 4 0x0102");
        assertThat(write.data()).containsExactly(1, 2, 0, 0);
        var b64 = (QtestCommand.BulkWrite) parse("b64write 0x1000 1 AQI=");
        assertThat(b64.data()).containsExactly(1);
        var memset = (QtestCommand.BulkWrite) parse("memset 0x1000 3 0x55");
        assertThat(memset.data()).containsExactly(0x55, 0x55, 0x55);
        assertThat(parse("read 0x1000 4")).isEqualTo(new QtestCommand.BulkRead("read 0x1000 4", 0x1000, 4, false));
        assertThat(parse("b64read 0x1000 4")).isEqualTo(new QtestCommand.BulkRead("b64read 0x1000 4", 0x1000, 4, true));
    }

    @Test
    void clockAndInterruptCommands() throws Exception {
        assertThat(parse("clock_step")).isEqualTo(new QtestCommand.Clock("clock_step", false, 0, true));
        assertThat(parse("clock_step 100")).isEqualTo(new QtestCommand.Clock("clock_step 100", false, 100, false));
        assertThat(parse("clock_set 5")).isEqualTo(new QtestCommand.Clock("clock_set 5", true, 5, false));
        assertThat(parse("set_irq_in /machine/unattached/device[6] unnamed-gpio-in 3 -1")).isEqualTo(
                new QtestCommand.SetIrqIn("set_irq_in /machine/unattached/device[6] unnamed-gpio-in 3 -1",
                        "/machine/unattached/device[6]", "unnamed-gpio-in", 3, -1));
        assertThat(parse("irq_intercept_in ioapic")).isEqualTo(new QtestCommand.IrqIntercept("irq_intercept_in ioapic", "ioapic", true));
        assertThat(parse("irq_intercept_out ioapic")).isEqualTo(new QtestCommand.IrqIntercept("irq_intercept_out ioapic", "ioapic", false));
        assertThat(parse("endianness")).isEqualTo(new QtestCommand.Endianness("endianness"));
    }

    @Test
    void theCanonicalTextHasSingleSpacesBecauseQemuAbortsOnOthers() throws Exception {
        assertThat(parse("  outb \t0x80   0x1 ").text()).isEqualTo("outb 0x80 0x1");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "''|empty command",
            "bogus 1|unknown qtest command 'bogus'",
            "OUTB 0x80 1|unknown qtest command 'OUTB'",
            "inb|'inb' takes 1 argument, not 0",
            "inb 0x80 7|'inb' takes 1 argument, not 2",
            "outb 0x80|'outb' takes 2 arguments, not 1",
            "inb 0x10000|port 0x10000 is past 0xffff",
            "inb zz|port 'zz' is not a number",
            "outb 0x20 0x1g|value '0x1g' is not a number",
            "inb -1|port '-1' is not a number",
            "outb 0x20 09|value '09' is not a number",
            "write 0x0 2 0102|data '0102' is not 0x followed by pairs of hex digits",
            "write 0x0 2 0x123|data '0x123' is not 0x followed by pairs of hex digits",
            "write 0x0 2 0xzz|data '0xzz' is not hex",
            "b64write 0x0 2 !!!|data '!!!' is not base64",
            "read 0x0 0x2000000|size 0x2000000 is larger than 16 MiB",
            "set_irq_in x unnamed-gpio-in 0x100000000 1|GPIO number 0x100000000 is out of range",
            "set_irq_in x unnamed-gpio-in 1 0x80000000|level '0x80000000' is out of range",
            "set_irq_in x unnamed-gpio-in 1 --1|level '--1' is not a number",
            "clock_set|'clock_set' takes 1 argument, not 0",
            "endianness 1|'endianness' takes 0 arguments, not 1",
    })
    void malformedCommandsAreRefusedWithAReason(String line, String reason) {
        assertThatThrownBy(() -> parse(line)).isInstanceOf(QtestSyntaxException.class).hasMessage(reason);
    }
}
