package org.trapline.models.uart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.trapline.models.uart.Uart16550.*;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The PC16550D as its datasheet describes it (the hardware profile). */
class Uart16550Test {
    private final UartHarness h = UartHarness.hardware();

    @Test
    void masterResetValues() {
        // Table III: IER, IIR (01h), LCR, MCR 0; LSR THRE and TEMT; MSR deltas 0, inputs inactive.
        assertThat(h.in(IER_DLM)).isZero();
        assertThat(h.in(IIR_FCR)).isEqualTo(0x01);
        assertThat(h.in(LCR)).isZero();
        assertThat(h.in(MCR)).isZero();
        assertThat(h.in(LSR)).isEqualTo(0x60);
        assertThat(h.in(MSR)).isZero();
        assertThat(h.in(SCR)).isZero();
        assertThat(h.in(RBR_THR_DLL)).isZero();
        assertThat(h.irq.level()).isFalse();
    }

    @Test
    void divisorLatchBehindDlab() {
        h.out(LCR, DLAB | 0x03);
        assertThat(h.in(0)).isEqualTo(0x0c);
        assertThat(h.in(1)).isZero();
        h.out(0, 0x34);
        h.out(1, 0x12);
        assertThat(h.in(0)).isEqualTo(0x34);
        assertThat(h.in(1)).isEqualTo(0x12);
        h.out(LCR, 0x03);
        assertThat(h.in(1)).as("IER again").isZero();
        assertThat(h.in(LCR)).isEqualTo(0x03);
        h.out(LCR, DLAB);
        assertThat(h.in(0) | h.in(1) << 8).isEqualTo(0x1234);
    }

    @Test
    void registerBitsThatStick() {
        h.out(IER_DLM, 0xff);
        assertThat(h.in(IER_DLM)).isEqualTo(0x0f);
        h.out(IER_DLM, 0);
        h.out(MCR, 0xff);
        assertThat(h.in(MCR)).isEqualTo(0x1f);
        h.out(SCR, 0xa5);
        assertThat(h.in(SCR)).isEqualTo(0xa5);
        h.out(MCR, 0);
        h.out(LSR, 0x00);
        h.out(MSR, 0x0f);
        assertThat(h.in(LSR)).isEqualTo(0x60);
        assertThat(h.in(MSR)).as("leaving loopback: every input fell").isEqualTo(DELTAS);
        assertThat(h.in(MSR)).isZero();
    }

    @Test
    void anyAccessAtAnyOffsetIsAnswered() {
        assertThatCode(() -> {
            for (int off = -3; off < 20; off++) {
                for (int size : new int[] {1, 2, 4, 8}) {
                    h.uart.write(off, size, 0xdeadbeefL);
                    h.uart.read(off, size);
                }
            }
        }).doesNotThrowAnyException();
        assertThat(h.uart.read(15, 1)).as("offset 15 is SCR").isEqualTo(0xef);
    }

    @Test
    void transmitterTakesOneCharacterTimePerFrame() {
        h.out(LCR, 0x03);
        long t = h.uart.charTimeNs();
        assertThat(t).isEqualTo(1_041_666L);
        h.out(0, 0x41);
        assertThat(h.in(LSR)).as("THR moved into TSR at once").isEqualTo(THRE);
        h.out(0, 0x42);
        assertThat(h.in(LSR)).isZero();
        h.advance(t - 1);
        assertThat(h.sent).isEmpty();
        h.advance(1);
        assertThat(h.sent).containsExactly(0x41);
        assertThat(h.in(LSR)).isEqualTo(THRE);
        h.advance(t);
        assertThat(h.sent).containsExactly(0x41, 0x42);
        assertThat(h.in(LSR)).isEqualTo(THRE | TEMT);
    }

    @Test
    void xmitFifoHoldsSixteenBehindTheShiftRegister() {
        h.out(LCR, 0x03);
        h.out(IIR_FCR, FCR_ENABLE);
        for (int i = 0; i < 18; i++) {
            h.out(0, i);
        }
        assertThat(h.uart.xmitCount()).isEqualTo(16);
        assertThat(h.in(LSR) & THRE).isZero();
        h.advance(20 * h.uart.charTimeNs());
        // The first went into the TSR; of the 17 others the oldest was pushed out by the last.
        assertThat(h.sent).hasSize(17).startsWith(0, 2, 3).endsWith(17);
        assertThat(h.in(LSR)).isEqualTo(THRE | TEMT);
    }

