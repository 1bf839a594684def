package org.trapline.models.kbc;

import java.util.List;

import org.trapline.models.device.Quirk;

/**
 * Where QEMU 7.2's keyboard controller (hw/input/pckbd.c, extended-state on, as {@code -machine pc}
 * has it) and its PS/2 keyboard and mouse (hw/input/ps2.c) depart from IBM's references: the PS/2
 * Hardware Interface Technical Reference, "Keyboard and Auxiliary Device Controller" (KADC: status
 * register, command byte, controller commands) and "Pointing Device"; the PC AT Technical Reference
 * (the output port); the 101/102-Key Keyboard Technical Reference (keyboard commands). Each was read
 * in QEMU's source and seen in its answers over qtest (golden/kbc-*.trace).
 */
public enum KbcQuirks implements Quirk {
    /** Status bit 3 never follows the port last written. */
    A2_ALWAYS_SET("kbc.a2-always-set", "i8042",
            "status bit 3 (A2, command/data) reads 1 from reset on, whichever port was last written",
            "IBM PS/2 KADC status register bit 3: 1 when the last byte written went to 64h (a command), 0 when it went"
                    + " to 60h (data); QEMU hw/input/pckbd.c kbd_reset (KBD_STAT_CMD), kbd_write_data and"
                    + " kbd_write_command leave it"),
    /** The command byte's system flag does not reach the status register. */
    SYS_FLAG_SELF_TEST_ONLY("kbc.sys-flag-self-test-only", "i8042",
            "status bit 2 (SYS) is set by a self-test (AAh) and by nothing else: writing command byte bit 2 with 60h"
                    + " neither sets nor clears it, and the self-test leaves command byte bit 2 as it was",
            "IBM PS/2 KADC status register bit 2 (system flag) is command byte bit 2, which the system writes with 60h"
                    + " and a passing self-test sets; QEMU hw/input/pckbd.c kbd_write_command (KBD_CCMD_SELF_TEST),"
                    + " kbd_write_data (KBD_CCMD_WRITE_MODE)"),
    /** IRQ1 is held low while the keyboard interface is disabled, even for the controller's own bytes. */
    IRQ1_OFF_WHILE_KEYBOARD_DISABLED("kbc.irq1-off-while-keyboard-disabled", "i8042",
            "while command byte bit 4 disables the keyboard interface a full output buffer raises no IRQ1, whoever"
                    + " filled it (a command byte read with 20h, a self-test's 55h, D2h data)",
            "IBM PS/2 KADC command byte bit 0: the controller interrupts on IRQ1 when it puts a byte from the keyboard"
                    + " or from itself in the output buffer; bit 4 only holds the keyboard's clock line low;"
                    + " QEMU hw/input/pckbd.c kbd_update_irq_lines (its comment there doubts it)"),
    /** The byte a read of 60h returns is taken from the device at the read. */
    OUTPUT_BUFFER_FILLED_AT_READ("kbc.output-buffer-filled-at-read", "i8042",
            "OBF is set when a device has a byte, but the byte is taken from the keyboard's or mouse's queue only when"
                    + " 60h is read: a command sent meanwhile (a keyboard command, a mouse reset) changes what the read"
                    + " returns, and after a keyboard byte a waiting mouse byte goes before the keyboard's next",
            "IBM PS/2 KADC output buffer: the controller moves a byte received from the keyboard or auxiliary device"
                    + " into the output buffer and then sets OBF; QEMU hw/input/pckbd.c kbd_read_data (obsrc),"
                    + " kbd_update_irq"),
    /** A controller byte waits behind a full output buffer instead of overwriting it. */
    CONTROLLER_BYTE_WAITS("kbc.controller-byte-waits", "i8042",
            "a byte the controller answers with (20h, AAh, ABh, A9h, C0h, D0h, D2h, D3h) waits while the output buffer"
                    + " is full and comes after the byte already there; a second one replaces the first",
            "IBM PS/2 KADC commands: a command that returns data places it in the output buffer, over what is there"
                    + " (the system disables the devices first); QEMU hw/input/pckbd.c kbd_queue, kbd_dequeue"),
    /** The keyboard, not the controller, translates, and at the command. */
    TRANSLATION_AT_COMMAND("kbc.translation-at-command", "i8042",
            "with command byte bit 6 set the keyboard's identify (F2h) answers 41h for 83h and get-scan-code-set"
                    + " (F0h 00h) answers 43h/41h/3Fh, as decided when the command was written: a change of bit 6"
                    + " before the reply is read does not change it",
            "IBM PS/2 KADC command byte bit 6 (translate): the controller converts each byte as it receives it from"
                    + " the keyboard into the output buffer; QEMU hw/input/ps2.c ps2_write_keyboard"
                    + " (s->translate), ps2_keyboard_set_translation from pckbd.c kbd_write_data"),
    /** The reset line resets the whole board. */
    RESET_LINE_RESETS_BOARD("kbc.reset-line-resets-board", "i8042",
            "output port bit 0 written 0 (D1h), and a pulse of it (FEh, any even F0h-FEh), reset the whole board:"
                    + " every device returns to its reset state",
            "IBM PC AT Technical Reference, keyboard controller output port bit 0 (system reset) resets the system"
                    + " microprocessor only; on this board RCIN# makes the PIIX3 (82371SB) assert INIT to the CPU;"
                    + " QEMU hw/input/pckbd.c outport_write, kbd_write_command (qemu_system_reset_request)"),
    /** DDh and DFh gate A20. */
    DD_DF_GATE_A20("kbc.dd-df-gate-a20", "i8042",
            "commands DDh and DFh clear and set output port bit 1 (A20), as some HP controllers do",
            "IBM PS/2 KADC command list: DDh and DFh are not commands and are ignored; A20 changes only with D1h;"
                    + " QEMU hw/input/pckbd.c kbd_write_command (KBD_CCMD_DISABLE_A20, KBD_CCMD_ENABLE_A20)"),
    /** A board reset leaves a command waiting for its data byte. */
    RESET_KEEPS_PENDING_COMMAND("kbc.reset-keeps-pending-command", "i8042",
            "a command that waits for a data byte (60h, D1h, D2h, D3h, D4h) still waits after a board reset: the next"
                    + " byte written to 60h goes where the command said",
            "IBM PS/2 KADC: a reset returns the controller to its power-on state, waiting for a command;"
                    + " QEMU hw/input/pckbd.c kbd_reset (write_cmd is not cleared)"),
    /** The keyboard answers Resend with Resend. */
    KBD_RESEND_ANSWERS_RESEND("ps2kbd.resend-answers-resend", "ps2-kbd",
            "the Resend command (FEh) is answered FEh, as an unknown command is, instead of the keyboard's last byte",
            "IBM 101/102-Key Keyboard Technical Reference, commands from the system, Resend (FE): the keyboard sends"
                    + " its last output again; QEMU hw/input/ps2.c ps2_write_keyboard (default case)"),
    /** The scan code set 3 key commands are missing, and 00h is acknowledged. */
    KBD_SET3_KEY_COMMANDS("ps2kbd.scan-set-3-key-commands", "ps2-kbd",
            "F7h, F8h, F9h, FBh and FDh are answered FEh as unknown; FCh takes one byte and is done; 00h is answered"
                    + " FAh",
            "IBM 101/102-Key Keyboard Technical Reference: Set All Keys (F7-FA) are acknowledged, Set Key Type (FB, FC,"
                    + " FD) acknowledge each key code that follows until the next command, and a byte that is no"
                    + " command is answered Resend (FE); QEMU hw/input/ps2.c ps2_write_keyboard"),
    /** The mouse starts with sample rate and resolution 0. */
    MOUSE_RESET_ZERO_RATE("ps2mouse.reset-zero-rate", "ps2-mouse",
            "after power-on and a board reset the mouse reports sample rate 0 and resolution 0 (status request E9h"
                    + " answers FAh 00h 00h 00h) until a reset (FFh) or set-defaults (F6h) command",
            "IBM PS/2 Hardware Interface Technical Reference, Pointing Device: at power-on the device is set to"
                    + " 100 reports a second, 4 counts per millimetre (02h), 1:1, stream mode, disabled;"
                    + " QEMU hw/input/ps2.c ps2_mouse_reset"),
    /** Resend, reset wrap outside wrap mode and unknown bytes get no answer. */
    MOUSE_UNANSWERED_COMMANDS("ps2mouse.unanswered-commands", "ps2-mouse",
            "Resend (FEh), Reset Wrap Mode (ECh) outside wrap mode and any byte that is no command are dropped"
                    + " without an answer",
            "IBM PS/2 Hardware Interface Technical Reference, Pointing Device: Resend sends the last byte again, ECh"
                    + " is acknowledged, and an invalid command is answered Resend (FEh);"
                    + " QEMU hw/input/ps2.c ps2_write_mouse (default case)"),
    /** A reset leaves wrap mode on. */
    MOUSE_RESET_KEEPS_WRAP("ps2mouse.reset-keeps-wrap", "ps2-mouse",
            "Reset (FFh) in wrap mode answers FAh AAh 00h but leaves wrap mode on: the bytes after it are echoed",
            "IBM PS/2 Hardware Interface Technical Reference, Pointing Device: Reset returns the device to its"
                    + " power-on defaults, stream mode and no wrap; QEMU hw/input/ps2.c ps2_write_mouse (AUX_RESET)"),
    /** Any sample rate and resolution byte is taken. */
    MOUSE_ARGUMENTS_UNCHECKED("ps2mouse.arguments-unchecked", "ps2-mouse",
            "Set Sampling Rate (F3h) and Set Resolution (E8h) take and acknowledge any byte, and the status request"
                    + " reports it back",
            "IBM PS/2 Hardware Interface Technical Reference, Pointing Device: the rates are 10, 20, 40, 60, 80, 100"
                    + " and 200 a second, the resolutions 00h-03h, and another value is answered Resend (FEh);"
                    + " QEMU hw/input/ps2.c ps2_write_mouse (AUX_SET_SAMPLE, AUX_SET_RES)");

    private final Entry entry;

    KbcQuirks(String id, String device, String behaviour, String citation) {
        this.entry = new Entry(id, device, behaviour, citation);
    }

    @Override
    public Entry entry() {
        return entry;
    }

    /** The ledger, in the order the qemu-pc profile lists it. */
    public static List<Quirk> all() {
        return List.of(values());
    }
}
