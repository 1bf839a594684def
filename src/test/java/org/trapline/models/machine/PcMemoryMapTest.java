package org.trapline.models.machine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The memory map of the pc board, and both sides of the routing QEMU departs from. */
class PcMemoryMapTest {
    private static final long MIB = 1L << 20;

    @ParameterizedTest
    @CsvSource({
        // -m (MiB), max-ram-below-4g (MiB, 0: default), below 4 GiB, above (MiB): hw/i386/pc_piix.c pc_init1
        "128, 0, 128, 0",
        "3072, 0, 3072, 0",
        "3583, 0, 3583, 0",
        "3584, 0, 3072, 512",
        "4096, 0, 3072, 1024",
        "6144, 0, 3072, 3072",
        "4096, 2048, 2048, 2048",
        "4096, 3840, 3072, 1024",
        "1024, 2048, 1024, 0",
    })
    void ramIsSplitAsQemuSplitsIt(long ram, long max, long below, long above) {
        PcMemoryMap map = max == 0 ? PcMemoryMap.of(ram * MIB) : PcMemoryMap.of(ram * MIB, max * MIB);
        assertThat(map.ramBelow4g()).isEqualTo(below * MIB);
        assertThat(map.ramAbove4g()).isEqualTo(above * MIB);
    }

    private static Machine board(Profile p) {
        byte[] bios = new byte[256 << 10];
        java.util.Arrays.fill(bios, (byte) 0xea);
        return p.build(MachineConfig.defaults().withBios(bios));
    }

    private static void config(Machine m, int offset, int value) {
        m.io().write(0xcf8, 4, 0x80000000L | (offset & 0xfc));
        m.io().write(0xcfc + (offset & 3), 1, value);
    }

    @Test
    void theSmramWindowOpensOnDOpenWithGSmrameOnTheBoardAndOnDOpenAloneInQemu() {
        for (Profile p : Profile.values()) {
            Machine m = board(p);
            boolean qemu = p == Profile.QEMU_PC;
            config(m, 0x72, 0x4a); // D_OPEN, G_SMRAME
            m.mmio().write(0xa0000, 4, 0x12345678);
            assertThat(m.mmio().read(0xa0000, 4)).as(p.id() + " open").isEqualTo(0x12345678);
            config(m, 0x72, 0x0a); // closed: to PCI, where nothing decodes
            assertThat(m.mmio().read(0xa0000, 4)).as(p.id() + " closed")
                    .isEqualTo(qemu ? 0x12345678 : 0xffffffffL);
            config(m, 0x72, 0x42); // D_OPEN without G_SMRAME
            assertThat(m.mmio().read(0xa0000, 4)).as(p.id() + " D_OPEN alone")
                    .isEqualTo(qemu ? 0x12345678 : 0xffffffffL);
        }
    }

    @Test
    void aPamSegmentWithOnlyReOrWeSplitsReadsFromWritesOnTheBoardOnly() {
        for (Profile p : Profile.values()) {
            Machine m = board(p);
            boolean qemu = p == Profile.QEMU_PC;
            assertThat(m.mmio().read(0xf0000, 1)).as(p.id() + " PCI: the ROM's alias").isEqualTo(0xea);
            config(m, 0x59, 0x30);
            m.mmio().write(0xf0000, 1, 0x11);
            config(m, 0x59, 0x20); // WE only
            assertThat(m.mmio().read(0xf0000, 1)).as(p.id() + " WE only reads").isEqualTo(qemu ? 0x11 : 0xea);
            m.mmio().write(0xf0000, 1, 0x22);
            config(m, 0x59, 0x10); // RE only
            assertThat(m.mmio().read(0xf0000, 1)).as(p.id() + " the WE-only write").isEqualTo(0x22);
            m.mmio().write(0xf0000, 1, 0x33);
            config(m, 0x59, 0x30);
            assertThat(m.mmio().read(0xf0000, 1)).as(p.id() + " the RE-only write").isEqualTo(qemu ? 0x33 : 0x22);
            config(m, 0x59, 0x00);
            assertThat(m.mmio().read(0xf0000, 1)).isEqualTo(0xea);
            assertThat(m.mmio().read(0xeffff, 1)).as(p.id() + " PAM6 high untouched").isEqualTo(0xea);
        }
    }

    @Test
    void theOptionRomAreaIsQemusPcRomAndFloatsOnTheBoard() {
        assertThat(board(Profile.QEMU_PC).mmio().read(0xc0000, 4)).isZero();
        assertThat(board(Profile.HARDWARE).mmio().read(0xc0000, 4)).isEqualTo(0xffffffffL);
        Machine qemu = board(Profile.QEMU_PC);
        qemu.mmio().write(0xc0000, 4, 0x1234);
        assertThat(qemu.mmio().read(0xc0000, 4)).as("pc.rom is read-only").isZero();
    }

    @Test
    void aBoardResetPutsThePamAndSmramRoutingBackOnlyOnTheBoard() {
        for (Profile p : Profile.values()) {
            Machine m = board(p);
            config(m, 0x59, 0x30);
            m.mmio().write(0xf0000, 1, 0x44);
            m.reset();
            assertThat(m.mmio().read(0xf0000, 1)).as(p.id()).isEqualTo(p == Profile.QEMU_PC ? 0x44 : 0xea);
        }
    }

    @Test
    void withoutTheFirmwareImageTheRomReadsAsAbsentAndSaysSo() {
        Machine m = Profile.QEMU_PC.build(MachineConfig.defaults());
        assertThat(m.bios().present()).isFalse();
        m.mmio().read(0x1000, 4);
        assertThat(m.bios().readsOfAbsentImage()).isZero();
        m.mmio().read(0xfffffff0L, 4);
        assertThat(m.bios().readsOfAbsentImage()).isPositive();
    }
}
