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

    private final int[] powerOn;
    private final int[] readWrite;
    private final int[] writeOneToClear;
    private final Map<Integer, Register> registers;
    private final int[] bytes;

    /** A named register of {@code width} bytes at {@code offset}. */
    public record Register(String name, int offset, int width) {
    }

    private ConfigSpace(Builder b) {
        this.powerOn = b.powerOn.clone();
        this.readWrite = b.readWrite.clone();
        this.writeOneToClear = b.writeOneToClear.clone();
        this.registers = new TreeMap<>(b.registers);
        this.bytes = powerOn.clone();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The byte at {@code offset} (0..255) as a guest reads it. */
    public int readByte(int offset) {
        return bytes[offset];
    }

    /** A little-endian read of {@code width} bytes at {@code offset}; bytes past 255 are not read. */
    public long read(int offset, int width) {
        long value = 0;
        for (int i = 0; i < width && offset + i < SIZE; i++) {
            value |= (long) bytes[offset + i] << (8 * i);
        }
        return value;
    }

    /** A guest write of one byte: read-write bits take the new value, written 1s clear W1C bits. */
    public void writeByte(int offset, int value) {
        int v = value & 0xff;
        int old = bytes[offset];
        int kept = old & ~readWrite[offset];
        bytes[offset] = (kept & ~(v & writeOneToClear[offset])) | (v & readWrite[offset]);
    }

    /** A little-endian write of {@code width} bytes at {@code offset}; bytes past 255 are dropped. */
    public void write(int offset, int width, long value) {
        for (int i = 0; i < width && offset + i < SIZE; i++) {
            writeByte(offset + i, (int) (value >>> (8 * i)));
        }
    }

    /** Sets a byte regardless of the masks: a function's own hardware changing its state. */
    void set(int offset, int value) {
        bytes[offset] = value & 0xff;
    }

    public int readWriteMask(int offset) {
        return readWrite[offset];
    }

    public int writeOneToClearMask(int offset) {
        return writeOneToClear[offset];
    }

    public int powerOnValue(int offset) {
        return powerOn[offset];
    }

    /** Back to the power-on values. */
    public void reset() {
        System.arraycopy(powerOn, 0, bytes, 0, SIZE);
    }

    /** Back to the power-on values, except the bytes in {@code kept}, which stay as they are. */
    public void resetExcept(BitSet kept) {
        for (int o = 0; o < SIZE; o++) {
            if (!kept.get(o)) {
                bytes[o] = powerOn[o];
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
