package org.trapline.models.kbc;

import static org.trapline.models.device.Inspectable.hex;

import java.util.Map;
import java.util.Set;

import org.trapline.models.device.Quirk;

/**
 * The PS/2 (MF2) keyboard behind the controller's keyboard port, as far as commands go: IBM
 * 101/102-Key Keyboard Technical Reference, "Commands from the system". No key is ever pressed
 * (qtest has no key input), so what it sends are its answers. Replies not read when the next
 * command comes are dropped, and a reset or default command empties its buffer, as QEMU does
 * (the references say nothing of unread replies).
 */
final class Ps2Keyboard {
    static final int ACK = 0xfa;
    static final int RESEND = 0xfe;
    static final int BAT_OK = 0xaa;
    static final int ECHO = 0xee;
    static final int ID_FIRST = 0xab;
    static final int ID_SECOND = 0x83;
    /** The power-on typematic byte: 10.9 characters a second after 500 ms. */
    static final int TYPEMATIC_DEFAULT = 0x2b;
    private static final int NONE = -1;

    private final Ps2Queue queue = new Ps2Queue();
    private final boolean resendAnswersResend;
    private final boolean qemuCommandSet;
    private final boolean translatesItself;
    /** The command whose argument byte comes next, or NONE. */
    private int pendingCommand = NONE;
    private boolean scanning = true;
    private int scanSet = 2;
    private int leds;
    private int typematic = TYPEMATIC_DEFAULT;
    /** QEMU only: the controller's translate setting as the keyboard was last told it. */
    private boolean translate;
    /** The last byte the keyboard sent, for Resend; its power-on BAT code to start with. */
    private int lastSent = BAT_OK;

    Ps2Keyboard(Set<Quirk> quirks) {
        this.resendAnswersResend = quirks.contains(KbcQuirks.KBD_RESEND_ANSWERS_RESEND);
        this.qemuCommandSet = quirks.contains(KbcQuirks.KBD_SET3_KEY_COMMANDS);
        this.translatesItself = quirks.contains(KbcQuirks.TRANSLATION_AT_COMMAND);
    }

    /** A board reset: the keyboard as at power-on (scanning, set 2), nothing to send. */
    void reset() {
        pendingCommand = NONE;
        queue.reset();
        scanning = true;
        scanSet = 2;
        translate = false;
        typematic = TYPEMATIC_DEFAULT;
    }

    boolean hasData() {
        return !queue.isEmpty();
    }

    int queued() {
        return queue.count();
    }

    int read() {
        return queue.read();
    }

    /** QEMU's ps2_keyboard_set_translation: the controller tells the keyboard command byte bit 6. */
    void setTranslation(boolean on) {
        translate = on;
    }

    /** A byte from the controller. */
    void write(int value) {
        int v = value & 0xff;
        queue.dropUnreadReplies();
        int command = pendingCommand;
        if (command == NONE) {
            command(v);
            return;
        }
        switch (command) {
            case 0xf0 -> {
                pendingCommand = NONE;
                if (v == 0) {
                    reply(ACK, translatesItself && translate ? Translation.toSet1(scanSet) : scanSet);
                } else if (v >= 1 && v <= 3) {
                    scanSet = v;
                    reply(ACK);
                } else {
                    reply(RESEND);
                }
            }
            case 0xed -> {
                pendingCommand = NONE;
                leds = v;
                reply(ACK);
            }
            case 0xf3 -> {
                pendingCommand = NONE;
                typematic = v;
                reply(ACK);
            }
            default -> keyList(v);
        }
    }

    /** After FBh, FCh or FDh: key codes until the next command (QEMU: FCh's one byte). */
    private void keyList(int v) {
        if (qemuCommandSet) {
            pendingCommand = NONE;
            reply(ACK);
        } else if (v >= 0xed) {
            pendingCommand = NONE;
            command(v);
        } else {
            reply(ACK);
        }
    }

    private void command(int v) {
        switch (v) {
            case 0xed, 0xf0, 0xf3 -> {
                pendingCommand = v;
                reply(ACK);
            }
            case ECHO -> reply(ECHO);
            case 0xf2 -> reply(ACK, ID_FIRST, translatesItself && translate ? Translation.toSet1(ID_SECOND) : ID_SECOND);
            case 0xf4 -> {
                scanning = true;
                reply(ACK);
            }
            case 0xf5, 0xf6 -> {
                defaults();
                scanning = v == 0xf6;
                reply(ACK);
            }
            case 0xff -> {
                defaults();
                reply(ACK, BAT_OK);
            }
            case 0xfa -> reply(ACK);
            case RESEND -> reply(resendAnswersResend ? RESEND : lastSent);
            default -> otherCommand(v);
        }
    }

    /** 00h, the scan code set 3 key commands and bytes that are no command. */
    private void otherCommand(int v) {
        if (qemuCommandSet) {
            if (v == 0xfc) {
                pendingCommand = v;
            }
            reply(v == 0x00 || v == 0xfc ? ACK : RESEND);
            return;
        }
        if (v == 0xfb || v == 0xfc || v == 0xfd) {
            pendingCommand = v;
            reply(ACK);
        } else {
            reply(v >= 0xf7 && v <= 0xf9 ? ACK : RESEND);
        }
    }

    /**
     * Power-on conditions: scan code set 2, LEDs off, typematic default. The buffer is empty already:
     * unread replies are dropped before every command and no key ever fills it.
     */
    private void defaults() {
        scanning = true;
        scanSet = 2;
        typematic = TYPEMATIC_DEFAULT;
        leds = 0;
    }

    private void reply(int... bytes) {
        queue.prependReplies(bytes);
        lastSent = bytes[bytes.length - 1] & 0xff;
    }

    void describe(Map<String, String> registers) {
        registers.put("kbd.queue", queue.describe());
        registers.put("kbd.set", Integer.toString(scanSet));
        registers.put("kbd.scanning", scanning ? "1" : "0");
        registers.put("kbd.leds", hex(leds));
        registers.put("kbd.typematic", hex(typematic));
        registers.put("kbd.pending", pendingCommand == NONE ? "-" : hex(pendingCommand));
    }

    int scanSet() {
        return scanSet;
    }

    int leds() {
        return leds;
    }

    int typematic() {
        return typematic;
    }

    boolean scanning() {
        return scanning;
    }
}
