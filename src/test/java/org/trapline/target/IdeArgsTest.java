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

    @Test
    void blockdevAndIfNoneBackendsWithDeviceIdeHd() throws Exception {
        Path a = Files.write(dir.resolve("a.img"), new byte[4096]);
        Path b = Files.write(dir.resolve("b.img"), new byte[8192]);
        // as ide-test's test_diagnostic: two -blockdev nodes, a master and a slave on ide.0
        var c = MachineArgs.parse("-machine pc -blockdev driver=file,node-name=hda,filename=" + a
                + " -blockdev driver=file,node-name=hdb,filename=" + b
                + " -device ide-hd,drive=hda,bus=ide.0,unit=0 -device ide-hd,drive=hdb,bus=ide.0,unit=1").config();
        assertThat(c.ideDrives()).extracting(IdeDrive::index).containsExactly(0, 1);
        assertThat(c.ideDrives()).extracting(IdeDrive::path).containsExactly(a.toString(), b.toString());
        // -drive if=none, then ide-hd with no unit: the first free unit of ide.1; with no bus: the first free one
        var d = MachineArgs.parse("-machine pc -drive if=none,id=x,file=" + a + ",format=raw -device ide-hd,drive=x,bus=ide.1"
                + " -drive if=none,id=y,file=" + b + ",format=raw -device ide-hd,drive=y").config();
        assertThat(d.ideDrives()).extracting(IdeDrive::index).containsExactly(2, 0);
        assertThatThrownBy(() -> MachineArgs.parse("-machine pc -device ide-hd,drive=nope"))
                .hasMessageContaining("drive=nope names no -drive if=none,id= or -blockdev node-name=");
        assertThatThrownBy(() -> MachineArgs.parse("-machine pc -blockdev driver=qcow2,node-name=n,filename=" + a))
                .hasMessageContaining("driver=qcow2 is not modelled");
        assertThatThrownBy(() -> MachineArgs.parse("-machine pc -blockdev driver=file,node-name=n,filename=" + dir.resolve("m")))
                .hasMessageContaining("no such file");
        assertThatThrownBy(() -> MachineArgs.parse("-machine pc -drive if=none,file=" + a + ",format=raw"))
                .hasMessageContaining("needs id=");
        assertThatThrownBy(() -> MachineArgs.parse("-machine pc -blockdev driver=file,node-name=n,filename=" + a
                + " -device ide-hd,drive=n,bus=ide.2")).hasMessageContaining("ide.0 and ide.1");
        assertThatThrownBy(() -> MachineArgs.parse("-machine pc -hda " + a + " -hdb " + a
                + " -blockdev driver=file,node-name=n,filename=" + a + " -device ide-hd,drive=n,bus=ide.0"))
                .hasMessageContaining("no free unit");
    }
}
