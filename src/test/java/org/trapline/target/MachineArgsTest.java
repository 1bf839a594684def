package org.trapline.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MachineArgsTest {
    @Test
    void theRecordingArgumentsGiveRamRtcBaseAndAFrozenClock() {
        MachineArgs args = MachineArgs.parse(
                "-machine pc -m 128M -nodefaults -display none -rtc base=2001-02-03T04:05:06,clock=vm");
        assertThat(args.config().ramBytes()).isEqualTo(128L << 20);
        assertThat(args.config().rtcBaseEpochSec()).isEqualTo(981_173_106L);
        assertThat(args.clockDriven()).isFalse();
        assertThat(args.qemuWords()).endsWith("-S");
        assertThat(args.words()).hasSize(9);
        assertThat(args).hasToString("-machine pc -m 128M -nodefaults -display none -rtc base=2001-02-03T04:05:06,clock=vm");
    }

    @Test
    void theQtestAcceleratorDrivesTheClockAndNeedsNoFreeze() {
        MachineArgs accel = MachineArgs.parse("-machine pc -accel qtest");
        assertThat(accel.clockDriven()).isTrue();
        assertThat(accel.qemuWords()).doesNotContain("-S");
        assertThat(MachineArgs.parse("-M pc-i440fx-7.2,accel=qtest").clockDriven()).isTrue();
        assertThat(MachineArgs.parse("-machine pc -accel tcg").clockDriven()).isFalse();
        assertThat(MachineArgs.parse("-machine pc -S").qemuWords()).containsOnlyOnce("-S");
    }

    @ParameterizedTest(name = "-m {0}")
    @CsvSource({"128M,134217728", "1G,1073741824", "512,536870912", "size=64M,67108864", "65536K,67108864", "1g,1073741824"})
    void memorySizesReadAsQemuReadsThem(String size, long bytes) {
        assertThat(MachineArgs.parse("-machine pc -m " + size).config().ramBytes()).isEqualTo(bytes);
    }

    @Test
    void theDefaultsAreThePcBoardWith128MiB() {
        MachineArgs args = MachineArgs.defaults();
        assertThat(args.config().ramBytes()).isEqualTo(128L << 20);
        assertThat(args.toString()).isEqualTo(MachineArgs.DEFAULT);
        assertThat(MachineArgs.parse("-rtc base=2001-02-03,clock=vm -machine pc").config().rtcBaseEpochSec())
                .isEqualTo(981_158_400L);
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', value = {
            "-machine q35|-machine q35: Trapline models the i440FX board, '-machine pc'",
            "-machine pc,usb=on|-machine option 'usb=on' is not modelled",
            "-m 128M|no -machine argument: Trapline models '-machine pc'",
            "''|no -machine argument: Trapline models '-machine pc'",
            "-machine pc -m|-m needs a value",
            "-machine pc -m 12X|-m 12X: unknown size suffix 'X'",
            "-machine pc -m lots|-m lots: not a size",
            "-machine pc -m 0|-m 0: out of range",
            "-machine pc -m size=|-m needs a size",
            "-machine pc -usbdevice tablet|unsupported QEMU argument '-usbdevice' (supported: -machine pc[,max-ram-below-4g=SIZE], -m, -rtc base=...,clock=vm, -accel qtest or tcg, -bios FILE, -L DIR, -nodefaults, -display none, -serial none, null or file:PATH, -vga std, cirrus or none, -nic none, -usb, -device VGA, cirrus-vga, e1000 or piix3-usb-uhci[,addr=SLOT[.FN]][,multifunction=on], -S)",
            "-machine pc -serial stdio|-serial stdio: not modelled (modelled: -serial none, -serial null, -serial file:PATH)",
            "-machine pc -serial tcp::4444,server|-serial tcp::4444,server: not modelled (modelled: -serial none, -serial null, -serial file:PATH)",
            "-machine pc -serial file:|-serial file:: not modelled (modelled: -serial none, -serial null, -serial file:PATH)",
            "-machine pc -nographic|-nographic without -nodefaults or -serial puts COM1 on stdio, which is not modelled (modelled: -serial none, null, file:PATH)",
            "-machine pc -display gtk|-display gtk: only 'none' is modelled",
            "-machine pc -accel hvf|-accel hvf: expected qtest, tcg or kvm",
            "-machine pc -rtc base=utc|-rtc base=utc depends on the wall clock; give a date (base=2001-02-03T04:05:06) so that replays are deterministic",
            "-machine pc -rtc base=2001-13-40|-rtc base=2001-13-40: expected YYYY-MM-DDTHH:MM:SS or YYYY-MM-DD",
            "-machine pc -rtc base=2001-02-03,clock=host|-rtc clock=host: only clock=vm keeps the RTC on guest time",
            "-machine pc -rtc clock=vm|-rtc needs base=DATE",
            "-machine pc -rtc base=2001-02-03,speed=2|-rtc option 'speed=2' is not modelled",
    })
    void argumentsTheModelCannotHonourAreRefusedWithAReason(String text, String reason) {
        assertThatThrownBy(() -> MachineArgs.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessage(reason);
    }

    @Test
    void eachSerialArgumentIsAnIndexInOrder() {
        assertThat(MachineArgs.parse("-machine pc -nodefaults -serial none -serial null").config().serial())
                .containsExactly("none", "null");
        assertThat(MachineArgs.parse("-machine pc -nodefaults").config().serial()).isEmpty();
        assertThat(MachineArgs.parse("-machine pc -nographic -nodefaults").config().serial()).isEmpty();
        assertThat(MachineArgs.parse("-machine pc -nographic -serial null").config().serial()).containsExactly("null");
    }

    @Test
    void aBoardWithoutNodefaultsHasCom1OnAConsole() {
        assertThat(MachineArgs.parse("-machine pc").config().serial()).containsExactly("vc");
        assertThat(MachineArgs.parse("-machine pc -serial none").config().serial()).containsExactly("none");
    }

    @Test
    void aSerialFileMustBeWritable(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        java.nio.file.Path ok = dir.resolve("com1.out");
        assertThat(MachineArgs.parse("-machine pc -nodefaults -serial file:" + ok).config().serial())
                .containsExactly("file:" + ok);
        java.nio.file.Path bad = dir.resolve("no-such-dir").resolve("com1.out");
        assertThatThrownBy(() -> MachineArgs.parse("-machine pc -nodefaults -serial file:" + bad))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("-serial file:" + bad + ": cannot write " + bad);
    }
}