    @Test
    void wordLengthMasksTheCharacter() {
        h.loopback();
        for (int wls = 0; wls < 4; wls++) {
            h.out(LCR, wls);
            h.send(0xff);
            assertThat(h.in(0)).isEqualTo(0xff >> (3 - wls));
        }
    }

    @Test
    void loopbackReceivesWhatIsShiftedOutAndSendsNothing() {
        h.loopback();
        h.out(0, 0x55);
        assertThat(h.in(LSR) & DR).isZero();
        h.advance(h.uart.charTimeNs());
        assertThat(h.in(LSR)).isEqualTo(DR | THRE | TEMT);
        assertThat(h.in(0)).isEqualTo(0x55);
        assertThat(h.in(LSR)).isEqualTo(THRE | TEMT);
        assertThat(h.sent).isEmpty();
    }

    @Test
    void characterModeOverrun() {
        h.loopback();
        h.send(1);
        h.send(2);
        assertThat(h.in(LSR)).isEqualTo(DR | OE | THRE | TEMT);
        assertThat(h.in(LSR)).as("OE cleared by the read").isEqualTo(DR | THRE | TEMT);
        assertThat(h.in(0)).isEqualTo(2);
    }

    @Test
    void rcvrFifoOverrunKeepsTheSixteen() {
        h.loopback();
        h.out(IIR_FCR, FCR_ENABLE);
        for (int i = 0; i < 17; i++) {
            h.send(0x30 + i);
        }
        assertThat(h.uart.rcvrCount()).isEqualTo(16);
        assertThat(h.in(LSR) & (OE | DR)).isEqualTo(OE | DR);
        for (int i = 0; i < 16; i++) {
            assertThat(h.in(0)).isEqualTo(0x30 + i);
        }
        assertThat(h.in(LSR) & DR).isZero();
        assertThat(h.in(0)).as("empty FIFO").isZero();
    }

    @ParameterizedTest
    @CsvSource({"0x01,1", "0x41,4", "0x81,8", "0xc1,14"})
    void receivedDataInterruptAtTheTriggerLevel(int fcr, int level) {
        h.loopback();
        h.out(IIR_FCR, fcr);
        h.out(IER_DLM, ERBFI);
        for (int i = 1; i < level; i++) {
            h.uart.receive(i, 0);
            assertThat(h.in(IIR_FCR)).isEqualTo(0xc1);
        }
        h.uart.receive(0, 0);
        assertThat(h.in(IIR_FCR)).isEqualTo(0xc4);
        assertThat(h.irq.level()).as("loopback holds OUT2 inactive").isFalse();
        h.in(0);
        assertThat(h.in(IIR_FCR)).as("below the level again").isEqualTo(0xc1);
    }

    @Test
    void characterTimeoutAfterFourCharacterTimes() {
        h.loopback();
        h.out(IIR_FCR, 0xc1);
        h.out(IER_DLM, ERBFI);
        h.uart.receive(1, 0);
        h.uart.receive(2, 0);
        long t = h.uart.charTimeNs();
        h.advance(4 * t - 1);
        assertThat(h.in(IIR_FCR)).isEqualTo(0xc1);
        h.advance(1);
        assertThat(h.in(IIR_FCR)).isEqualTo(0xcc);
        assertThat(h.in(0)).isEqualTo(1);
        assertThat(h.in(IIR_FCR)).as("a read clears it").isEqualTo(0xc1);
        h.advance(4 * t);
        assertThat(h.in(IIR_FCR)).as("and restarts the timer").isEqualTo(0xcc);
        assertThat(h.in(0)).isEqualTo(2);
        h.advance(10 * t);
        assertThat(h.in(IIR_FCR)).as("no time-out on an empty FIFO").isEqualTo(0xc1);
    }

