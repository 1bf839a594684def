package org.trapline.models.pci;

import java.util.LinkedHashMap;
import java.util.Map;

import org.trapline.models.machine.Inspectable;

/**
 * One PCI function on bus 0: its device/function number and its configuration space. Subclasses
 * add registers whose write has more effect than the masks say.
 */
public class PciFunction implements Inspectable {
    private final String name;
    private final int device;
    private final int function;
    private final ConfigSpace config;

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
    }

    public void reset() {
        config.reset();
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
