package org.trapline.models.fwcfg;

import java.util.List;
import java.util.Set;

import org.trapline.models.bus.DmaPort;
import org.trapline.models.bus.MmioBus;
import org.trapline.models.bus.Region;
import org.trapline.models.device.Quirk;
import org.trapline.models.memory.GuestMemory;

/** An fw_cfg with the pc board's items at 128 MiB over 1 MiB of RAM, driven at its own offsets. */
final class FwCfgRig {
    static final long RAM = 128L << 20;
    static final List<E820Entry> E820 = List.of(new E820Entry(0xfd00000000L, 0x300000000L, E820Entry.RESERVED),
            new E820Entry(0, RAM, E820Entry.RAM));
    final GuestMemory memory = new GuestMemory(1 << 20);
    final MmioBus bus = new MmioBus();
    final DmaPort dma;
    final FwCfg dev;
    final Region port;
    final Region dmaReg;

    FwCfgRig(Set<Quirk> quirks) {
        bus.map(Region.storage("ram", 1 << 20, memory));
        dma = new DmaPort(bus);
        dev = new FwCfg(FwCfgItems.pc(RAM, 1, E820, 321, BootOptions.defaults()), dma, quirks);
        port = dev.portRegion();
        dmaReg = dev.dmaRegion();
    }

    static FwCfgRig hardware() {
        return new FwCfgRig(Set.of());
    }

    static FwCfgRig qemu() {
        return new FwCfgRig(Set.copyOf(FwCfgQuirks.all()));
    }

    void select(int key) {
        port.device().write(0, 2, key);
    }

    int data() {
        return (int) port.device().read(1, 1);
    }

    byte[] read(int key, int n) {
        select(key);
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) data();
        }
        return b;
    }

    /** Writes an FWCfgDmaAccess at {@code at} and its address to the register, low half last. */
    int dma(long at, int control, int length, long address) {
        for (int i = 0; i < 4; i++) {
            memory.writeByte(at + i, control >>> (24 - 8 * i));
            memory.writeByte(at + 4 + i, length >>> (24 - 8 * i));
        }
        for (int i = 0; i < 8; i++) {
            memory.writeByte(at + 8 + i, (int) (address >>> (56 - 8 * i)));
        }
        dmaReg.device().write(0, 4, Integer.reverseBytes((int) (at >>> 32)));
        dmaReg.device().write(4, 4, Integer.reverseBytes((int) at));
        return controlAt(at);
    }

    int controlAt(long at) {
        int c = 0;
        for (int i = 0; i < 4; i++) {
            c = c << 8 | memory.readByte(at + i);
        }
        return c;
    }

    byte[] ram(long at, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) memory.readByte(at + i);
        }
        return b;
    }
}
