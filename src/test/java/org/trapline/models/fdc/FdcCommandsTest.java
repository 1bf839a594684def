package org.trapline.models.fdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trapline.models.fdc.FdcQuirks.*;

import java.io.ByteArrayOutputStream;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.trapline.models.clock.Scheduler;
import org.trapline.models.clock.VirtualClock;
import org.trapline.models.device.Quirk;
import org.trapline.models.irq.IrqLine;

/**
 * The commands past READ DATA and WRITE DATA on the 360 KiB diskette of {@link FdcDriveTest} in unit 0:
 * READ ID on the virtual clock, FORMAT TRACK, VERIFY, READ TRACK, the deleted-data forms, the SCANs,
 * RELATIVE SEEK, SAVE/RESTORE, the head of H against HDS; the 82078 (no quirk) beside each QEMU quirk.
 */
class FdcCommandsTest {
    static final long MS = 1_000_000L;

    final IrqLine irq = new IrqLine("irq6");
    final FdcDriveTest.Image image = new FdcDriveTest.Image();
    final Scheduler scheduler = new Scheduler(new VirtualClock());
    Fdc82078 fdc;
    /** DMA: bytes to the controller (a read transfer of the channel) or from it, TC on the last. */
    int count;
    boolean toController;
    boolean held;
    byte[] fromMemory = new byte[0];
    int taken;
    final ByteArrayOutputStream toMemory = new ByteArrayOutputStream();

    private Fdc82078 fdc(boolean writeProtected, Quirk... quirks) {
        fdc = new Fdc82078(scheduler, Set.of(quirks), irq, new FloppyMedium[] {image, null},
                new boolean[] {writeProtected, false}, new Fdc82078.DmaRequest() {
                    @Override
                    public void hold() {
                        held = true;
                        run();
                    }

                    @Override
                    public void release() {
                        held = false;
                    }
                });
        fdc.write(Fdc82078.DOR, 1, 0x1c);
        fdc.write(Fdc82078.CCR, 1, 0x01);
        return fdc;
    }

    private Fdc82078 fdc(Quirk... quirks) {
        return fdc(false, quirks);
    }

    void run() {
        while (held && count > 0) {
            if (toController) {
                fdc.dmaWrite(taken < fromMemory.length ? fromMemory[taken] & 0xff : 0);
                taken++;
            } else {
                toMemory.write(fdc.dmaRead());
            }
            count--;
            fdc.dmaCycleEnd(count == 0);
        }
    }

    private void dma(boolean toFdc, int bytes, byte[] data) {
        toController = toFdc;
        count = bytes;
        fromMemory = data;
        taken = 0;
        toMemory.reset();
    }

    private void out(int... bytes) {
        FdcFifo.out(fdc, bytes);
    }

    private int in() {
        return FdcFifo.in(fdc);
    }

    private int msr() {
        return FdcFifo.msr(fdc);
    }

    private int[] result() {
        return FdcFifo.result(fdc);
    }

    private int[] sense() {
        return FdcFifo.sense(fdc);
    }

    private void seek(int cylinder) {
        out(0x0f, 0x00, cylinder);
        sense();
    }

    private void advance(long ns) {
        scheduler.advanceTo(scheduler.nowNs() + ns);
    }

    private byte[] sectorBytes(int c, int h, int s) {
        byte[] b = new byte[512];
        for (int i = 0; i < 512; i++) {
            b[i] = (byte) FdcDriveTest.imageByte(c, h, s, i);
        }
        return b;
    }

