package org.trapline.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.trapline.models.machine.Profile;
import org.trapline.target.MachineArgs;
import org.trapline.target.ModelTarget;
import org.trapline.target.Reply;
import org.trapline.target.Target;

class ProbeReportTest {
    private static ModelTarget board(Profile profile) {
        return ModelTarget.of(profile, MachineArgs.parse(MachineArgs.DEFAULT));
    }

    @Test
    void theModelsBoardAnswersTheProbesOfTheDevicesItHas() throws Exception {
        try (ModelTarget model = board(Profile.QEMU_PC)) {
            List<String> lines = ProbeReport.lines(new GuestPorts(model));
            assertThat(lines).hasSize(ProbeReport.probes().size());
            assertThat(lines.get(0)).isEqualTo("found   8259A pair at 20h/A0h: IMR fbh written, fbh read; masks were 00h/00h");
            assertThat(lines.get(1)).startsWith("found   8254 PIT at 40h-43h: counter 0 status ");
            assertThat(lines.get(2)).isEqualTo("found   MC146818 RTC at 70h/71h: A=26h (divider 2, rate 6), B=02h (24-hour,"
                    + " BCD), D=80h (VRT 1)");
            assertThat(lines.get(4)).isEqualTo("found   i8042 keyboard controller at 60h/64h: self-test 55h, command byte"
                    + " 03h, aux loopback 5Ah (mouse port present), keyboard id ABh 83h");
            assertThat(lines).contains("found   IO-APIC at FEC00000h: IOAPICVER 00170020h: version 20h, 24 redirection"
                    + " entries, ID 0");
        }
        try (ModelTarget model = board(Profile.HARDWARE)) {
            assertThat(ProbeReport.lines(new GuestPorts(model))).contains("found   IO-APIC at FEC00000h: IOAPICVER"
                    + " 00170011h: version 11h, 24 redirection entries, ID 0");
        }
    }

    @Test
    void theProbesLeaveTheRegistersTheyBorrowAsTheyFoundThem() throws Exception {
        try (ModelTarget model = board(Profile.QEMU_PC)) {
            GuestPorts ports = new GuestPorts(model);
            ports.outb(0x21, 0x5a);
            ports.outb(0xa1, 0xa5);
            ProbeReport.lines(ports);
            assertThat(ports.inb(0x21)).isEqualTo(0x5a);
            assertThat(ports.inb(0xa1)).isEqualTo(0xa5);
            assertThat(ports.accesses()).isGreaterThan(50);
        }
    }

    @Test
    void aFloatingBusIsFoundEmptyEverywhereAndNothingThrows() throws Exception {
        Target floating = new Target() {
            @Override
            public Reply send(String command) {
                return Reply.of(command.startsWith("out") ? "OK" : command.startsWith("inb") ? "OK 0xff"
                        : command.startsWith("inw") ? "OK 0xffff" : "OK 0xffffffff");
            }

            @Override
            public String name() {
                return "floating";
            }

            @Override
            public void close() {
            }
        };
        List<String> lines = ProbeReport.lines(new GuestPorts(floating));
        assertThat(lines).hasSize(ProbeReport.probes().size()).allSatisfy(l -> assertThat(l).startsWith("absent  "));
        assertThat(lines).contains("absent  i8042 keyboard controller at 60h/64h: the output buffer never empties (status FFh)",
                "absent  COM1 8250/16550 UART at 3F8h: IER written 00h/0Fh, read ffh/ffh",
                "absent  floppy controller at 3F0h-3F7h: MSR reads FFh",
                "absent  QEMU fw_cfg at 510h/511h: signature \"\\xff\\xff\\xff\\xff\"",
                "absent  IO-APIC at FEC00000h: IOAPICID, IOAPICVER and IOAPICARB read FFFFFFFFh");
    }

    @Test
    void aTargetThatRefusesACommandIsReportedNotMisread() {
        Target refusing = new Target() {
            @Override
            public Reply send(String command) {
                return Reply.of("FAIL unknown command");
            }

            @Override
            public String name() {
                return "refusing";
            }

            @Override
            public void close() {
            }
        };
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ProbeReport.lines(new GuestPorts(refusing)))
                .hasMessageContaining("refusing answered 'FAIL unknown command' to 'inb 0x21'");
    }
}
