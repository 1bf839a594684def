package org.trapline.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trapline.models.machine.IdeDrive;

/** -drive if=ide, -hda..-hdd, -cdrom and -global ide-hd.* as QEMU 7.2 takes them. */
class IdeArgsTest {
    @TempDir
    Path dir;

    @Test
    void drivesLandAtTheirIndexWithTheGlobalStrings() throws Exception {
        Path img = Files.write(dir.resolve("a.img"), new byte[4096]);
        var c = MachineArgs.parse("-machine pc -hda " + img + " -drive file=" + img + ",if=ide,format=raw,bus=1,unit=1"
                + " -cdrom " + img + " -global ide-hd.serial=testdisk -global ide-hd.ver=version").config();
        assertThat(c.ideDrives()).extracting(IdeDrive::index).containsExactly(0, 3, 2);
        assertThat(c.ideDrives().get(0).serial()).isEqualTo("testdisk");
        assertThat(c.ideDrives().get(0).version()).isEqualTo("version");
        assertThat(c.ideDrives().get(2).cdrom()).isTrue();
        assertThat(c.ideDrives().get(2).serial()).as("a CD-ROM is no ide-hd").isNull();
    }

    @Test
    void refusals() throws Exception {
        Path img = Files.write(dir.resolve("a.img"), new byte[4096]);
        Path missing = dir.resolve("missing.img");
        assertThatThrownBy(() -> MachineArgs.parse("-machine pc -hda " + missing))
                .hasMessage("disk image " + missing + ": no such file");
        assertThatThrownBy(() -> MachineArgs.parse("-machine pc -drive file=" + img + ",if=ide,format=qcow2"))
                .hasMessageContaining("format=qcow2 is not modelled (only raw images)");
        assertThatThrownBy(() -> MachineArgs.parse("-machine pc -drive file=" + img + ",if=ide,format=raw,readonly=on"))
                .hasMessageContaining("Can't use a read-only drive");
        assertThatThrownBy(() -> MachineArgs.parse("-machine pc -hda " + img + " -drive file=" + img + ",if=ide,index=0"))
                .hasMessageContaining("IDE index 0 already has a drive");
        assertThatThrownBy(() -> MachineArgs.parse("-machine pc -global ide-hd.wwn=1"))
                .hasMessageContaining("not modelled");
    }
}
