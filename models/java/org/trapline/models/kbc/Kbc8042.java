package org.trapline.models.kbc;

import static org.trapline.models.device.Inspectable.hex;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.trapline.models.bus.IoDevice;
import org.trapline.models.bus.PortIoBus;
import org.trapline.models.bus.Region;
import org.trapline.models.device.Inspectable;
import org.trapline.models.device.Quirk;
import org.trapline.models.irq.IrqLine;

/**
 * The 8042 keyboard controller of the PC with a PS/2 keyboard and mouse on its two ports (IBM PS/2
 * Hardware Interface Technical Reference, "Keyboard and Auxiliary Device Controller"). Offset 0 is
 * the data port (output buffer on a read, input buffer as data on a write), offset 4 the status
 * register on a read and the command port on a write; the PC decodes them at 60h and 64h. A byte in
 * the output buffer raises IRQ1 (from the keyboard or the controller) or IRQ12 (from the mouse) as
 * command byte bits 0 and 1 allow. Output port bit 0 is the reset line (RCIN#), bit 1 gate A20.
 *
 * <p>Every command is done at once: the input buffer never reads full (IBF 0) and the devices answer
 * before the next access. Where the references leave a value open (the status and command byte at
 * power-on, the input port, what an unknown command does), QEMU's is kept.
 */
public final class Kbc8042 implements IoDevice, Inspectable {
    // Status register (KADC): OBF, IBF, SYS, A2 (command/data), INH (1 = not inhibited), AUXB (mouse OBF), TO, PERR.
    static final int OBF = 0x01;
    static final int IBF = 0x02;
    static final int SYS = 0x04;
    static final int A2 = 0x08;
    static final int INH = 0x10;
    static final int AUXB = 0x20;
    // Command byte: INT (IRQ1 enable), INT2 (IRQ12 enable), SYS flag, EN (1 = keyboard disabled), EN2 (aux), XLAT.
    static final int CCB_INT = 0x01;
    static final int CCB_INT2 = 0x02;
    static final int CCB_SYS = 0x04;
    static final int CCB_EN = 0x10;
    static final int CCB_EN2 = 0x20;
    static final int CCB_XLAT = 0x40;
    // Output port: reset line, gate A20, IRQ1 and IRQ12 (output buffer full), the idle clock and data lines.
    static final int OP_RESET = 0x01;
    static final int OP_A20 = 0x02;
    static final int OP_OBF = 0x10;
    static final int OP_AUX_OBF = 0x20;
    static final int OP_IDLE_LINES = 0xcc;
    /** The input port as QEMU answers C0h: bit 7, keyboard not inhibited; nothing else is wired. */
    static final int INPUT_PORT = 0x80;
    static final int SELF_TEST_OK = 0x55;
    static final int INTERFACE_OK = 0x00;
    static final int DATA_OFFSET = 0;
    static final int COMMAND_OFFSET = 4;

    /** Who has a byte for the output buffer. */
    private static final int FROM_KBD = 0x10;
    private static final int FROM_AUX = 0x20;
    private static final int FROM_CTRL_KBD = 0x04;
    private static final int FROM_CTRL_AUX = 0x08;

    private final IrqLine irq1;
    private final IrqLine irq12;
    private final Ps2Keyboard keyboard;
    private final Ps2Mouse mouse;
    private final boolean a2Fixed;
    private final boolean sysFromSelfTestOnly;
    private final boolean irq1OffWhileDisabled;
    private final boolean filledAtRead;
    private final boolean controllerByteWaits;
    private final boolean keyboardTranslates;
    private final boolean resetLineResetsBoard;
    private final boolean ddDfGateA20;
    private final boolean resetKeepsPendingCommand;
    /** The board's reset, which must call {@link #reset()}. */
    private Runnable boardReset = this::reset;

    private int status;
    private int commandByte;
    private int outputPort;
    /** The command waiting for its data byte at 60h, or 0. */
    private int pendingCommand;
    /** The output buffer: the byte a read of 60h returns (the last one while OBF is clear). */
    private int outputBuffer;
    /** Who has the byte the output buffer shows (one of FROM_*), or 0 when it holds it already. */
    private int source;
    /** A byte of the controller's own waiting for the output buffer (QEMU), and who it is for. */
    private int controllerByte;
    private int controllerPending;
    private long resetPulses;

