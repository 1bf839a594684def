package org.trapline.discovery;

import org.trapline.target.TargetException;

/**
 * Linux's i8042 probe (drivers/input/serio/i8042.c): flush the output buffer (a controller that
 * is not there reads FFh, OBF always set, and never empties), the controller self-test (AAh,
 * answered 55h; IBM PS/2 KADC commands), the command byte (20h), the auxiliary port's loopback
 * (D3h with 5Ah, which must come back from the mouse side, status bit 5), and the keyboard's
 * identify (F2h: FAh, then ABh and 83h, or 41h when the controller translates).
 */
final class I8042Probe implements IsaProbe {
    private static final int DATA = 0x60;
    private static final int STATUS = 0x64;
    private static final int OBF = 0x01;
    private static final int IBF = 0x02;
    private static final int AUX_DATA = 0x20;
    /** Linux's I8042_BUFFER_SIZE: more bytes than this and the buffer is not a buffer. */
    private static final int BUFFER = 16;
    private static final int TRIES = 8;

    /** The status read that found the last answer: bit 5 says which port it came from. */
    private int lastStatus;

    @Override
    public String subject() {
        return "i8042 keyboard controller at 60h/64h";
    }

    @Override
    public Finding run(GuestPorts ports) throws TargetException {
        int flushed = 0;
        while (flushed < BUFFER && (ports.inb(STATUS) & OBF) != 0) {
            ports.inb(DATA);
            flushed++;
        }
        if (flushed == BUFFER) {
            return Finding.absent("the output buffer never empties (status " + hex(ports.inb(STATUS)) + ")");
        }
        int selfTest = command(ports, 0xaa, -1);
        if (selfTest != 0x55) {
            return Finding.absent("self-test AAh answered " + hex(selfTest));
        }
        int ctr = command(ports, 0x20, -1);
        int loop = command(ports, 0xd3, 0x5a);
        int loopStatus = lastStatus;
        boolean aux = loop == 0x5a && (loopStatus & AUX_DATA) != 0;
        String id = keyboardId(ports);
        return Finding.found("self-test 55h, command byte " + hex(ctr) + ", aux loopback "
                + (aux ? "5Ah (mouse port present)" : hex(loop) + " (no mouse port)") + ", keyboard " + id);
    }

    /** Writes a command (and its data byte), then reads one answer; -1 when none comes. */
    private int command(GuestPorts ports, int command, int data) throws TargetException {
        IsaProbe.poll(ports, STATUS, TRIES, s -> (s & IBF) == 0);
        ports.outb(STATUS, command);
        if (data >= 0) {
            IsaProbe.poll(ports, STATUS, TRIES, s -> (s & IBF) == 0);
            ports.outb(DATA, data);
        }
        return answer(ports);
    }

    private int answer(GuestPorts ports) throws TargetException {
        lastStatus = IsaProbe.poll(ports, STATUS, TRIES, s -> (s & OBF) != 0);
        return (lastStatus & OBF) != 0 ? ports.inb(DATA) : -1;
    }

    private String keyboardId(GuestPorts ports) throws TargetException {
        IsaProbe.poll(ports, STATUS, TRIES, s -> (s & IBF) == 0);
        ports.outb(DATA, 0xf2);
        int ack = answer(ports);
        if (ack != 0xfa) {
            return "identify F2h answered " + hex(ack);
        }
        int first = answer(ports);
        int second = answer(ports);
        return "id " + hex(first) + " " + hex(second);
    }

    private static String hex(int value) {
        return value < 0 ? "nothing" : String.format("%02Xh", value);
    }
}
