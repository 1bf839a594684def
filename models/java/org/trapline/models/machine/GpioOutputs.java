package org.trapline.models.machine;

import org.trapline.models.irq.IrqLine;

/**
 * A device's unnamed GPIO outputs as qtest sees them ({@code irq_intercept_out PATH}): once
 * intercepted, every change of level on output N is reported, and the output still drives what it
 * is wired to, as QEMU 7.2's qtest does.
 */
public final class GpioOutputs {
    private final String path;
    private final boolean[] reported;
    private GpioInputs.Interceptor interceptor;

    public GpioOutputs(String path, IrqLine... outputs) {
        this.path = path;
        this.reported = new boolean[outputs.length];
        for (int i = 0; i < outputs.length; i++) {
            int n = i;
            outputs[i].connect(high -> report(n, high));
        }
    }

    public String path() {
        return path;
    }

    public int count() {
        return reported.length;
    }

    public void intercept(GpioInputs.Interceptor newInterceptor) {
        this.interceptor = newInterceptor;
    }

    private void report(int n, boolean high) {
        if (interceptor != null && reported[n] != high) {
            reported[n] = high;
            interceptor.edge(n, high ? 1 : 0);
        }
    }
}
