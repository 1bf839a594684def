package org.trapline.models.ide;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trapline.models.machine.IdeDrive;
import org.trapline.models.machine.Machine;
import org.trapline.models.machine.MachineConfig;
import org.trapline.models.machine.Profile;

/** A disk on the primary channel: IDENTIFY, PIO, unknown-command abort and a bus-master READ DMA (ATA/ATAPI-6, SFF-8038i). */
class AtaDiskTest {
    @TempDir
    Path dir;

    private Machine machine(Profile p) throws Exception {
        byte[] img = new byte[16 * 512];
        for (int i = 0; i < img.length; i++) {
            img[i] = (byte) (i / 512 * 7 + i % 512);
        }
        Path f = dir.resolve("d.img");
        Files.write(f, img);
        return p.build(MachineConfig.defaults().withIdeDrives(List.of(IdeDrive.disk(0, 0, f.toString()))));
    }

    /** 00:01.1's BAR4 = BMIBA C000h, Command: I/O Space and Bus Master; returns BMIBA. */
    private static int enableBusMaster(Machine m) {
        int bmiba = 0xc000;
        m.io().write(0xcf8, 4, 0x80000920L);
        m.io().write(0xcfc, 4, bmiba | 1);
        m.io().write(0xcf8, 4, 0x80000904L);
        m.io().write(0xcfc, 2, 0x5);
        return bmiba;
    }

    @Test
    void identifyGivesQemusWords() throws Exception {
        Machine m = machine(Profile.QEMU_PC);
        m.io().write(0x1f6, 1, 0xa0);
        m.io().write(0x1f7, 1, 0xec);
        assertThat(m.io().read(0x1f7, 1)).isEqualTo(0x58);
        int[] w = new int[256];
        for (int i = 0; i < 256; i++) {
            w[i] = (int) m.io().read(0x1f0, 2);
        }
        assertThat(m.io().read(0x1f7, 1)).isEqualTo(0x50);
        // Read from Debian's QEMU 7.2 over qtest (-machine pc -nodefaults -drive file=IMG,if=ide,format=raw, the same
        // 16-sector image, outb 0x1f6 0xa0, outb 0x1f7 0xec, 256 x inw 0x1f0).
        int[] qemu = {0x0040, 0x0002, 0x0000, 0x0010, 0x7e00, 0x0200, 0x003f, 0x0000, 0x0000, 0x0000, 0x514d, 0x3030, 0x3030, 0x3120, 0x2020, 0x2020, 0x2020, 0x2020, 0x2020, 0x2020, 0x0003, 0x0200, 0x0004, 0x322e, 0x352b, 0x2020, 0x2020, 0x5145, 0x4d55, 0x2048, 0x4152, 0x4444, 0x4953, 0x4b20, 0x2020, 0x2020, 0x2020, 0x2020, 0x2020, 0x2020, 0x2020, 0x2020, 0x2020, 0x2020, 0x2020, 0x2020, 0x2020, 0x8010, 0x0001, 0x0b00, 0x0000, 0x0200, 0x0200, 0x0007, 0x0002, 0x0010, 0x003f, 0x07e0, 0x0000, 0x0110, 0x0010, 0x0000, 0x0007, 0x0007, 0x0003, 0x0078, 0x0078, 0x0078, 0x0078, 0x4000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x00f0, 0x0016, 0x4021, 0x7400, 0x4000, 0x4021, 0x3400, 0x4000, 0x203f, 0x0000, 0x0000, 0x0000, 0x0000, 0x6001, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0010, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x6000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0001, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000};
        assertThat(w).containsExactly(qemu);
        assertThat(w[0]).isEqualTo(0x40);
        assertThat(w[1]).as("cylinders: 16 sectors fill fewer than 2").isEqualTo(2);
        assertThat(w[3]).isEqualTo(16);
        assertThat(w[6]).isEqualTo(63);
        assertThat(w[10]).as("\"QM\"").isEqualTo(0x514d);
        assertThat(w[23]).as("\"2.\"").isEqualTo(0x322e);
        assertThat(w[27]).as("\"QE\"").isEqualTo(0x5145);
        assertThat(w[47]).isEqualTo(0x8010);
        assertThat(w[59]).isEqualTo(0x110);
        assertThat(w[60]).isEqualTo(16);
        assertThat(w[83]).isEqualTo(0x7400);
        assertThat(w[85]).isEqualTo(0x4021);
        assertThat(w[88]).isEqualTo(0x203f);
        assertThat(w[100]).isEqualTo(16);
    }

