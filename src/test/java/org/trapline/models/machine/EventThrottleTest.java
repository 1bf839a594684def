package org.trapline.models.machine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** QEMU's monitor rate-limits RTC_CHANGE on the virtual clock under qtest; hardware has no such deadline. */
class EventThrottleTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long START = 10_000;

    private static void rtc(Machine m, int register, int value) {
        m.io().write(0x70, 1, register);
        m.io().write(0x71, 1, value);
    }

    /**
     * Stops PIT channel 0 (mode 0, count 1), lets the RTC's divider out of reset at {@link #START}
     * (QEMU sets the time then) and sets the seconds 0.25 s later; returns the deadlines that
     * {@code clock_step} with no argument would visit in the next three seconds, relative to START.
     */
    private static List<Long> deadlinesAfterTwoTimeSets(Profile profile) {
        Machine m = profile.build(MachineConfig.defaults());
        m.io().write(0x43, 1, 0x30);
        m.io().write(0x40, 1, 0x01);
        m.io().write(0x40, 1, 0x00);
        rtc(m, 0x0a, 0x70);
        m.scheduler().advanceTo(START);
        rtc(m, 0x0a, 0x26);
        m.scheduler().advanceTo(START + SECOND / 4);
        rtc(m, 0x00, 0x07);
        List<Long> visited = new ArrayList<>();
        while (m.scheduler().nextDeadlineNs() >= 0 && m.scheduler().nextDeadlineNs() <= START + 3 * SECOND) {
            m.scheduler().advanceToNextDeadline();
            visited.add(m.scheduler().nowNs() - START);
        }
        return visited;
    }

    @Test
    void onQemuTheFirstTimeSetOpensAOneSecondWindowAndASetInsideItOpensAnother() {
        assertThat(deadlinesAfterTwoTimeSets(Profile.QEMU_PC)).contains(SECOND, 2 * SECOND);
    }

    @Test
    void onHardwareSettingTheTimeArmsNothingOfItsOwn() {
        assertThat(deadlinesAfterTwoTimeSets(Profile.HARDWARE)).doesNotContain(SECOND, 2 * SECOND);
    }
}
