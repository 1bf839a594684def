package org.trapline.models.device;

import java.util.List;
import java.util.Map;

/** A device whose registers a divergence report can show. */
public interface Inspectable {
    /** The device's name in reports, e.g. {@code pic-master}. */
    String deviceName();

    /** Register names as the datasheet spells them, with their current values, in a stable order. */
    Map<String, String> registers();

    /**
     * What a report shows for an access to this device: the device itself, or, for a register
     * block that stands for others (the PCI configuration ports), those too.
     */
    default List<Inspectable> parts() {
        return List.of(this);
    }

    /** An 8-bit register's value as reports show it: {@code 0x2a}. */
    static String hex(int v) {
        return String.format("0x%02x", v);
    }
}
