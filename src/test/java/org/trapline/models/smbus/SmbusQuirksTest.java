package org.trapline.models.smbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trapline.models.smbus.Piix4Smbus.*;

import java.util.Set;

import org.trapline.models.device.Quirk;

import org.junit.jupiter.api.Test;

/** Both sides of each SMBus quirk. */
class SmbusQuirksTest {
    final SmbusTestBus hw = SmbusTestBus.hardware();
    final SmbusTestBus qemu = SmbusTestBus.qemu();

    @Test
    void theBlockIs16BytesOnTheBoardAnd64InQemu() {
        assertThat(hw.host.region().length()).isEqualTo(HARDWARE_LENGTH);
        assertThat(hw.host.baseOf(0xb131)).isEqualTo(0xb130);
        SmbusTestBus only = new SmbusTestBus(Set.of(SmbusQuirks.BLOCK_64_BYTES));
        assertThat(only.host.region().length()).isEqualTo(QEMU_LENGTH);
        assertThat(only.host.baseOf(0xb131)).isEqualTo(0xb100);
        assertThat(only.host.baseOf(0x1234_b171L)).isEqualTo(0xb140);
    }

    @Test
    void withInterenClearTheBoardRunsAtStartAndQemuAtTheNextStatusRead() {
        hw.out(SMBHSTADD, 0xa0);
        hw.out(SMBHSTCNT, START);
        assertThat(hw.in(SMBHSTSTS)).isEqualTo(INTER);
        SmbusTestBus only = new SmbusTestBus(Set.of(SmbusQuirks.START_ON_STATUS_READ));
        only.out(SMBHSTADD, 0xa1);
        only.out(SMBHSTCNT, START | PROT_BYTE << 2);
        assertThat(only.host.registers()).containsEntry("start pending", "true");
        assertThat(only.in(SMBHSTSTS)).as("the read that runs it sees it busy").isEqualTo(HOST_BUSY);
        assertThat(only.in(SMBHSTSTS)).isEqualTo(INTER);
        only.clear();
        only.out(SMBHSTCNT, START | INTEREN);
        assertThat(only.in(SMBHSTSTS)).as("INTEREN: at once").isEqualTo(INTER);
        only.clear();
        only.out(SMBHSTCNT, START);
        only.out(SMBHSTCNT, START | INTEREN);
        assertThat(only.in(SMBHSTSTS)).as("the pending start ran at the second START").isEqualTo(HOST_BUSY | INTER);
        assertThat(only.in(SMBHSTSTS)).isEqualTo(HOST_BUSY | INTER);
    }

    @Test
    void theBoardIgnoresStartUntilTheStatusIsClearedAndQemuRunsItOverInterAndFailed() {
        SmbusTestBus only = new SmbusTestBus(Set.of(SmbusQuirks.START_DESPITE_PENDING_STATUS));
        for (SmbusTestBus b : new SmbusTestBus[] {hw, only}) {
            b.out(SMBHSTDAT0, 0x11);
            b.run(0x50, false, 0x20, PROT_BYTE_DATA);
            b.out(SMBHSTDAT0, 0x22);
            b.run(0x50, false, 0x20, PROT_BYTE_DATA); // INTER of the first still set
        }
        assertThat(hw.host.eeprom(0).byteAt(0x20)).as("the board: the second START not taken").isEqualTo(0x11);
        assertThat(only.host.eeprom(0).byteAt(0x20)).as("QEMU: it ran").isEqualTo(0x22);
        only.out(SMBHSTCNT, KILL);
        only.out(SMBHSTCNT, 0);
        assertThat(only.run(0x30, false, 0, PROT_QUICK)).as("QEMU: over INTER and FAILED, to an absent device")
                .isEqualTo(INTER | FAILED | DEV_ERR);
        assertThat(only.run(0x50, true, 0x20, PROT_BYTE_DATA)).as("QEMU too holds back on DEV_ERR")
                .isEqualTo(INTER | FAILED | DEV_ERR);
        assertThat(only.in(SMBHSTDAT0)).isEqualTo(0x22);
    }

