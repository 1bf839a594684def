package org.trapline.models.fdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.trapline.models.clock.Scheduler;
import org.trapline.models.clock.VirtualClock;
import org.trapline.models.device.Quirk;
import org.trapline.models.irq.IrqLine;

/**
 * A drive with no diskette in it (-device floppy; drive A: of a board without -nodefaults) against a unit
 * with no drive at all: on hardware the drive's TRK0 answers a RECALIBRATE; under QEMU its head goes
 * anywhere on one side (fd_empty_seek_hack's FFh bounds), a READ DATA moves it and ends with no medium,
 * and a sector past FORMAT's SC is EC.
 */
class FdcEmptyDriveTest {
    private Fdc82078 fdc;

    private void board(boolean emptyDrive, Set<Quirk> quirks) {
        fdc = new Fdc82078(new Scheduler(new VirtualClock()), quirks, new IrqLine("irq6"), new FloppyMedium[2],
                new boolean[] {emptyDrive, false}, new boolean[2], Fdc82078.DmaRequest.NONE);
        fdc.write(Fdc82078.DOR, 1, 0x1c);
    }

    private static Set<Quirk> qemu() {
        return new HashSet<>(Fdc82078.qemuQuirks());
    }

    private void out(int... bytes) {
        FdcFifo.out(fdc, bytes);
    }

    private int in() {
        return FdcFifo.in(fdc);
    }

    private int[] sense() {
        return FdcFifo.sense(fdc);
    }

    private void drainResetSenses() {
        for (int i = 0; i < 4; i++) {
            sense();
        }
    }

    @Test
    void underQemuAnEmptyDrivesHeadGoesAnywhereOnSideZeroAndANoDriveUnitsStaysAtZero() {
        board(true, qemu());
        drainResetSenses();
        out(0x0f, 0x00, 0xc8);
        assertThat(sense()).containsExactly(0x20, 0xc8);
        board(false, qemu());
        drainResetSenses();
        out(0x0f, 0x00, 0xc8);
        assertThat(sense()).containsExactly(0x20, 0x00);
    }

    @Test
    void underQemuAReadOnAnEmptyDriveMovesTheHeadThenEndsWithNoMediumAndSrbSeesTheDrive() {
        board(true, qemu());
        drainResetSenses();
        out(0x46, 0x00, 0x03, 0x00, 0x07, 0x02, 0x12, 0x1b, 0xff);
        assertThat(FdcFifo.result(fdc)).containsExactly(0x40, 0x00, 0x00, 0x03, 0x00, 0x07, 0x02);
        assertThat(fdc.registers()).containsEntry("PCN0", "0x03");
        // FORMAT's SC becomes the track's sectors: R past it is EC (ST1 bit 7), and the head stays.
        out(0x4d, 0x00, 0x02, 0x04, 0x54, 0xf6);
        FdcFifo.result(fdc);
        out(0x46, 0x00, 0x01, 0x00, 0x06, 0x02, 0x12, 0x1b, 0xff);
        assertThat(new int[] {in(), in()}).containsExactly(0x40, 0x80);
        assertThat(fdc.registers()).containsEntry("PCN0", "0x03");
    }

    @Test
    void onHardwareAnEmptyDrivesTrack0AnswersARecalibrateWhereNoDriveLeavesEquipmentCheck() {
        board(true, Set.of());
        out(0x07, 0x00);
        assertThat(sense()[0]).isEqualTo(0x20);
        board(false, Set.of());
        out(0x07, 0x00);
        assertThat(sense()[0]).isEqualTo(0x70);
    }
}