    public Kbc8042(Set<Quirk> quirks, IrqLine irq1, IrqLine irq12) {
        this.irq1 = irq1;
        this.irq12 = irq12;
        this.keyboard = new Ps2Keyboard(quirks);
        this.mouse = new Ps2Mouse(quirks);
        this.a2Fixed = quirks.contains(KbcQuirks.A2_ALWAYS_SET);
        this.sysFromSelfTestOnly = quirks.contains(KbcQuirks.SYS_FLAG_SELF_TEST_ONLY);
        this.irq1OffWhileDisabled = quirks.contains(KbcQuirks.IRQ1_OFF_WHILE_KEYBOARD_DISABLED);
        this.filledAtRead = quirks.contains(KbcQuirks.OUTPUT_BUFFER_FILLED_AT_READ);
        this.controllerByteWaits = quirks.contains(KbcQuirks.CONTROLLER_BYTE_WAITS);
        this.keyboardTranslates = quirks.contains(KbcQuirks.TRANSLATION_AT_COMMAND);
        this.resetLineResetsBoard = quirks.contains(KbcQuirks.RESET_LINE_RESETS_BOARD);
        this.ddDfGateA20 = quirks.contains(KbcQuirks.DD_DF_GATE_A20);
        this.resetKeepsPendingCommand = quirks.contains(KbcQuirks.RESET_KEEPS_PENDING_COMMAND);
        reset();
    }

    /** The quirks of this device that the qemu-pc profile switches on. */
    public static List<Quirk> qemuQuirks() {
        return KbcQuirks.all();
    }

    /** Maps the data port at {@code dataPort} and the status/command port at {@code commandPort} (the PC: 60h, 64h). */
    public void attach(PortIoBus io, int dataPort, int commandPort) {
        io.map(Region.of("i8042-data", 1, 1, 1, this, this).at(dataPort));
        io.map(Region.of("i8042-cmd", 1, 1, 1, this, this).from(COMMAND_OFFSET).at(commandPort));
    }

    /**
     * Who answers the reset line (output port bit 0 low, a pulse of it) when it resets the board
     * (quirk {@link KbcQuirks#RESET_LINE_RESETS_BOARD}): the board installs its own reset here.
     */
    public void onBoardReset(Runnable reset) {
        this.boardReset = reset;
    }

    /**
     * A board reset: the controller waits for a command with the interrupts enabled, the output port
     * high (not in reset, A20 on), the output buffer empty; the keyboard and mouse reset too.
     */
    public void reset() {
        commandByte = CCB_INT | CCB_INT2;
        status = A2 | INH;
        outputPort = OP_RESET | OP_A20 | OP_IDLE_LINES;
        controllerPending = 0;
        if (!resetKeepsPendingCommand) {
            pendingCommand = 0;
        }
        keyboard.reset();
        mouse.reset();
        emptyOutputBuffer();
    }

    // ------------------------------------------------------------------ access decode

    @Override
    public long read(long offset, int size) {
        return (offset & COMMAND_OFFSET) == 0 ? readData() : status;
    }

    @Override
    public void write(long offset, int size, long value) {
        int v = (int) (value & 0xff);
        if ((offset & COMMAND_OFFSET) == 0) {
            writeData(v);
        } else {
            writeCommand(v);
        }
    }

    // ------------------------------------------------------------------ the output buffer

    private int readData() {
        if ((status & OBF) == 0) {
            return outputBuffer;
        }
        emptyOutputBuffer();
        if (filledAtRead && source != 0) {
            outputBuffer = take(source);
        }
        int value = outputBuffer;
        if (filledAtRead) {
            // QEMU: the keyboard's line falls before it rises again for its next byte, so a waiting mouse byte goes
            // first (the mouse's own next byte never could: it comes last anyway).
            fill(source == FROM_KBD ? FROM_KBD : 0);
        }
        fill(0);
        return value;
    }

