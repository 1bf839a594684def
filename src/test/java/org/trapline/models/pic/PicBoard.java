package org.trapline.models.pic;

import java.util.Set;

import org.trapline.models.bus.PortIoBus;
import org.trapline.models.machine.BoardQuirks;
import org.trapline.models.machine.Profile;
import org.trapline.models.device.Quirk;

/** A PIC pair on its own I/O bus, driven the way a guest and the board drive it. */
final class PicBoard {
    final PicPair pic;
    final PortIoBus io = new PortIoBus();

    PicBoard(Set<Quirk> quirks) {
        pic = new PicPair(quirks);
        pic.attach(io, 0x20, 0xa0, 0x4d0);
        // QEMU's way of splitting wide accesses is the board's (the bus's), not the PIC's.
        io.setQemuSplitting(quirks.contains(BoardQuirks.QEMU_ACCESS_SPLITTING));
    }

    static PicBoard hardware() {
        return new PicBoard(Set.of());
    }

    static PicBoard qemu() {
        return new PicBoard(Profile.QEMU_PC.quirks());
    }

    static PicBoard with(Quirk quirk) {
        return new PicBoard(Set.of(quirk));
    }

    /** The PC BIOS sequence: master base 0x08, slave base 0x70 on IR2, 8086 mode, {@code icw4} as given. */
    PicBoard initialised(int icw4) {
        out(0x20, 0x11);
        out(0x21, 0x08);
        out(0x21, 0x04);
        out(0x21, icw4);
        out(0xa0, 0x11);
        out(0xa1, 0x70);
        out(0xa1, 0x02);
        out(0xa1, icw4);
        return this;
    }

    PicBoard initialised() {
        return initialised(0x01);
    }

    PicBoard out(int port, int value) {
        io.write(port, 1, value);
        return this;
    }

    int in(int port) {
        return (int) io.read(port, 1);
    }

    PicBoard master(int ir, boolean high) {
        pic.masterInputs()[ir].setLevel(high);
        return this;
    }

    PicBoard slave(int ir, boolean high) {
        pic.slaveInputs()[ir].setLevel(high);
        return this;
    }

    PicBoard pulseMaster(int ir) {
        return master(ir, true).master(ir, false);
    }

    int irr(int base) {
        out(base, 0x0a);
        return in(base);
    }

    int isr(int base) {
        out(base, 0x0b);
        return in(base);
    }

    int poll(int base) {
        out(base, 0x0c);
        return in(base);
    }
}
