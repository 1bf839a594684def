package org.trapline.models.pci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.trapline.models.device.Quirk;

/** Type 0 header rules (PCI Local Bus 3.0 §6.2) and the board's device-specific registers. */
class ConfigSpaceTest {
    private final Board board = Board.hardware();

    @Test
    void identificationRegistersAreReadOnly() {
        board.write(0, 0, 0x00, 4, 0);
        board.write(1, 0, 0x08, 4, 0);
        board.write(1, 0, 0x2c, 4, 0);
        assertThat(board.read(0, 0, 0x00, 4)).isEqualTo(0x1237_8086L);
        assertThat(board.read(1, 0, 0x08, 4)).isEqualTo(0x0601_0000L);
        assertThat(board.read(1, 0, 0x2c, 4)).isEqualTo(0x1100_1af4L);
    }

    @Test
    void commandTakesOnlyTheBitsTheFunctionImplements() {
        board.write(1, 1, 0x04, 2, 0xffff);
        assertThat(board.read(1, 1, 0x04, 2)).isEqualTo(0x0507);
        board.write(1, 1, 0x04, 2, 0x0000);
        assertThat(board.read(1, 1, 0x04, 2)).isZero();
    }

    @Test
    void statusErrorBitsClearWhenWrittenWithOneAndTheRestIsReadOnly() {
        PciFunction ide = board.host.function(1, 1);
        ide.config().set(0x07, 0xfa);
        board.write(1, 1, 0x06, 2, 0x0000);
        assertThat(board.read(1, 1, 0x06, 2)).isEqualTo(0xfa80);
        board.write(1, 1, 0x06, 2, 0x2800);
        assertThat(board.read(1, 1, 0x06, 2)).isEqualTo(0xd280);
        board.write(1, 1, 0x06, 2, 0xffff);
        assertThat(board.read(1, 1, 0x06, 2)).isEqualTo(0x0280);
    }

    @Test
    void statusResetValuesAreQemus() {
        assertThat(board.read(0, 0, 0x06, 2)).isEqualTo(0x0000);
        assertThat(board.read(1, 0, 0x06, 2)).isEqualTo(0x0200);
        assertThat(board.read(1, 1, 0x06, 2)).isEqualTo(0x0280);
        assertThat(board.read(1, 3, 0x06, 2)).isEqualTo(0x0280);
    }

    @Test
    void cacheLineSizeAndInterruptLineAreReadWriteButLatencyAndPinAreNot() {
        board.write(1, 3, 0x0c, 4, 0xffff_ffffL);
        board.write(1, 3, 0x3c, 4, 0xffff_ffffL);
        assertThat(board.read(1, 3, 0x0c, 4)).isEqualTo(0x0000_00ffL);
        assertThat(board.read(1, 3, 0x3c, 4)).isEqualTo(0x0000_01ffL);
    }

    @Test
    void unimplementedBarsReadZeroWhenSized() {
        for (int bar = 0x10; bar <= 0x24; bar += 4) {
            board.write(0, 0, bar, 4, 0xffff_ffffL);
            assertThat(board.read(0, 0, bar, 4)).as("BAR at %02x", bar).isZero();
        }
        board.write(1, 1, 0x10, 4, 0xffff_ffffL);
        assertThat(board.read(1, 1, 0x10, 4)).isZero();
    }

    @Test
    void bmibaSizesAsSixteenBytesOfIoSpace() {
        assertThat(board.read(1, 1, 0x20, 4)).isEqualTo(0x0000_0001L);
        board.write(1, 1, 0x20, 4, 0xffff_ffffL);
        long sized = board.read(1, 1, 0x20, 4);
        assertThat(sized & 1).as("I/O space indicator").isOne();
        assertThat(~(sized & ~0x3L) + 1 & 0xffff).as("size").isEqualTo(16);
        board.write(1, 1, 0x20, 4, 0xc001);
        assertThat(board.read(1, 1, 0x20, 4)).isEqualTo(0xc001L);
    }

