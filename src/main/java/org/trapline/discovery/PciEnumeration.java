package org.trapline.discovery;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;

import org.trapline.target.TargetException;

/**
 * Enumerates PCI as a guest's firmware or kernel does, through configuration mechanism #1 at
 * CF8h/CFCh (PCI 3.0 §3.2.2.3.2): every device of bus 0, functions 1-7 only where function 0's
 * header type says multi-function (§6.2.1), the buses behind PCI-to-PCI bridges that have a
 * secondary bus number, each BAR sized by writing all ones with decoding off and restoring it
 * (§6.2.5.1), and the capabilities list followed from 34h while Status bit 4 says it is there
 * (§6.7). Every step is a port access the target answers; nothing is read from a model's inside.
 */
public final class PciEnumeration {
    static final int CONFIG_ADDRESS = 0xcf8;
    static final int CONFIG_DATA = 0xcfc;
    /** A list longer than 48 entries would overlap itself in the 192 bytes of device-specific space. */
    static final int MAX_CAPABILITIES = 48;
    private static final int COMMAND = 0x04;
    private static final int STATUS_CAPABILITIES_LIST = 0x10;
    private static final int COMMAND_DECODE = 0x03;

    private final GuestPorts ports;

    private PciEnumeration(GuestPorts ports) {
        this.ports = ports;
    }

    /** The functions found, bus by bus, in device and function order. */
    public static List<PciFunctionInfo> enumerate(GuestPorts ports) throws TargetException {
        return new PciEnumeration(ports).run();
    }

    private List<PciFunctionInfo> run() throws TargetException {
        List<PciFunctionInfo> found = new ArrayList<>();
        BitSet seenBuses = new BitSet(256);
        Deque<Integer> buses = new ArrayDeque<>();
        buses.add(0);
        seenBuses.set(0);
        while (!buses.isEmpty()) {
            int bus = buses.remove();
            for (int device = 0; device < 32; device++) {
                for (int function = 0; function < 8; function++) {
                    if (readWord(bus, device, function, 0x00) == 0xffff) {
                        if (function == 0) {
                            break;
                        }
                        continue;
                    }
                    PciFunctionInfo info = function(bus, device, function);
                    found.add(info);
                    if (info.secondaryBus() > 0 && !seenBuses.get(info.secondaryBus())) {
                        seenBuses.set(info.secondaryBus());
                        buses.add(info.secondaryBus());
                    }
                    if (function == 0 && !info.multiFunction()) {
                        break;
                    }
                }
            }
        }
        return found;
    }

    private PciFunctionInfo function(int bus, int device, int function) throws TargetException {
        long id = readDword(bus, device, function, 0x00);
        long classRev = readDword(bus, device, function, 0x08);
        int headerType = readByte(bus, device, function, 0x0e);
        int layout = headerType & 0x7f;
        boolean bridge = layout == 1;
        int subsystemVendor = 0;
        int subsystem = 0;
        if (layout == 0) {
            long sub = readDword(bus, device, function, 0x2c);
            subsystemVendor = (int) (sub & 0xffff);
            subsystem = (int) (sub >>> 16);
        }
        long interrupt = readDword(bus, device, function, 0x3c);
        List<PciBar> bars = layout <= 1 ? bars(bus, device, function, bridge ? 2 : 6, bridge ? 0x38 : 0x30) : List.of();
        int secondary = bridge ? readByte(bus, device, function, 0x19) : -1;
        return new PciFunctionInfo(bus, device, function, (int) (id & 0xffff), (int) (id >>> 16),
                (int) (classRev & 0xff), (int) (classRev >>> 8), headerType, subsystemVendor, subsystem,
                (int) (interrupt >>> 8 & 0xff), (int) (interrupt & 0xff), bars, capabilities(bus, device, function),
                secondary);
    }