    @Test
    void everyCommandByteDecodesAsQemusTableHasIt() {
        assertThat(FdcCommand.of(0x4a)).isEqualTo(FdcCommand.READ_ID);
        assertThat(FdcCommand.of(0x0a)).isEqualTo(FdcCommand.READ_ID);
        assertThat(FdcCommand.of(0x8a)).isEqualTo(FdcCommand.INVALID);
        assertThat(FdcCommand.of(0x4d)).isEqualTo(FdcCommand.FORMAT_TRACK);
        assertThat(FdcCommand.of(0xcd)).isEqualTo(FdcCommand.FORMAT_AND_WRITE);
        assertThat(FdcCommand.of(0xe6)).isEqualTo(FdcCommand.READ_DATA);
        assertThat(FdcCommand.of(0x25)).isEqualTo(FdcCommand.WRITE_DATA_SK);
        assertThat(FdcCommand.of(0xc9)).isEqualTo(FdcCommand.WRITE_DELETED_DATA);
        assertThat(FdcCommand.of(0x29)).isEqualTo(FdcCommand.INVALID);
        assertThat(FdcCommand.of(0xf6)).isEqualTo(FdcCommand.VERIFY);
        assertThat(FdcCommand.of(0x42)).isEqualTo(FdcCommand.READ_TRACK);
        assertThat(FdcCommand.of(0xc2)).isEqualTo(FdcCommand.INVALID);
        assertThat(FdcCommand.of(0x94)).isEqualTo(FdcCommand.LOCK);
        assertThat(FdcCommand.of(0x8e)).isEqualTo(FdcCommand.DRIVE_SPECIFICATION);
        assertThat(FdcCommand.of(0x4e)).isEqualTo(FdcCommand.RESTORE);
        assertThat(FdcCommand.of(0x2e)).isEqualTo(FdcCommand.SAVE);
        assertThat(FdcCommand.of(0xff)).isEqualTo(FdcCommand.INVALID);
        assertThat(FdcCommand.RESTORE.parameters).isEqualTo(17);
        assertThat(FdcCommand.FORMAT_AND_WRITE.parameters).isEqualTo(10);
    }

    @Test
    void readIdAnswersAfterASectorTimeOnHardwareAndAfter20MsInQemu() {
        fdc();
        seek(2);
        out(0x4a, 0x00);
        assertThat(msr()).isEqualTo(0x10);
        // 360 KiB in a 1.2 MB drive: 360 rpm, 9 sectors: 166.7 ms / 9 = 18.5 ms to the next ID field.
        advance(18 * MS);
        assertThat(msr()).isEqualTo(0x10);
        advance(MS);
        assertThat(irq.level()).isTrue();
        assertThat(result()).containsExactly(0x00, 0x00, 0x00, 2, 0, 2, 2);
        out(0x4a, 0x00);
        advance(19 * MS);
        assertThat(result()).containsExactly(0x00, 0x00, 0x00, 2, 0, 3, 2);

        fdc(READ_ID_AFTER_FIXED_20MS);
        seek(2);
        out(0x4a, 0x04);
        advance(19 * MS);
        assertThat(msr()).isEqualTo(0x10);
        advance(MS);
        assertThat(result()).containsExactly(0x04, 0x00, 0x00, 2, 1, 2, 2);
    }

    @Test
    void readIdAtAnotherRateIsMaAfterTwoRevolutionsOrAt20Ms() {
        fdc();
        fdc.write(Fdc82078.CCR, 1, 0x00);
        out(0x4a, 0x00);
        advance(300 * MS);
        assertThat(msr()).isEqualTo(0x10);
        advance(34 * MS);
        assertThat(result()).containsExactly(0x40, 0x01, 0x00, 0, 0, 2, 2);
        fdc(READ_ID_AFTER_FIXED_20MS);
        fdc.write(Fdc82078.CCR, 1, 0x00);
        out(0x4a, 0x00);
        advance(20 * MS);
        assertThat(result()).containsExactly(0x40, 0x01, 0x00, 0, 0, 2, 2);
    }

    @Test
    void readIdReadsItsOwnDriveOnHardwareAndTheDorDriveInQemu() {
        fdc(READ_ID_AFTER_FIXED_20MS);
        fdc.write(Fdc82078.DOR, 1, 0x1d); // drive 1 selected: none there
        out(0x4a, 0x00);
        advance(20 * MS);
        assertThat(result()[0]).isEqualTo(0x00); // drive 0's ID
        fdc(READ_ID_AFTER_FIXED_20MS, READ_ID_USES_DOR_DRIVE);
        fdc.write(Fdc82078.DOR, 1, 0x1d);
        fdc.write(Fdc82078.CCR, 1, 0x00);
        out(0x4a, 0x00);
        advance(20 * MS);
        assertThat(result()[0]).isEqualTo(0x01); // unit 1, 500 kb/s matches the empty unit
    }