    private void emptyOutputBuffer() {
        status &= ~(OBF | AUXB);
        outputPort &= ~(OP_OBF | OP_AUX_OBF);
        updateIrqLines();
    }

    /** Who has a byte for the output buffer, but those in {@code except}, and the devices only while their port is enabled. */
    private int waiting(int except) {
        int waiting = controllerPending;
        if (keyboard.hasData() && (commandByte & CCB_EN) == 0) {
            waiting |= FROM_KBD;
        }
        if (mouse.hasData() && (commandByte & CCB_EN2) == 0) {
            waiting |= FROM_AUX;
        }
        return waiting & ~except;
    }

    /** If the output buffer is empty, fills it from the first who has a byte: the controller, the keyboard, the mouse. */
    private void fill(int except) {
        if ((status & OBF) != 0) {
            return;
        }
        int waiting = waiting(except);
        if (waiting == 0) {
            return;
        }
        int from;
        if ((waiting & FROM_CTRL_KBD) != 0) {
            from = FROM_CTRL_KBD;
        } else if ((waiting & FROM_CTRL_AUX) != 0) {
            from = FROM_CTRL_AUX;
        } else if ((waiting & FROM_KBD) != 0) {
            from = FROM_KBD;
        } else {
            from = FROM_AUX;
        }
        source = from;
        boolean aux = from == FROM_AUX || from == FROM_CTRL_AUX;
        status |= OBF | (aux ? AUXB : 0);
        outputPort |= OP_OBF | (aux ? OP_AUX_OBF : 0);
        if (!filledAtRead) {
            outputBuffer = take(from);
        }
        updateIrqLines();
    }

    /** The byte {@code from} has for the output buffer, taken from it. */
    private int take(int from) {
        switch (from) {
            case FROM_KBD -> {
                int b = keyboard.read();
                return !keyboardTranslates && (commandByte & CCB_XLAT) != 0 ? Translation.toSet1(b) : b;
            }
            case FROM_AUX -> {
                return mouse.read();
            }
            default -> {
                controllerPending = 0;
                return controllerByte;
            }
        }
    }

    /** A byte the controller answers with, as if from the keyboard or ({@code aux}) from the mouse. */
    private void answer(int b, boolean aux) {
        if (controllerByteWaits) {
            controllerByte = b & 0xff;
            controllerPending = aux ? FROM_CTRL_AUX : FROM_CTRL_KBD;
            fill(0);
            return;
        }
        // KADC: the controller puts its byte in the output buffer, over whatever is there.
        outputBuffer = b & 0xff;
        // Nothing is left to take at the read.
        source = 0;
        status = (status & ~AUXB) | OBF | (aux ? AUXB : 0);
        outputPort = (outputPort & ~OP_AUX_OBF) | OP_OBF | (aux ? OP_AUX_OBF : 0);
        updateIrqLines();
    }

    /** IRQ1 for a byte from the keyboard or the controller, IRQ12 for one from the mouse, as the command byte enables them. */
    private void updateIrqLines() {
        boolean kbd = false;
        boolean aux = false;
        if ((status & OBF) != 0) {
            if ((status & AUXB) != 0) {
                aux = (commandByte & CCB_INT2) != 0;
            } else {
                kbd = (commandByte & CCB_INT) != 0 && !(irq1OffWhileDisabled && (commandByte & CCB_EN) != 0);
            }
        }
        irq1.setLevel(kbd);
        irq12.setLevel(aux);
    }

    // ------------------------------------------------------------------ commands and data

