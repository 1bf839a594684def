package org.trapline.discovery;

import org.trapline.target.TargetException;

/**
 * Linux's floppy controller identification (drivers/block/floppy.c get_fdc_version) after a reset
 * through the DOR: four SENSE INTERRUPT STATUS commands clear the reset's interrupts (82078
 * datasheet, "Reset"), then DUMPREG (0Eh, ten result bytes on an 82077 or later, one 80h on an
 * 8272A), VERSION (10h: 90h for an enhanced controller) and PART ID (18h). Every command byte
 * waits for MSR RQM with DIO clear, every result byte for RQM and DIO set.
 */
final class FloppyProbe implements IsaProbe {
    private static final int DOR = 0x3f2;
    private static final int MSR = 0x3f4;
    private static final int FIFO = 0x3f5;
    private static final int RQM = 0x80;
    private static final int DIO = 0x40;
    private static final int CB = 0x10;
    private static final int TRIES = 8;
    private static final int MAX_RESULT = 16;

    @Override
    public String subject() {
        return "floppy controller at 3F0h-3F7h";
    }

    @Override
    public Finding run(GuestPorts ports) throws TargetException {
        int msr = ports.inb(MSR);
        if (msr == 0xff) {
            return Finding.absent("MSR reads FFh");
        }
        ports.outb(DOR, 0x00);
        ports.outb(DOR, 0x0c);
        for (int drive = 0; drive < 4; drive++) {
            if (!send(ports, 0x08)) {
                return Finding.absent("SENSE INTERRUPT STATUS not taken (MSR " + hex(ports.inb(MSR)) + ")");
            }
            result(ports);
        }
        String dumpreg = send(ports, 0x0e) ? result(ports) : "not taken";
        String version = send(ports, 0x10) ? result(ports) : "not taken";
        String partId = send(ports, 0x18) ? result(ports) : "not taken";
        String kind = switch (version) {
            case "90" -> "enhanced controller (82077AA or later)";
            case "80" -> "8272A/765A";
            default -> "unknown controller";
        };
        return Finding.found(kind + ": VERSION [" + version + "], PART ID [" + partId + "], DUMPREG [" + dumpreg + "]");
    }

    private static boolean send(GuestPorts ports, int command) throws TargetException {
        int msr = IsaProbe.poll(ports, MSR, TRIES, s -> (s & (RQM | DIO)) == RQM);
        if ((msr & (RQM | DIO)) != RQM) {
            return false;
        }
        ports.outb(FIFO, command);
        return true;
    }

    /** The result phase's bytes, in hex, until the controller leaves it (RQM without DIO, or CB clear). */
    private static String result(GuestPorts ports) throws TargetException {
        StringBuilder bytes = new StringBuilder();
        for (int n = 0; n < MAX_RESULT; n++) {
            int msr = IsaProbe.poll(ports, MSR, TRIES, s -> (s & RQM) != 0);
            if ((msr & (RQM | DIO | CB)) != (RQM | DIO | CB)) {
                break;
            }
            bytes.append(bytes.isEmpty() ? "" : " ").append(String.format("%02x", ports.inb(FIFO)));
        }
        return bytes.toString();
    }

    private static String hex(int value) {
        return String.format("%02Xh", value);
    }
}
