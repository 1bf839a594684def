package org.trapline.discovery;

import java.util.HashMap;
import java.util.Map;

import org.trapline.target.Reply;
import org.trapline.target.Target;

/**
 * A target with nothing but configuration mechanism #1 and functions made of dwords and write
 * masks, for shapes the model's board does not have: 64-bit BARs, expansion ROMs, bridges and
 * capability lists that loop. Every other port reads as a floating bus.
 */
final class FakePciTarget implements Target {
    private final Map<Integer, long[]> values = new HashMap<>();
    private final Map<Integer, long[]> masks = new HashMap<>();
    private long address;
    long writes;

    /** A function of 64 dwords, all read-only unless {@link #writable} says otherwise. */
    long[] function(int bus, int device, int function) {
        int key = bus << 8 | device << 3 | function;
        masks.put(key, new long[64]);
        return values.computeIfAbsent(key, k -> new long[64]);
    }

    void writable(int bus, int device, int function, int offset, long mask) {
        masks.get(bus << 8 | device << 3 | function)[offset / 4] = mask;
    }

    @Override
    public Reply send(String command) {
        String[] w = command.trim().split("\\s+");
        int port = Integer.decode(w[1]);
        if (w[0].startsWith("out")) {
            long value = Long.decode(w[2]);
            if (port == 0xcf8 && w[0].equals("outl")) {
                address = value;
            } else if (port >= 0xcfc && port < 0xd00) {
                write(port - 0xcfc, w[0], value);
            }
            return Reply.of("OK");
        }
        int bytes = w[0].equals("inb") ? 1 : w[0].equals("inw") ? 2 : 4;
        long value = (1L << (8 * bytes)) - 1;
        long[] f = selected();
        if (port >= 0xcfc && port < 0xd00 && f != null) {
            value = f[(int) (address >>> 2 & 0x3f)] >>> (8 * (port - 0xcfc)) & value;
        }
        return Reply.of(String.format("OK 0x%0" + (2 * bytes) + "x", value));
    }

    private void write(int lane, String op, long value) {
        long[] f = selected();
        if (f == null) {
            return;
        }
        writes++;
        int bytes = op.equals("outb") ? 1 : op.equals("outw") ? 2 : 4;
        long laneMask = ((1L << (8 * bytes)) - 1) << (8 * lane);
        int index = (int) (address >>> 2 & 0x3f);
        long mask = masks.get(key()) [index] & laneMask;
        f[index] = (f[index] & ~mask | (value << (8 * lane)) & mask) & 0xffff_ffffL;
    }

    private int key() {
        return (int) (address >>> 8 & 0xffff);
    }

    private long[] selected() {
        return (address & 0x8000_0000L) == 0 ? null : values.get(key());
    }

    @Override
    public String name() {
        return "fake-pci";
    }

    @Override
    public void close() {
    }
}