    @Test
    void readIdWithNoDisketteNeverEndsOnHardwareAndAResetCancelsIt() {
        fdc();
        out(0x4a, 0x01);
        advance(1000 * MS);
        assertThat(msr()).isEqualTo(0x10);
        fdc();
        out(0x4a, 0x00);
        fdc.write(Fdc82078.DOR, 1, 0x18);
        fdc.write(Fdc82078.DOR, 1, 0x1c);
        sense();
        sense();
        sense();
        sense();
        advance(100 * MS);
        assertThat(irq.level()).isFalse();
        assertThat(msr()).isEqualTo(0x80);
    }

    @Test
    void formatTrackWritesTheFillByteOnHardwareAndNothingInQemu() {
        fdc();
        seek(3);
        byte[] ids = new byte[4 * 9];
        for (int r = 1; r <= 9; r++) {
            ids[4 * (r - 1)] = 3;
            ids[4 * (r - 1) + 1] = 1;
            ids[4 * (r - 1) + 2] = (byte) r;
            ids[4 * (r - 1) + 3] = 2;
        }
        dma(true, ids.length, ids);
        out(0x4d, 0x04, 0x02, 0x09, 0x54, 0xe5);
        assertThat(taken).isEqualTo(36);
        assertThat(result()).containsExactly(0x04, 0x00, 0x00, 3, 1, 1, 2);
        dma(false, 512, null);
        out(0x46, 0x04, 3, 1, 5, 2, 5, 0x1b, 0xff);
        assertThat(result()[0]).isEqualTo(0x04);
        assertThat(toMemory.toByteArray()).containsOnly((byte) 0xe5);
        assertThat(image.reads).isZero(); // the image is never written, the overlay answers

        fdc(FORMAT_TRACK_ENDS_AT_ONCE, RESULT_SIZE_CODE_2);
        seek(3);
        dma(true, ids.length, ids);
        out(0x4d, 0x04, 0x02, 0x05, 0x54, 0xe5);
        assertThat(taken).isZero();
        assertThat(result()).containsExactly(0x00, 0x00, 0x00, 3, 0, 1, 2);
        // SC 5 is the drive's sectors per track now: sector 6 is past the track.
        dma(false, 512, null);
        out(0x46, 0x00, 3, 0, 6, 2, 9, 0x1b, 0xff);
        assertThat(result()[0] & 0xc0).isEqualTo(0x40);
    }

    @Test
    void formatTrackThroughTheFifoTakesFourBytesPerSector() {
        fdc();
        out(0x03, 0xaf, 0x03); // non-DMA
        out(0x4d, 0x00, 0x02, 0x02, 0x54, 0x00);
        assertThat(msr()).isEqualTo(0xb0);
        out(0, 0, 1, 2, 0, 0, 2, 2);
        assertThat(result()).containsExactly(0x00, 0x00, 0x00, 0, 0, 1, 2);
        out(0x46, 0x00, 0, 0, 2, 2, 2, 0x1b, 0xff);
        assertThat(in()).isZero();
    }

