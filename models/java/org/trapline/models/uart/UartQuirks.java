package org.trapline.models.uart;

import java.util.List;

import org.trapline.models.device.Quirk;

/**
 * Where QEMU 7.2's 16550A (hw/char/serial.c, on the ISA bus through hw/char/serial-isa.c) departs from
 * the National Semiconductor / TI PC16550D datasheet ("Universal Asynchronous Receiver/Transmitter with
 * FIFOs", SNLS378) and from the PC's wiring of its INTR pin. Each was read in serial.c and seen in
 * QEMU's answers over qtest (golden/uart-*.trace).
 */
public enum UartQuirks implements Quirk {
    /** The transmitter takes no time. */
    TRANSMIT_INSTANT("uart.transmit-instant", "uart",
            "a byte written to THR is sent at the write: THRE and TEMT read 1 again at once, the THRE interrupt is"
                    + " pending again at once, and in loopback the byte is in RBR (or the RCVR FIFO) before the next access",
            "PC16550D §8.4 LSR bits 5-6: THRE sets when the character moves from THR (XMIT FIFO) into the TSR and TEMT"
                    + " only when the TSR has shifted the whole frame out, one character time later; §8.8 loopback:"
                    + " the TSR's output is received; QEMU hw/char/serial.c serial_ioport_write (offset 0), serial_xmit"),
    /** The INTR output reaches the ISA line whatever OUT2 says. */
    IRQ_IGNORES_OUT2("uart.irq-ignores-out2", "uart",
            "the ISA interrupt line follows the UART's interrupt output alone: MCR bit 3 (OUT2) and loopback do not"
                    + " gate it",
            "PC16550D §8.8 MCR bit 3 drives the OUT2 pin, which the PC's serial adapter uses to enable the INTR driver"
                    + " onto the ISA IRQ line; in loopback (bit 4) the OUT2 pin is forced inactive; QEMU hw/char/serial.c"
                    + " serial_update_irq raises s->irq with no look at MCR"),
    /** Setting ETBEI re-arms an acknowledged THRE interrupt. */
    THRE_RESAMPLED_ON_IER("uart.thre-resampled-on-ier", "uart",
            "a write of IER that changes bit 1 (ETBEI) makes the THRE interrupt pending if ETBEI is now 1 and THRE is"
                    + " 1, even after a read of IIR acknowledged it, and discards it if ETBEI is now 0",
            "PC16550D Table IV: the THRE interrupt is set when THR (XMIT FIFO) becomes empty and reset by reading IIR"
                    + " (when it is the source) or writing THR; §8.7 IER only enables it; QEMU hw/char/serial.c"
                    + " serial_ioport_write (offset 1, its comment says 'not in the datasheet')"),
    /** XMIT FIFO reset always makes the THRE interrupt pending. */
    XMIT_RESET_RAISES_THRE("uart.xmit-reset-raises-thre", "uart",
            "a write of FCR with bit 2 (XMIT FIFO reset) makes the THRE interrupt pending even when THRE was already 1"
                    + " and FCR0 did not change",
            "PC16550D Table IV: THRE interrupt on THR (XMIT FIFO) becoming empty; §8.11: the first transmitter"
                    + " interrupt after changing FCR0 is immediate; QEMU hw/char/serial.c serial_ioport_write"
                    + " (offset 2, UART_FCR_XFR)"),
    /** FCR1/FCR2 act with FCR0 clear. */
    FCR_RESET_WITHOUT_ENABLE("uart.fcr-reset-without-enable", "uart",
            "FCR bits 1 and 2 reset the FIFOs even when bit 0 is 0: a write of 02h in character mode throws the byte in"
                    + " RBR away (LSR.DR and BI clear)",
            "PC16550D §8.5 FCR: FCR0 must be 1 when the other FCR bits are written or they are not programmed;"
                    + " QEMU hw/char/serial.c serial_ioport_write (offset 2) tests UART_FCR_RFR and UART_FCR_XFR alone"),
    /** No modem: CTS, DSR and DCD read asserted. */
    MODEM_INPUTS_ASSERTED("uart.modem-inputs-asserted", "uart",
            "with a backend that has no modem lines (null, file) MSR reads B0h outside loopback: CTS, DSR and DCD"
                    + " asserted, RI not, never a delta",
            "PC16550D §8.9 MSR bits 4-7 are the complements of the CTS, DSR, RI and DCD input pins; with no modem on"
                    + " the line the RS-232 receivers hold them inactive and MSR bits 4-7 read 0; QEMU hw/char/serial.c"
                    + " serial_reset (UART_MSR_DCD | UART_MSR_DSR | UART_MSR_CTS), serial_update_msl (-ENOTSUP)"),
    /** Loopback's MSR is computed at the read, without deltas. */
    LOOPBACK_MSR_NO_DELTAS("uart.loopback-msr-no-deltas", "uart",
            "in loopback MSR bits 4-7 show RTS, DTR, OUT1, OUT2 but bits 0-3 stay 0 whatever changes: no DCTS, DDSR,"
                    + " TERI, DDCD and no modem status interrupt, on entering, in, or on leaving loopback",
            "PC16550D §8.8 loopback: the modem control outputs are connected to the modem control inputs and the"
                    + " modem control interrupts are operational; §8.9 bits 0-3 record each change of an input;"
                    + " QEMU hw/char/serial.c serial_ioport_read (offset 6, UART_MCR_LOOP)"),
    /** QEMU's character time. */
    CHARACTER_TIME("uart.character-time", "uart",
            "the character time (4 of them make the RCVR FIFO time-out) is 1041660 ns (9600 baud, 10 bits) from reset"
                    + " until LCR or the divisor latch is written, then (1e9 / (115200 / divisor)) * frame bits in single"
                    + " precision, truncated, 2 stop bits counted for a 5-bit word with LCR bit 2, divisor 0 taken as"
                    + " 3500 baud",
            "PC16550D §8.3 the baud rate is the 1.8432 MHz clock / (16 x divisor) and §8.1 LCR bits 0-3 give the frame"
                    + " (1.5 stop bits for a 5-bit word), so a character time follows LCR and the divisor at every"
                    + " moment; §8.11 time-out after 4 character times; QEMU hw/char/serial.c"
                    + " serial_update_parameters, serial_reset (char_transmit_time)"),
    /** Reset sets OUT2, the divisor and SCR. */
    RESET_VALUES("uart.reset-values", "uart",
            "a reset sets MCR to 08h (OUT2 on), the divisor latch to 000Ch (9600 baud) and SCR to 00h",
            "PC16550D Table III (UART reset configuration): master reset clears MCR bits 0-4 to 0 and leaves the"
                    + " divisor latch and the scratchpad alone; QEMU hw/char/serial.c serial_reset"),
    /** All eight bits go through the line whatever the word length. */
    WORD_LENGTH_IGNORED("uart.word-length-ignored", "uart",
            "a character is sent (and in loopback received) with all eight bits of THR, whatever LCR bits 0-1 say",
            "PC16550D §8.1 LCR bits 0-1 (WLS) select 5 to 8 data bits per character; the bits above the word length"
                    + " are not sent and a received character of fewer bits reads 0 above them; QEMU hw/char/serial.c"
                    + " serial_xmit (qemu_chr_fe_write and serial_receive1 of the whole tsr byte)");

    private final Entry entry;

    UartQuirks(String id, String device, String behaviour, String citation) {
        this.entry = new Entry(id, device, behaviour, citation);
    }

    @Override
    public Entry entry() {
        return entry;
    }

    public static List<Quirk> all() {
        return List.of(values());
    }
}
