package org.trapline.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.trapline.models.machine.Machine;
import org.trapline.models.machine.MachineConfig;
import org.trapline.models.machine.Profile;

/**
 * What advancing guest time costs: a board programmed as a guest would program it, moved forward
 * by {@code seconds} of guest time in one step. The cost follows the timer events in that time,
 * never the clock ticks: with the PIT at 1 kHz and the RTC at 1024 Hz it grows with the seconds;
 * with nothing enabled it does not grow at all, though an hour holds 4.3e9 PIT input clocks.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 2, jvmArgs = {"-Xmx1g"})
@Warmup(iterations = 5)
@Measurement(iterations = 10)
public class GuestHourBenchmark {
    private static final long SECOND_NS = 1_000_000_000L;

    @State(Scope.Thread)
    public static class Board {
        @Param({"1", "60", "3600"})
        long seconds;

        @Param({"qemu-pc", "hardware"})
        String profile;

        Machine busy;
        Machine quiet;

        @Setup(Level.Invocation)
        public void build() {
            Profile p = Profile.byId(profile).orElseThrow();
            busy = p.build(MachineConfig.defaults());
            // PIT channel 0, LSB then MSB, mode 2 (rate generator), binary: 1193 clocks = 1 kHz.
            out(busy, 0x43, 0x34);
            out(busy, 0x40, 1193 & 0xff);
            out(busy, 0x40, 1193 >> 8);
            // RTC: 32.768 kHz time base, RS=6 (976.5625 us = 1024 Hz); B: PIE, 24-hour.
            out(busy, 0x70, 0x0a);
            out(busy, 0x71, 0x26);
            out(busy, 0x70, 0x0b);
            out(busy, 0x71, 0x42);

            quiet = p.build(MachineConfig.defaults());
            // No interrupt source enabled: PIT channel 0 stopped after one count in mode 0 (qemu-pc
            // starts it counting at reset), the RTC's PIE, AIE and UIE off (as at power-on).
            out(quiet, 0x43, 0x30);
            out(quiet, 0x40, 0x01);
            out(quiet, 0x40, 0x00);
        }

        private static void out(Machine m, int port, int value) {
            m.io().write(port, 1, value);
        }
    }

    /** PIT channel 0 in mode 2 at 1 kHz and the RTC's periodic interrupt at 1024 Hz. */
    @Benchmark
    public long periodicInterrupts(Board board) {
        board.busy.scheduler().advanceTo(board.seconds * SECOND_NS);
        return board.busy.clock().nowNs();
    }

    /** No interrupt enabled. */
    @Benchmark
    public long noInterruptsEnabled(Board board) {
        board.quiet.scheduler().advanceTo(board.seconds * SECOND_NS);
        return board.quiet.clock().nowNs();
    }
}