    @Test
    void timeoutNeedsErbfi() {
        h.loopback();
        h.out(IIR_FCR, 0xc1);
        h.uart.receive(1, 0);
        h.advance(5 * h.uart.charTimeNs());
        assertThat(h.in(IIR_FCR)).isEqualTo(0xc1);
        h.out(IER_DLM, ERBFI);
        assertThat(h.in(IIR_FCR)).isEqualTo(0xcc);
    }

    @Test
    void rcvrResetClearsTheFifoAndTheTimeout() {
        h.loopback();
        h.out(IIR_FCR, 0xc1);
        h.out(IER_DLM, ERBFI);
        h.uart.receive(1, 0);
        h.advance(5 * h.uart.charTimeNs());
        h.out(IIR_FCR, 0xc1 | FCR_RCVR_RESET);
        assertThat(h.uart.rcvrCount()).isZero();
        assertThat(h.in(IIR_FCR)).isEqualTo(0xc1);
        assertThat(h.in(LSR) & DR).isZero();
    }

    @ParameterizedTest
    @CsvSource({
            "0x00, 12, 729166", // 5N1: 7 bits
            "0x03, 12, 1041666", // 8N1: 10 bits
            "0x04, 12, 781250", // 5 bits, 1.5 stop
            "0x07, 12, 1145833", // 8N2: 11 bits
            "0x0b, 1, 95486", // 8O1: 11 bits at 115200
            "0x03, 0, 5688888888", // divisor 0 counts 65536
    })
    void characterTimeFromLcrAndDivisor(int lcr, int divisor, long ns) {
        h.out(LCR, DLAB);
        h.out(0, divisor & 0xff);
        h.out(1, divisor >> 8);
        h.out(LCR, lcr);
        assertThat(h.uart.charTimeNs()).isEqualTo(ns);
    }

    @Test
    void interruptPriority() {
        h.loopback();
        h.out(IER_DLM, 0x0f);
        // THRE pending from the transmission, MSR deltas from loopback's DCD (OUT2).
        h.send(0x10);
        h.send(0x11);
        assertThat(h.in(IIR_FCR)).as("line status (OE) first").isEqualTo(IIR_RLS);
        h.in(LSR);
        assertThat(h.in(IIR_FCR)).as("then received data").isEqualTo(IIR_RDA);
        h.in(0);
        assertThat(h.in(IIR_FCR)).as("then THRE, which the read clears").isEqualTo(IIR_THRE);
        assertThat(h.in(IIR_FCR)).as("then modem status").isEqualTo(IIR_MODEM_STATUS);
        assertThat(h.in(MSR)).isEqualTo(DCD | DDCD);
        assertThat(h.in(IIR_FCR)).isEqualTo(IIR_NO_INT);
    }

    @Test
    void threInterruptClearedByIirReadOrThrWrite() {
        h.out(LCR, 0x03);
        h.out(MCR, OUT2);
        h.out(IER_DLM, ETBEI);
        assertThat(h.in(IIR_FCR)).as("no THRE event since reset").isEqualTo(1);
        h.send(1);
        assertThat(h.irq.level()).isTrue();
        h.out(0, 2);
        assertThat(h.uart.threPending()).as("THR write clears, then the move to the TSR sets it again").isTrue();
        assertThat(h.in(IIR_FCR)).isEqualTo(IIR_THRE);
        assertThat(h.in(IIR_FCR)).isEqualTo(1);
        assertThat(h.irq.level()).isFalse();
        h.out(IER_DLM, 0);
        h.out(IER_DLM, ETBEI);
        assertThat(h.in(IIR_FCR)).as("IER does not re-arm it").isEqualTo(1);
    }

