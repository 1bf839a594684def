package org.trapline.models.smbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trapline.models.smbus.Piix4Smbus.*;

import org.junit.jupiter.api.Test;

/** The 82371AB SMBus host registers and transactions to the SPD EEPROMs, on the datasheet's side. */
class Piix4SmbusTest {
    final SmbusTestBus bus = SmbusTestBus.hardware();

    @Test
    void byteDataWriteThenReadBackFromAnEeprom() {
        bus.out(SMBHSTDAT0, 0x5a);
        assertThat(bus.run(0x50, false, 0x10, PROT_BYTE_DATA)).isEqualTo(INTER);
        bus.clear();
        bus.out(SMBHSTDAT0, 0);
        assertThat(bus.run(0x50, true, 0x10, PROT_BYTE_DATA)).isEqualTo(INTER);
        assertThat(bus.in(SMBHSTDAT0)).isEqualTo(0x5a);
        assertThat(bus.host.eeprom(0).byteAt(0x10)).isEqualTo(0x5a);
        assertThat(bus.host.eeprom(1).byteAt(0x10)).as("only 50h was written").isZero();
    }

    @Test
    void wordDataIsLowByteFirst() {
        bus.out(SMBHSTDAT0, 0x34);
        bus.out(SMBHSTDAT1, 0x12);
        bus.run(0x57, false, 0x20, PROT_WORD_DATA);
        bus.clear();
        assertThat(bus.host.eeprom(7).byteAt(0x20)).isEqualTo(0x34);
        assertThat(bus.host.eeprom(7).byteAt(0x21)).isEqualTo(0x12);
        bus.out(SMBHSTDAT0, 0);
        bus.out(SMBHSTDAT1, 0);
        bus.run(0x57, true, 0x20, PROT_WORD_DATA);
        assertThat(bus.in(SMBHSTDAT0)).isEqualTo(0x34);
        assertThat(bus.in(SMBHSTDAT1)).isEqualTo(0x12);
    }

    @Test
    void sendByteSetsTheOffsetAndReceiveByteWalksOn() {
        bus.out(SMBHSTDAT0, 0x77);
        bus.run(0x51, false, 0x30, PROT_BYTE_DATA);
        bus.clear();
        bus.out(SMBHSTDAT0, 0x78);
        bus.run(0x51, false, 0x31, PROT_BYTE_DATA);
        bus.clear();
        bus.run(0x51, false, 0x30, PROT_BYTE);
        bus.clear();
        bus.run(0x51, true, 0, PROT_BYTE);
        assertThat(bus.in(SMBHSTDAT0)).isEqualTo(0x77);
        bus.clear();
        bus.run(0x51, true, 0, PROT_BYTE);
        assertThat(bus.in(SMBHSTDAT0)).isEqualTo(0x78);
        assertThat(bus.host.eeprom(1).offset()).isEqualTo(0x32);
    }

    @Test
    void anAbsentAddressIsDevErrAndBlocksTheNextTransactionUntilCleared() {
        assertThat(bus.run(0x30, false, 0, PROT_QUICK)).isEqualTo(DEV_ERR);
        bus.out(SMBHSTDAT0, 0x99);
        assertThat(bus.run(0x50, true, 0, PROT_BYTE_DATA)).isEqualTo(DEV_ERR);
        assertThat(bus.in(SMBHSTDAT0)).as("nothing ran").isEqualTo(0x99);
        bus.out(SMBHSTSTS, DEV_ERR);
        assertThat(bus.run(0x50, true, 0, PROT_BYTE_DATA)).isEqualTo(INTER);
        assertThat(bus.in(SMBHSTDAT0)).isZero();
        bus.clear();
        assertThat(bus.run(0x4f, false, 0, PROT_QUICK) & DEV_ERR).isEqualTo(DEV_ERR);
        bus.clear();
        assertThat(bus.run(0x58, true, 0, PROT_QUICK) & DEV_ERR).isEqualTo(DEV_ERR);
    }

    /** 290562 §11.5.4.1: the controller does not respond to START unless all interrupt status bits are cleared. */
    @Test
    void startIsNotTakenUntilEveryInterruptStatusBitIsCleared() {
        bus.out(SMBHSTDAT0, 0x5a);
        assertThat(bus.run(0x50, false, 0x10, PROT_BYTE_DATA)).isEqualTo(INTER);
        bus.out(SMBHSTDAT0, 0xa5);
        assertThat(bus.run(0x50, false, 0x10, PROT_BYTE_DATA)).as("INTER still set").isEqualTo(INTER);
        assertThat(bus.host.eeprom(0).byteAt(0x10)).as("the second write never ran").isEqualTo(0x5a);
        assertThat(bus.run(0x30, false, 0, PROT_QUICK)).as("nor does one to an absent address").isEqualTo(INTER);
        bus.out(SMBHSTCNT, KILL);
        bus.out(SMBHSTCNT, 0);
        bus.out(SMBHSTSTS, INTER);
        assertThat(bus.in(SMBHSTSTS)).isEqualTo(FAILED);
        assertThat(bus.run(0x50, false, 0x10, PROT_BYTE_DATA)).as("FAILED still set").isEqualTo(FAILED);
        assertThat(bus.host.eeprom(0).byteAt(0x10)).isEqualTo(0x5a);
        bus.out(SMBHSTSTS, FAILED);
        assertThat(bus.run(0x50, false, 0x10, PROT_BYTE_DATA)).isEqualTo(INTER);
        assertThat(bus.host.eeprom(0).byteAt(0x10)).isEqualTo(0xa5);
    }

