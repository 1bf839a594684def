package org.trapline.models.machine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Both sides of the board-placed PIIX4 blocks: QEMU's GPE0 at AFE0h, and F1h at APMC reaching PMCNTRL. */
class Piix4BlocksBoardTest {
    private final Machine hardware = Profile.HARDWARE.build(MachineConfig.defaults());
    private final Machine qemu = Profile.QEMU_PC.build(MachineConfig.defaults());

    @Test
    void theGpe0BlockAtAfe0IsQemusAlone() {
        assertThat(hardware.io().read(0xafe0, 4)).as("82371AB: GPSTS/GPEN live in the PMBA block").isEqualTo(0xffffffffL);
        qemu.io().write(0xafe2, 2, 0xbeef);
        assertThat(qemu.io().read(0xafe0, 4)).isEqualTo(0xbeef0000L);
        qemu.io().write(0xcf9, 1, 0x06);
        assertThat(qemu.io().read(0xafe0, 4)).as("acpi_gpe_reset").isZero();
    }

    @Test
    void acpiEnableAtApmcReachesSciEnOnlyInQemu() {
        // PMBA 600h, PMIOSE: PMCNTRL shows whether F1h reached SCI_EN
        qemu.io().write(0xcf8, 4, 0x8000_0b40L);
        qemu.io().write(0xcfc, 4, 0x601);
        qemu.io().write(0xcf8, 4, 0x8000_0b80L);
        qemu.io().write(0xcfc, 1, 1);
        qemu.io().write(0xb2, 1, 0xf1);
        assertThat(qemu.io().read(0x604, 2) & 1).isEqualTo(1);
        hardware.io().write(0xcf8, 4, 0x8000_0b40L);
        hardware.io().write(0xcfc, 4, 0x601);
        hardware.io().write(0xcf8, 4, 0x8000_0b80L);
        hardware.io().write(0xcfc, 1, 1);
        hardware.io().write(0xb2, 1, 0xf1);
        assertThat(hardware.io().read(0x604, 2) & 1).as("the SMI handler's job, not the chip's").isZero();
        assertThat(hardware.io().read(0xb2, 1)).isEqualTo(0xf1);
    }

    @Test
    void thePciHotplugBlockAtAe00IsQemusAlone() {
        assertThat(hardware.io().read(0xae0c, 4)).as("82371AB: nothing decodes AE00h").isEqualTo(0xffffffffL);
        hardware.io().write(0xae10, 4, 5);
        assertThat(hardware.io().read(0xae10, 4)).isEqualTo(0xffffffffL);
        assertThat(qemu.io().read(0xae0c, 4)).as("bus 0: slots 0 and 1 fixed").isEqualTo(0xfffffffcL);
        qemu.io().write(0xae10, 4, 5);
        qemu.io().write(0xcf9, 1, 0x06);
        assertThat(qemu.io().read(0xae10, 4)).as("the selector survives a reset").isEqualTo(5);
    }

    @Test
    void theCpuHotplugBlockAtAf00IsQemusAlone() {
        assertThat(hardware.io().read(0xaf00, 1)).isEqualTo(0xff);
        hardware.io().write(0xaf00, 1, 0);
        assertThat(hardware.io().read(0xaf04, 1)).isEqualTo(0xff);
        assertThat(qemu.io().read(0xaf00, 4)).as("the boot CPU's bit").isEqualTo(1);
        qemu.io().write(0xaf00, 2, 0xff00);
        assertThat(qemu.io().read(0xaf04, 1)).as("modern: the boot CPU enabled").isEqualTo(1);
        assertThat(qemu.io().read(0xaf0c, 1)).isEqualTo(0xff);
        qemu.io().write(0xcf9, 1, 0x06);
        assertThat(qemu.io().read(0xaf00, 1)).as("no way back to the bitmap").isZero();
    }

    private static void smbba(Machine m, long value) {
        m.io().write(0xcf8, 4, 0x8000_0b90L);
        m.io().write(0xcfc, 4, value);
    }

    private static void smbHstCfg(Machine m, int value) {
        m.io().write(0xcf8, 4, 0x8000_0bd0L);
        m.io().write(0xcfe, 1, value);
    }

    @Test
    void theSmbusHostFollowsSmbbaAndSmbHstEnOnBothBoards() {
        for (Machine m : new Machine[] {hardware, qemu}) {
            m.io().write(0xb103, 1, 0x5a);
            assertThat(m.io().read(0xb103, 1)).isEqualTo(0x5a);
            smbba(m, 0xc001);
            assertThat(m.io().read(0xb103, 1)).isEqualTo(0xff);
            assertThat(m.io().read(0xc003, 1)).isEqualTo(0x5a);
            smbHstCfg(m, 0x08);
            assertThat(m.io().read(0xc003, 1)).as("SMB_HST_EN clear").isEqualTo(0xff);
            smbHstCfg(m, 0x09);
            assertThat(m.io().read(0xc003, 1)).isEqualTo(0x5a);
        }
    }

    @Test
    void theSmbusBlockIs16BytesOnTheBoardAnd64InQemu() {
        assertThat(hardware.io().read(0xb110, 1)).isEqualTo(0xff);
        assertThat(qemu.io().read(0xb110, 1)).isZero();
        assertThat(hardware.io().read(0xb10d, 1)).isZero();
        assertThat(qemu.io().read(0xb10d, 1)).as("SMBAUXCTL").isEqualTo(2);
        smbba(hardware, 0xc011);
        smbba(qemu, 0xc011);
        hardware.io().write(0xc013, 1, 0x77);
        qemu.io().write(0xc003, 1, 0x66);
        assertThat(hardware.io().read(0xc013, 1)).isEqualTo(0x77);
        assertThat(hardware.io().read(0xc003, 1)).isEqualTo(0xff);
        assertThat(qemu.io().read(0xc013, 1)).as("bits 5:4 ignored: offset 13h of the block").isZero();
        assertThat(qemu.io().read(0xc003, 1)).isEqualTo(0x66);
    }

    @Test
    void aHardResetMovesTheSmbusHostBackOnlyOnTheBoard() {
        smbba(hardware, 0xc001);
        smbba(qemu, 0xc001);
        hardware.io().write(0xc003, 1, 0x5a);
        qemu.io().write(0xc003, 1, 0x5a);
        hardware.io().write(0xcf9, 1, 0x06);
        qemu.io().write(0xcf9, 1, 0x06);
        assertThat(hardware.io().read(0xb103, 1)).as("SMBBA and SMBHSTCMD at their defaults").isZero();
        assertThat(qemu.io().read(0xc003, 1)).as("QEMU keeps SMBBA and the host's registers").isEqualTo(0x5a);
    }
}
