package org.trapline.models.pci;

import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The 256 bytes of one function's configuration space, described as data: for every byte its
 * power-on value, the bits a write may change (read-write) and the bits a write of 1 clears
 * (write-1-to-clear, PCI 3.0 §6.2.3 Status). Every other bit is read-only. Registers are named as
 * the datasheets spell them, so a report can show them.
 */
public final class ConfigSpace {
    public static final int SIZE = 256;

    private static final int DWORDS = SIZE / 4;

    // Kept a dword at a time, byte 0 in the low bits, as the configuration cycle addresses them
    // (PCI 3.0 §3.2.2.3.2: a register number and byte enables): an access within one dword is then
    // a shift and a mask, whatever its width, and needs no branch on it.
    private final int[] powerOn;
    private final int[] readWrite;
    private final int[] writeOneToClear;
    private final Map<Integer, Register> registers;
    private final int[] dwords;

    /** A named register of {@code width} bytes at {@code offset}. */
    public record Register(String name, int offset, int width) {
    }

    private ConfigSpace(Builder b) {
        this.powerOn = dwordsOf(b.powerOn);
        this.readWrite = dwordsOf(b.readWrite);
        this.writeOneToClear = dwordsOf(b.writeOneToClear);
        this.registers = new TreeMap<>(b.registers);
        this.dwords = powerOn.clone();
    }

    private static int[] dwordsOf(int[] bytes) {
        int[] out = new int[DWORDS];
        for (int o = 0; o < SIZE; o++) {
            out[o >> 2] |= (bytes[o] & 0xff) << shift(o);
        }
        return out;
    }

    private static int shift(int offset) {
        return 8 * (offset & 3);
    }

    private static int byteOf(int[] table, int offset) {
        return (table[offset >> 2] >>> shift(offset)) & 0xff;
    }

    /** The byte lanes of an access of {@code width} bytes (0 to 4) at {@code offset}, within its dword. */
    private static int lanes(int offset, int width) {
        return (int) mask(width) << shift(offset);
    }

    private static long mask(int width) {
        return (1L << (8 * width)) - 1;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The byte at {@code offset} (0..255) as a guest reads it. */
    public int readByte(int offset) {
        return byteOf(dwords, offset);
    }

    /**
     * A little-endian read of {@code width} bytes (1 to 4) at {@code offset} (0 to 255); bytes past
     * 255 are not read. An access through CONFIG_DATA lies in one dword; only a wider one from an
     * unaligned offset reaches into the next.
     */
    public long read(int offset, int width) {
        int n = Math.min(width, SIZE - offset);
        int inFirst = 4 - (offset & 3);
        long first = Integer.toUnsignedLong(dwords[offset >> 2]) >>> shift(offset);
        if (n <= inFirst) {
            return first & mask(n);
        }
        long next = Integer.toUnsignedLong(dwords[(offset >> 2) + 1]) & mask(n - inFirst);
        return first | next << (8 * inFirst);
    }

    /**
     * A guest's little-endian write of {@code width} bytes (1 to 4) at {@code offset} (0 to 255):
     * read-write bits take the new value, written 1s clear W1C bits; bytes past 255 are dropped.
     */
    public void write(int offset, int width, long value) {
        int n = Math.min(width, SIZE - offset);
        int inFirst = 4 - (offset & 3);
        writeLanes(offset >> 2, lanes(offset, Math.min(n, inFirst)), (int) value << shift(offset));
        if (n > inFirst) {
            writeLanes((offset >> 2) + 1, lanes(0, n - inFirst), (int) (value >>> (8 * inFirst)));
        }
    }

    /** The write of {@code value} to the byte lanes {@code lanes} of dword {@code d}, bit by bit as the masks say. */
    private void writeLanes(int d, int lanes, int value) {
        int old = dwords[d];
        int rw = readWrite[d] & lanes;
        int cleared = value & writeOneToClear[d] & lanes;
        dwords[d] = (old & ~rw & ~cleared) | (value & rw);
    }

    /** Sets a byte regardless of the masks: a function's own hardware changing its state. */
    void set(int offset, int value) {
        int d = offset >> 2;
        dwords[d] = (dwords[d] & ~lanes(offset, 1)) | ((value & 0xff) << shift(offset));
    }

    /**
     * Sets a byte's power-on value and its value now, regardless of the masks: a value the board
     * fixes once it is assembled, which every reset then restores.
     */
    void setPowerOn(int offset, int value) {
        int d = offset >> 2;
        powerOn[d] = (powerOn[d] & ~lanes(offset, 1)) | ((value & 0xff) << shift(offset));
        set(offset, value);
    }

    public int readWriteMask(int offset) {
        return byteOf(readWrite, offset);
    }

    public int writeOneToClearMask(int offset) {
        return byteOf(writeOneToClear, offset);
    }

    public int powerOnValue(int offset) {
        return byteOf(powerOn, offset);
    }

    /** Back to the power-on values. */
    public void reset() {
        System.arraycopy(powerOn, 0, dwords, 0, DWORDS);
    }

    /** Back to the power-on values, except the bytes in {@code kept}, which stay as they are. */
    public void resetExcept(BitSet kept) {
        for (int o = 0; o < SIZE; o++) {
            if (!kept.get(o)) {
                set(o, powerOnValue(o));
            }
        }
    }

    /** The named registers with their current values, in offset order. */
    public Map<String, String> registerValues() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Register r : registers.values()) {
            String digits = "%0" + (2 * r.width()) + "x";
            out.put(String.format("%02xh %s", r.offset(), r.name()), "0x" + String.format(digits, read(r.offset(), r.width())));
        }
        return out;
    }

    /** Collects a function's register table. */
    public static final class Builder {
        private final int[] powerOn = new int[SIZE];
        private final int[] readWrite = new int[SIZE];
        private final int[] writeOneToClear = new int[SIZE];
        private final TreeMap<Integer, Register> registers = new TreeMap<>();

        private Builder() {
        }

        /** A register of {@code width} bytes: its power-on value and its read-write bits. */
        public Builder reg(int offset, int width, String name, long powerOnValue, long readWriteMask) {
            registers.put(offset, new Register(name, offset, width));
            for (int i = 0; i < width; i++) {
                powerOn[offset + i] = (int) (powerOnValue >>> (8 * i)) & 0xff;
                readWrite[offset + i] = (int) (readWriteMask >>> (8 * i)) & 0xff;
            }
            return this;
        }

        /** Marks bits of an already named register write-1-to-clear. */
        public Builder w1c(int offset, int width, long mask) {
            for (int i = 0; i < width; i++) {
                writeOneToClear[offset + i] = (int) (mask >>> (8 * i)) & 0xff;
            }
            return this;
        }

        /** Every byte of [from, to] that no register claims yet becomes read-write, power-on 0. */
        public Builder unnamedReadWrite(int from, int to) {
            for (int o = from; o <= to; o++) {
                if (!claimed(o)) {
                    readWrite[o] = 0xff;
                }
            }
            return this;
        }

        private boolean claimed(int offset) {
            Map.Entry<Integer, Register> e = registers.floorEntry(offset);
            return e != null && offset < e.getKey() + e.getValue().width();
        }

        public ConfigSpace build() {
            return new ConfigSpace(this);
        }
    }
}