    @Test
    void deviceSpecificRegistersHaveQemusResetValues() {
        assertThat(board.read(1, 0, 0x60, 4)).as("PIRQRC[A:D]").isEqualTo(0x8080_8080L);
        assertThat(board.read(1, 0, 0x4c, 4)).as("IORT, XBCS").isEqualTo(0x0003_004dL);
        assertThat(board.read(1, 3, 0x40, 4)).as("PMBA").isEqualTo(0x0000_0001L);
        assertThat(board.read(1, 3, 0x90, 4)).as("SMBBA").isEqualTo(0x0000_b101L);
        assertThat(board.read(0, 0, 0x72, 1)).as("SMRAM").isEqualTo(0x02);
    }

    @Test
    void onQemuTheHostBridgeCarriesTheRamSizeInEightMibUnits() {
        Quirk q = PciQuirks.I440FX_RAM_SIZE_IN_DRAMC;
        assertThat(Board.withRam(64L << 20, q).read(0, 0, 0x57, 1)).isEqualTo(0x08);
        assertThat(Board.withRam(128L << 20, q).read(0, 0, 0x57, 1)).isEqualTo(0x10);
        assertThat(Board.withRam(2040L << 20, q).read(0, 0, 0x57, 1)).isEqualTo(0xff);
        assertThat(Board.withRam(4096L << 20, q).read(0, 0, 0x57, 1)).isEqualTo(0xff);
    }

    @Test
    void onHardwareDramcPowersOnAsOneWhateverTheRamSize() {
        assertThat(Board.withRam(64L << 20).read(0, 0, 0x57, 1)).isEqualTo(0x01);
        assertThat(Board.withRam(4096L << 20).read(0, 0, 0x57, 1)).isEqualTo(0x01);
    }

    @Test
    void smramWordWritesFollowTheSameLockRules() {
        board.write(0, 0, 0x70, 4, 0x0018_0000L);
        assertThat(board.read(0, 0, 0x72, 1)).isEqualTo(0x1a);
        board.write(0, 0, 0x71, 2, 0x0000);
        assertThat(board.read(0, 0, 0x72, 1)).as("locked").isEqualTo(0x1a);
        board.write(0, 0, 0x70, 2, 0xffff);
        // MTT keeps every bit, CLT its snoop stall count (4:0).
        assertThat(board.read(0, 0, 0x70, 4)).as("writes beside SMRAM leave it").isEqualTo(0x001a_1fffL);
    }

    @Test
    void settingTheLockInAWiderWriteClearsOpen() {
        board.write(0, 0, 0x70, 4, 0x0058_0000L);
        assertThat(board.read(0, 0, 0x72, 1)).isEqualTo(0x1a);
    }

    @Test
    void whileLockedClosedStaysWritableAndNeighbouringWritesLeaveSmramAlone() {
        board.write(0, 0, 0x72, 1, 0x38);
        assertThat(board.read(0, 0, 0x72, 1)).isEqualTo(0x3a);
        board.write(0, 0, 0x71, 1, 0x00);
        board.write(0, 0, 0x73, 1, 0x00);
        assertThat(board.read(0, 0, 0x72, 1)).isEqualTo(0x3a);
        board.write(0, 0, 0x70, 4, 0x0000_0000L);
        assertThat(board.read(0, 0, 0x72, 1)).isEqualTo(0x1a);
        board.write(0, 0, 0x70, 4, 0x0020_0000L);
        assertThat(board.read(0, 0, 0x72, 1)).isEqualTo(0x3a);
    }

    @Test
    void smramOpenWithoutLockStaysOpen() {
        board.write(0, 0, 0x72, 1, 0x48);
        assertThat(board.read(0, 0, 0x72, 1)).isEqualTo(0x4a);
    }

