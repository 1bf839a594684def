package org.trapline.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.trapline.models.machine.MachineConfig;

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

    @Test
    void parallelPortsAreQemusDefaultAndOnePerParallelBackend() {
        assertThat(MachineArgs.parse("-machine pc").config().parallel()).containsExactly("vc");
        assertThat(MachineArgs.parse("-machine pc -nographic -serial null").config().parallel()).containsExactly("null");
        assertThat(MachineArgs.parse("-machine pc -nodefaults").config().parallel()).isEmpty();
        assertThat(MachineArgs.parse("-machine pc -parallel none").config().parallel()).isEmpty();
        assertThat(MachineArgs.parse("-machine pc -nodefaults -parallel null").config().parallel()).containsExactly("null");
        assertThat(MachineArgs.parse("-machine pc -parallel none -parallel null -parallel null").config().parallel())
                .containsExactly("null", "null");
        assertThat(MachineArgs.parse("-machine pc -nic none").config().parallel()).containsExactly("vc");
        assertThat(MachineArgs.parse("-machine pc").unmodelledDefaults()).doesNotContain("LPT1").contains("VGA", "e1000");
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
            "-machine pc -parallel file:x|-parallel file:x: not modelled (modelled: -parallel none, -parallel null)",
            "-machine pc -parallel null -parallel null -parallel null -parallel null|-parallel null: too many parallel ports (QEMU has three)",
            "-machine pc -nic user|-nic user: not modelled (modelled: -nic none, or no -nic for the default e1000)",
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
            "-machine pc -uuid 1234|-uuid 1234: not a UUID (expected xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)",
            "-machine pc -boot splash-time=65536|-boot splash-time=65536: QEMU takes 0 to 65535 (ms)",
            "-machine pc -boot splash-time=-1|-boot splash-time=-1: QEMU takes 0 to 65535 (ms)",
            "-machine pc -boot reboot-timeout=-2|-boot reboot-timeout=-2: QEMU takes -1 or 0 to 65535 (ms)",
            "-machine pc -boot reboot-timeout=1x|-boot reboot-timeout=1x: not a number",
            "-machine pc -boot menu=maybe|-boot menu=maybe: expected 'on' or 'off'",
            "-machine pc -boot cd|-boot order=cd: not modelled (modelled: -boot menu=on or off, splash-time=MS, reboot-timeout=MS; QEMU writes the boot order into CMOS, which the model does not)",
    })
    void argumentsTheModelCannotHonourAreRefusedWithAReason(String text, String reason) {
        assertThatThrownBy(() -> MachineArgs.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessage(reason);
    }

    @Test
    void anArgumentOutsideTheModelIsRefusedWithTheListOfThoseItHonours() {
        assertThatThrownBy(() -> MachineArgs.parse("-machine pc -smp 2")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unsupported QEMU argument '-smp' (supported: " + String.join(", ", MachineArgs.SUPPORTED) + ")")
                .hasMessageContaining("-nic none").hasMessageContaining("-uuid UUID");
    }

    @Test
    void uuidAndBootOptionsReachTheFirmwareConfiguration() {
        MachineConfig c = MachineArgs.parse("-machine pc -uuid 4600cb32-38ec-4b2f-8acb-81c6ea54f2d8 -boot menu=on,splash-time=12"
                + " -boot reboot-timeout=-1").config();
        assertThat(c.boot().uuid()).containsExactly(0x46, 0x00, 0xcb, 0x32, 0x38, 0xec, 0x4b, 0x2f, 0x8a, 0xcb, 0x81, 0xc6,
                0xea, 0x54, 0xf2, 0xd8);
        assertThat(c.boot().menu()).isTrue();
        assertThat(c.boot().splashTime()).isEqualTo(12);
        assertThat(c.boot().rebootTimeout()).isEqualTo(-1);
        assertThat(MachineArgs.parse("-machine pc -boot menu=off,reboot-timeout=15").config().boot())
                .isEqualTo(org.trapline.models.fwcfg.BootOptions.defaults().withRebootTimeout(15));
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

    @Test
    void floppyDrivesTakeRawImagesOfAKnownSize(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path img = dir.resolve("a.img");
        java.nio.file.Files.write(img, new byte[368640]);
        java.nio.file.Path big = dir.resolve("b.img");
        java.nio.file.Files.write(big, new byte[1474560]);
        var disks = MachineArgs.parse("-machine pc -drive if=floppy,format=raw,file=" + img + " -drive if=floppy,format=raw,file="
                + big + ",readonly=on").config().floppies();
        assertThat(disks).containsExactly(new org.trapline.models.machine.FloppyDisk(0, img.toString(), false),
                new org.trapline.models.machine.FloppyDisk(1, big.toString(), true));
        assertThat(MachineArgs.parse("-machine pc -nodefaults -fdb " + img + " -snapshot").config().floppies())
                .containsExactly(new org.trapline.models.machine.FloppyDisk(1, img.toString(), false));
        assertThat(MachineArgs.parse("-machine pc -drive if=floppy,format=raw,file=" + img + ",index=1,snapshot=on,readonly=off"
                + " -fda " + big).config().floppies()).extracting(org.trapline.models.machine.FloppyDisk::unit)
                .containsExactly(1, 0);
        assertThat(MachineArgs.parse("-machine pc -nodefaults").config().floppies()).isEmpty();
    }

    @Test
    void aBoardWithoutNodefaultsHasQemusEmptyDriveAUnlessADeviceOrADriveTakesUnitZero(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
        java.nio.file.Path img = dir.resolve("a.img");
        java.nio.file.Files.write(img, new byte[368640]);
        var empty0 = org.trapline.models.machine.FloppyDisk.emptyDrive(0);
        var empty1 = org.trapline.models.machine.FloppyDisk.emptyDrive(1);
        assertThat(MachineArgs.parse("-machine pc").config().floppies()).containsExactly(empty0);
        assertThat(MachineArgs.parse("-machine pc -fdb " + img).config().floppies())
                .containsExactly(new org.trapline.models.machine.FloppyDisk(1, img.toString(), false), empty0);
        assertThat(MachineArgs.parse("-machine pc -fda " + img).config().floppies())
                .containsExactly(new org.trapline.models.machine.FloppyDisk(0, img.toString(), false));
        // fdc-test's board: the device replaces the default drive and takes unit 0.
        assertThat(MachineArgs.parse("-machine pc -device floppy,id=floppy0").config().floppies()).containsExactly(empty0);
        assertThat(MachineArgs.parse("-machine pc -nodefaults -device floppy,unit=1").config().floppies())
                .containsExactly(empty1);
        // A -device floppy comes after the drives: it takes the unit they leave.
        assertThat(MachineArgs.parse("-machine pc -device floppy -fda " + img).config().floppies())
                .containsExactly(new org.trapline.models.machine.FloppyDisk(0, img.toString(), false), empty1);
        assertThat(MachineArgs.parse("-machine pc -nodefaults -drive if=floppy").config().floppies()).containsExactly(empty0);
        assertThat(MachineArgs.parse("-machine pc -nodefaults -drive if=floppy,readonly=y,index=1").config().floppies())
                .containsExactly(empty1);
    }

    @Test
    void aNullCoDriveIsADisketteOfZerosOfItsSize() {
        assertThat(MachineArgs.parse("-machine pc -nodefaults -drive if=floppy,file=null-co://,file.read-zeroes=on,format=raw,"
                + "size=1440k").config().floppies()).containsExactly(
                        org.trapline.models.machine.FloppyDisk.zeros(0, 1474560, false));
        assertThat(MachineArgs.parse("-machine pc -nodefaults -drive if=floppy,file=null-co://,file.read-zeroes=on,format=raw,"
                + "size=368640,readonly=on").config().floppies()).containsExactly(
                        org.trapline.models.machine.FloppyDisk.zeros(0, 368640, true));
        assertThatThrownBy(() -> MachineArgs.parse("-machine pc -drive if=floppy,file=null-co://,format=raw,size=1440k"))
                .hasMessageContaining("without file.read-zeroes=on, which is not modelled");
        assertThatThrownBy(() -> MachineArgs.parse("-machine pc -drive if=floppy,file=null-co://,file.read-zeroes=on,"
                + "format=raw,size=1000k")).hasMessageContaining("needs a size= that is a diskette format");
        assertThatThrownBy(() -> MachineArgs.parse("-machine pc -drive if=floppy,file=null-co://,file.read-zeroes=on,"
                + "format=raw")).hasMessageContaining("needs a size=");
        assertThatThrownBy(() -> MachineArgs.parse("-machine pc -drive if=floppy,file=null-co://,file.read-zeroes=on,"
                + "format=raw,size=1x")).hasMessageContaining("size=1x: not a size");
        assertThatThrownBy(() -> MachineArgs.parse("-machine pc -drive if=floppy,format=raw,size=1440k"))
                .hasMessageContaining("need file=");
    }

    @Test
    void aFloppyDeviceTakesOnlyWhatTheModelHonours() {
        assertThatThrownBy(() -> MachineArgs.parse("-machine pc -device floppy,drive=d0"))
                .hasMessageContaining("-device floppy,drive=d0: property 'drive=d0' is not modelled");
        assertThatThrownBy(() -> MachineArgs.parse("-machine pc -device floppy,unit=2"))
                .hasMessageContaining("unit=2: the floppy controller has units 0 and 1");
        assertThatThrownBy(() -> MachineArgs.parse("-machine pc -device floppy,unit=0 -device floppy,unit=0"))
                .hasMessageContaining("floppy unit 0 is already an empty drive");
        assertThatThrownBy(() -> MachineArgs.parse("-machine pc -device floppy -device floppy -device floppy"))
                .hasMessageContaining("both floppy units have a drive already");
    }

    @Test
    void aFloppyImageThatCannotBeADisketteIsRefusedNamingTheFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path img = dir.resolve("a.img");
        java.nio.file.Files.write(img, new byte[368640]);
        java.nio.file.Path odd = dir.resolve("odd.img");
        java.nio.file.Files.write(odd, new byte[1000]);
        java.nio.file.Path missing = dir.resolve("missing.img");
        assertThatThrownBy(() -> MachineArgs.parse("-machine pc -fda " + missing)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("floppy image " + missing + ": no such file");
        assertThatThrownBy(() -> MachineArgs.parse("-machine pc -fda " + dir)).hasMessage("floppy image " + dir
                + ": not a readable file");
        assertThatThrownBy(() -> MachineArgs.parse("-machine pc -fda " + odd)).hasMessageStartingWith("floppy image " + odd
                + ": 1000 bytes is no diskette format (QEMU 7.2's sizes: 160 KiB, ");
        assertThatThrownBy(() -> MachineArgs.parse("-machine pc -drive if=floppy,format=qcow2,file=" + img))
                .hasMessageContaining("floppy image " + img + ": format=qcow2 is not modelled; give format=raw");
        assertThatThrownBy(() -> MachineArgs.parse("-machine pc -drive if=floppy,file=" + img))
                .hasMessageContaining("format=(none) is not modelled");
        // An if=ide drive is a hard disk on the IDE channels now, not a floppy (see IdeArgsTest).
        org.assertj.core.api.Assertions.assertThat(MachineArgs.parse("-machine pc -drive if=ide,format=raw,file=" + img)
                .config().ideDrives()).extracting(org.trapline.models.machine.IdeDrive::path).containsExactly(img.toString());
        assertThatThrownBy(() -> MachineArgs.parse("-machine pc -drive if=scsi,format=raw,file=" + img))
                .hasMessageContaining("only if=floppy drives are modelled");
        assertThatThrownBy(() -> MachineArgs.parse("-machine pc -drive if=floppy,format=raw"))
                .hasMessageContaining("need file=");
        assertThatThrownBy(() -> MachineArgs.parse("-machine pc -drive if=floppy,format=raw,file=" + img + ",index=2"))
                .hasMessageContaining("index=2: the floppy controller has units 0 and 1");
        assertThatThrownBy(() -> MachineArgs.parse("-machine pc -drive if=floppy,format=raw,file=" + img + ",cache=none"))
                .hasMessageContaining("option 'cache=none' is not modelled");
        assertThatThrownBy(() -> MachineArgs.parse("-machine pc -drive if=floppy,format=raw,file=" + img + ",readonly=maybe"))
                .hasMessageContaining("readonly=maybe: expected 'on' or 'off'");
        // QEMU's qapi_bool_parse takes yes and y too.
        assertThat(MachineArgs.parse("-machine pc -drive if=floppy,format=raw,file=" + img + ",readonly=yes").config()
                .floppies().get(0).readOnly()).isTrue();
        assertThatThrownBy(() -> MachineArgs.parse("-machine pc -fda " + img + " -drive if=floppy,format=raw,file=" + img
                + ",index=0")).hasMessageContaining("floppy unit 0 is already " + img);
        assertThatThrownBy(() -> MachineArgs.parse("-machine pc -fda")).hasMessage("-fda needs a value");
        assertThatThrownBy(() -> MachineArgs.parse("-machine pc -fda no/such.img")).hasMessageStartingWith(
                "floppy image no/such.img: no such file in ").hasMessageEndingWith("from the repository root)");
    }
}