    @Test
    void fifoEnableChangeClearsBothFifosAndRaisesThre() {
        h.loopback();
        h.out(IIR_FCR, FCR_ENABLE);
        h.uart.receive(1, 0);
        h.out(IER_DLM, ETBEI);
        h.out(IIR_FCR, 0);
        assertThat(h.in(LSR) & DR).isZero();
        assertThat(h.in(IIR_FCR)).as("§8.11 first transmitter interrupt immediate").isEqualTo(IIR_THRE);
        assertThat(h.in(IIR_FCR)).isEqualTo(1);
        h.out(IIR_FCR, FCR_ENABLE | FCR_XMIT_RESET);
        assertThat(h.in(IIR_FCR)).isEqualTo(0xc0 | IIR_THRE);
        h.in(IIR_FCR);
        h.out(IIR_FCR, FCR_ENABLE | FCR_XMIT_RESET);
        assertThat(h.in(IIR_FCR)).as("THRE already 1: no new event").isEqualTo(0xc1);
    }

    @Test
    void xmitResetWhileTransmittingIsATHREEvent() {
        h.out(LCR, 0x03);
        h.out(IIR_FCR, FCR_ENABLE);
        h.out(0, 1);
        h.out(0, 2);
        h.in(IIR_FCR);
        h.out(IER_DLM, ETBEI);
        h.out(IIR_FCR, FCR_ENABLE | FCR_XMIT_RESET);
        assertThat(h.in(LSR) & (THRE | TEMT)).as("TSR still shifting").isEqualTo(THRE);
        assertThat(h.in(IIR_FCR)).isEqualTo(0xc0 | IIR_THRE);
        h.advance(h.uart.charTimeNs());
        assertThat(h.sent).containsExactly(1);
    }

    @Test
    void fcrBitsNeedFcr0() {
        h.loopback();
        h.send(7);
        h.out(IIR_FCR, FCR_RCVR_RESET | FCR_TRIGGER);
        assertThat(h.in(LSR) & DR).isEqualTo(DR);
        assertThat(h.in(IIR_FCR)).isEqualTo(1);
        h.out(IIR_FCR, FCR_ENABLE | FCR_TRIGGER | FCR_DMA_MODE);
        h.out(IER_DLM, ERBFI);
        for (int i = 0; i < 13; i++) {
            h.uart.receive(i, 0);
        }
        assertThat(h.in(IIR_FCR)).isEqualTo(0xc1);
        h.uart.receive(13, 0);
        assertThat(h.in(IIR_FCR)).isEqualTo(0xc4);
    }

    @Test
    void loopbackModemOutputsOntoInputsWithDeltas() {
        h.out(MCR, LOOP | RTS);
        assertThat(h.in(MSR)).isEqualTo(CTS | DCTS);
        h.out(MCR, LOOP | DTR);
        assertThat(h.in(MSR)).isEqualTo(DSR | DCTS | DDSR);
        h.out(MCR, LOOP | OUT1);
        assertThat(h.in(MSR)).as("RI rising is no TERI").isEqualTo(RI | DDSR);
        h.out(MCR, LOOP | OUT2);
        assertThat(h.in(MSR)).as("RI falling: TERI").isEqualTo(DCD | DDCD | TERI);
        assertThat(h.in(MSR)).isEqualTo(DCD);
        h.out(MCR, OUT2);
        assertThat(h.in(MSR)).as("leaving loopback: the pins are inactive").isEqualTo(DDCD);
    }

    @Test
    void modemStatusInterrupt() {
        h.out(IER_DLM, EDSSI);
        h.out(MCR, LOOP | RTS);
        assertThat(h.in(IIR_FCR)).isEqualTo(IIR_MODEM_STATUS);
        h.in(MSR);
        assertThat(h.in(IIR_FCR)).isEqualTo(1);
    }

    @Test
    void out2GatesTheIsaLineAndLoopbackCutsIt() {
        h.out(LCR, 0x03);
        h.out(IER_DLM, ETBEI);
        h.send(1);
        assertThat(h.in(IIR_FCR)).isEqualTo(IIR_THRE);
        h.out(IER_DLM, 0);
        h.out(IER_DLM, ETBEI);
        h.send(2);
        assertThat(h.irq.level()).as("OUT2 off").isFalse();
        h.out(MCR, OUT2);
        assertThat(h.irq.level()).isTrue();
        h.out(MCR, OUT2 | LOOP);
        assertThat(h.irq.level()).as("loopback forces OUT2 inactive").isFalse();
        h.out(MCR, OUT2);
        assertThat(h.irq.level()).isTrue();
    }

