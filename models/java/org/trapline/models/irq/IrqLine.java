package org.trapline.models.irq;

import java.util.ArrayList;
import java.util.List;

/**
 * One interrupt wire. It carries a level; the sinks on it see only level changes, so an edge is
 * a change of level and driving the same level twice is no event.
 */
public final class IrqLine implements IrqSink {
    private final String name;
    private final List<IrqSink> sinks = new ArrayList<>(2);
    private boolean level;

    public IrqLine(String name) {
        this.name = name;
    }

    public void connect(IrqSink sink) {
        sinks.add(sink);
        if (level) {
            sink.setLevel(true);
        }
    }

    @Override
    public void setLevel(boolean high) {
        if (high == level) {
            return;
        }
        level = high;
        for (int i = 0; i < sinks.size(); i++) {
            sinks.get(i).setLevel(high);
        }
    }

    /**
     * Drives {@code high} and tells every sink, even when the level does not change: QEMU's
     * qemu_set_irq is a call, not a level, so a device that sets the same level again is seen again
     * (by qtest's interception, which reports against its own idea of the level, and by an 8259A
     * input whose level memory a reset cleared).
     */
    public void drive(boolean high) {
        level = high;
        for (int i = 0; i < sinks.size(); i++) {
            sinks.get(i).setLevel(high);
        }
    }

    public void raise() {
        setLevel(true);
    }

    public void lower() {
        setLevel(false);
    }

    /** A low-high-low pulse: one rising edge for edge-triggered inputs. */
    public void pulse() {
        setLevel(true);
        setLevel(false);
    }

    public boolean level() {
        return level;
    }

    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name + "=" + (level ? 1 : 0);
    }
}
