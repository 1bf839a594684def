package org.trapline.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.trapline.models.machine.Profile;
import org.trapline.target.MachineArgs;
import org.trapline.target.ModelTarget;

class PciEnumerationTest {
    private static ModelTarget board() {
        return ModelTarget.of(Profile.QEMU_PC, MachineArgs.parse(MachineArgs.DEFAULT));
    }

    @Test
    void findsTheFourFunctionsOfTheNodefaultsBoardWithTheirIdentification() throws Exception {
        try (ModelTarget model = board()) {
            List<PciFunctionInfo> found = PciEnumeration.enumerate(new GuestPorts(model));
            assertThat(found).extracting(PciFunctionInfo::address).containsExactly("00:00.0", "00:01.0", "00:01.1", "00:01.3");
            assertThat(found).extracting(PciFunctionInfo::deviceId).containsExactly(0x1237, 0x7000, 0x7010, 0x7113);
            assertThat(found.get(1).multiFunction()).isTrue();
            assertThat(found.get(0).multiFunction()).isFalse();
            assertThat(found.get(2).classCode()).isEqualTo(0x010180);
            assertThat(found.get(3).interruptPin()).isEqualTo(1);
            assertThat(found.get(3).revision()).isEqualTo(3);
        }
    }

    @Test
    void sizesTheIdeBusMasterBarAndRestoresBarAndCommand() throws Exception {
        try (ModelTarget model = board()) {
            GuestPorts ports = new GuestPorts(model);
            // 00:01.1, BAR4 programmed to C000h with I/O decode on, as firmware would leave it.
            ports.outl(0xcf8, 0x8000_0920L);
            ports.outl(0xcfc, 0xc001);
            ports.outl(0xcf8, 0x8000_0904L);
            ports.outw(0xcfc, 0x0001);
            PciFunctionInfo ide = PciEnumeration.enumerate(ports).get(2);
            assertThat(ide.bars()).containsExactly(new PciBar(0x20, PciBar.Kind.IO, false, 0xc000, 16));
            ports.outl(0xcf8, 0x8000_0920L);
            assertThat(ports.inl(0xcfc)).isEqualTo(0xc001);
            ports.outl(0xcf8, 0x8000_0904L);
            assertThat(ports.inw(0xcfc) & 0x3).isEqualTo(1);
        }
    }

    @Test
    void sizesSixtyFourBitPrefetchableBarsTheRomAndIoBarsWithZeroUpperHalves() throws Exception {
        FakePciTarget fake = new FakePciTarget();
        long[] f = fake.function(0, 2, 0);
        f[0] = 0x1111_1234L;
        f[2] = 0x0300_0000L;
        f[4] = 0xfe00_000cL; // BAR0: 64-bit prefetchable memory, 16 MiB
        f[5] = 0x0000_0001L;
        f[6] = 0x0000_c001L; // BAR2: I/O, 32 bytes, upper 16 bits hard-wired 0
        f[12] = 0x0000_0000L; // ROM, 64 KiB
        fake.writable(0, 2, 0, 0x04, 0xffff);
        fake.writable(0, 2, 0, 0x10, 0xff00_0000L);
        fake.writable(0, 2, 0, 0x14, 0xffff_ffffL);
        fake.writable(0, 2, 0, 0x18, 0x0000_ffe0L);
        fake.writable(0, 2, 0, 0x30, 0xffff_0001L);
        List<PciFunctionInfo> found = PciEnumeration.enumerate(new GuestPorts(fake));
        assertThat(found).singleElement().satisfies(fn -> assertThat(fn.bars()).containsExactly(
                new PciBar(0x10, PciBar.Kind.MEMORY64, true, 0x1_fe00_0000L, 16 << 20),
                new PciBar(0x18, PciBar.Kind.IO, false, 0xc000, 32),
                new PciBar(0x30, PciBar.Kind.ROM, false, 0, 64 << 10)));
        assertThat(f[4]).isEqualTo(0xfe00_000cL);
        assertThat(f[5]).isEqualTo(1);
        assertThat(f[6]).isEqualTo(0xc001);
        assertThat(LspciReport.lines(found)).contains(
                "\tRegion 0: Memory at 00000001fe000000 (64-bit, prefetchable) [size=16M]",
                "\tRegion 2: I/O ports at c000 [size=32]",
                "\tExpansion ROM at 00000000 (unassigned) [size=64K]");
    }

