package org.trapline.models.pit;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.trapline.models.device.Quirk;

/**
 * The counting element as QEMU 7.2 computes it (hw/timer/i8254.c pit_get_count, i8254_common.c
 * pit_get_out and pit_get_next_transition_time): d = ticks of 1 193 182 Hz since the count was
 * written, every value a function of d, OUT's next change converted back to nanoseconds rounded
 * down. Used under {@link PitQuirks#QEMU_TICKS}; see that quirk and the ones after it.
 */
final class QemuElement implements CountingElement {
    /** The departures this arithmetic is, all at once: a PIT counts so with all of them or none. */
    static final Set<Quirk> ARITHMETIC = Collections.unmodifiableSet(new LinkedHashSet<>(List.of(
            PitQuirks.QEMU_TICKS, PitQuirks.COUNT_TAKES_EFFECT_AT_ONCE, PitQuirks.GATE_LEVEL_IGNORED,
            PitQuirks.OUT_INVERTED, PitQuirks.CONTROL_WORD_KEEPS_COUNTING)));

    private final boolean oddMode3Reads;
    private final boolean modes67Unaliased;
    private final boolean countingAtReset;
    private int mode;
    private int modulus = 0x10000;
    private int count = 0x10000;
    private long loadNs;
    private boolean gate;
    private boolean countSinceControlWord;
    /** False from a plain reset until the first count: the counter does not count. */
    private boolean running;

    QemuElement(boolean gate, boolean oddMode3Reads, boolean modes67Unaliased, boolean countingAtReset) {
        this.gate = gate;
        this.oddMode3Reads = oddMode3Reads;
        this.modes67Unaliased = modes67Unaliased;
        this.countingAtReset = countingAtReset;
    }

    /**
     * With {@link PitQuirks#COUNTING_AT_RESET}, QEMU's pit_reset_common: mode 3, count 65536, loaded
     * now. Without it, the datasheet's "undefined", as a counter that stopped.
     */
    @Override
    public void reset(long nowNs) {
        mode = countingAtReset ? 3 : 0;
        count = 0x10000;
        loadNs = nowNs;
        running = countingAtReset;
    }

    @Override
    public void controlWord(int newMode, int newModulus, long nowNs) {
        mode = newMode;
        modulus = newModulus;
        countSinceControlWord = false;
    }

    @Override
    public void firstByte(long nowNs) {
        // QEMU keeps the byte aside and goes on counting.
    }

    @Override
    public void load(int newCount, long nowNs) {
        count = newCount;
        loadNs = nowNs;
        countSinceControlWord = true;
        running = true;
    }

    /** A rising GATE restarts the count in modes 1, 2, 3 and 5; its level does nothing. */
    @Override
    public void gate(boolean high, long nowNs) {
        if (gateRestarts(high)) {
            loadNs = nowNs;
        }
        gate = high;
    }

    /** Whether a GATE change to {@code high} restarts the count (and so updates the IRQ in QEMU). */
    boolean gateRestarts(boolean high) {
        int m = effectiveMode();
        return running && high && !gate && (m == 1 || m == 2 || m == 3 || m == 5);
    }

    @Override
    public boolean gateLevel() {
        return gate;
    }

    private int effectiveMode() {
        return modes67Unaliased || mode < 6 ? mode : mode - 4;
    }

    private long ticks(long nowNs) {
        return QemuTicks.ticks(Math.max(0, nowNs - loadNs));
    }

    @Override
    public int ce(long nowNs) {
        if (!running) {
            return 0;
        }
        long d = ticks(nowNs);
        long value = switch (effectiveMode()) {
            case 0, 1, 4, 5 -> count - d;
            case 3 -> mode3Count(d);
            default -> count - d % count;
        };
        return (int) Math.floorMod(value, (long) modulus);
    }

    private long mode3Count(long d) {
        if (oddMode3Reads || (count & 1) == 0) {
            return count - (2 * d) % count;
        }
        // 231164 "Mode 3", odd counts: N-1 loaded, down by two, OUT high (N+1)/2 ticks, low (N-1)/2.
        long p = d % count;
        long half = (count + 1) / 2;
        return count - 1 - 2 * (p < half ? p : p - half);
    }

    @Override
    public boolean out(long nowNs) {
        return running && outAfter(ticks(nowNs));
    }

    private boolean outAfter(long d) {
        return switch (effectiveMode()) {
            case 1 -> d < count;
            case 2 -> d % count == 0 && d != 0;
            case 3 -> d % count < (count + 1) / 2;
            case 4, 5 -> d == count;
            default -> d >= count;
        };
    }

    @Override
    public boolean nullCount(long nowNs) {
        return !countSinceControlWord;
    }

    /** pit_get_next_transition_time: the next tick where OUT changes, back in ns, at least 1 ns ahead. */
    @Override
    public long nextOutChangeNs(long nowNs) {
        if (!running) {
            return -1;
        }
        long d = ticks(nowNs);
        long next;
        switch (effectiveMode()) {
            case 2 -> {
                long base = d - d % count;
                next = base + count + (d == base && d != 0 ? 0 : 1);
            }
            case 3 -> {
                long base = d - d % count;
                long half = (count + 1) / 2;
                next = d - base < half ? base + half : base + count;
            }
            case 4, 5 -> {
                if (d < count) {
                    next = count;
                } else if (d == count) {
                    next = count + 1;
                } else {
                    return -1;
                }
            }
            default -> {
                if (d >= count) {
                    return -1;
                }
                next = count;
            }
        }
        long at = loadNs + QemuTicks.nsFloor(next);
        return at <= nowNs ? nowNs + 1 : at;
    }

    @Override
    public long outRisings(long nowNs) {
        return 0;
    }
}
