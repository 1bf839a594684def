package org.trapline.models.kbc;

import static org.trapline.models.device.Inspectable.hex;

import java.util.Map;
import java.util.Set;

import org.trapline.models.device.Quirk;

/**
 * The PS/2 mouse behind the controller's auxiliary port (IBM PS/2 Hardware Interface Technical
 * Reference, "Pointing Device"), with the Intellimouse extensions QEMU has: sample rates 200, 100,
 * 80 in a row make it report ID 03h (wheel), 200, 200, 80 ID 04h (five buttons). Nothing ever
 * moves it (qtest has no pointer input), so its reports are all zero movement.
 */
final class Ps2Mouse {
    static final int ACK = 0xfa;
    static final int RESEND = 0xfe;
    static final int BAT_OK = 0xaa;
    /** Status request byte 1 (IBM: bit 6 remote mode, bit 5 enabled, bit 4 scaling 2:1). */
    static final int REMOTE = 0x40;
    static final int ENABLED = 0x20;
    static final int SCALING_2_1 = 0x10;
    static final int DEFAULT_RATE = 100;
    /** 4 counts per millimetre. */
    static final int DEFAULT_RESOLUTION = 2;
    private static final int NONE = -1;

    private final Ps2Queue queue = new Ps2Queue();
    private final boolean resetZeroRate;
    private final boolean unansweredCommands;
    private final boolean argumentsUnchecked;
    private final boolean resetKeepsWrap;
    private int pendingCommand = NONE;
    private int status;
    private int resolution;
    private int sampleRate;
    private boolean wrap;
    /** The ID F2h reports: 0 plain PS/2, 3 Intellimouse, 4 Intellimouse Explorer. */
    private int id;
    /** How far the sample rate sequence that changes the ID has come (QEMU's mouse_detect_state). */
    private int detect;
    private int lastSent = 0x00;

    Ps2Mouse(Set<Quirk> quirks) {
        this.resetZeroRate = quirks.contains(KbcQuirks.MOUSE_RESET_ZERO_RATE);
        this.unansweredCommands = quirks.contains(KbcQuirks.MOUSE_UNANSWERED_COMMANDS);
        this.argumentsUnchecked = quirks.contains(KbcQuirks.MOUSE_ARGUMENTS_UNCHECKED);
        this.resetKeepsWrap = quirks.contains(KbcQuirks.MOUSE_RESET_KEEPS_WRAP);
    }

    /** A board reset (and power-on, when the controller resets): stream mode, disabled, 1:1, plain PS/2, nothing to send. */
    void reset() {
        pendingCommand = NONE;
        queue.reset();
        status = 0;
        resolution = resetZeroRate ? 0 : DEFAULT_RESOLUTION;
        sampleRate = resetZeroRate ? 0 : DEFAULT_RATE;
        wrap = false;
        id = 0;
        detect = 0;
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

    /** A byte from the controller (command D4h). */
    void write(int value) {
        int v = value & 0xff;
        if (pendingCommand == 0xf3) {
            pendingCommand = NONE;
            setSampleRate(v);
            return;
        }
        if (pendingCommand == 0xe8) {
            pendingCommand = NONE;
            if (!argumentsUnchecked && v > 3) {
                reply(RESEND);
                return;
            }
            resolution = v;
            reply(ACK);
            return;
        }
        if (wrap && v != 0xff) {
            if (v == 0xec) {
                wrap = false;
                reply(ACK);
            } else {
                reply(v);
            }
            return;
        }
        command(v);
    }

    private void command(int v) {
        switch (v) {
            case 0xe6 -> ack(status & ~SCALING_2_1);
            case 0xe7 -> ack(status | SCALING_2_1);
            case 0xea -> ack(status & ~REMOTE);
            case 0xf0 -> ack(status | REMOTE);
            case 0xf4 -> ack(status | ENABLED);
            case 0xf5 -> ack(status & ~ENABLED);
            case 0xee -> {
                wrap = true;
                reply(ACK);
            }
            case 0xf2 -> reply(ACK, id);
            case 0xe8, 0xf3 -> {
                pendingCommand = v;
                reply(ACK);
            }
            case 0xe9 -> reply(ACK, status, resolution, sampleRate);
            case 0xeb -> {
                reply(ACK);
                report();
            }
            case 0xf6 -> {
                defaults();
                reply(ACK);
            }
            case 0xff -> {
                defaults();
                id = 0;
                wrap &= resetKeepsWrap;
                queue.reset();
                reply(ACK, BAT_OK, id);
            }
            default -> unknown(v);
        }
    }

    /** ECh outside wrap mode, Resend, and bytes that are no command. */
    private void unknown(int v) {
        if (unansweredCommands) {
            return;
        }
        if (v == 0xec) {
            reply(ACK);
        } else if (v == RESEND) {
            reply(lastSent);
        } else {
            reply(RESEND);
        }
    }

    private void setSampleRate(int v) {
        if (!argumentsUnchecked && !validRate(v)) {
            reply(RESEND);
            return;
        }
        sampleRate = v;
        detect = switch (detect) {
            case 1 -> v == 100 ? 2 : v == 200 ? 3 : 0;
            case 2, 3 -> {
                if (v == 80) {
                    id = detect == 2 ? 3 : 4;
                }
                yield 0;
            }
            default -> v == 200 ? 1 : 0;
        };
        reply(ACK);
    }

    private static boolean validRate(int v) {
        return switch (v) {
            case 10, 20, 40, 60, 80, 100, 200 -> true;
            default -> false;
        };
    }

    private void defaults() {
        sampleRate = DEFAULT_RATE;
        resolution = DEFAULT_RESOLUTION;
        status = 0;
    }

    private void ack(int newStatus) {
        status = newStatus;
        reply(ACK);
    }

    /** A movement report: no buttons, no movement (four bytes once the ID is 3 or 4). */
    private void report() {
        if (id == 0) {
            reply(0x08, 0x00, 0x00);
        } else {
            reply(0x08, 0x00, 0x00, 0x00);
        }
    }

    private void reply(int... bytes) {
        if (queue.append(bytes)) {
            lastSent = bytes[bytes.length - 1] & 0xff;
        }
    }

    void describe(Map<String, String> registers) {
        registers.put("aux.queue", queue.describe());
        registers.put("aux.status", hex(status));
        registers.put("aux.resolution", Integer.toString(resolution));
        registers.put("aux.rate", Integer.toString(sampleRate));
        registers.put("aux.id", Integer.toString(id));
        registers.put("aux.wrap", wrap ? "1" : "0");
        registers.put("aux.pending", pendingCommand == NONE ? "-" : hex(pendingCommand));
    }

    int status() {
        return status;
    }

    int resolution() {
        return resolution;
    }

    int sampleRate() {
        return sampleRate;
    }

    int id() {
        return id;
    }

    boolean wrap() {
        return wrap;
    }
}
