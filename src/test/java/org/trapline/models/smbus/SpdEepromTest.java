package org.trapline.models.smbus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The SPD EEPROM as an SMBus slave: offset, writes, reads, wrap, protocol errors. */
class SpdEepromTest {
    final SpdEeprom e = new SpdEeprom();

    @Test
    void aWriteSetsTheOffsetAndStoresTheRestWrappingAt256() {
        e.start(false);
        e.send(0xff);
        e.send(1);
        e.send(2);
        e.stop();
        assertThat(e.byteAt(0xff)).isEqualTo(1);
        assertThat(e.byteAt(0)).isEqualTo(2);
        assertThat(e.offset()).isEqualTo(1);
    }

    @Test
    void aReadWalksOnAndWraps() {
        e.start(false);
        e.send(0xff);
        e.send(9);
        e.stop();
        e.start(false);
        e.send(0xff);
        e.start(true);
        assertThat(e.receive()).isEqualTo(9);
        assertThat(e.receive()).isZero();
        assertThat(e.offset()).isEqualTo(1);
        e.nack();
        assertThat(e.receive()).as("after the NACK: no more data").isEqualTo(0xff);
        e.stop();
    }

    @Test
    void aReadAfterAnEmptyWriteOrOutOfTurnGetsNothing() {
        e.start(false);
        e.start(true);
        assertThat(e.receive()).isEqualTo(0xff);
        e.stop();
        assertThat(e.receive()).as("no start").isEqualTo(0xff);
        e.stop();
        e.start(true);
        e.start(false);
        e.send(5);
        e.stop();
        assertThat(e.offset()).as("a write in confusion is dropped").isZero();
        e.nack();
        e.stop();
        e.start(true);
        e.start(true);
        e.stop();
    }

    @Test
    void writesBeyond34BytesAreDropped() {
        e.start(false);
        for (int i = 0; i < 40; i++) {
            e.send(i);
        }
        e.stop();
        assertThat(e.byteAt(32)).as("byte 33 of the write: the offset, then 33 data bytes").isEqualTo(33);
        assertThat(e.byteAt(33)).isZero();
    }
}
