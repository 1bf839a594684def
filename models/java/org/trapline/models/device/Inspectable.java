package org.trapline.models.device;

import java.util.Map;

/** A device whose registers a divergence report can show. */
public interface Inspectable {
    /** The device's name in reports, e.g. {@code pic-master}. */
    String deviceName();

    /** Register names as the datasheet spells them, with their current values, in a stable order. */
    Map<String, String> registers();
}
