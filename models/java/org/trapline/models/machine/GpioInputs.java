package org.trapline.models.machine;

import org.trapline.models.irq.IrqSink;

/**
 * A device's unnamed GPIO inputs as QEMU's object tree exposes them to qtest ({@code set_irq_in
 * PATH unnamed-gpio-in N LEVEL}, {@code irq_intercept_in PATH}). Once intercepted, every change of
 * level on pin N is reported to the interceptor and still reaches the device, as QEMU 7.2's qtest
 * does (its handler passes the level on to the input it replaced). qtest compares levels as
 * integers, so driving 1 then 2 reports two raises; a device sees any non-zero level as high.
 */
public final class GpioInputs {
    /** Receives the level changes of an intercepted device's pins. */
    @FunctionalInterface
    public interface Interceptor {
        void edge(int pin, int level);
    }

    private final String path;
    private final IrqSink[] pins;
    private final IrqSink[] routed;
    private final int[] reportedLevel;
    private Interceptor interceptor;

    public GpioInputs(String path, IrqSink... pins) {
        this.path = path;
        this.pins = pins.clone();
        this.reportedLevel = new int[pins.length];
        this.routed = new IrqSink[pins.length];
        for (int i = 0; i < pins.length; i++) {
            int n = i;
            routed[i] = high -> route(n, high ? 1 : 0);
        }
    }

    public String path() {
        return path;
    }

    public int count() {
        return pins.length;
    }

    /** Drives pin {@code n} to {@code level}; false when the device has no such pin. */
    public boolean set(int n, int level) {
        if (n < 0 || n >= pins.length) {
            return false;
        }
        route(n, level);
        return true;
    }

    /** The wire into pin {@code n}: to the device, and to the interceptor once one is installed. */
    public IrqSink pin(int n) {
        return routed[n];
    }

    private void route(int n, int level) {
        if (interceptor != null && reportedLevel[n] != level) {
            reportedLevel[n] = level;
            interceptor.edge(n, level);
        }
        pins[n].setLevel(level != 0);
    }

    public void intercept(Interceptor newInterceptor) {
        this.interceptor = newInterceptor;
    }

    public boolean intercepted() {
        return interceptor != null;
    }
}
