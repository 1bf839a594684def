package org.trapline.qtest;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** The table-driven reading of a run of hex digits gives what reading them with the JDK gives. */
class HexRunProperties {
    @Provide
    Arbitrary<byte[]> texts() {
        // Mostly hex digits, so that runs of every length up to past nine come up, and any byte else.
        Arbitrary<Byte> hexDigit = Arbitraries.of("0123456789abcdef".chars().boxed().toList()).map(c -> (byte) (int) c);
        Arbitrary<Byte> anyByte = Arbitraries.bytes();
        Arbitrary<Byte> nearMisses = Arbitraries.of((byte) '/', (byte) ':', (byte) '`', (byte) 'g', (byte) 'A',
                (byte) 'F', (byte) '\n', (byte) ' ', (byte) 0xb0, (byte) 0xe1);
        return Arbitraries.frequencyOf(
                        Tuple.of(8, hexDigit), Tuple.of(1, anyByte), Tuple.of(1, nearMisses))
                .array(byte[].class).ofSize(9);
    }

    @Property(tries = 3000)
    void theRunIsWhatTheJdkReads(@ForAll("texts") byte[] text) {
        assertThat(PortCommands.hexRun(text, 0)).isEqualTo(byteByByte(text));
    }

    /** The reference: digits one at a time, value and count packed, up to nine. */
    private static long byteByByte(byte[] b) {
        long value = 0;
        int count = 0;
        while (count < 9 && Character.digit(b[count] & 0xff, 16) >= 0 && (b[count] < 'A' || b[count] > 'F')) {
            value = value << 4 | Character.digit(b[count], 16);
            count++;
        }
        return value << 4 | count;
    }
}