    @Test
    void verifyMovesNoDataAndCountsByEcOnHardware() {
        fdc();
        seek(2);
        dma(false, 4096, null);
        out(0x56, 0x80, 2, 0, 3, 2, 9, 0x1b, 0x02); // EC: 2 sectors
        assertThat(toMemory.size()).isZero();
        assertThat(result()).containsExactly(0x00, 0x00, 0x00, 2, 0, 5, 2);
        out(0x56, 0x80, 2, 0, 8, 2, 9, 0x1b, 0x05); // 5 sectors, 2 left
        assertThat(result()).containsExactly(0x40, 0x80, 0x00, 3, 0, 1, 2);
        seek(2);
        out(0x16, 0x00, 2, 0, 8, 2, 9, 0x1b, 0x05); // EC=0: to EOT
        assertThat(result()).containsExactly(0x00, 0x00, 0x00, 3, 0, 1, 2);
        seek(2);
        out(0x16, 0x00, 2, 0, 8, 2, 12, 0x1b, 0x05); // EOT past the track
        assertThat(result()).containsExactly(0x40, 0x04, 0x00, 3, 0, 1, 2);

        fdc(VERIFY_IGNORES_EC, EOT_WITHOUT_TC_ENDS_NORMALLY, NEXT_CYLINDER_SETS_SEEK_END);
        seek(2);
        out(0x56, 0x80, 2, 0, 8, 2, 9, 0x1b, 0x05);
        assertThat(result()).containsExactly(0x20, 0x00, 0x00, 3, 0, 1, 2);
    }

    @Test
    void verifyWithoutDmaHandsTheBytesOutInQemuOnly() {
        fdc();
        out(0x03, 0xaf, 0x03);
        out(0x56, 0x00, 0, 0, 9, 2, 9, 0x1b, 0xff);
        assertThat(msr()).isEqualTo(0xd0);
        assertThat(result()).containsExactly(0x00, 0x00, 0x00, 1, 0, 1, 2);
        fdc(VERIFY_WITHOUT_DMA_READS_DATA, VERIFY_IGNORES_EC);
        out(0x03, 0xaf, 0x03);
        out(0x56, 0x00, 0, 0, 9, 2, 9, 0x1b, 0xff);
        assertThat(msr()).isEqualTo(0xf0);
        assertThat(new int[] {in(), in(), in()}).containsExactly(0, 0, 9);
    }

    @Test
    void readTrackStartsAtTheIndexOnHardwareAndAtRInQemu() {
        fdc();
        seek(2);
        dma(false, 2 * 512, null);
        out(0x42, 0x00, 2, 0, 2, 2, 2, 0x1b, 0xff);
        assertThat(result()).containsExactly(0x00, 0x00, 0x00, 3, 0, 1, 2);
        assertThat(toMemory.toByteArray()[2]).isEqualTo((byte) 1); // sector 1 first
        seek(2);
        dma(false, 512, null);
        out(0x42, 0x00, 2, 0, 7, 2, 1, 0x1b, 0xff); // R 7 is not among the sectors read: ND
        assertThat(result()).containsExactly(0x40, 0x04, 0x00, 3, 0, 1, 2);

        fdc(READ_TRACK_IS_READ_DATA);
        seek(2);
        dma(false, 512, null);
        out(0x42, 0x00, 2, 0, 2, 2, 2, 0x1b, 0xff);
        assertThat(result()).containsExactly(0x00, 0x00, 0x00, 3, 0, 1, 2);
        assertThat(toMemory.toByteArray()[2]).isEqualTo((byte) 2);
    }

    @Test
    void deletedDataIsAMarkOnHardwareAndAnAbnormalEndInQemu() {
        fdc();
        seek(4);
        byte[] data = sectorBytes(9, 9, 9);
        dma(true, 512, data);
        out(0x49, 0x00, 4, 0, 3, 2, 3, 0x1b, 0xff);
        assertThat(result()).containsExactly(0x00, 0x00, 0x00, 5, 0, 1, 2);
        seek(4);
        dma(false, 512, null);
        out(0x4c, 0x00, 4, 0, 3, 2, 3, 0x1b, 0xff);
        assertThat(result()).containsExactly(0x00, 0x00, 0x00, 5, 0, 1, 2);
        assertThat(toMemory.toByteArray()).isEqualTo(data);
        // READ DATA meets the deleted mark: without SK it reads the sector and ends there with CM.
        seek(4);
        dma(false, 3 * 512, null);
        out(0x46, 0x00, 4, 0, 3, 2, 5, 0x1b, 0xff);
        assertThat(result()).containsExactly(0x00, 0x00, 0x40, 4, 0, 4, 2);
        assertThat(toMemory.size()).isEqualTo(512);
        // With SK the sector is skipped: sectors 2 and 4 are read.
        dma(false, 2 * 512, null);
        out(0x66, 0x00, 4, 0, 2, 2, 4, 0x1b, 0xff);
        assertThat(result()).containsExactly(0x00, 0x00, 0x40, 5, 0, 1, 2);
        assertThat(toMemory.toByteArray()[512 + 2]).isEqualTo((byte) 4);

        fdc(DELETED_DATA_NOT_HANDLED, RESULT_SIZE_CODE_2);
        seek(4);
        dma(true, 512, data);
        out(0x49, 0x00, 7, 1, 3, 2, 3, 0x1b, 0xff);
        assertThat(taken).isZero();
        assertThat(result()).containsExactly(0x60, 0x00, 0x00, 4, 0, 1, 2);
    }