    @Test
    void theBoardsEepromsKeepTheirContentsThroughAResetAndQemuRestoresThem() {
        SmbusTestBus only = new SmbusTestBus(Set.of(SmbusQuirks.EEPROM_CONTENTS_RESTORED_AT_RESET));
        for (SmbusTestBus b : new SmbusTestBus[] {hw, only}) {
            b.out(SMBHSTDAT0, 0x5a);
            b.run(0x53, false, 0x40, PROT_BYTE_DATA);
            b.host.reset();
        }
        assertThat(hw.host.eeprom(3).byteAt(0x40)).isEqualTo(0x5a);
        assertThat(hw.host.eeprom(3).offset()).isEqualTo(0x41);
        assertThat(only.host.eeprom(3).byteAt(0x40)).isZero();
        assertThat(only.host.eeprom(3).offset()).isZero();
        assertThat(only.run(0x53, true, 0, PROT_BYTE)).isEqualTo(INTER);
        assertThat(only.in(SMBHSTDAT0)).as("QEMU: a receive byte after the reset reads from offset 0").isZero();
    }

    @Test
    void theAuxControlRegisterIsQemusAndTheBlockPointerRestartsAtStart() {
        assertThat(hw.in(SMBAUXCTL)).isZero();
        assertThat(qemu.in(SMBAUXCTL)).isEqualTo(AUX_BLK);
        qemu.out(SMBAUXCTL, 0xff);
        assertThat(qemu.in(SMBAUXCTL)).isEqualTo(3);
        assertThat(qemu.host.registers()).containsEntry("SMBAUXCTL", "0x03");
        // the board: a read of SMBHSTCNT restarts the pointer, START does not
        hw.out(SMBBLKDAT, 0x11);
        hw.in(SMBHSTCNT);
        hw.out(SMBBLKDAT, 0x22);
        hw.out(SMBHSTDAT0, 1);
        hw.run(0x50, false, 0x10, PROT_BLOCK);
        assertThat(hw.host.eeprom(0).byteAt(0x11)).isEqualTo(0x22);
        // QEMU: the count must match the bytes written since the last START
        qemu.out(SMBAUXCTL, AUX_BLK);
        qemu.out(SMBBLKDAT, 0x11);
        qemu.in(SMBHSTCNT);
        qemu.out(SMBBLKDAT, 0x22);
        qemu.out(SMBHSTDAT0, 1);
        assertThat(qemu.run(0x50, false, 0x10, PROT_BLOCK)).as("two bytes written, count 1").isEqualTo(DEV_ERR);
        qemu.clear();
        qemu.out(SMBBLKDAT, 0x33);
        assertThat(qemu.run(0x50, false, 0x10, PROT_BLOCK)).isEqualTo(INTER);
        assertThat(qemu.host.eeprom(0).byteAt(0x11)).isEqualTo(0x33);
    }

    @Test
    void qemuEndsABlockReadWhenItsLastByteIsRead() {
        qemu.out(SMBHSTDAT0, 2);
        qemu.run(0x50, false, 0x00, PROT_BYTE_DATA);
        qemu.clear();
        qemu.run(0x50, true, 0x00, PROT_BLOCK);
        assertThat(qemu.in(SMBHSTDAT0)).isEqualTo(2);
        assertThat(qemu.in(SMBBLKDAT)).isZero();
        assertThat(qemu.in(SMBBLKDAT)).isZero();
        assertThat(qemu.host.registers()).containsEntry("block pointer", "0");
        qemu.out(SMBHSTDAT0, 40);
        qemu.run(0x50, false, 0x00, PROT_BYTE_DATA);
        qemu.clear();
        qemu.run(0x50, true, 0x00, PROT_BLOCK);
        assertThat(qemu.in(SMBHSTDAT0)).as("a count past 32 reads nothing").isZero();
    }

