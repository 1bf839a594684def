package org.trapline.models.fwcfg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.trapline.models.machine.MachineConfig;
import org.trapline.models.machine.Profile;

/** fw_cfg as docs/specs/fw_cfg.rst specifies it, with the pc board's items. */
class FwCfgTest {
    private static final int BUF = 0x2000;
    private static final int ACC = 0x1000;

    @Test
    void signatureReadsQemuAndThenZeros() {
        FwCfgRig r = FwCfgRig.hardware();
        assertThat(r.read(FwCfgItems.SIGNATURE, 6)).containsExactly('Q', 'E', 'M', 'U', 0, 0);
    }

    @Test
    void resetSelectsTheSignatureAtOffsetZero() {
        FwCfgRig r = FwCfgRig.hardware();
        r.select(FwCfgItems.RAM_SIZE);
        r.data();
        r.dev.reset();
        assertThat(r.data()).isEqualTo('Q');
        assertThat(r.dev.registers()).containsEntry("selector", "0000").containsEntry("offset", "1")
                .containsEntry("item", "signature").containsEntry("dma-address", "0000000000000000");
        assertThat(r.dev.deviceName()).isEqualTo("fw_cfg");
    }

    @Test
    void idHasTraditionalAndDmaBits() {
        assertThat(FwCfgRig.hardware().read(FwCfgItems.ID, 5)).containsExactly(3, 0, 0, 0, 0);
    }

    @Test
    void ramSizeCpusNumaBootMenuAreLittleEndianValues() {
        FwCfgRig r = FwCfgRig.hardware();
        assertThat(r.read(FwCfgItems.RAM_SIZE, 9)).containsExactly(0, 0, 0, 8, 0, 0, 0, 0, 0);
        assertThat(r.read(FwCfgItems.NB_CPUS, 3)).containsExactly(1, 0, 0);
        assertThat(r.read(FwCfgItems.MAX_CPUS, 3)).containsExactly(1, 0, 0);
        assertThat(r.read(FwCfgItems.NOGRAPHIC, 3)).containsExactly(0, 0, 0);
        assertThat(r.read(FwCfgItems.BOOT_MENU, 3)).containsExactly(0, 0, 0);
        assertThat(r.dev.unmodelledReads()).isZero();
        assertThat(new FwCfgItems().put(1, FwCfgItem.of("x", new byte[] {7})).at(1).size()).isEqualTo(1);
        FwCfgItems big = FwCfgItems.pc(5000L << 20, 2, FwCfgRig.E820, 321, BootOptions.defaults());
        assertThat(big.at(FwCfgItems.RAM_SIZE).bytes()).containsExactly(0, 0, 0x80 - 256, 0x38, 1, 0, 0, 0);
        assertThat(big.at(FwCfgItems.NUMA).size()).isEqualTo(24);
        assertThat(big.at(FwCfgItems.NB_CPUS).bytes()).containsExactly(2, 0);
    }

    @Test
    void kernelItemsAreEmptyWithoutKernel() {
        FwCfgRig r = FwCfgRig.hardware();
        for (int key : new int[] {FwCfgItems.KERNEL_ADDR, FwCfgItems.KERNEL_SIZE, FwCfgItems.KERNEL_CMDLINE,
                FwCfgItems.INITRD_ADDR, FwCfgItems.INITRD_SIZE, FwCfgItems.CMDLINE_SIZE, FwCfgItems.SETUP_DATA,
                FwCfgItems.MACHINE_ID}) {
            assertThat(r.read(key, 4)).as("key %x", key).containsOnly(0);
        }
    }