    @Test
    void resetRestoresThePowerOnValues() {
        PciFunction pm = board.host.function(1, 3);
        board.write(1, 3, 0x3c, 1, 0x09);
        board.write(1, 3, 0x40, 4, 0xb001);
        pm.reset();
        assertThat(board.read(1, 3, 0x3c, 1)).isZero();
        assertThat(board.read(1, 3, 0x40, 4)).isEqualTo(0x1L);
        assertThat(pm.config().powerOnValue(0x40)).isEqualTo(0x01);
        assertThat(pm.config().readWriteMask(0x41)).isEqualTo(0xff);
        assertThat(pm.config().writeOneToClearMask(0x07)).isEqualTo(0xf9);
    }

    @Test
    void registersAreNamedAsTheDatasheetsSpellThem() {
        PciFunction isa = board.host.function(1, 0);
        assertThat(isa.registers()).containsEntry("function", "00:01.0")
                .containsEntry("00h Vendor ID", "0x8086")
                .containsEntry("4eh XBCS", "0x0003")
                .containsEntry("60h PIRQRC[A]", "0x80")
                .containsEntry("63h PIRQRC[D]", "0x80");
        assertThat(board.host.function(0, 0).registers()).containsEntry("59h PAM0", "0x00")
                .containsEntry("5fh PAM6", "0x00").containsEntry("60h DRB0", "0x00").containsEntry("67h DRB7", "0x00")
                .containsEntry("57h DRAMC", "0x01");
        assertThat(board.host.function(0, 0).registers()).containsEntry("72h SMRAM", "0x02");
        assertThat(board.host.function(0, 0).devfn()).isZero();
        assertThat(board.host.function(1, 3).devfn()).isEqualTo(0x0b);
        assertThat(board.host.function(1, 3).device()).isEqualTo(1);
        assertThat(board.host.function(1, 3).function()).isEqualTo(3);
    }

    @Test
    void aFunctionCannotBePluggedTwice() {
        assertThatThrownBy(() -> board.host.plug(Piix3Isa.create(java.util.Set.of()))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("00:01.0 is taken");
        assertThat(board.host.function(2, 0)).isNull();
    }

    @Test
    void readsAndWritesPastTheEndOfConfigSpaceStopThere() {
        ConfigSpace space = ConfigSpace.builder().reg(0xfe, 2, "last", 0x1234, 0xffff).build();
        assertThat(space.read(0xfe, 4)).isEqualTo(0x1234L);
        space.write(0xff, 4, 0xaabbccdd);
        assertThat(space.read(0xfc, 4)).isEqualTo(0xdd34_0000L);
    }

    @Test
    void anAccessAcrossADwordBoundaryTakesEachBytesOwnMasks() {
        ConfigSpace space = ConfigSpace.builder()
                .reg(0x02, 2, "read-only", 0xbeef, 0x0000)
                .reg(0x04, 2, "read-write low byte", 0x0000, 0x00ff)
                .reg(0x06, 2, "write-1-to-clear", 0xf000, 0x0000)
                .w1c(0x06, 2, 0xf000)
                .reg(0x08, 2, "read-write word", 0x5a00, 0xffff)
                .build();
        assertThat(space.read(0x03, 2)).isEqualTo(0x00beL);
        space.write(0x03, 4, 0x9000_77aaL); // 03h read-only, 04h read-write, 05h not, 06h no 1s to clear
        assertThat(space.read(0x02, 4)).isEqualTo(0x0077_beefL);
        assertThat(space.read(0x06, 2)).isEqualTo(0xf000L);
        space.write(0x05, 4, 0x0090_0000L); // 07h: 90h clears bits 15 and 12 of the register at 06h
        assertThat(space.read(0x04, 4)).isEqualTo(0x6000_0077L);
        assertThat(space.readByte(0x07)).isEqualTo(0x60);
        space.write(0x07, 2, 0x3c00); // 08h takes 3Ch; 09h, past the access, keeps its 5Ah
        assertThat(space.read(0x08, 2)).isEqualTo(0x5a3cL);
        space.write(0x06, 4, 0xabcd_0000L); // two bytes in each dword
        assertThat(space.read(0x06, 4)).isEqualTo(0xabcd_6000L);
        assertThat(space.read(0x07, 4)).isEqualTo(0x00ab_cd60L);
    }
}
