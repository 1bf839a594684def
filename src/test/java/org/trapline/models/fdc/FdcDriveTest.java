package org.trapline.models.fdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.trapline.models.fdc.FdcQuirks.*;

import java.io.ByteArrayOutputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.trapline.models.device.Quirk;
import org.trapline.models.irq.IrqLine;

/**
 * A drive with a 360 KiB diskette (40 cylinders, 2 heads, 9 sectors, 300 kb/s) on unit 0: seeks, ST3, DSKCHG,
 * READ DATA and WRITE DATA through a DMA channel that moves {@code count} bytes and gives TC on the last, and
 * both sides of each quirk of the transfers.
 */
class FdcDriveTest {
    /** Byte i of sector (c, h, s): a function of the sector, as golden/images/make-fdc-image.py makes it. */
    static int imageByte(int c, int h, int s, int i) {
        return switch (i) {
            case 0 -> c;
            case 1 -> h;
            case 2 -> s;
            default -> (c * 31 + h * 17 + s * 7 + i) & 0xff;
        };
    }

    /** The 360 KiB diskette, computed, and a count of the sectors read from it. */
    static final class Image implements FloppyMedium {
        int reads;

        @Override
        public long sectors() {
            return 720;
        }

        @Override
        public void read(long lba, byte[] into) {
            reads++;
            int s = (int) (lba % 9) + 1, h = (int) (lba / 9 % 2), c = (int) (lba / 18);
            for (int i = 0; i < 512; i++) {
                into[i] = (byte) imageByte(c, h, s, i);
            }
        }
    }

    /** An 8237 channel as the FDC sees it: serves while DRQ is held, {@code count} bytes, TC on the last. */
    final class Channel implements Fdc82078.DmaRequest {
        int count;
        boolean held;
        boolean masked;
        final ByteArrayOutputStream toMemory = new ByteArrayOutputStream();
        byte[] fromMemory = new byte[0];
        int taken;

        @Override
        public void hold() {
            held = true;
            run();
        }

        @Override
        public void release() {
            held = false;
        }

        void run() {
            while (held && !masked && count > 0) {
                if (write) {
                    fdc.dmaWrite(taken < fromMemory.length ? fromMemory[taken] & 0xff : 0);
                    taken++;
                } else {
                    toMemory.write(fdc.dmaRead());
                }
                count--;
                fdc.dmaCycleEnd(count == 0);
            }
        }
    }

    final IrqLine irq = new IrqLine("irq6");
    final Image image = new Image();
    final Channel dma = new Channel();
    Fdc82078 fdc;
    boolean write;

    private Fdc82078 fdc(boolean writeProtected, Quirk... quirks) {
        fdc = new Fdc82078(Set.of(quirks), irq, new FloppyMedium[] {image, null}, new boolean[] {writeProtected, false},
                dma);
        fdc.write(Fdc82078.DOR, 1, 0x1c);
        fdc.write(Fdc82078.CCR, 1, 0x01);
        return fdc;
    }