    @Test
    void directoryListsTwelveFilesInNameOrderFrom0x20() {
        FwCfgRig r = FwCfgRig.hardware();
        byte[] dir = r.read(FwCfgItems.FILE_DIR, 4 + 64 * 12 + 4);
        assertThat(Arrays.copyOf(dir, 4)).containsExactly(0, 0, 0, 12);
        String[] names = {"bios-geometry", "bootorder", "etc/acpi/rsdp", "etc/acpi/tables", "etc/boot-fail-wait",
            "etc/e820", "etc/smbios/smbios-anchor", "etc/smbios/smbios-tables", "etc/system-states",
            "etc/table-loader", "etc/tpm/log", "genroms/kvmvapic.bin"};
        int[] sizes = {0, 0, 20, 131072, 4, 40, 31, 321, 6, 4096, 0, 9216};
        for (int i = 0; i < 12; i++) {
            int e = 4 + 64 * i;
            int size = (dir[e] & 0xff) << 24 | (dir[e + 1] & 0xff) << 16 | (dir[e + 2] & 0xff) << 8 | dir[e + 3] & 0xff;
            int select = (dir[e + 4] & 0xff) << 8 | dir[e + 5] & 0xff;
            String name = new String(dir, e + 8, names[i].length(), StandardCharsets.US_ASCII);
            assertThat(size).as(names[i]).isEqualTo(sizes[i]);
            assertThat(select).isEqualTo(0x20 + i);
            assertThat(name).isEqualTo(names[i]);
            assertThat(dir[e + 8 + names[i].length()]).isZero();
            assertThat(dir[e + 6]).isZero();
        }
        assertThat(Arrays.copyOfRange(dir, 4 + 64 * 12, dir.length)).containsOnly(0);
    }

    @Test
    void uuidMenuSplashTimeAndRebootTimeoutComeFromTheBootOptions() {
        byte[] uuid = new byte[16];
        for (int i = 0; i < 16; i++) {
            uuid[i] = (byte) (0xf0 + i);
        }
        BootOptions boot = BootOptions.defaults().withUuid(uuid).withMenu(true).withSplashTime(12).withRebootTimeout(15);
        FwCfgItems items = FwCfgItems.pc(FwCfgRig.RAM, 1, FwCfgRig.E820, 321, boot);
        assertThat(items.at(FwCfgItems.UUID).bytes()).isEqualTo(uuid);
        assertThat(items.at(FwCfgItems.BOOT_MENU).bytes()).containsExactly(1, 0);
        // etc/boot-menu-wait sorts between etc/acpi/tables and etc/boot-fail-wait: the files after it move up a key.
        assertThat(items.at(0x24).name()).isEqualTo("etc/boot-fail-wait");
        assertThat(items.at(0x24).bytes()).containsExactly(15, 0, 0, 0);
        assertThat(items.at(0x25).name()).isEqualTo("etc/boot-menu-wait");
        assertThat(items.at(0x25).bytes()).containsExactly(12, 0);
        assertThat(items.at(0x2c).name()).isEqualTo("genroms/kvmvapic.bin");
        assertThat(items.at(FwCfgItems.FILE_DIR).bytes()).startsWith(0, 0, 0, 13);
        FwCfgItems none = FwCfgItems.pc(FwCfgRig.RAM, 1, FwCfgRig.E820, 321, BootOptions.defaults().withRebootTimeout(0));
        assertThat(none.at(0x24).bytes()).containsExactly(0, 0, 0, 0);
        assertThat(none.at(0x25).name()).isEqualTo("etc/e820");
        assertThat(none.at(FwCfgItems.UUID).bytes()).containsOnly(0).hasSize(16);
    }

