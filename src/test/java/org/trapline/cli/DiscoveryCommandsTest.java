package org.trapline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.trapline.target.QemuBinary;
import org.trapline.testing.RequiresQemu;

/** {@code trapline lspci} and {@code trapline probe}, on the model and against a live QEMU. */
class DiscoveryCommandsTest {
    @Test
    void lspciPrintsTheTreeAndEachFunctionOfTheModelsBoard() {
        CliRun run = CliRun.of("lspci");
        assertThat(run.status()).as(run.all()).isZero();
        assertThat(run.out()).startsWith("-[0000:00]-+-00.0  8086:1237 Host bridge\n")
                .contains("           \\-01.3  8086:7113 Bridge\n",
                        "00:01.1 IDE interface [0101]: 8086:7010 (rev 00) (prog-if 80)\n",
                        "\tRegion 4: I/O ports at 0000 (unassigned) [size=16]\n");
    }

    @Test
    void probePrintsAFindingPerProbe() {
        CliRun run = CliRun.of("probe", "--profile", "hardware");
        assertThat(run.status()).as(run.all()).isZero();
        assertThat(run.out().lines()).hasSize(14).anySatisfy(l -> assertThat(l).startsWith("found   8259A pair"))
                .anySatisfy(l -> assertThat(l).startsWith("found   IO-APIC at FEC00000h"));
    }

    @Test
    void unusableArgumentsExitTwoWithAReason() {
        CliRun badMachine = CliRun.of("lspci", "--machine", "-machine q35");
        assertThat(badMachine.status()).isEqualTo(Main.UNUSABLE);
        assertThat(badMachine.err()).startsWith("trapline lspci: --machine: -machine q35");
        CliRun badTimeout = CliRun.of("probe", "--qemu", "--timeout", "-1");
        assertThat(badTimeout.status()).isEqualTo(Main.UNUSABLE);
        assertThat(badTimeout.err()).contains("--timeout -1.0");
        CliRun noQemu = CliRun.of("probe", "--qemu=/nonexistent/qemu");
        assertThat(noQemu.status()).isEqualTo(Main.UNUSABLE);
        assertThat(noQemu.err()).startsWith("trapline probe: ").contains("/nonexistent/qemu");
    }

    @Nested
    @Tag("qemu")
    @RequiresQemu
    class WithQemu {
        @Test
        void lspciOfTheModelAgreesWithQemusOnTheNodefaultsBoard(QemuBinary qemu) {
            CliRun run = CliRun.of("lspci", "--diff", "--qemu=" + qemu);
            assertThat(run.status()).as(run.all()).isZero();
            assertThat(run.out()).contains("lspci: model(qemu-pc) and qemu(").contains(" agree");
        }

        @Test
        void lspciOnQemuAloneShowsWhatTheDefaultBoardAdds(QemuBinary qemu) {
            CliRun run = CliRun.of("lspci", "--qemu=" + qemu, "--machine", "-machine pc -m 128M -display none");
            assertThat(run.status()).as(run.all()).isZero();
            assertThat(run.out()).contains("00:02.0 VGA compatible controller [0300]: 1234:1111",
                    "00:03.0 Ethernet controller [0200]: 8086:100e (rev 03)",
                    "\tRegion 1: I/O ports at 0000 (unassigned) [size=64]");
        }

        @Test
        void probeDiffShowsTheDevicesAsPairsAndKeepsThoseThatAgreeAsContext(QemuBinary qemu) {
            // The qemu-pc model and QEMU agree on every probe; the hardware profile's IDE channels float.
            CliRun same = CliRun.of("probe", "--diff", "--qemu=" + qemu);
            assertThat(same.status()).as(same.all()).isEqualTo(Main.OK);
            assertThat(same.out()).contains("probe: model(qemu-pc) and qemu(").contains(" agree");
            CliRun run = CliRun.of("probe", "--diff", "--profile", "hardware", "--qemu=" + qemu);
            assertThat(run.status()).as(run.all()).isEqualTo(Main.DIVERGED);
            assertThat(run.out()).contains("  found   8259A pair at 20h/A0h", "  found   MC146818 RTC at 70h/71h",
                    "  found   QEMU fw_cfg at 510h/511h",
                    "- found   primary ATA channel at 1F0h/3F6h: channel decodes (Status 00h, Alternate Status 00h)",
                    "+ found   primary ATA channel at 1F0h/3F6h: channel decodes (Status 7fh, Alternate Status 7fh)");
            CliRun live = CliRun.of("probe", "--qemu=" + qemu);
            assertThat(live.out()).contains("found   floppy controller at 3F0h-3F7h: enhanced controller (82077AA or later):"
                    + " VERSION [90], PART ID [41]", "found   QEMU fw_cfg at 510h/511h: signature \"QEMU\", features 3h",
                    "found   8237A DMA pair", "found   primary ATA channel at 1F0h/3F6h: channel decodes");
        }
    }
}
