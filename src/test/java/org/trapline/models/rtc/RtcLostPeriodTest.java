package org.trapline.models.rtc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.trapline.models.machine.Profile;
import org.trapline.target.MachineArgs;
import org.trapline.target.ModelTarget;

/**
 * QEMU's periodic timer, when a rate change finds the new period already run, is armed for the
 * past and fires right after the write: its edge belongs to the write's window (measured with the
 * clock-driven QEMU 7.2: RS 15 -> 14 at 300 ms raises IRQ 8 after the OK of the write).
 */
class RtcLostPeriodTest {
    @Test
    void aTimerArmedForThePastFiresInTheWindowOfTheWriteThatArmedIt() throws Exception {
        try (ModelTarget model = ModelTarget.of(Profile.QEMU_PC, MachineArgs.parse(MachineArgs.DEFAULT + " -accel qtest"))) {
            for (String c : new String[] {"irq_intercept_in /machine/unattached/device[7]", "outb 0x70 0x0a",
                    "outb 0x71 0x2f", "outb 0x70 0x0b", "outb 0x71 0x42", "clock_step 300000000", "outb 0x70 0x0a"}) {
                assertThat(model.send(c).irqEvents()).isEmpty();
            }
            assertThat(model.send("outb 0x71 0x2e").irqEvents()).containsExactly("IRQ raise 0");
        }
    }
}