    @Test
    void reservedProtocolsAreIllegal() {
        for (int prot : new int[] {4, 6, 7}) {
            bus.clear();
            assertThat(bus.run(0x50, true, 0, prot)).as("protocol %d", prot).isEqualTo(DEV_ERR);
        }
    }

    @Test
    void statusBitsClearOnlyWhereOnesAreWritten() {
        bus.run(0x50, false, 0, PROT_QUICK);
        bus.out(SMBHSTCNT, KILL);
        assertThat(bus.in(SMBHSTSTS)).isEqualTo(INTER | FAILED);
        bus.out(SMBHSTSTS, INTER);
        assertThat(bus.in(SMBHSTSTS)).isEqualTo(FAILED);
        bus.out(SMBHSTSTS, 0);
        assertThat(bus.in(SMBHSTSTS)).isEqualTo(FAILED);
        bus.out(SMBHSTSTS, FAILED);
        assertThat(bus.in(SMBHSTSTS)).isZero();
    }

    @Test
    void theControlRegisterReadsWithoutStartNorPec() {
        bus.out(SMBHSTCNT, 0xff & ~KILL);
        assertThat(bus.in(SMBHSTCNT)).isEqualTo(0x1d);
        assertThat(bus.host.registers()).containsEntry("SMBHSTCNT", "0x1d");
    }

    @Test
    void blockWriteAndReadThroughTheArray() {
        bus.out(SMBHSTDAT0, 3);
        bus.in(SMBHSTCNT); // resets the block pointer
        bus.out(SMBBLKDAT, 0x11);
        bus.out(SMBBLKDAT, 0x22);
        bus.out(SMBBLKDAT, 0x33);
        assertThat(bus.run(0x52, false, 0x40, PROT_BLOCK)).isEqualTo(INTER);
        SpdEeprom e = bus.host.eeprom(2);
        assertThat(new int[] {e.byteAt(0x40), e.byteAt(0x41), e.byteAt(0x42), e.byteAt(0x43)})
                .containsExactly(3, 0x11, 0x22, 0x33);
        bus.clear();
        bus.out(SMBHSTDAT0, 0);
        bus.out(SMBBLKDAT, 0); // moves the pointer to 1
        bus.run(0x52, true, 0x40, PROT_BLOCK);
        assertThat(bus.in(SMBHSTDAT0)).isEqualTo(3);
        bus.in(SMBHSTCNT);
        assertThat(new int[] {bus.in(SMBBLKDAT), bus.in(SMBBLKDAT), bus.in(SMBBLKDAT)}).containsExactly(0x11, 0x22, 0x33);
    }

    @Test
    void theBlockPointerWrapsAt32AndACountPast32IsCapped() {
        bus.in(SMBHSTCNT);
        for (int i = 0; i < 33; i++) {
            bus.out(SMBBLKDAT, i + 1);
        }
        bus.in(SMBHSTCNT);
        assertThat(bus.in(SMBBLKDAT)).as("byte 33 landed on byte 0").isEqualTo(33);
        bus.out(SMBHSTDAT0, 40);
        bus.run(0x53, false, 0, PROT_BLOCK);
        assertThat(bus.host.eeprom(3).byteAt(0)).as("the count sent").isEqualTo(32);
        assertThat(bus.host.eeprom(3).byteAt(32)).isEqualTo(32);
        assertThat(bus.host.eeprom(3).byteAt(33)).isZero();
    }

    @Test
    void aBlockReadOfACountPast32KeepsTheLast32() {
        bus.out(SMBHSTDAT0, 40);
        bus.run(0x54, false, 0, PROT_BYTE_DATA); // byte 0 := 40, the count a block read at 0 gets
        bus.clear();
        bus.run(0x54, true, 0, PROT_BLOCK);
        assertThat(bus.in(SMBHSTDAT0)).isEqualTo(40);
        assertThat(bus.in(SMBHSTSTS)).isEqualTo(INTER);
    }

    @Test
    void theSlaveRegistersAndOffsetsPastTheBlockReadZero() {
        for (int off : new int[] {0x01, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x20, -1}) {
            bus.out(off, 0xff);
            assertThat(bus.in(off)).as("offset %x", off).isZero();
        }
        assertThat(bus.host.region().length()).isEqualTo(16);
        assertThat(bus.host.baseOf(0xb111)).isEqualTo(0xb110);
        assertThat(bus.host.registers()).doesNotContainKey("SMBAUXCTL");
        assertThat(bus.host.deviceName()).isEqualTo("piix4-smbus");
    }

    @Test
    void aResetClearsTheHostAndLeavesTheNonVolatileEeproms() {
        bus.out(SMBHSTDAT0, 0x5a);
        bus.run(0x50, false, 0x10, PROT_BYTE_DATA);
        bus.out(SMBHSTDAT1, 7);
        bus.host.reset();
        assertThat(bus.in(SMBHSTSTS)).isZero();
        assertThat(bus.in(SMBHSTDAT0)).isZero();
        assertThat(bus.in(SMBHSTDAT1)).isZero();
        assertThat(bus.in(SMBHSTCMD)).isZero();
        assertThat(bus.in(SMBHSTADD)).isZero();
        assertThat(bus.host.eeprom(0).byteAt(0x10)).as("an EEPROM keeps what was written").isEqualTo(0x5a);
        assertThat(bus.host.eeprom(0).offset()).as("and its address counter").isEqualTo(0x11);
        assertThat(bus.run(0x50, true, 0x10, PROT_BYTE_DATA)).isEqualTo(INTER);
        assertThat(bus.in(SMBHSTDAT0)).isEqualTo(0x5a);
    }
}
