package org.trapline.models.machine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class GpioInputsTest {
    private final List<String> device = new ArrayList<>();
    private final List<String> reported = new ArrayList<>();
    private final GpioInputs gpio = new GpioInputs("/machine/x",
            high -> device.add("pin0=" + high), high -> device.add("pin1=" + high));

    @Test
    void levelsReachTheDeviceAsHighOrLow() {
        assertThat(gpio.set(1, 5)).isTrue();
        assertThat(gpio.set(1, 0)).isTrue();
        assertThat(device).containsExactly("pin1=true", "pin1=false");
    }

    @Test
    void pinsOutsideTheDeviceAreRefused() {
        assertThat(gpio.set(2, 1)).isFalse();
        assertThat(gpio.set(-1, 1)).isFalse();
        assertThat(gpio.count()).isEqualTo(2);
        assertThat(gpio.path()).isEqualTo("/machine/x");
    }

    @Test
    void anInterceptedPinIsReportedAndStillDrivesTheDevice() {
        assertThat(gpio.intercepted()).isFalse();
        gpio.intercept((pin, level) -> reported.add(pin + ":" + level));
        assertThat(gpio.intercepted()).isTrue();
        gpio.set(0, 1);
        gpio.set(0, 1);
        gpio.set(0, 2);
        gpio.pin(0).setLevel(false);
        gpio.pin(1).setLevel(true);
        assertThat(device).containsExactly("pin0=true", "pin0=true", "pin0=true", "pin0=false", "pin1=true");
        // qtest compares integer levels: 1 then 2 is a second raise; repeats are no edge.
        assertThat(reported).containsExactly("0:1", "0:2", "0:0", "1:1");
    }

    @Test
    void interceptedOutputsReportEachChangeOfLevel() {
        org.trapline.models.irq.IrqLine out0 = new org.trapline.models.irq.IrqLine("int");
        GpioOutputs outputs = new GpioOutputs("/machine/y", out0);
        assertThat(outputs.path()).isEqualTo("/machine/y");
        assertThat(outputs.count()).isEqualTo(1);
        out0.raise();
        assertThat(reported).isEmpty();
        outputs.intercept((pin, level) -> reported.add(pin + ":" + level));
        out0.lower();
        out0.raise();
        assertThat(reported).containsExactly("0:1");
    }
}
