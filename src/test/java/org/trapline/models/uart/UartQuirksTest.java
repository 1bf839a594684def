package org.trapline.models.uart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trapline.models.uart.Uart16550.*;

import org.junit.jupiter.api.Test;

/** Each of QEMU's departures: the datasheet's side (hardware) and QEMU's (the quirk on). */
class UartQuirksTest {
    private final UartHarness hw = UartHarness.hardware();
    private final UartHarness qemu = UartHarness.qemu();

    @Test
    void transmitInstant() {
        for (UartHarness h : new UartHarness[] {hw, qemu}) {
            h.out(LCR, 0x03);
            h.out(0, 0x41);
        }
        assertThat(hw.in(LSR)).isEqualTo(THRE);
        assertThat(hw.sent).isEmpty();
        assertThat(qemu.in(LSR)).isEqualTo(THRE | TEMT);
        assertThat(qemu.sent).containsExactly(0x41);
        qemu.out(MCR, LOOP);
        qemu.out(0, 0x42);
        assertThat(qemu.in(LSR)).isEqualTo(DR | THRE | TEMT);
    }

    @Test
    void irqIgnoresOut2() {
        for (UartHarness h : new UartHarness[] {hw, qemu}) {
            h.out(MCR, 0);
            h.out(LCR, 0x03);
            h.out(IER_DLM, ETBEI);
            h.send(1);
            h.out(IER_DLM, 0);
            h.out(IER_DLM, ETBEI);
            h.send(2);
        }
        assertThat(hw.irq.level()).isFalse();
        assertThat(qemu.irq.level()).isTrue();
        assertThat(hw.in(IIR_FCR)).as("the interrupt is pending, OUT2 holds it off the line").isEqualTo(IIR_THRE);
        qemu.out(MCR, OUT2 | LOOP);
        qemu.out(IER_DLM, 0);
        qemu.out(IER_DLM, ETBEI);
        assertThat(qemu.irq.level()).as("loopback does not gate it either").isTrue();
    }

    @Test
    void threResampledOnIer() {
        for (UartHarness h : new UartHarness[] {hw, qemu}) {
            h.out(LCR, 0x03);
            h.out(MCR, OUT2);
            h.out(IER_DLM, ETBEI);
        }
        assertThat(hw.in(IIR_FCR)).as("no THRE event since reset").isEqualTo(1);
        assertThat(qemu.in(IIR_FCR)).as("ETBEI set while THRE is 1").isEqualTo(IIR_THRE);
        assertThat(qemu.in(IIR_FCR)).isEqualTo(1);
        qemu.out(IER_DLM, 0);
        qemu.out(IER_DLM, ETBEI);
        assertThat(qemu.in(IIR_FCR)).as("re-armed after the IIR read").isEqualTo(IIR_THRE);
        hw.send(1);
        hw.out(IER_DLM, 0);
        hw.out(IER_DLM, ETBEI);
        assertThat(hw.in(IIR_FCR)).as("IER only enables").isEqualTo(IIR_THRE);
        hw.out(IER_DLM, 0);
        hw.out(IER_DLM, ETBEI);
        assertThat(hw.in(IIR_FCR)).isEqualTo(1);
        UartHarness off = UartHarness.qemuWithout(UartQuirks.THRE_RESAMPLED_ON_IER);
        off.out(IER_DLM, ETBEI);
        assertThat(off.in(IIR_FCR)).isEqualTo(1);
    }

    @Test
    void xmitResetRaisesThre() {
        hw.out(IIR_FCR, FCR_ENABLE);
        hw.out(IER_DLM, ETBEI);
        assertThat(hw.in(IIR_FCR)).isEqualTo(0xc0 | IIR_THRE);
        hw.out(IIR_FCR, FCR_ENABLE | FCR_XMIT_RESET);
        assertThat(hw.in(IIR_FCR)).as("THRE was 1 already: no event").isEqualTo(0xc1);
        UartHarness q = UartHarness.qemuWithout(UartQuirks.THRE_RESAMPLED_ON_IER);
        q.out(IIR_FCR, FCR_ENABLE);
        q.out(IER_DLM, ETBEI);
        q.in(IIR_FCR);
        q.out(IIR_FCR, FCR_ENABLE | FCR_XMIT_RESET);
        assertThat(q.in(IIR_FCR)).isEqualTo(0xc0 | IIR_THRE);
    }

