package org.trapline.models.pci;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Configuration mechanism #1, PCI Local Bus 3.0 §3.2.2.3.2, on the hardware profile. */
class ConfigMechanismTest {
    private final Board board = Board.hardware();

    @Test
    void aDwordReadOfConfigDataReturnsTheSelectedRegister() {
        board.select(0, 0, 0x00);
        assertThat(board.io.read(0xcfc, 4)).isEqualTo(0x1237_8086L);
    }

    @Test
    void configAddressReadsBackItsImplementedBitsOnly() {
        board.io.write(0xcf8, 4, 0xffff_ffffL);
        assertThat(board.io.read(0xcf8, 4)).isEqualTo(0x80ff_fffcL);
        assertThat(board.host.configAddress()).isEqualTo(0x80ff_fffcL);
    }

    @Test
    void configAddressKeepsEnableBusDeviceFunctionAndRegister() {
        board.io.write(0xcf8, 4, 0x8012_3454L);
        assertThat(board.io.read(0xcf8, 4)).isEqualTo(0x8012_3454L);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void eachDataPortReadsItsByteLane(int lane) {
        board.select(0, 0, 0x00);
        assertThat(board.io.read(0xcfc + lane, 1)).isEqualTo((0x1237_8086L >>> (8 * lane)) & 0xff);
    }

    @Test
    void wordAccessesReadTheirTwoLanes() {
        board.select(1, 0, 0x08);
        assertThat(board.io.read(0xcfc, 2)).isEqualTo(0x0000);
        assertThat(board.io.read(0xcfd, 2)).isEqualTo(0x0100);
        assertThat(board.io.read(0xcfe, 2)).isEqualTo(0x0601);
    }

    @Test
    void aByteWriteChangesOnlyItsLane() {
        // 58h is DRAMT, power-on 10h on the hardware board: the untouched lane keeps it. 59h-5Ah are
        // PAM0-1, whose writable bits (30h, 33h) take these values whole.
        board.write(0, 0, 0x5a, 1, 0x33);
        assertThat(board.read(0, 0, 0x58, 4)).isEqualTo(0x0033_0010L);
        board.write(0, 0, 0x59, 2, 0x1130);
        assertThat(board.read(0, 0, 0x58, 4)).isEqualTo(0x0011_3010L);
    }

    @Test
    void withTheEnableBitClearDataReadsAllOnesAndWritesAreDropped() {
        board.io.write(0xcf8, 4, 0x0000_003cL);
        assertThat(board.io.read(0xcfc, 4)).isEqualTo(0xffff_ffffL);
        assertThat(board.io.read(0xcfd, 1)).isEqualTo(0xff);
        board.io.write(0xcfc, 1, 0x0b);
        assertThat(board.read(0, 0, 0x3c, 1)).isZero();
    }

    @Test
    void missingDevicesFunctionsAndBusesReadAllOnes() {
        assertThat(board.read(2, 0, 0, 4)).isEqualTo(0xffff_ffffL);
        assertThat(board.read(0, 1, 0, 4)).isEqualTo(0xffff_ffffL);
        assertThat(board.read(1, 2, 0, 2)).isEqualTo(0xffff);
        assertThat(board.read(31, 7, 0xfc, 4)).isEqualTo(0xffff_ffffL);
        board.io.write(0xcf8, 4, 0x8001_0000L);
        assertThat(board.io.read(0xcfc, 4)).isEqualTo(0xffff_ffffL);
    }

    @Test
    void writesToMissingFunctionsAndOtherBusesChangeNothing() {
        board.io.write(0xcf8, 4, 0x8001_003cL);
        board.io.write(0xcfc, 4, 0x0b);
        board.write(0, 1, 0x3c, 1, 0x0b);
        assertThat(board.read(0, 0, 0x3c, 1)).isZero();
    }

    @Test
    void theBoardHasTheFourFunctionsOfQemusPc() {
        assertThat(board.read(0, 0, 0, 4)).isEqualTo(0x1237_8086L);
        assertThat(board.read(1, 0, 0, 4)).isEqualTo(0x7000_8086L);
        assertThat(board.read(1, 1, 0, 4)).isEqualTo(0x7010_8086L);
        assertThat(board.read(1, 3, 0, 4)).isEqualTo(0x7113_8086L);
        assertThat(board.host.functions()).extracting(f -> f.deviceName())
                .containsExactly("i440fx", "piix3-isa", "piix3-ide", "piix4-pm");
    }

    @Test
    void onlyThePiix3AnnouncesMoreFunctions() {
        assertThat(board.read(0, 0, 0x0e, 1)).isEqualTo(0x00);
        assertThat(board.read(1, 0, 0x0e, 1)).isEqualTo(0x80);
        assertThat(board.read(1, 1, 0x0e, 1)).isEqualTo(0x00);
        assertThat(board.read(1, 3, 0x0e, 1)).isEqualTo(0x00);
    }

    @Test
    void aDataAccessRunningPastTheLastPortGoesByteByByte() {
        board.select(0, 0, 0x00);
        assertThat(board.io.read(0xcfe, 4)).isEqualTo(0xffff_1237L);
    }
}
