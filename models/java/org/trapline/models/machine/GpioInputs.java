package org.trapline.models.machine;

import org.trapline.models.irq.IrqSink;

/**
 * A device's unnamed GPIO inputs as QEMU's object tree exposes them to qtest ({@code set_irq_in
 * PATH unnamed-gpio-in N LEVEL}, {@code irq_intercept_in PATH}). While intercepted, a level change
 * on pin N is reported to the interceptor instead of reaching the device, as qtest does.
 */
public final class GpioInputs {
    /** Receives the level changes of an intercepted device's pins. */
    @FunctionalInterface
    public interface Interceptor {
        void edge(int pin, boolean high);
    }

    private final String path;
    private final IrqSink[] pins;
    private final IrqSink[] routed;
    private final boolean[] reportedLevel;
    private Interceptor interceptor;

    public GpioInputs(String path, IrqSink... pins) {
        this.path = path;
        this.pins = pins.clone();
        this.reportedLevel = new boolean[pins.length];
        this.routed = new IrqSink[pins.length];
        for (int i = 0; i < pins.length; i++) {
            int n = i;
            routed[i] = high -> route(n, high);
        }
    }

    public String path() {
        return path;
    }

    public int count() {
        return pins.length;
    }

    /** Drives pin {@code n}; false when the device has no such pin. */
    public boolean set(int n, boolean high) {
        if (n < 0 || n >= pins.length) {
            return false;
        }
        pin(n).setLevel(high);
        return true;
    }

    /** What drives pin {@code n} now: the device, or the interceptor while one is installed. */
    public IrqSink pin(int n) {
        return routed[n];
    }

    private void route(int n, boolean high) {
        if (interceptor == null) {
            pins[n].setLevel(high);
        } else if (reportedLevel[n] != high) {
            reportedLevel[n] = high;
            interceptor.edge(n, high);
        }
    }

    public void intercept(Interceptor newInterceptor) {
        this.interceptor = newInterceptor;
    }

    public boolean intercepted() {
        return interceptor != null;
    }
}