    @Test
    void scanChecksEveryByteOnHardwareAndComparesPiecesInQemu() {
        byte[] other = sectorBytes(2, 0, 3);
        other[100] = (byte) 0xff; // a wildcard on the 82078
        fdc();
        seek(2);
        dma(true, 3 * 512, concat(sectorBytes(2, 0, 1), sectorBytes(2, 0, 1), other));
        out(0x51, 0x00, 2, 0, 1, 2, 3, 0x1b, 0x01);
        // Sector 1 equals, the scan is satisfied there.
        assertThat(result()).containsExactly(0x00, 0x00, 0x08, 2, 0, 1, 2);
        dma(true, 3 * 512, concat(new byte[512], new byte[512], other));
        out(0x51, 0x00, 2, 0, 1, 2, 3, 0x1b, 0x01);
        assertThat(result()).containsExactly(0x00, 0x00, 0x08, 2, 0, 3, 2);
        dma(true, 2 * 512, new byte[1024]);
        out(0x51, 0x00, 2, 0, 1, 2, 2, 0x1b, 0x01);
        assertThat(result()).containsExactly(0x00, 0x00, 0x04, 2, 0, 2, 2);

        fdc(SCAN_COMPARES_PIECES_AND_REPORTS_HIT);
        seek(2);
        dma(true, 3 * 512, concat(new byte[512], new byte[512], other));
        out(0x51, 0x00, 2, 0, 1, 2, 3, 0x1b, 0x01);
        // FFh is no wildcard: no sector equals, and the end still reports SH.
        assertThat(result()).containsExactly(0x00, 0x00, 0x08, 3, 0, 1, 2);
        seek(2);
        dma(true, 512, new byte[512]);
        out(0x5d, 0x00, 2, 0, 1, 2, 3, 0x1b, 0x01); // host below the diskette: HIGH OR EQUAL goes on
        assertThat(result()).containsExactly(0x00, 0x00, 0x08, 2, 0, 2, 2);
        dma(true, 512, new byte[512]);
        out(0x59, 0x00, 2, 0, 1, 2, 3, 0x1b, 0x01); // and LOW OR EQUAL stops there
        assertThat(result()).containsExactly(0x00, 0x00, 0x08, 2, 0, 1, 2);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    @Test
    void relativeSeekCountsStepsOnHardwareAndStopsAtTheDisketteInQemu() {
        fdc();
        out(0x8f, 0x00, 3);
        assertThat(sense()).containsExactly(0x20, 253);
        out(0xcf, 0x00, 10);
        assertThat(sense()).containsExactly(0x20, 7);
        out(0xcf, 0x00, 100);
        assertThat(sense()).containsExactly(0x20, 107);

        fdc(RELATIVE_SEEK_BOUNDED_BY_MEDIA);
        out(0x8f, 0x00, 3);
        assertThat(sense()).containsExactly(0x20, 0);
        out(0xcf, 0x00, 10);
        assertThat(sense()).containsExactly(0x20, 10);
        out(0xcf, 0x00, 100);
        assertThat(sense()).containsExactly(0x20, 39);
        out(0xcf, 0x01, 5); // unit 1, no drive: stays at 0
        assertThat(sense()).containsExactly(0x21, 0);
    }

    @Test
    void theHeadIsHdsOnHardwareAndHInQemu() {
        fdc();
        dma(false, 512, null);
        out(0x46, 0x00, 0, 1, 1, 2, 1, 0x1b, 0xff);
        assertThat(result()).containsExactly(0x40, 0x04, 0x00, 0, 1, 1, 2);
        dma(false, 512, null);
        out(0x46, 0x04, 0, 1, 1, 2, 1, 0x1b, 0xff);
        assertThat(result()).containsExactly(0x04, 0x00, 0x00, 1, 1, 1, 2);

        fdc(HEAD_FROM_H_PARAMETER, EOT_WITHOUT_TC_ENDS_NORMALLY);
        dma(false, 512, null);
        out(0x46, 0x00, 0, 1, 1, 2, 1, 0x1b, 0xff);
        assertThat(result()).containsExactly(0x04, 0x00, 0x00, 1, 1, 1, 2);
        assertThat(toMemory.toByteArray()[1]).isEqualTo((byte) 1);
    }

    @Test
    void anEmptyUnitKeepsSectorZeroInQemuAndRecalibratesToSectorOneOtherwise() {
        fdc(DELETED_DATA_NOT_HANDLED);
        out(0x04, 0x05); // SENSE DRIVE STATUS of unit 1, head 1
        in();
        out(0x07, 0x01);
        sense();
        out(0x4c, 0x01, 0, 0, 1, 2, 9, 0x1b, 0xff);
        assertThat(result()).containsExactly(0x61, 0x00, 0x00, 0, 0, 1, 2);
        fdc(DELETED_DATA_NOT_HANDLED, SEEK_BOUNDED_BY_MEDIA);
        out(0x04, 0x05);
        in();
        out(0x07, 0x01);
        sense();
        out(0x4c, 0x01, 0, 0, 1, 2, 9, 0x1b, 0xff);
        // QEMU's fd_seek refuses sector 1 on a unit with no sectors: head 1 and sector 0 stay.
        assertThat(result()).containsExactly(0x65, 0x00, 0x00, 0, 1, 0, 2);
    }

    @Test
    void saveRestoreAndPowerdownKeepTheRegisters() {
        fdc();
        out(0x03, 0xaf, 0x02);
        out(0x17, 0x05, 0x00);
        assertThat(in()).isEqualTo(0x05);
        seek(7);
        out(0x2e);
        int[] saved = new int[15];
        for (int i = 0; i < 15; i++) {
            saved[i] = in();
        }
        assertThat(saved).containsExactly(0, 0, 7, 0, 0, 0, 0xaf, 0x02, 9, 0, 0x20, 0, 0x05, 0, 0);
        out(0x4e, 0, 0, 3, 0, 0, 0, 0x5f, 0x04, 9, 0x80, 0x40, 0x01, 0x00, 0, 0, 0, 0);
        assertThat(msr()).isEqualTo(0x80);
        out(0x0e);
        int[] dump = new int[10];
        for (int i = 0; i < 10; i++) {
            dump[i] = in();
        }
        assertThat(dump).containsExactly(3, 0, 0, 0, 0x5f, 0x04, 0, 0x80, 0x40, 0x01);
        out(0x33, 0x00);
        assertThat(msr()).isEqualTo(0x80);
    }

    @Test
    void driveSpecificationWaitsForDone() {
        fdc();
        out(0x8e, 0x01, 0x02, 0x03, 0x04, 0xc0);
        assertThat(new int[] {in(), in(), in(), in()}).containsExactly(0x01, 0x01, 0, 0);
        out(0x8e, 0x01, 0x02, 0x03, 0x04, 0x80);
        assertThat(msr()).isEqualTo(0x80);
        out(0x8e, 0x01, 0x02, 0x03, 0x04, 0x05);
        assertThat(msr()).isEqualTo(0x10);
        out(0xcd, 0, 0, 2, 9, 0x1b, 0xf6, 1, 2, 3, 4);
        assertThat(msr()).isEqualTo(0x10);
    }
}