    @Test
    void fcrResetWithoutEnable() {
        for (UartHarness h : new UartHarness[] {hw, qemu}) {
            h.loopback();
            h.send(7);
            h.out(IIR_FCR, FCR_RCVR_RESET);
        }
        assertThat(hw.in(LSR) & DR).isEqualTo(DR);
        assertThat(hw.in(0)).isEqualTo(7);
        assertThat(qemu.in(LSR) & DR).isZero();
    }

    @Test
    void modemInputsAsserted() {
        assertThat(hw.in(MSR)).isZero();
        assertThat(qemu.in(MSR)).isEqualTo(CTS | DSR | DCD);
        qemu.out(MCR, 0);
        assertThat(qemu.in(MSR)).isEqualTo(CTS | DSR | DCD);
    }

    @Test
    void loopbackMsrNoDeltas() {
        for (UartHarness h : new UartHarness[] {hw, qemu}) {
            h.out(IER_DLM, EDSSI);
            h.out(MCR, LOOP | 0x0f);
        }
        assertThat(hw.in(IIR_FCR)).isEqualTo(IIR_MODEM_STATUS);
        assertThat(hw.in(MSR)).isEqualTo(0xf0 | DCTS | DDSR | DDCD);
        assertThat(qemu.in(IIR_FCR)).isEqualTo(1);
        assertThat(qemu.in(MSR)).isEqualTo(0xf0);
        qemu.out(MCR, LOOP);
        assertThat(qemu.in(MSR)).as("RI fell: no TERI").isZero();
        qemu.out(MCR, 0);
        assertThat(qemu.in(MSR)).isEqualTo(0xb0);
    }

    @Test
    void characterTime() {
        assertThat(hw.uart.charTimeNs()).as("5N1 at divisor 12: 7 bits").isEqualTo(729_166L);
        assertThat(qemu.uart.charTimeNs()).isEqualTo(1_041_660L);
        for (UartHarness h : new UartHarness[] {hw, qemu}) {
            h.out(LCR, 0x1e);
            h.out(LCR, DLAB | 0x1e);
            h.out(0, 1);
            h.out(LCR, 0x1e);
        }
        assertThat(hw.uart.charTimeNs()).isEqualTo(95_486L);
        assertThat(qemu.uart.charTimeNs()).as("float arithmetic, golden uart-timeout").isEqualTo(95_486L);
        for (UartHarness h : new UartHarness[] {hw, qemu}) {
            h.out(LCR, 0x04);
        }
        assertThat(hw.uart.charTimeNs()).as("1.5 stop bits").isEqualTo(65_104L);
        assertThat(qemu.uart.charTimeNs()).as("2 stop bits").isEqualTo(69_444L);
        for (UartHarness h : new UartHarness[] {hw, qemu}) {
            h.out(LCR, DLAB);
            h.out(0, 0);
            h.out(LCR, 0);
        }
        assertThat(qemu.uart.charTimeNs()).as("3500 baud").isEqualTo(2_000_000L);
        assertThat(hw.uart.charTimeNs()).isEqualTo(7L * 65536 * 16 * 1_000_000_000L / 1_843_200);
    }

    @Test
    void resetValues() {
        for (UartHarness h : new UartHarness[] {hw, qemu}) {
            h.out(SCR, 0x42);
            h.out(LCR, DLAB);
            h.out(0, 3);
            h.uart.reset();
            h.out(LCR, DLAB);
        }
        assertThat(hw.in(0)).isEqualTo(3);
        assertThat(qemu.in(0)).isEqualTo(0x0c);
        hw.out(LCR, 0);
        qemu.out(LCR, 0);
        assertThat(hw.in(SCR)).isEqualTo(0x42);
        assertThat(qemu.in(SCR)).isZero();
        assertThat(hw.in(MCR)).isZero();
        assertThat(qemu.in(MCR)).isEqualTo(OUT2);
    }

    @Test
    void wordLengthIgnored() {
        for (UartHarness h : new UartHarness[] {hw, qemu}) {
            h.out(MCR, LOOP);
            h.out(LCR, 0x00);
            h.send(0xff);
        }
        assertThat(hw.in(0)).isEqualTo(0x1f);
        assertThat(qemu.in(0)).isEqualTo(0xff);
    }

    @Test
    void ledgerEntries() {
        assertThat(UartQuirks.all()).hasSize(UartQuirks.values().length);
        for (UartQuirks q : UartQuirks.values()) {
            assertThat(q.id()).startsWith("uart.");
            assertThat(q.device()).isEqualTo("uart");
            assertThat(q.citation()).contains("PC16550D").contains("hw/char/serial.c");
        }
        assertThat(Uart16550.qemuQuirks()).containsExactlyElementsOf(UartQuirks.all());
    }
}