    @Test
    void withTheBufferOffQemuMovesABlockAByteAtATime() {
        qemu.out(SMBAUXCTL, 0);
        qemu.out(SMBHSTDAT0, 2);
        qemu.out(SMBBLKDAT, 0xa1);
        assertThat(qemu.run(0x50, false, 0x60, PROT_BLOCK)).isEqualTo(HOST_BUSY | BYTE_DONE);
        qemu.out(SMBBLKDAT, 0xa2);
        qemu.out(SMBHSTSTS, BYTE_DONE);
        assertThat(qemu.in(SMBHSTSTS)).isEqualTo(HOST_BUSY | BYTE_DONE);
        qemu.out(SMBHSTSTS, BYTE_DONE);
        assertThat(qemu.in(SMBHSTSTS)).isEqualTo(INTER);
        assertThat(qemu.host.eeprom(0).byteAt(0x61)).isEqualTo(0xa1);
        assertThat(qemu.host.eeprom(0).byteAt(0x62)).isEqualTo(0xa2);
        qemu.clear();
        assertThat(qemu.run(0x50, true, 0x60, PROT_BLOCK)).isEqualTo(HOST_BUSY | BYTE_DONE);
        assertThat(qemu.in(SMBBLKDAT)).isEqualTo(0xa1);
        qemu.out(SMBHSTCNT, LAST_BYTE | PROT_BLOCK << 2);
        qemu.out(SMBHSTSTS, BYTE_DONE);
        assertThat(qemu.in(SMBHSTSTS)).isEqualTo(INTER);
        assertThat(qemu.in(SMBBLKDAT)).isEqualTo(0xa2);
        assertThat(hw.in(SMBHSTSTS)).as("the board has no BYTE_DONE").isZero();
        hw.out(SMBHSTSTS, BYTE_DONE);
        assertThat(hw.in(SMBHSTSTS)).isZero();
    }

    @Test
    void protocol6IsIllegalOnTheBoardAndAnI2cBlockReadInQemu() {
        hw.out(SMBHSTDAT1, 0x10);
        assertThat(hw.run(0x50, true, 0, PROT_I2C_BLOCK_READ)).isEqualTo(DEV_ERR);
        qemu.out(SMBHSTDAT0, 0x5a);
        qemu.run(0x50, false, 0x10, PROT_BYTE_DATA);
        qemu.out(SMBHSTDAT0, 0x5b);
        qemu.run(0x50, false, 0x11, PROT_BYTE_DATA);
        qemu.clear();
        qemu.out(SMBHSTDAT1, 0x10);
        assertThat(qemu.run(0x50, true, 0, PROT_I2C_BLOCK_READ)).isEqualTo(HOST_BUSY | BYTE_DONE);
        assertThat(qemu.in(SMBBLKDAT)).isEqualTo(0x5a);
        qemu.out(SMBHSTSTS, BYTE_DONE);
        assertThat(qemu.in(SMBBLKDAT)).isEqualTo(0x5b);
        qemu.out(SMBHSTCNT, LAST_BYTE | PROT_I2C_BLOCK_READ << 2);
        qemu.out(SMBHSTSTS, BYTE_DONE);
        assertThat(qemu.in(SMBHSTSTS)).isEqualTo(INTER);
        assertThat(qemu.in(SMBBLKDAT)).isZero();
        assertThat(qemu.run(0x30, true, 0, PROT_I2C_BLOCK_READ) & DEV_ERR).isEqualTo(DEV_ERR);
    }

    @Test
    void aStartDuringAnI2cBlockReadEndsIt() {
        qemu.out(SMBHSTDAT1, 0);
        qemu.run(0x50, true, 0, PROT_I2C_BLOCK_READ);
        qemu.out(SMBHSTDAT0, 0);
        assertThat(qemu.run(0x50, true, 0, PROT_BYTE_DATA) & INTER).isEqualTo(INTER);
        assertThat(qemu.in(SMBBLKDAT)).as("the buffer answers again").isZero();
    }

