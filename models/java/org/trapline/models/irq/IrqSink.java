package org.trapline.models.irq;

/** Something an interrupt line drives: a controller input pin. */
@FunctionalInterface
public interface IrqSink {
    void setLevel(boolean high);
}
