package org.trapline.models.pci;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

import org.trapline.models.bus.AddressSpace;
import org.trapline.models.bus.Mapping;
import org.trapline.models.bus.Region;
import org.trapline.models.device.Inspectable;

/**
 * One PCI function on bus 0: its device/function number and its configuration space. Subclasses
 * add registers whose write has more effect than the masks say.
 */
public class PciFunction implements Inspectable {
    /** The first byte past the predefined header (PCI 3.0 §6.1): device-specific registers. */
    static final int DEVICE_SPECIFIC = 0x40;

    private final String name;
    private final int device;
    private final int function;
    private final ConfigSpace config;
    /** The bytes QEMU 7.2's reset of this function leaves as they are (quirk pci.reset-keeps-device-registers). */
    private final BitSet keptByQemuReset = new BitSet(ConfigSpace.SIZE);
    private final List<Bar> bars = new ArrayList<>();
    /** The bytes with bits that survive RST#, and those bits. */
    private final BitSet stickyThroughRst = new BitSet(ConfigSpace.SIZE);
    private final int[] stickyMask = new int[ConfigSpace.SIZE];
    /** Who hears of writes that touch a register: from, to (exclusive), what to run. */
    private final List<Watch> watchers = new ArrayList<>();

    private record Watch(int from, int to, Runnable action) {
    }

    public PciFunction(String name, int device, int function, ConfigSpace config) {
        this.name = name;
        this.device = device;
        this.function = function;
        this.config = config;
    }

    public int device() {
        return device;
    }

    public int function() {
        return function;
    }

    /** The function's address as lspci writes it, e.g. {@code 00:01.3}. */
    public String address() {
        return String.format("00:%02x.%x", device, function);
    }

    /** Device and function as one number, the way CONFIG_ADDRESS bits 15:8 carry them. */
    public int devfn() {
        return device << 3 | function;
    }

    public ConfigSpace config() {
        return config;
    }

    /** A configuration read of {@code width} bytes at {@code offset}; bytes past 255 read 0. */
    public long read(int offset, int width) {
        return config.read(offset, width);
    }

    /** A configuration write of {@code width} bytes at {@code offset}; bytes past 255 are dropped. */
    public void write(int offset, int width, long value) {
        config.write(offset, width, value);
        for (Bar bar : bars) {
            if (bar.covers(offset, width)) {
                bar.update(config);
            }
        }
        for (Watch w : watchers) {
            if (offset < w.to() && offset + width > w.from()) {
                w.action().run();
            }
        }
    }

    /** Runs {@code action} after every configuration write that touches bytes [from, from+length). */
    public void onWrite(int from, int length, Runnable action) {
        watchers.add(new Watch(from, from + length, action));
    }

    /**
     * Makes the BAR at {@code offset} decode: {@code registers}, as long as the BAR's block, appear
     * in {@code space} where the guest puts them (an I/O BAR in I/O space, a memory BAR in memory).
     */
    public Mapping decodeBar(int offset, AddressSpace space, Region registers) {
        boolean io = (config.read(offset, 4) & 1) != 0;
        Bar bar = new Bar(offset, io, space, registers);
        bars.add(bar);
        bar.update(config);
        return bar.mapping();
    }

    /**
     * PCI RST#: every register back to its power-on value (PCI 3.0 §6.2: "default state after reset"),
     * but for the bits the function's datasheet keeps through RST# ({@link #keepsThroughRst}).
     */
    public void reset() {
        int[] kept = new int[ConfigSpace.SIZE];
        for (int o = stickyThroughRst.nextSetBit(0); o >= 0; o = stickyThroughRst.nextSetBit(o + 1)) {
            kept[o] = config.readByte(o);
        }
        config.reset();
        for (int o = stickyThroughRst.nextSetBit(0); o >= 0; o = stickyThroughRst.nextSetBit(o + 1)) {
            config.set(o, config.readByte(o) & ~stickyMask[o] | kept[o] & stickyMask[o]);
        }
        updateBars();
    }

    /**
     * Declares bits of the byte at {@code offset} that RST# leaves as they are (powered from an
     * auxiliary supply, as the 8254x's PME_En and PME_Status with AUX_POWER set).
     */
    PciFunction keepsThroughRst(int offset, int mask) {
        stickyThroughRst.set(offset);
        stickyMask[offset] |= mask & 0xff;
        return this;
    }

    private void updateBars() {
        for (Bar bar : bars) {
            bar.update(config);
        }
    }

    /**
     * QEMU's reset of this function: its generic PCI reset restores the header's writable registers
     * and its device reset handler rewrites a few device-specific bytes; every other byte of
     * 40h-FFh keeps its value.
     */
    public void resetAsQemu() {
        config.resetExcept(keptByQemuReset);
        updateBars();
    }

    /**
     * Declares which device-specific bytes (40h-FFh) QEMU's reset handler for this function
     * rewrites; the rest of 40h-FFh is kept by {@link #resetAsQemu()}.
     */
    PciFunction qemuResetRestores(int... offsets) {
        keptByQemuReset.set(DEVICE_SPECIFIC, ConfigSpace.SIZE);
        for (int o : offsets) {
            keptByQemuReset.clear(o);
        }
        return this;
    }

    @Override
    public String deviceName() {
        return name;
    }

    @Override
    public Map<String, String> registers() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("function", address());
        out.putAll(config.registerValues());
        return out;
    }
}