    @Test
    void bootOptionsOutOfQemusRangesAreRefused() {
        BootOptions d = BootOptions.defaults();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> d.withSplashTime(65536)).hasMessageContaining("splash-time");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> d.withSplashTime(-2)).hasMessageContaining("splash-time");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> d.withRebootTimeout(65536)).hasMessageContaining("reboot-timeout");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> d.withRebootTimeout(-2)).hasMessageContaining("reboot-timeout");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> d.withUuid(new byte[15])).hasMessageContaining("16 bytes");
        assertThat(d.withSplashTime(65535).splashTime()).isEqualTo(65535);
        assertThat(d.withRebootTimeout(65535).rebootTimeout()).isEqualTo(65535);
        assertThat(d.withMenu(true)).isEqualTo(d.withMenu(true)).isNotEqualTo(d).hasSameHashCodeAs(d.withMenu(true));
        assertThat(d.withUuid(new byte[16])).isEqualTo(d);
        assertThat(d.toString()).contains("splashTime=-1");
    }

    @Test
    void e820BootFailWaitAndSystemStates() {
        FwCfgRig r = FwCfgRig.hardware();
        byte[] e820 = r.read(0x25, 41);
        assertThat(Arrays.copyOfRange(e820, 0, 20)).containsExactly(0, 0, 0, 0, 0xfd - 256, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0,
                2, 0, 0, 0);
        assertThat(Arrays.copyOfRange(e820, 20, 41)).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 8, 0, 0, 0, 0,
                1, 0, 0, 0, 0);
        assertThat(r.read(0x24, 5)).containsExactly(-1, -1, -1, -1, 0);
        assertThat(r.read(0x28, 6)).containsExactly(0x80 - 256, 0, 0, 0x81 - 256, 0x82 - 256, 0x80 - 256);
        assertThat(r.read(0x21, 2)).containsExactly(0, 0);
        assertThat(r.read(FwCfgItems.IRQ0_OVERRIDE, 5)).containsExactly(1, 0, 0, 0, 0);
    }

    @Test
    void keysBeyondTheTableAndBit14() {
        FwCfgRig r = FwCfgRig.hardware();
        assertThat(r.read(0x4000, 4)).containsExactly('Q', 'E', 'M', 'U');
        assertThat(r.read(0x0040, 2)).containsOnly(0);
        assertThat(r.read(0x3fff, 2)).containsOnly(0);
        assertThat(r.read(0xffff, 2)).containsOnly(0);
        assertThat(r.read(0xc002, 2)).containsExactly(1, 0);
        assertThat(r.dev.registers()).containsEntry("item", "irq0_override");
        r.select(0x40);
        assertThat(r.dev.registers()).containsEntry("item", "-");
    }

    @Test
    void portWidthsAndWrites() {
        FwCfgRig r = FwCfgRig.hardware();
        r.select(0);
        assertThat(r.port.device().read(0, 2)).isZero();
        assertThat(r.port.device().read(0, 4)).isZero();
        assertThat(r.port.device().read(1, 2)).isZero();
        r.port.device().write(1, 1, 0x55); // data write: ignored
        r.port.device().write(0, 1, 0x01); // byte write to the selector: a data write, ignored
        r.port.device().write(0, 4, 0x01); // not a selector width
        assertThat(r.data()).isEqualTo('Q');
        r.port.device().write(1, 2, 0x01); // a 16-bit write selects wherever it lands
        assertThat(r.data()).isEqualTo(3);
    }

    @Test
    void dmaRegisterReadsQemuCfgAtEveryWidth() {
        FwCfgRig r = FwCfgRig.hardware();
        byte[] sig = "QEMU CFG".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 8; i++) {
            assertThat(r.dmaReg.device().read(i, 1)).isEqualTo(sig[i]);
        }
        assertThat(r.dmaReg.device().read(0, 4)).isEqualTo(0x554d4551L);
        assertThat(r.dmaReg.device().read(4, 4)).isEqualTo(0x47464320L);
        assertThat(r.dmaReg.device().read(2, 2)).isEqualTo(0x554dL);
        assertThat(r.dmaReg.device().read(7, 2)).isEqualTo(0x47L);
        assertThat(r.dmaReg.device().read(-1, 1)).isZero();
    }

    @Test
    void dmaSelectAndReadCopiesAndClearsControl() {
        FwCfgRig r = FwCfgRig.hardware();
        assertThat(r.dma(ACC, 0x0019_000a, 68, BUF)).isZero();
        assertThat(r.ram(BUF, 4)).containsExactly(0, 0, 0, 12);
        assertThat(r.ram(BUF + 4 + 8, 13)).containsExactly("bios-geometry".getBytes(StandardCharsets.US_ASCII));
        assertThat(r.ram(ACC + 4, 4)).containsExactly(0, 0, 0, 68); // only control is written back
        assertThat(r.dma.transfers()).isEqualTo(3);
        assertThat(r.dev.registers()).containsEntry("offset", "68").containsEntry("dma-address", "0000000000000000");
    }

    @Test
    void dmaReadPastTheEndGivesZerosAndTheOffsetStops() {
        FwCfgRig r = FwCfgRig.hardware();
        for (int i = 0; i < 16; i++) {
            r.memory.writeByte(BUF + i, 0xaa);
        }
        assertThat(r.dma(ACC, 0x0003_000a, 12, BUF)).isZero();
        assertThat(r.ram(BUF, 13)).containsExactly(0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0xaa - 256);
        assertThat(r.dev.registers()).containsEntry("offset", "8");
        assertThat(r.dma(ACC, 0x0000_0002, 600, BUF)).isZero();
        assertThat(r.ram(BUF, 601)).startsWith(new byte[600]);
        assertThat(r.ram(BUF + 600, 1)).containsExactly(0);
    }

    @Test
    void dmaSkipAdvancesAndNoOperationDoesNothing() {
        FwCfgRig r = FwCfgRig.hardware();
        assertThat(r.dma(ACC, 0x0000_000c, 2, 0)).isZero();
        assertThat(r.data()).isEqualTo('M');
        assertThat(r.dma(ACC, 0x0000_0000, 4, BUF)).isZero();
        assertThat(r.data()).isEqualTo('U');
        r.memory.writeByte(ACC, 0xff);
        assertThat(r.dma(ACC, 0x0001_0000, 4, BUF)).as("no select bit: the key is not taken").isZero();
        assertThat(r.data()).isZero();
        assertThat(r.dev.registers()).containsEntry("selector", "0000");
        assertThat(r.dma(ACC, 0x0000_0014, 8, BUF)).as("write wins over skip").isEqualTo(FwCfg.DMA_CTL_ERROR);
        assertThat(r.dma(ACC, 0x0000_0016, 2, BUF)).as("read wins over write").isZero();
    }

    @Test
    void dmaWriteIsRejectedWithTheErrorBit() {
        FwCfgRig r = FwCfgRig.hardware();
        assertThat(r.dma(ACC, 0x0000_0018, 2, BUF)).isEqualTo(FwCfg.DMA_CTL_ERROR);
        assertThat(r.dma(ACC, 0x0040_0018, 2, BUF)).as("no item").isEqualTo(FwCfg.DMA_CTL_ERROR);
        assertThat(r.dma(ACC, 0x0021_0018, 1, BUF)).as("empty item").isEqualTo(FwCfg.DMA_CTL_ERROR);
        assertThat(r.dma(ACC, 0x0000_0018, 0, BUF)).as("nothing to write").isZero();
        assertThat(r.read(FwCfgItems.SIGNATURE, 1)).containsExactly('Q');
    }

    @Test
    void dmaAddressHalvesAndOtherWidthsAreDropped() {
        FwCfgRig r = FwCfgRig.hardware();
        var reg = r.dmaReg.device();
        reg.write(0, 4, Integer.reverseBytes(0x1)); // high half: 1_0000_0000h
        assertThat(r.dev.registers()).containsEntry("dma-address", "0000000100000000");
        reg.write(0, 2, 0x1234);
        reg.write(4, 1, 0x12);
        reg.write(2, 4, 0x12);
        assertThat(r.dev.registers()).containsEntry("dma-address", "0000000100000000");
        reg.write(0, 4, 0); // a new high half replaces the address
        assertThat(r.dev.registers()).containsEntry("dma-address", "0000000000000000");
        // The low half alone starts an operation at a 32-bit address and clears the register.
        reg.write(0, 4, 0);
        assertThat(r.dma(ACC, 0x0001_000a, 1, BUF)).isZero();
        reg.write(4, 4, Integer.reverseBytes(ACC));
        assertThat(r.ram(BUF, 1)).containsExactly(3);
        assertThat(r.dev.registers()).containsEntry("dma-address", "0000000000000000");
    }

    @Test
    void lengthTheGuestClaimsAllocatesNothing() {
        FwCfgRig r = FwCfgRig.hardware();
        long before = r.dma.bytesWritten();
        assertThat(r.dma(ACC, 0x0000_0004, 0xffff_ffff, BUF)).isZero(); // skip: no bytes move
        assertThat(r.dma.bytesWritten() - before).isEqualTo(4);
        assertThat(r.dma(ACC, 0x0000_0018, 0xffff_ffff, BUF)).isEqualTo(FwCfg.DMA_CTL_ERROR);
    }

    @Test
    void unmodelledContentsAreCountedNotGuessed() {
        FwCfgRig r = FwCfgRig.hardware();
        r.select(0x23); // etc/acpi/tables
        assertThat(r.dev.unmodelledReads()).isZero();
        assertThat(r.dev.lastUnmodelled()).isNull();
        r.data();
        assertThat(r.dev.unmodelledReads()).isEqualTo(1);
        assertThat(r.dev.lastUnmodelled()).isEqualTo("etc/acpi/tables");
        assertThat(r.dma(ACC, 0x0022_000a, 4, BUF)).isZero();
        assertThat(r.ram(BUF, 4)).containsOnly(0);
        assertThat(r.dev.lastUnmodelled()).isEqualTo("etc/acpi/rsdp");
        assertThat(r.dev.unmodelledReads()).isEqualTo(2);
        r.dma(ACC, 0x0022_0004, 100, BUF); // a skip reads nothing
        assertThat(r.dev.unmodelledReads()).isEqualTo(2);
        assertThat(FwCfgItem.unmodelled("x", 3).modelled()).isFalse();
        assertThat(FwCfgItem.unmodelled("x", 3).byteAt(1)).isZero();
    }

    @Test
    void theBoardPlacesItAt0x510WithDma() {
        var m = Profile.QEMU_PC.build(MachineConfig.defaults());
        assertThat(m.devicesAtPort(0x510)).singleElement().satisfies(d -> assertThat(d.deviceName()).isEqualTo("fw_cfg"));
        assertThat(m.devicesAtPort(0x511)).isEqualTo(m.devicesAtPort(0x510));
        assertThat(m.devicesAtPort(0x51b)).isEqualTo(m.devicesAtPort(0x510));
        assertThat(m.devicesAtPort(0x512)).isEmpty();
        assertThat(m.devicesAtPort(0x51c)).isEmpty();
        m.io().write(0x510, 2, FwCfgItems.RAM_SIZE);
        assertThat(m.io().read(0x511, 1)).isZero();
        assertThat(m.io().read(0x511, 1)).isZero();
        assertThat(m.io().read(0x511, 1)).isZero();
        assertThat(m.io().read(0x511, 1)).isEqualTo(8);
        assertThat(m.fwCfg()).isNotNull();
        var big = Profile.QEMU_PC.build(MachineConfig.defaults().withRam(5000L << 20));
        big.io().write(0x510, 2, 0x27);
        assertThat(big.fwCfg().unmodelledReads()).isZero();
        big.io().write(0x510, 2, FwCfgItems.FILE_DIR);
        byte[] dir = new byte[4 + 64 * 8];
        for (int i = 0; i < dir.length; i++) {
            dir[i] = (byte) big.io().read(0x511, 1);
        }
        assertThat(Arrays.copyOfRange(dir, 4 + 64 * 5, 4 + 64 * 5 + 4)).containsExactly(0, 0, 0, 60);
        assertThat(Arrays.copyOfRange(dir, 4 + 64 * 7, 4 + 64 * 7 + 4)).containsExactly(0, 0, 1, 0x62);
        // The reset selects the signature again.
        big.reset();
        assertThat(big.io().read(0x511, 1)).isEqualTo('Q');
    }
}
