package org.trapline.models.machine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.trapline.models.bus.PortIoBus;

/** The whole board reset through RC (0CF9h): the hardware profile beside QEMU's pc board. */
class BoardResetTest {
    private static final String MASTER = PcBoard.PIC_MASTER_PATH;

    private final Machine hardware = Profile.HARDWARE.build(MachineConfig.defaults());
    private final Machine qemu = Profile.QEMU_PC.build(MachineConfig.defaults());

    /** ICW1-ICW4 on both chips (vectors 08h and 70h, cascade on IR2, 8086 mode). */
    private static void initPics(PortIoBus io) {
        io.write(0x20, 1, 0x11);
        io.write(0x21, 1, 0x08);
        io.write(0x21, 1, 0x04);
        io.write(0x21, 1, 0x01);
        io.write(0xa0, 1, 0x11);
        io.write(0xa1, 1, 0x70);
        io.write(0xa1, 1, 0x02);
        io.write(0xa1, 1, 0x01);
    }

    private static long config(Machine m, int devfn, int register) {
        m.io().write(0xcf8, 4, 0x8000_0000L | devfn << 8 | register & 0xfc);
        return m.io().read(0xcfc + (register & 3), 1);
    }

    private static void config(Machine m, int devfn, int register, int value) {
        m.io().write(0xcf8, 4, 0x8000_0000L | devfn << 8 | register & 0xfc);
        m.io().write(0xcfc + (register & 3), 1, value);
    }

    private static void dirty(Machine m) {
        initPics(m.io());
        m.io().write(0x21, 1, 0xfb);
        m.io().write(0xa1, 1, 0xbf);
        m.io().write(0x4d0, 1, 0xf8);
        m.io().write(0x4d1, 1, 0xde);
        config(m, 0x08, 0x3c, 0x0b);
        config(m, 0x00, 0x59, 0x33);
    }

    @Test
    void aHardResetReturnsThePicsAndThePciFunctionsToPowerOn() {
        for (Machine m : new Machine[] {hardware, qemu}) {
            dirty(m);
            m.io().write(0xcf9, 1, 0x06);
            assertThat(m.io().read(0x21, 1)).as(m.profile().id()).isZero();
            assertThat(m.io().read(0xa1, 1)).isZero();
            assertThat(m.io().read(0x4d0, 1)).isZero();
            assertThat(m.io().read(0x4d1, 1)).isZero();
            assertThat(m.io().read(0xcf9, 1)).isZero();
            assertThat(config(m, 0x08, 0x3c)).isZero();
        }
        // QEMU keeps the i440FX's PAM registers; the datasheet default is 00h.
        assertThat(config(hardware, 0x00, 0x59)).isZero();
        assertThat(config(qemu, 0x00, 0x59)).isEqualTo(0x33);
    }

    @Test
    void aSoftResetLeavesTheDevicesAloneOnHardwareAndResetsTheBoardOnQemu() {
        for (Machine m : new Machine[] {hardware, qemu}) {
            dirty(m);
            m.io().write(0xcf9, 1, 0x04);
        }
        assertThat(hardware.io().read(0x21, 1)).isEqualTo(0xfb);
        assertThat(hardware.io().read(0x4d0, 1)).isEqualTo(0xf8);
        assertThat(config(hardware, 0x08, 0x3c)).isEqualTo(0x0b);
        assertThat(qemu.io().read(0x21, 1)).isZero();
        assertThat(qemu.io().read(0x4d0, 1)).isZero();
        assertThat(config(qemu, 0x08, 0x3c)).isZero();
    }

    @Test
    void afterAResetTheChipsWaitForIcw1AndReadIrr() {
        for (Machine m : new Machine[] {hardware, qemu}) {
            m.io().write(0x20, 1, 0x11);
            m.io().write(0xcf9, 1, 0x06);
            m.io().write(0x21, 1, 0x33);
            assertThat(m.io().read(0x21, 1)).as(m.profile().id()).isEqualTo(0x33);
        }
    }

    @Test
    void requestsAndInServiceLevelsAreGoneAfterAReset() {
        for (Machine m : new Machine[] {hardware, qemu}) {
            initPics(m.io());
            m.io().write(0x21, 1, 0x00);
            m.gpio(MASTER).set(3, 1);
            m.gpio(MASTER).set(4, 1);
            assertThat(m.pic().acknowledge()).isEqualTo(0x0b);
            m.io().write(0xcf9, 1, 0x06);
            assertThat(m.pic().master().irr()).as(m.profile().id()).isZero();
            assertThat(m.pic().master().isr()).isZero();
            assertThat(m.pic().interruptRequested()).isFalse();
        }
    }

    @Test
    void anInputHeldHighAcrossTheResetNeedsANewEdgeOnHardwareButNotOnQemu() {
        for (Machine m : new Machine[] {hardware, qemu}) {
            initPics(m.io());
            m.gpio(MASTER).set(4, 1);
            m.io().write(0xcf9, 1, 0x06);
            m.gpio(MASTER).set(4, 1);
        }
        assertThat(hardware.pic().master().irr()).isZero();
        assertThat(qemu.pic().master().irr()).isEqualTo(0x10);
        hardware.gpio(MASTER).set(4, 0);
        hardware.gpio(MASTER).set(4, 1);
        assertThat(hardware.pic().master().irr()).isEqualTo(0x10);
    }

    @Test
    void configAddressIsClearedOnHardwareAndKeptOnQemu() {
        for (Machine m : new Machine[] {hardware, qemu}) {
            m.io().write(0xcf8, 4, 0x8000_083cL);
            m.io().write(0xcf9, 1, 0x06);
        }
        assertThat(hardware.io().read(0xcf8, 4)).isZero();
        assertThat(qemu.io().read(0xcf8, 4)).isEqualTo(0x8000_083cL);
    }

    @Test
    void ramKeepsItsContentsAcrossAReset() {
        hardware.mmio().write(0x1000, 1, 0x55);
        hardware.io().write(0xcf9, 1, 0x06);
        assertThat(hardware.mmio().read(0x1000, 1)).isEqualTo(0x55);
    }
}