    /** Sizes the BARs as a guest does: decoding off (Command bits 0-1), all ones written, the answer read, the base restored. */
    private List<PciBar> bars(int bus, int device, int function, int count, int romOffset) throws TargetException {
        int command = readWord(bus, device, function, COMMAND);
        writeWord(bus, device, function, COMMAND, command & ~COMMAND_DECODE);
        List<PciBar> bars = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            int offset = 0x10 + 4 * index;
            long original = readDword(bus, device, function, offset);
            long mask = size(bus, device, function, offset, 0xffff_ffffL, original);
            if ((original & 1) != 0) {
                // I/O space (§6.2.5.1): bits 1:0 are the type; a BAR may leave the upper 16 bits 0.
                long bits = mask & ~0x3L;
                if (bits == 0) {
                    continue;
                }
                if ((bits & 0xffff_0000L) == 0) {
                    bits |= 0xffff_0000L;
                }
                bars.add(new PciBar(offset, PciBar.Kind.IO, false, original & ~0x3L, (~bits + 1) & 0xffff_ffffL));
                continue;
            }
            int type = (int) (original >>> 1 & 0x3);
            boolean prefetchable = (original & 0x8) != 0;
            long bits = mask & ~0xfL;
            if (type == 2 && index + 1 < count) {
                // A 64-bit BAR takes the next register for its upper half.
                long upperOriginal = readDword(bus, device, function, offset + 4);
                long upperMask = size(bus, device, function, offset + 4, 0xffff_ffffL, upperOriginal);
                long full = upperMask << 32 | bits;
                index++;
                if (full != 0) {
                    bars.add(new PciBar(offset, PciBar.Kind.MEMORY64, prefetchable,
                            upperOriginal << 32 | (original & ~0xfL), ~full + 1));
                }
                continue;
            }
            if (bits != 0) {
                bars.add(new PciBar(offset, type == 1 ? PciBar.Kind.MEMORY_BELOW_1M : PciBar.Kind.MEMORY32,
                        prefetchable, original & ~0xfL, (~bits + 1) & 0xffff_ffffL));
            }
        }
        long rom = readDword(bus, device, function, romOffset);
        // The expansion ROM BAR (§6.2.5.2): address bits 31:11, bit 0 the enable, which sizing leaves off.
        long romMask = size(bus, device, function, romOffset, 0xffff_f800L, rom) & 0xffff_f800L;
        if (romMask != 0) {
            bars.add(new PciBar(romOffset, PciBar.Kind.ROM, false, rom & 0xffff_f800L, (~romMask + 1) & 0xffff_ffffL));
        }
        writeWord(bus, device, function, COMMAND, command);
        return bars;
    }

    private long size(int bus, int device, int function, int offset, long ones, long original) throws TargetException {
        writeDword(bus, device, function, offset, ones);
        long answer = readDword(bus, device, function, offset);
        writeDword(bus, device, function, offset, original);
        return answer;
    }

    private List<PciCapability> capabilities(int bus, int device, int function) throws TargetException {
        List<PciCapability> caps = new ArrayList<>();
        if ((readWord(bus, device, function, 0x06) & STATUS_CAPABILITIES_LIST) == 0) {
            return caps;
        }
        BitSet seen = new BitSet(256);
        // The pointers' two low bits are reserved and masked (§6.7); a pointer below 40h ends the list.
        int pointer = readByte(bus, device, function, 0x34) & 0xfc;
        while (pointer >= 0x40 && !seen.get(pointer) && caps.size() < MAX_CAPABILITIES) {
            seen.set(pointer);
            int header = readWord(bus, device, function, pointer);
            caps.add(new PciCapability(pointer, header & 0xff));
            pointer = header >>> 8 & 0xfc;
        }
        return caps;
    }

    private void select(int bus, int device, int function, int offset) throws TargetException {
        ports.outl(CONFIG_ADDRESS, 0x8000_0000L | (long) bus << 16 | device << 11 | function << 8 | (offset & 0xfc));
    }

    private long readDword(int bus, int device, int function, int offset) throws TargetException {
        select(bus, device, function, offset);
        return ports.inl(CONFIG_DATA);
    }

    private int readWord(int bus, int device, int function, int offset) throws TargetException {
        select(bus, device, function, offset);
        return ports.inw(CONFIG_DATA + (offset & 2));
    }

    private int readByte(int bus, int device, int function, int offset) throws TargetException {
        select(bus, device, function, offset);
        return ports.inb(CONFIG_DATA + (offset & 3));
    }

    private void writeDword(int bus, int device, int function, int offset, long value) throws TargetException {
        select(bus, device, function, offset);
        ports.outl(CONFIG_DATA, value);
    }

    private void writeWord(int bus, int device, int function, int offset, int value) throws TargetException {
        select(bus, device, function, offset);
        ports.outw(CONFIG_DATA + (offset & 2), value);
    }
}