    @Test
    void followsTheCapabilitiesListAndStopsWhereItLoopsOnItself() throws Exception {
        FakePciTarget fake = new FakePciTarget();
        long[] f = fake.function(0, 0, 0);
        f[0] = 0x1237_8086L;
        f[1] = 0x0010_0000L; // Status bit 4: a capabilities list
        f[13] = 0x50;        // 34h: the first capability at 50h
        f[0x50 / 4] = 0x0000_6005L; // MSI, next 60h
        f[0x60 / 4] = 0x0000_5011L; // MSI-X, next 50h again: a loop
        PciFunctionInfo fn = PciEnumeration.enumerate(new GuestPorts(fake)).get(0);
        assertThat(fn.capabilities()).containsExactly(new PciCapability(0x50, 0x05), new PciCapability(0x60, 0x11));
        assertThat(fn.describe()).contains("\tCapabilities: [50] MSI", "\tCapabilities: [60] MSI-X");
    }

    @Test
    void ignoresTheListWhenStatusSaysThereIsNoneAndMasksThePointersLowBits() throws Exception {
        FakePciTarget fake = new FakePciTarget();
        long[] f = fake.function(0, 0, 0);
        f[0] = 0x1237_8086L;
        f[13] = 0x50;
        f[0x50 / 4] = 0x0000_0001L;
        assertThat(PciEnumeration.enumerate(new GuestPorts(fake)).get(0).capabilities()).isEmpty();
        f[1] = 0x0010_0000L;
        f[13] = 0x53;
        f[0x50 / 4] = 0x0000_4301L; // next 43h: its reserved low bits masked, 40h
        f[0x40 / 4] = 0x0000_0009L;
        assertThat(PciEnumeration.enumerate(new GuestPorts(fake)).get(0).capabilities())
                .containsExactly(new PciCapability(0x50, 0x01), new PciCapability(0x40, 0x09));
    }

    @Test
    void scansFunctionsOneToSevenOnlyForMultiFunctionDevicesAndCrossesBridges() throws Exception {
        FakePciTarget fake = new FakePciTarget();
        fake.function(0, 3, 0)[0] = 0x0001_8086L;
        fake.function(0, 3, 1)[0] = 0x0002_8086L; // hidden: function 0 is single-function
        long[] bridge = fake.function(0, 5, 0);
        bridge[0] = 0x0003_8086L;
        bridge[2] = 0x0604_0000L;
        bridge[3] = 0x0081_0000L; // type 1, multi-function
        bridge[6] = 0x0000_0200L; // secondary bus 2
        fake.function(0, 5, 4)[0] = 0x0004_8086L;
        fake.function(2, 0, 0)[0] = 0x0005_8086L;
        List<PciFunctionInfo> found = PciEnumeration.enumerate(new GuestPorts(fake));
        assertThat(found).extracting(PciFunctionInfo::address).containsExactly("00:03.0", "00:05.0", "00:05.4", "02:00.0");
        assertThat(found.get(1).secondaryBus()).isEqualTo(2);
        assertThat(found.get(1).className()).isEqualTo("PCI bridge");
        assertThat(LspciReport.lines(found)).startsWith(
                "-[0000:00]-+-03.0  8086:0001 Non-VGA unclassified device",
                "           +-05.0  8086:0003 PCI bridge",
                "           \\-05.4  8086:0004 Non-VGA unclassified device",
                "-[0000:02]---00.0  8086:0005 Non-VGA unclassified device");
    }

    @Test
    void aBusWithNothingOnItIsSaidSo() throws Exception {
        FakePciTarget fake = new FakePciTarget();
        assertThat(LspciReport.lines(PciEnumeration.enumerate(new GuestPorts(fake))))
                .containsExactly("no PCI functions answer configuration mechanism #1 at CF8h/CFCh");
    }

    @Test
    void sizesPrintAsLspciPrintsThem() {
        assertThat(PciBar.size(16)).isEqualTo("16");
        assertThat(PciBar.size(1536)).isEqualTo("1536");
        assertThat(PciBar.size(64 << 10)).isEqualTo("64K");
        assertThat(PciBar.size(16L << 20)).isEqualTo("16M");
        assertThat(PciBar.size(4L << 30)).isEqualTo("4G");
    }
}