    @Test
    void resetKeepsTheHostInQemuAndClearsTheHostOnTheBoard() {
        for (SmbusTestBus b : new SmbusTestBus[] {hw, qemu}) {
            b.out(SMBHSTDAT0, 0x5a);
            b.run(0x50, false, 0x10, PROT_BYTE_DATA);
            b.host.reset();
        }
        assertThat(hw.host.eeprom(0).byteAt(0x10)).isEqualTo(0x5a);
        assertThat(qemu.host.eeprom(0).byteAt(0x10)).isZero();
        assertThat(hw.in(SMBHSTDAT0)).isZero();
        assertThat(hw.in(SMBHSTSTS)).isZero();
        assertThat(qemu.in(SMBHSTDAT0)).isEqualTo(0x5a);
        assertThat(qemu.in(SMBHSTSTS)).isEqualTo(INTER);
        assertThat(qemu.in(SMBHSTCMD)).isEqualTo(0x10);
    }

    @Test
    void theGeneralCallIsRefusedOnTheBoardAndReachesEveryEepromInQemu() {
        assertThat(hw.run(0x00, false, 0, PROT_QUICK)).isEqualTo(DEV_ERR);
        SmbusTestBus only = new SmbusTestBus(Set.of(SmbusQuirks.GENERAL_CALL_REACHES_EVERY_EEPROM));
        assertThat(only.run(0x00, false, 0, PROT_QUICK)).isEqualTo(INTER);
        only.clear();
        // A byte data write to 00h lands in all eight EEPROMs; a read of 00h gets the undriven FFh.
        only.out(SMBHSTDAT0, 0x5a);
        assertThat(only.run(0x00, false, 0x10, PROT_BYTE_DATA)).isEqualTo(INTER);
        only.clear();
        for (int a = 0x50; a <= 0x57; a++) {
            assertThat(only.run(a, true, 0x10, PROT_BYTE_DATA)).as("EEPROM %x", a).isEqualTo(INTER);
            assertThat(only.in(SMBHSTDAT0)).as("EEPROM %x", a).isEqualTo(0x5a);
            only.clear();
        }
        assertThat(only.run(0x00, true, 0x10, PROT_BYTE_DATA)).isEqualTo(INTER);
        assertThat(only.in(SMBHSTDAT0)).isEqualTo(0xff);
        only.clear();
        assertThat(only.run(0x51, true, 0x11, PROT_BYTE_DATA)).isEqualTo(INTER);
        assertThat(only.in(SMBHSTDAT0)).as("after the broadcast a device is addressed alone again").isZero();
    }

    @Test
    void killEndsAnI2cBlockReadOnTheBoardAndLeavesItsDeviceAddressedInQemu() {
        Set<Quirk> base = Set.of(SmbusQuirks.I2C_BLOCK_READ, SmbusQuirks.ICH_BLOCK_BUFFER);
        SmbusTestBus board = new SmbusTestBus(base);
        java.util.Set<Quirk> withKill = new java.util.HashSet<>(base);
        withKill.add(SmbusQuirks.KILL_LEAVES_BUS_ADDRESSED);
        SmbusTestBus q = new SmbusTestBus(withKill);
        for (SmbusTestBus b : new SmbusTestBus[] {board, q}) {
            b.out(SMBHSTDAT1, 0);
            assertThat(b.run(0x52, true, 0, PROT_I2C_BLOCK_READ) & DEV_ERR).isZero();
            b.out(SMBHSTCNT, KILL);
            assertThat(b.in(SMBHSTSTS) & FAILED).isEqualTo(FAILED);
            b.clear();
            b.out(SMBHSTCNT, 0);
        }
        // A quick command to the absent 10h: nobody answers on the board; in QEMU the EEPROM at 52h does.
        assertThat(board.run(0x10, false, 0, PROT_QUICK)).isEqualTo(DEV_ERR);
        assertThat(q.run(0x10, false, 0, PROT_QUICK)).isEqualTo(INTER);
    }
}
