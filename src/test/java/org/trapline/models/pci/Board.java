package org.trapline.models.pci;

import java.util.Set;

import org.trapline.models.bus.PortIoBus;
import org.trapline.models.machine.BoardQuirks;
import org.trapline.models.machine.MachineConfig;
import org.trapline.models.machine.Profile;
import org.trapline.models.device.Quirk;

/** A PC board's PCI host on its own I/O bus, driven the way a guest does. */
final class Board {
    final PciHost host;
    final PortIoBus io = new PortIoBus();

    private Board(Set<Quirk> quirks, MachineConfig config) {
        host = new PciHost(quirks);
        // QEMU's splitting of wide accesses is the board's bus's, not the host bridge's.
        io.setQemuSplitting(quirks.contains(BoardQuirks.QEMU_ACCESS_SPLITTING));
        host.attach(io, 0xcf8);
        host.populatePcBoard(config.ramBytes());
    }

    static Board hardware() {
        return new Board(Set.of(), MachineConfig.defaults());
    }

    static Board qemu() {
        return new Board(Profile.QEMU_PC.quirks(), MachineConfig.defaults());
    }

    static Board of(Set<Quirk> quirks) {
        return new Board(quirks, MachineConfig.defaults());
    }

    static Board with(Quirk... quirks) {
        return new Board(Set.of(quirks), MachineConfig.defaults());
    }

    static Board withRam(long bytes, Quirk... quirks) {
        return new Board(Set.of(quirks), MachineConfig.defaults().withRam(bytes));
    }

    static long address(int device, int function, int register) {
        return 0x8000_0000L | device << 11 | function << 8 | register;
    }

    Board select(int device, int function, int register) {
        io.write(0xcf8, 4, address(device, function, register));
        return this;
    }

    long read(int device, int function, int register, int width) {
        select(device, function, register & 0xfc);
        return io.read(0xcfc + (register & 3), width);
    }

    void write(int device, int function, int register, int width, long value) {
        select(device, function, register & 0xfc);
        io.write(0xcfc + (register & 3), width, value);
    }
}