    @Test
    void pioReadOfTwoSectorsThenTheAbortOfAnUnknownCommand() throws Exception {
        for (Profile p : Profile.values()) {
            Machine m = machine(p);
            m.io().write(0x1f6, 1, 0xe0);
            m.io().write(0x1f2, 1, 2);
            m.io().write(0x1f3, 1, 3);
            m.io().write(0x1f4, 1, 0);
            m.io().write(0x1f5, 1, 0);
            m.io().write(0x1f7, 1, 0x20);
            assertThat(m.isaIrq(14).level()).as(p.name()).isTrue();
            for (int s = 3; s < 5; s++) {
                assertThat(m.io().read(0x1f7, 1)).isEqualTo(0x58);
                for (int i = 0; i < 512; i += 2) {
                    int b0 = (s * 7 + i) & 0xff;
                    int b1 = (s * 7 + i + 1) & 0xff;
                    assertThat(m.io().read(0x1f0, 2)).isEqualTo(b1 << 8 | b0);
                }
            }
            assertThat(m.io().read(0x1f7, 1)).isEqualTo(0x50);
            m.io().write(0x1f7, 1, 0x01);
            assertThat(m.io().read(0x1f1, 1)).isEqualTo(AtaDevice.ABRT);
            assertThat(m.io().read(0x1f7, 1)).isEqualTo(0x41);
        }
    }

    @Test
    void busMasterReadDmaIntoRam() throws Exception {
        for (Profile p : Profile.values()) {
            Machine m = machine(p);
            int bmiba = enableBusMaster(m);
            m.mmio().write(0x1000, 4, 0x2000);
            m.mmio().write(0x1004, 4, 0x80000000L | 1024);
            m.io().write(bmiba + 4, 4, 0x1000);
            m.io().write(0x1f6, 1, 0xe0);
            m.io().write(0x1f2, 1, 2);
            m.io().write(0x1f3, 1, 1);
            m.io().write(0x1f4, 1, 0);
            m.io().write(0x1f5, 1, 0);
            m.io().write(0x1f7, 1, 0xc8);
            m.io().write(bmiba, 1, 0x09);
            assertThat(m.io().read(bmiba + 2, 1)).as(p.name()).isEqualTo(0x04);
            assertThat(m.mmio().read(0x2000, 1)).isEqualTo(7);
            assertThat(m.mmio().read(0x2200, 1)).isEqualTo(14);
            assertThat(m.io().read(0x1f7, 1)).isEqualTo(0x50);
        }
    }

    /** DATA SET MANAGEMENT TRIM: QEMU's disk takes it (quirk ide.dsm-trim); an ATA/ATAPI-6 disk aborts 06h. */
    @Test
    void dataSetManagementTrimAsQemuTakesItAndTheDatasheetAborts() throws Exception {
        for (Profile p : Profile.values()) {
            Machine m = machine(p);
            int bmiba = enableBusMaster(m);
            m.mmio().write(0x1000, 4, 0x2000);
            m.mmio().write(0x1004, 4, 0x80000000L | 512);
            // one entry: LBA 6, 8 sectors (on the 16-sector medium)
            m.mmio().write(0x2000, 4, 6);
            m.mmio().write(0x2004, 4, 8L << 16);
            m.io().write(bmiba + 4, 4, 0x1000);
            m.io().write(0x1f6, 1, 0xe0);
            m.io().write(0x1f1, 1, 0x01);
            m.io().write(0x1f2, 1, 1);
            m.io().write(0x1f7, 1, 0x06);
            if (p == Profile.HARDWARE) {
                assertThat(m.io().read(0x1f7, 1)).as("ERR, DRDY").isEqualTo(0x41);
                assertThat(m.io().read(0x1f1, 1)).as("ABRT").isEqualTo(0x04);
                continue;
            }
            m.io().write(bmiba, 1, 0x01);
            assertThat(m.io().read(bmiba + 2, 1)).as("BMIS Interrupt, Active clear").isEqualTo(0x04);
            assertThat(m.io().read(0x1f7, 1)).isEqualTo(0x50);
            // the data are as they were: discard=ignore
            m.io().write(0x1f2, 1, 1);
            m.io().write(0x1f3, 1, 6);
            m.io().write(0x1f7, 1, 0x20);
            assertThat(m.io().read(0x1f0, 2)).isEqualTo((6 * 7 & 0xff) | (6 * 7 + 1 & 0xff) << 8);
            for (int i = 1; i < 256; i++) {
                m.io().read(0x1f0, 2); // the rest of the sector, so that DRQ clears
            }
            // an entry off the medium: LBA 15, 2 sectors
            m.io().write(bmiba + 2, 1, 0x04);
            m.mmio().write(0x2000, 4, 15);
            m.mmio().write(0x2004, 4, 2L << 16);
            m.io().write(bmiba, 1, 0x00);
            m.io().write(0x1f6, 1, 0xe0);
            m.io().write(0x1f1, 1, 0x01);
            m.io().write(0x1f2, 1, 1);
            m.io().write(0x1f7, 1, 0x06);
            m.io().write(bmiba, 1, 0x01);
            assertThat(m.io().read(bmiba + 2, 1)).isEqualTo(0x04);
            assertThat(m.io().read(0x1f7, 1) & 0x01).as("ERR").isEqualTo(1);
            assertThat(m.io().read(0x1f1, 1)).as("ABRT").isEqualTo(0x04);
            // Features other than TRIM: aborted at once
            m.io().write(0x1f1, 1, 0x02);
            m.io().write(0x1f7, 1, 0x06);
            assertThat(m.io().read(0x1f7, 1)).isEqualTo(0x41);
        }
    }
}