    @Test
    void lineErrorsAndTheFifoErrorBit() {
        h.out(IER_DLM, ELSI);
        h.out(MCR, OUT2);
        h.uart.receive(0x61, PE);
        assertThat(h.in(IIR_FCR)).isEqualTo(IIR_RLS);
        assertThat(h.in(LSR)).isEqualTo(DR | PE | THRE | TEMT);
        assertThat(h.in(LSR)).isEqualTo(DR | THRE | TEMT);
        assertThat(h.irq.level()).isFalse();
        h.in(0);
        h.out(IIR_FCR, FCR_ENABLE);
        h.uart.receive(1, 0);
        h.uart.receive(2, FE);
        h.uart.receive(3, BI);
        assertThat(h.in(LSR)).as("errors wait until their character is at the top").isEqualTo(RCVR_FIFO_ERROR | DR | THRE | TEMT);
        assertThat(h.in(0)).isEqualTo(1);
        assertThat(h.in(LSR)).isEqualTo(RCVR_FIFO_ERROR | DR | FE | THRE | TEMT);
        assertThat(h.in(0)).isEqualTo(2);
        assertThat(h.in(LSR)).isEqualTo(RCVR_FIFO_ERROR | DR | BI | THRE | TEMT);
        assertThat(h.in(0)).isEqualTo(3);
        assertThat(h.in(LSR)).isEqualTo(THRE | TEMT);
        h.uart.receive(4, PE);
        assertThat(h.in(LSR)).as("into an empty FIFO: at the top at once").isEqualTo(RCVR_FIFO_ERROR | DR | PE | THRE | TEMT);
    }

    @Test
    void resetKeepsDivisorAndScratch() {
        h.out(LCR, DLAB);
        h.out(0, 1);
        h.out(LCR, 0);
        h.out(SCR, 0x42);
        h.out(IER_DLM, 0x0f);
        h.out(MCR, 0x1f);
        h.uart.reset();
        assertThat(h.in(SCR)).isEqualTo(0x42);
        assertThat(h.in(IER_DLM)).isZero();
        assertThat(h.in(MCR)).isZero();
        h.out(LCR, DLAB);
        assertThat(h.in(0)).isEqualTo(1);
    }

    @Test
    void resetStopsTheTransmitterAndTheTimeout() {
        h.loopback();
        h.out(IIR_FCR, FCR_ENABLE);
        h.out(0, 1);
        h.uart.reset();
        assertThat(h.scheduler.nextDeadlineNs()).isEqualTo(-1);
        assertThat(h.in(LSR)).isEqualTo(THRE | TEMT);
    }

    @Test
    void registersForReports() {
        h.out(SCR, 0x5a);
        assertThat(h.uart.deviceName()).isEqualTo("com1");
        assertThat(h.uart.registers()).containsEntry("SCR", "0x5a").containsEntry("LSR", "0x60")
                .containsEntry("IIR", "0x01").containsEntry("DLL", "0x0c").containsEntry("DLM", "0x00")
                .containsKeys("RBR", "IER", "FCR", "LCR", "MCR", "MSR", "RCVR FIFO", "XMIT FIFO");
        assertThat(h.uart.region().length()).isEqualTo(8);
    }

    @Test
    void byteFifo() {
        ByteFifo f = new ByteFifo();
        assertThat(f.pop()).isZero();
        assertThat(f.peek()).isZero();
        for (int i = 0; i < 16; i++) {
            assertThat(f.push(i | (i == 9 ? 0x400 : 0))).isTrue();
        }
        assertThat(f.isFull()).isTrue();
        assertThat(f.push(99)).isFalse();
        assertThat(f.anyHas(0x400)).isTrue();
        assertThat(f.anyHas(0x800)).isFalse();
        assertThat(f.peek()).isZero();
        for (int i = 0; i < 10; i++) {
            f.pop();
        }
        assertThat(f.anyHas(0x400)).isFalse();
        assertThat(f.push(16)).isTrue();
        assertThat(f.count()).isEqualTo(7);
        f.clear();
        assertThat(f.isEmpty()).isTrue();
    }
}