    private void writeCommand(int value) {
        if (!a2Fixed) {
            status |= A2;
        }
        int v = value;
        if ((v & 0xf0) == 0xf0) {
            // F0h-FFh pulse the output port bits 3-0 whose command bit is 0; only bit 0, the reset line, does anything.
            v = (v & OP_RESET) == 0 ? 0xfe : 0xff;
        }
        switch (v) {
            case 0x20 -> answer(commandByte, false);
            case 0x60, 0xd1, 0xd2, 0xd3, 0xd4 -> pendingCommand = v;
            case 0xa7 -> commandByte |= CCB_EN2;
            case 0xa8 -> {
                commandByte &= ~CCB_EN2;
                fill(0);
            }
            case 0xa9, 0xab -> answer(INTERFACE_OK, false);
            case 0xaa -> selfTest();
            case 0xad -> commandByte |= CCB_EN;
            case 0xae -> {
                commandByte &= ~CCB_EN;
                fill(0);
            }
            case 0xc0 -> answer(INPUT_PORT, false);
            case 0xd0 -> answer(outputPort, false);
            case 0xdd, 0xdf -> {
                if (ddDfGateA20) {
                    outputPort = v == 0xdf ? outputPort | OP_A20 : outputPort & ~OP_A20;
                }
            }
            case 0xfe -> resetLine();
            default -> {
                // 0xff pulses nothing; other bytes are no command of this controller and are ignored.
            }
        }
    }

    private void selfTest() {
        status |= SYS;
        if (!sysFromSelfTestOnly) {
            commandByte |= CCB_SYS;
        }
        answer(SELF_TEST_OK, false);
    }

    private void writeData(int v) {
        if (!a2Fixed) {
            status &= ~A2;
        }
        int command = pendingCommand;
        pendingCommand = 0;
        switch (command) {
            case 0 -> {
                keyboard.write(v);
                // Sending to the keyboard enables its interface.
                commandByte &= ~CCB_EN;
                fill(0);
            }
            case 0x60 -> writeCommandByte(v);
            case 0xd1 -> writeOutputPort(v);
            case 0xd2 -> answer(v, false);
            case 0xd3 -> answer(v, true);
            default -> {
                mouse.write(v);
                commandByte &= ~CCB_EN2;
                fill(0);
            }
        }
    }

    private void writeCommandByte(int v) {
        commandByte = v;
        if (!sysFromSelfTestOnly) {
            status = (status & ~SYS) | (v & CCB_SYS);
        }
        keyboard.setTranslation((v & CCB_XLAT) != 0);
        updateIrqLines();
        fill(0);
    }

    private void writeOutputPort(int v) {
        outputPort = v;
        if ((v & OP_RESET) == 0) {
            resetLine();
        }
    }

    /** The reset line asserted: RCIN#, which the board turns into INIT to the CPU (or, in QEMU, a board reset). */
    private void resetLine() {
        resetPulses++;
        if (resetLineResetsBoard) {
            boardReset.run();
        }
    }

    // ------------------------------------------------------------------ state for tests and reports

    /** The status register, as a read of 64h returns it. */
    public int status() {
        return status;
    }

    public int commandByte() {
        return commandByte;
    }

    public int outputPort() {
        return outputPort;
    }

    /** Output port bit 1: the controller's A20 gate. */
    public boolean a20() {
        return (outputPort & OP_A20) != 0;
    }

    /** How many times the reset line was asserted (D1h with bit 0 clear, an even F0h-FEh). */
    public long resetPulses() {
        return resetPulses;
    }

    /** Bytes the keyboard and the mouse still hold, and the controller's own waiting byte. */
    int queuedBytes() {
        return keyboard.queued() + mouse.queued() + (controllerPending != 0 ? 1 : 0);
    }

    /** Whether an enabled device or the controller has a byte waiting for the output buffer. */
    boolean byteWaiting() {
        return waiting(0) != 0;
    }

    /** The command waiting for its data byte, or 0. */
    int pendingCommand() {
        return pendingCommand;
    }

    Ps2Keyboard keyboard() {
        return keyboard;
    }

    Ps2Mouse mouse() {
        return mouse;
    }

    @Override
    public String deviceName() {
        return "i8042";
    }

    @Override
    public Map<String, String> registers() {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("STATUS", hex(status));
        r.put("CCB", hex(commandByte));
        r.put("OUTPORT", hex(outputPort));
        r.put("OB", hex(outputBuffer));
        r.put("pending", pendingCommand == 0 ? "-" : hex(pendingCommand));
        keyboard.describe(r);
        mouse.describe(r);
        return r;
    }
}