    private Fdc82078 fdc(Quirk... quirks) {
        return fdc(false, quirks);
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

    /** READ DATA (MFM, MT as given) of unit 0 at C, H, R with N=2 and EOT, the DMA moving {@code count} bytes. */
    private int[] read(int mt, int c, int h, int r, int eot, int count) {
        write = false;
        dma.count = count;
        dma.toMemory.reset();
        out(0x46 | mt, h << 2, c, h, r, 0x02, eot, 0x1b, 0xff);
        return result();
    }

    private int[] writeData(int c, int h, int r, int eot, byte[] data) {
        write = true;
        dma.count = data.length;
        dma.fromMemory = data;
        dma.taken = 0;
        out(0x45, h << 2, c, h, r, 0x02, eot, 0x1b, 0xff);
        return result();
    }

    @Test
    void theGeometryComesFromTheSizeAsInQemusTable() {
        assertThat(FloppyGeometry.ofImageSectors(2880)).extracting(FloppyGeometry::cylinders, FloppyGeometry::heads,
                FloppyGeometry::sectorsPerTrack, FloppyGeometry::rate).containsExactly(80, 2, 18, 0);
        assertThat(FloppyGeometry.ofImageSectors(720)).extracting(FloppyGeometry::cylinders, FloppyGeometry::heads,
                FloppyGeometry::sectorsPerTrack, FloppyGeometry::rate).containsExactly(40, 2, 9, 1);
        // 1440 sectors is first the 3.5" 720 kB diskette (table order), 320 the one-sided 160 kB one.
        assertThat(FloppyGeometry.ofImageSectors(1440).name()).isEqualTo("720 kB 3.5\"");
        assertThat(FloppyGeometry.ofImageSectors(320)).extracting(FloppyGeometry::heads, FloppyGeometry::rate)
                .containsExactly(1, 2);
        assertThat(FloppyGeometry.ofImageSectors(5760).rate()).isEqualTo(3);
        assertThat(FloppyGeometry.ofImageSectors(721)).isNull();
        // The CMOS drive types QEMU gives (hw/i386/pc.c cmos_get_fd_drive_type): 1.44 MB 4, 1.2 MB 2, 2.88 MB 5.
        assertThat(FloppyGeometry.ofImageSectors(2880).cmosDriveType()).isEqualTo(4);
        assertThat(FloppyGeometry.ofImageSectors(1440).cmosDriveType()).isEqualTo(4);
        assertThat(FloppyGeometry.ofImageSectors(720).cmosDriveType()).isEqualTo(2);
        assertThat(FloppyGeometry.ofImageSectors(5760).cmosDriveType()).isEqualTo(5);
        assertThat(FloppyGeometry.knownSizes()).startsWith("160 KiB, 180 KiB, 320 KiB, 360 KiB").contains("1440 KiB")
                .endsWith("3840 KiB");
        FloppyMedium odd = new FloppyMedium() {
            @Override
            public long sectors() {
                return 100;
            }

            @Override
            public void read(long lba, byte[] into) {
            }
        };
        assertThatThrownBy(() -> new FloppyDrive(odd, false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("100 sectors");
    }

    @Test
    void aDriveReportsDiskChangeUntilAStepAndItsSt3() {
        fdc();
        assertThat(fdc.read(Fdc82078.DIR, 1)).isEqualTo(0x80);
        out(0x04, 0x04);
        assertThat(in()).isEqualTo(0x20 | 0x10 | 0x08 | 0x04); // T0, head 1, no WP
        out(0x07, 0x00);
        assertThat(sense()).containsExactly(0x20, 0x00); // recalibrate at track 0: no step pulse
        assertThat(fdc.read(Fdc82078.DIR, 1)).isEqualTo(0x80);
        seek(5);
        assertThat(fdc.read(Fdc82078.DIR, 1)).isZero();
        out(0x04, 0x00);
        assertThat(in()).isEqualTo(0x28);
        out(0x07, 0x00);
        assertThat(sense()).containsExactly(0x20, 0x00);
        // Unit 1 has no drive: its DSKCHG stays
        fdc.write(Fdc82078.DOR, 1, 0x1d);
        assertThat(fdc.read(Fdc82078.DIR, 1)).isEqualTo(0x80);
        assertThat(fdc.read(Fdc82078.SRA, 1) & 0x40).isEqualTo(0x40);
        assertThat(fdc(true).read(Fdc82078.DIR, 1)).isEqualTo(0x80);
        out(0x04, 0x00);
        assertThat(in()).isEqualTo(0x40 | 0x38);
    }

    @Test
    void seekPastTheDiskettesCylindersMovesTheHeadOnHardwareOnly() {
        fdc();
        seek(50);
        assertThat(sense()[0]).isEqualTo(0x80);
        out(0x0f, 0x00, 50);
        assertThat(sense()).containsExactly(0x20, 50);
        fdc(SEEK_BOUNDED_BY_MEDIA);
        out(0x0f, 0x00, 40);
        assertThat(sense()).containsExactly(0x20, 40);
        out(0x0f, 0x00, 41);
        assertThat(sense()).containsExactly(0x20, 40);
        out(0x04, 0x04);
        in();
        out(0x0f, 0x00, 3);
        assertThat(sense()).containsExactly(0x20, 3); // head 1 of a two-sided diskette
    }

    @Test
    void readDataMovesTheSectorsAndEndsWithTheNextSectorsId() {
        fdc();
        seek(2);
        assertThat(irq.level()).isFalse();
        int[] r = read(0, 2, 0, 3, 9, 1024);
        assertThat(r).containsExactly(0x00, 0x00, 0x00, 2, 0, 5, 2);
        byte[] bytes = dma.toMemory.toByteArray();
        assertThat(bytes).hasSize(1024);
        for (int i = 0; i < 1024; i++) {
            assertThat(bytes[i] & 0xff).isEqualTo(imageByte(2, 0, 3 + i / 512, i % 512));
        }
        assertThat(image.reads).isEqualTo(2); // a sector at a time, as asked
        assertThat(irq.level()).isFalse(); // the result read cleared it
        assertThat(msr()).isEqualTo(0x80);
        // Multi-track: head 0 sector 9 then head 1 sector 1; result on head 1, sector 2.
        r = read(0x80, 2, 0, 9, 9, 1024);
        assertThat(r).containsExactly(0x04, 0x00, 0x00, 2, 1, 2, 2);
        assertThat(dma.toMemory.toByteArray()[512 + 2] & 0xff).isEqualTo(1);
        assertThat(dma.toMemory.toByteArray()[512 + 1] & 0xff).isEqualTo(1);
    }

    @Test
    void theInterruptRisesAtTheResultPhaseAndMsrShowsIt() {
        fdc();
        seek(1);
        dma.masked = true;
        write = false;
        dma.count = 512;
        out(0x46, 0x00, 1, 0, 1, 2, 1, 0x1b, 0xff);
        assertThat(msr()).isEqualTo(0x10); // execution, DMA mode: RQM off
        assertThat(irq.level()).isFalse();
        dma.masked = false;
        dma.run();
        assertThat(irq.level()).isTrue();
        assertThat(msr()).isEqualTo(0xd0);
        assertThat(result()).containsExactly(0x00, 0x00, 0x00, 2, 0, 1, 2);
        assertThat(irq.level()).isFalse();
    }

    @Test
    void dumpregShowsTheLastEotOnHardwareAndTheDisketteSectorsInQemu() {
        fdc();
        assertThat(dumpreg()[6]).isZero();
        seek(2);
        read(0, 2, 0, 3, 5, 1024);
        assertThat(dumpreg()[6]).isEqualTo(5);
        fdc(FdcQuirks.DUMPREG_EOT_IS_DISKETTE_SECTORS);
        assertThat(dumpreg()[6]).isEqualTo(9);
        seek(2);
        read(0, 2, 0, 3, 5, 1024);
        assertThat(dumpreg()[6]).isEqualTo(9);
        Fdc82078 none = new Fdc82078(Set.of(FdcQuirks.DUMPREG_EOT_IS_DISKETTE_SECTORS), irq);
        none.write(Fdc82078.FIFO, 1, 0x0e);
        int[] r = new int[10];
        for (int i = 0; i < 10; i++) {
            r[i] = (int) none.read(Fdc82078.FIFO, 1);
        }
        assertThat(r[6]).isZero();
    }

    private int[] dumpreg() {
        out(0x0e);
        int[] r = new int[10];
        for (int i = 0; i < 10; i++) {
            r[i] = in();
        }
        return r;
    }

    @Test
    void writesGoToTheOverlayAndReadBack() {
        fdc();
        seek(1);
        byte[] data = new byte[1024];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 13 + 5);
        }
        int reads = image.reads;
        // EOT 6: the result names the next cylinder's first sector (82078 result table, MT=0).
        assertThat(writeData(1, 1, 5, 6, data)).containsExactly(0x04, 0x00, 0x00, 2, 1, 1, 2);
        seek(1);
        read(0, 1, 1, 4, 7, 2048);
        byte[] back = dma.toMemory.toByteArray();
        for (int i = 0; i < 512; i++) {
            assertThat(back[i] & 0xff).isEqualTo(imageByte(1, 1, 4, i));
            assertThat(back[512 + i]).isEqualTo(data[i]);
            assertThat(back[1024 + i]).isEqualTo(data[512 + i]);
            assertThat(back[1536 + i] & 0xff).isEqualTo(imageByte(1, 1, 7, i));
        }
        assertThat(image.reads - reads).isEqualTo(4); // sectors 5, 6 (merged on write), 4 and 7
        // A part of a sector (TC after 100 bytes) keeps the rest of what the sector held.
        seek(1);
        assertThat(writeData(1, 1, 1, 9, java.util.Arrays.copyOf(data, 100))).containsExactly(0x04, 0x00, 0x00, 1, 1,
                2, 2);
        read(0, 1, 1, 1, 1, 512);
        back = dma.toMemory.toByteArray();
        assertThat(back[99]).isEqualTo(data[99]);
        assertThat(back[100] & 0xff).isEqualTo(imageByte(1, 1, 1, 100));
    }

    @Test
    void aTransferMustMatchTheDataRate() {
        fdc();
        fdc.write(Fdc82078.CCR, 1, 0x00);
        assertThat(read(0, 0, 0, 1, 9, 512)).containsExactly(0x40, 0x01, 0x00, 0, 0, 1, 2);
        assertThat(dma.toMemory.size()).isZero();
        // EOT before R: no sector to move (MA, as QEMU's fdctrl_start_transfer and the datasheet's missing mark)
        fdc.write(Fdc82078.CCR, 1, 0x01);
        assertThat(read(0, 0, 0, 5, 3, 512)).containsExactly(0x40, 0x01, 0x00, 0, 0, 5, 2);
    }

    @Test
    void eotWithoutTcEndsAbnormallyOnHardwareOnly() {
        fdc();
        assertThat(read(0, 0, 0, 8, 9, 4096)).containsExactly(0x40, 0x80, 0x00, 1, 0, 1, 2);
        assertThat(dma.toMemory.size()).isEqualTo(1024);
        assertThat(dma.count).isEqualTo(3072);
        fdc(EOT_WITHOUT_TC_ENDS_NORMALLY);
        assertThat(read(0, 0, 0, 8, 9, 4096)).containsExactly(0x00, 0x00, 0x00, 1, 0, 1, 2);
        // With TC on the last byte both end normally.
        fdc();
        assertThat(read(0, 0, 0, 8, 9, 1024)).containsExactly(0x00, 0x00, 0x00, 1, 0, 1, 2);
    }

    @Test
    void theMoveToTheNextCylinderSetsSeInQemuOnly() {
        fdc(TRANSFER_SEEKS_WITHOUT_EIS);
        assertThat(read(0, 0, 0, 9, 9, 512)[0]).isEqualTo(0x00);
        fdc(TRANSFER_SEEKS_WITHOUT_EIS, NEXT_CYLINDER_SETS_SEEK_END);
        assertThat(read(0, 0, 0, 9, 9, 512)).containsExactly(0x20, 0x00, 0x00, 1, 0, 1, 2);
    }

    @Test
    void writeProtectIsSeenAtTheCommandOnHardwareAndAtTheDmaInQemu() {
        byte[] data = new byte[1024];
        fdc(true);
        write = true;
        dma.masked = true;
        dma.count = 1024;
        dma.fromMemory = data;
        out(0x45, 0x00, 0, 0, 1, 2, 9, 0x1b, 0xff);
        assertThat(irq.level()).isTrue();
        assertThat(result()).containsExactly(0x40, 0x02, 0x00, 0, 0, 1, 2);
        fdc(true, WRITE_PROTECT_SEEN_AT_DMA);
        dma.taken = 0;
        out(0x45, 0x00, 0, 0, 1, 2, 9, 0x1b, 0xff);
        assertThat(irq.level()).isFalse();
        assertThat(msr()).isEqualTo(0x10);
        dma.masked = false;
        dma.run();
        assertThat(dma.taken).isEqualTo(512); // the piece QEMU tells the DMA it moved
        assertThat(result()).containsExactly(0x60, 0x02, 0x00, 0, 0, 1, 2);
        // TC before the piece's end ends it there
        fdc(true, WRITE_PROTECT_SEEN_AT_DMA);
        dma.taken = 0;
        dma.count = 100;
        out(0x45, 0x00, 0, 0, 1, 2, 9, 0x1b, 0xff);
        assertThat(dma.taken).isEqualTo(100);
        assertThat(result()[1]).isEqualTo(0x02);
        read(0, 0, 0, 1, 1, 512);
        assertThat(dma.toMemory.toByteArray()[3] & 0xff).isEqualTo(imageByte(0, 0, 1, 3));
    }

    @Test
    void noDriveMeansNoEndOnHardwareAndAnAbnormalEndInQemu() {
        fdc();
        out(0x46, 0x01, 0, 0, 1, 2, 9, 0x1b, 0xff);
        assertThat(msr()).isEqualTo(0x10);
        assertThat(irq.level()).isFalse();
        fdc(NO_DISKETTE_ENDS_AT_ONCE);
        out(0x46, 0x01, 0, 0, 1, 2, 9, 0x1b, 0xff);
        assertThat(irq.level()).isTrue();
        assertThat(result()).containsExactly(0x41, 0x80, 0x00, 0, 0, 1, 2);
        out(0x46, 0x05, 2, 1, 1, 2, 9, 0x1b, 0xff);
        assertThat(result()).containsExactly(0x41, 0x00, 0x00, 2, 1, 1, 2);
        out(0x04, 0x05);
        in();
        out(0x46, 0x05, 0, 0, 1, 2, 9, 0x1b, 0xff);
        assertThat(result()[0]).isEqualTo(0x45); // the drive's head
        assertThat(new Fdc82078(Set.of(), irq).read(Fdc82078.DIR, 1)).isEqualTo(0x80);
    }

    @Test
    void aMissingSectorIsNdAndAMissingCylinderMaOnHardware() {
        fdc(TRANSFER_SEEKS_WITHOUT_EIS);
        assertThat(read(0, 0, 0, 10, 10, 512)).containsExactly(0x40, 0x04, 0x00, 0, 0, 10, 2);
        assertThat(read(0, 0, 0, 0, 9, 512)).containsExactly(0x40, 0x04, 0x00, 0, 0, 0, 2);
        assertThat(read(0, 40, 0, 1, 9, 512)).containsExactly(0x40, 0x01, 0x00, 40, 0, 1, 2);
        // H=2 with HDS 0: side 0 is read, and no ID field there has H=2 (ND).
        assertThat(read(0, 0, 2, 1, 9, 512)).containsExactly(0x40, 0x04, 0x00, 0, 2, 1, 2);
        fdc(TRANSFER_SEEKS_WITHOUT_EIS, MISSING_SECTOR_STATUS);
        assertThat(read(0, 0, 0, 10, 10, 512)).containsExactly(0x40, 0x80, 0x00, 0, 0, 10, 2);
        assertThat(read(0, 41, 0, 1, 9, 512)).containsExactly(0x40, 0x00, 0x00, 41, 0, 1, 2);
        // Cylinder 40, one past the last, reads as zeros; sector 0 is the sector before sector 1.
        assertThat(read(0, 40, 0, 1, 1, 512)[0]).isEqualTo(0x20);
        assertThat(dma.toMemory.toByteArray()).containsOnly(0);
        read(0, 1, 0, 0, 9, 512);
        assertThat(dma.toMemory.toByteArray()[0] & 0xff).isEqualTo(0); // cylinder 0, head 1, sector 9
        assertThat(dma.toMemory.toByteArray()[1] & 0xff).isEqualTo(1);
        assertThat(dma.toMemory.toByteArray()[2] & 0xff).isEqualTo(9);
    }

    @Test
    void withoutImpliedSeeksTheCylinderMustBeUnderTheHead() {
        fdc();
        assertThat(read(0, 2, 0, 1, 9, 512)).containsExactly(0x40, 0x04, 0x10, 2, 0, 1, 2);
        assertThat(dma.toMemory.size()).isZero();
        out(0x13, 0x00, 0x60, 0x00); // CONFIGURE EIS=1
        assertThat(read(0, 2, 0, 1, 9, 512)).containsExactly(0x20, 0x00, 0x00, 2, 0, 2, 2);
        fdc(TRANSFER_SEEKS_WITHOUT_EIS);
        assertThat(read(0, 2, 0, 1, 9, 512)).containsExactly(0x20, 0x00, 0x00, 2, 0, 2, 2);
        assertThat(fdc.read(Fdc82078.DIR, 1)).isZero();
    }

    @Test
    void tcInTheMiddleOfASectorFinishesItOnHardwareOnly() {
        fdc();
        assertThat(read(0, 0, 0, 3, 9, 256)).containsExactly(0x00, 0x00, 0x00, 0, 0, 4, 2);
        fdc(TC_MID_SECTOR_STAYS);
        assertThat(read(0, 0, 0, 3, 9, 256)).containsExactly(0x00, 0x00, 0x00, 0, 0, 3, 2);
        assertThat(dma.toMemory.size()).isEqualTo(256);
    }

    @Test
    void theResultsNIsTheCommandsOnHardwareAndTwoInQemu() {
        fdc();
        write = false;
        dma.count = 1024;
        out(0x46, 0x00, 0, 0, 1, 3, 1, 0x1b, 0xff);
        assertThat(result()[6]).isEqualTo(3);
        fdc(RESULT_SIZE_CODE_2);
        dma.count = 1024;
        out(0x46, 0x00, 0, 0, 1, 3, 1, 0x1b, 0xff);
        assertThat(result()[6]).isEqualTo(2);
        // N=0: DTL bytes
        fdc(RESULT_SIZE_CODE_2, EOT_WITHOUT_TC_ENDS_NORMALLY);
        dma.count = 4096;
        out(0x46, 0x00, 0, 0, 1, 0, 1, 0x1b, 0x80);
        assertThat(result()).containsExactly(0x00, 0x00, 0x00, 0, 0, 1, 2);
    }

    private int[] pioRead(int r, int eot, int bytes) {
        out(0x03, 0xdf, 0x03); // SPECIFY ND=1
        out(0x46, 0x00, 0, 0, r, 2, eot, 0x1b, 0xff);
        assertThat(msr()).isEqualTo(0xf0);
        assertThat(irq.level()).isTrue();
        for (int i = 0; i < bytes; i++) {
            assertThat(in()).isEqualTo(imageByte(0, 0, r + i / 512, i % 512));
        }
        return result();
    }

    @Test
    void nonDmaReadsThroughTheFifo() {
        fdc();
        assertThat(pioRead(8, 9, 1024)).containsExactly(0x40, 0x80, 0x00, 1, 0, 1, 2);
        fdc(EOT_WITHOUT_TC_ENDS_NORMALLY);
        assertThat(pioRead(8, 9, 1024)).containsExactly(0x00, 0x00, 0x00, 1, 0, 1, 2);
        fdc(EOT_WITHOUT_TC_ENDS_NORMALLY, PIO_READ_RESULT_NAMES_LAST_SECTOR);
        assertThat(pioRead(8, 9, 1024)).containsExactly(0x00, 0x00, 0x00, 0, 0, 9, 2);
        assertThat(fdc.read(Fdc82078.DOR, 1)).isEqualTo(0x1c);
        fdc(ND_IS_DOR_DMA_GATE);
        out(0x03, 0xdf, 0x03);
        assertThat(fdc.read(Fdc82078.DOR, 1)).isEqualTo(0x14);
    }

    @Test
    void aNonDmaWriteToTheTracksEndEndsOnHardwareAndStaysInQemu() {
        for (boolean quirk : new boolean[] {false, true}) {
            fdc(quirk ? new Quirk[] {EOT_WITHOUT_TC_ENDS_NORMALLY, PIO_WRITE_TO_TRACK_END_NEVER_ENDS}
                    : new Quirk[] {EOT_WITHOUT_TC_ENDS_NORMALLY});
            out(0x03, 0xdf, 0x03);
            out(0x45, 0x00, 0, 0, 9, 2, 9, 0x1b, 0xff);
            assertThat(msr()).isEqualTo(0xb0);
            for (int i = 0; i < 512; i++) {
                out(i & 0xff);
            }
            if (quirk) {
                assertThat(msr()).isEqualTo(0x30);
                assertThat(in()).isZero();
            } else {
                assertThat(result()).containsExactly(0x00, 0x00, 0x00, 1, 0, 1, 2);
            }
            // The data is on the diskette either way.
            fdc.write(Fdc82078.DOR, 1, 0x18);
            fdc.write(Fdc82078.DOR, 1, 0x1c);
            for (int i = 0; i < 4; i++) {
                sense();
            }
            out(0x03, 0xdf, 0x02);
            assertThat(read(0, 0, 0, 9, 9, 512)[0] & 0xc0).isZero();
            assertThat(dma.toMemory.toByteArray()[200] & 0xff).isEqualTo(200);
        }
    }

    @Test
    void aResetDuringATransferReleasesDrq() {
        fdc();
        dma.masked = true;
        write = false;
        dma.count = 512;
        out(0x46, 0x00, 0, 0, 1, 2, 9, 0x1b, 0xff);
        assertThat(dma.held).isTrue();
        fdc.write(Fdc82078.DOR, 1, 0x18);
        fdc.write(Fdc82078.DOR, 1, 0x1c);
        assertThat(dma.held).isFalse();
        assertThat(fdc.dmaRead()).isEqualTo(0xff);
        fdc.dmaWrite(0x12);
        fdc.dmaCycleEnd(true);
        fdc.dmaVerify();
        assertThat(msr()).isEqualTo(0x80);
    }

    @Test
    void verifyCyclesMoveTheDataOnTheControllersSideOnly() {
        fdc();
        write = false;
        dma.count = 0;
        out(0x46, 0x00, 0, 0, 9, 2, 9, 0x1b, 0xff);
        for (int i = 0; i < 511; i++) {
            fdc.dmaVerify();
            fdc.dmaCycleEnd(false);
        }
        fdc.dmaVerify();
        fdc.dmaCycleEnd(true);
        assertThat(result()).containsExactly(0x00, 0x00, 0x00, 1, 0, 1, 2);
        // A verify of a write leaves the sector as it was.
        write = true;
        out(0x45, 0x00, 1, 0, 1, 2, 1, 0x1b, 0xff);
        for (int i = 0; i < 512; i++) {
            fdc.dmaVerify();
            fdc.dmaCycleEnd(i == 511);
        }
        result();
        out(0x13, 0x00, 0x60, 0x00);
        read(0, 1, 0, 1, 1, 512);
        assertThat(dma.toMemory.toByteArray()[7] & 0xff).isEqualTo(imageByte(1, 0, 1, 7));
    }

    @Test
    void everyQuirkOfTheTransfersIsInTheLedger() {
        Set<Quirk> transferQuirks = new HashSet<>(List.of(EOT_WITHOUT_TC_ENDS_NORMALLY, NEXT_CYLINDER_SETS_SEEK_END,
                WRITE_PROTECT_SEEN_AT_DMA, NO_DISKETTE_ENDS_AT_ONCE, MISSING_SECTOR_STATUS, TRANSFER_SEEKS_WITHOUT_EIS,
                TC_MID_SECTOR_STAYS, RESULT_SIZE_CODE_2, PIO_READ_RESULT_NAMES_LAST_SECTOR,
                PIO_WRITE_TO_TRACK_END_NEVER_ENDS, FdcQuirks.DUMPREG_EOT_IS_DISKETTE_SECTORS));
        assertThat(FdcQuirks.all()).containsAll(transferQuirks).hasSize(37);
    }
}
