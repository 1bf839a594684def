package org.trapline.models.kbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.trapline.models.device.Quirk;
import org.trapline.models.irq.IrqLine;

/** An 8042 on its own: its IRQ1 and IRQ12 edges recorded, its board reset counted. */
final class KbcRig {
    final IrqLine irq1 = new IrqLine("irq1");
    final IrqLine irq12 = new IrqLine("irq12");
    final List<String> edges = new ArrayList<>();
    final Kbc8042 kbc;
    /** Whether IRQ1 may stay as it was on ADh/AEh (QEMU). */
    final boolean qemu;
    int boardResets;

    KbcRig(Set<Quirk> quirks) {
        qemu = quirks.contains(KbcQuirks.IRQ1_OFF_WHILE_KEYBOARD_DISABLED);
        irq1.connect(level -> edges.add((level ? "raise" : "lower") + " 1"));
        irq12.connect(level -> edges.add((level ? "raise" : "lower") + " 12"));
        kbc = new Kbc8042(quirks, irq1, irq12);
        kbc.onBoardReset(() -> {
            boardResets++;
            kbc.reset();
        });
    }

    static KbcRig hardware() {
        return new KbcRig(Set.of());
    }

    static KbcRig qemu() {
        return new KbcRig(Set.copyOf(KbcQuirks.all()));
    }

    /** QEMU's behaviour but {@code off}: the hardware side of one quirk among QEMU's others. */
    static KbcRig qemuWithout(Quirk off) {
        Set<Quirk> q = new java.util.HashSet<>(KbcQuirks.all());
        q.remove(off);
        return new KbcRig(q);
    }

    static KbcRig with(Quirk on) {
        return new KbcRig(Set.of(on));
    }

    static List<KbcRig> both() {
        return List.of(hardware(), qemu());
    }

    void cmd(int c) {
        kbc.write(Kbc8042.COMMAND_OFFSET, 1, c);
    }

    void cmd(int c, int d) {
        cmd(c);
        data(d);
    }

    void data(int d) {
        kbc.write(Kbc8042.DATA_OFFSET, 1, d);
    }

    int status() {
        return (int) kbc.read(Kbc8042.COMMAND_OFFSET, 1);
    }

    int read() {
        return (int) kbc.read(Kbc8042.DATA_OFFSET, 1);
    }

    boolean full() {
        return (status() & Kbc8042.OBF) != 0;
    }

    /** Every byte the output buffer gives until it is empty (at most 64). */
    List<Integer> drain() {
        List<Integer> bytes = new ArrayList<>();
        for (int i = 0; i < 64 && full(); i++) {
            bytes.add(read());
        }
        return bytes;
    }

    /** Each byte to the keyboard, then everything that comes back. */
    List<Integer> kbd(int... bytes) {
        for (int b : bytes) {
            data(b);
        }
        return drain();
    }

    /** Each byte to the keyboard, reading back everything after each one. */
    List<Integer> kbdEach(int... bytes) {
        List<Integer> all = new ArrayList<>();
        for (int b : bytes) {
            data(b);
            all.addAll(drain());
        }
        return all;
    }

    /** Each byte to the mouse through D4h, reading back everything after each one. */
    List<Integer> aux(int... bytes) {
        List<Integer> all = new ArrayList<>();
        for (int b : bytes) {
            cmd(0xd4, b);
            all.addAll(drain());
        }
        return all;
    }

    /** The command's answer. */
    int ask(int command) {
        cmd(command);
        return read();
    }

    void writeCommandByte(int v) {
        cmd(0x60, v);
    }
}
