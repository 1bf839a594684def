package org.trapline.models.pit;

/**
 * The counting element as the 8254 datasheet (231164) describes it, on the PC's CLK
 * ({@link CrystalClock}). Everything happens on CLK pulses: a count or a GATE trigger is acted on at
 * the next pulse, so the element keeps one "segment" of its behaviour in closed form from an anchor
 * pulse and re-anchors only when the guest writes or GATE moves. Nothing is computed per pulse.
 *
 * <p>A segment: before pulse {@code load} the CE and OUT hold {@code frozenCe}/{@code frozenOut}
 * (no count yet, a count waiting for its load pulse, GATE low in modes 2 and 3); from {@code load} on,
 * modes 0, 1, 4, 5 count down from {@code ceAtLoad} with terminal count at pulse {@code tcPulse}, and
 * modes 2 and 3 run a periodic sequence (count {@code n1} at position {@code p1}), switching at pulse
 * {@code switchAt} to a new count {@code n2} at position {@code p2} when one was written meanwhile.
 */
final class ClockedElement implements CountingElement {
    private static final long NEVER = Long.MAX_VALUE;

    private int mode;
    private int modulus = 0x10000;
    private int cr;
    /** A count has been written since the control word. */
    private boolean countWritten;
    private boolean gate;

    private long anchor;
    private long load = NEVER;
    private int frozenCe;
    private boolean frozenOut;
    /** GATE lets the counter count (modes 0, 2, 3, 4; always in modes 1 and 5). */
    private boolean enabled;
    private int ceAtLoad;
    private long tcPulse = NEVER;
    private int n1 = 1;
    private int p1;
    private long switchAt = NEVER;
    private int n2 = 1;
    private int p2;
    private boolean crPending;
    private long nullClearsAt = NEVER;
    private long risesBefore;

    ClockedElement(boolean gate) {
        this.gate = gate;
    }

    /**
     * 231164 "Programming the 8254": prior to initialization the mode, count and output of all counters
     * are undefined. This model picks: not counting, CE 0, OUT low, until a control word and a count.
     */
    @Override
    public void reset(long nowNs) {
        anchor = pulse(nowNs);
        mode = 0;
        modulus = 0x10000;
        cr = modulus;
        countWritten = false;
        load = NEVER;
        frozenCe = 0;
        frozenOut = false;
        enabled = false;
        tcPulse = NEVER;
        switchAt = NEVER;
        crPending = false;
        nullClearsAt = NEVER;
        risesBefore = 0;
    }

    /** 231164 "Operation Common to All Modes": control logic reset, OUT to its initial state, null count set. */
    @Override
    public void controlWord(int newMode, int newModulus, long nowNs) {
        long e = pulse(nowNs);
        int ce = ceAt(e);
        boolean out = outAt(e);
        long rises = risesAt(e);
        mode = newMode >= 6 ? newMode - 4 : newMode;
        modulus = newModulus;
        boolean initialOut = mode != 0;
        risesBefore = rises + (!out && initialOut ? 1 : 0);
        freezeAt(e, ce, initialOut);
        countWritten = false;
        crPending = true;
        nullClearsAt = NEVER;
        enabled = enabledByGate();
    }

    /** 231164 "Mode 0": writing the first byte of a two-byte count disables counting and sets OUT low at once. */
    @Override
    public void firstByte(long nowNs) {
        if (mode != 0) {
            return;
        }
        long e = pulse(nowNs);
        int ce = ceAt(e);
        crPending = nullAt(e);
        risesBefore = risesAt(e);
        freezeAt(e, ce, false);
    }

    @Override
    public void load(int count, long nowNs) {
        long e = pulse(nowNs);
        cr = count;
        switch (mode) {
            case 0, 4 -> {
                // "Mode 0"/"Mode 4": the count is loaded on the next CLK pulse, counting goes on from it.
                boolean out = mode == 0 ? false : outAt(e);
                startLoading(e, out);
                ceAtLoad = count % modulus;
                tcPulse = enabled ? load + count : NEVER;
            }
            case 1, 5 -> {
                // Loaded only by the next GATE trigger; the current one-shot is not affected.
                crPending = true;
                nullClearsAt = NEVER;
            }
            default -> loadPeriodic(e, count);
        }
        countWritten = true;
    }

    /** 231164 "Mode 2", "Mode 3": a new count is loaded at the end of the current period (half-cycle in mode 3). */
    private void loadPeriodic(long e, int count) {
        if (!countWritten || load == NEVER) {
            if (enabled) {
                startLoading(e, true);
                n1 = count;
                p1 = 0;
            } else {
                crPending = true;
                nullClearsAt = NEVER;
            }
            return;
        }
        if (e < load) {
            n1 = count;
            crPending = true;
            return;
        }
        int n = nAt(e);
        int p = pAt(e);
        crPending = true;
        risesBefore = risesAt(e);
        anchor = e;
        load = e;
        n1 = n;
        p1 = p;
        n2 = count;
        int half = (n + 1) / 2;
        if (mode == 3 && p < half) {
            switchAt = e + (half - p);
            p2 = (count + 1) / 2;
        } else {
            switchAt = e + (n - p);
            p2 = 0;
        }
        nullClearsAt = switchAt;
    }

    @Override
    public void gate(boolean high, long nowNs) {
        if (high == gate) {
            return;
        }
        gate = high;
        long e = pulse(nowNs);
        switch (mode) {
            case 0, 4 -> gateLevel(e, high);
            case 1, 5 -> {
                // "Mode 1", "Mode 5": a rising GATE triggers a (re)load on the next pulse.
                if (high && countWritten) {
                    startLoading(e, outAt(e));
                    ceAtLoad = cr % modulus;
                    tcPulse = load + cr;
                }
            }
            default -> {
                // "Mode 2", "Mode 3": GATE low stops counting and sets OUT high at once; rising GATE reloads.
                if (!high) {
                    int ce = ceAt(e);
                    boolean out = outAt(e);
                    long rises = risesAt(e);
                    crPending = nullAt(e);
                    risesBefore = rises + (out ? 0 : 1);
                    freezeAt(e, ce, true);
                    nullClearsAt = NEVER;
                    enabled = false;
                } else {
                    enabled = true;
                    if (countWritten) {
                        startLoading(e, outAt(e));
                        n1 = cr;
                        p1 = 0;
                    }
                }
            }
        }
    }

    /** "Mode 0", "Mode 4": GATE is a level that enables counting; the CE holds while it is low. */
    private void gateLevel(long e, boolean high) {
        if (load == NEVER || e < load) {
            enabled = high;
            if (load != NEVER) {
                tcPulse = high ? load + remaining(ceAtLoad) : NEVER;
            }
            return;
        }
        int ce = ceAt(e);
        boolean tcPassed = tcPulse <= e;
        crPending = nullAt(e);
        risesBefore = risesAt(e);
        anchor = e;
        load = e;
        ceAtLoad = ce;
        enabled = high;
        if (!tcPassed) {
            tcPulse = high ? e + remaining(ce) : NEVER;
        }
    }

    @Override
    public boolean gateLevel() {
        return gate;
    }

    @Override
    public int ce(long nowNs) {
        return ceAt(pulse(nowNs));
    }

    @Override
    public boolean out(long nowNs) {
        return outAt(pulse(nowNs));
    }

    @Override
    public boolean nullCount(long nowNs) {
        return nullAt(pulse(nowNs));
    }

    @Override
    public long nextOutChangeNs(long nowNs) {
        long k = nextChange(pulse(nowNs));
        return k == NEVER ? -1 : CrystalClock.timeOfPulse(k);
    }

    @Override
    public long outRisings(long nowNs) {
        return risesAt(pulse(nowNs));
    }

    // ------------------------------------------------------------------ the segment

    private static long pulse(long nowNs) {
        return CrystalClock.pulsesAt(Math.max(0, nowNs));
    }

    private boolean enabledByGate() {
        return mode == 1 || mode == 5 || gate;
    }

    private boolean periodic() {
        return mode == 2 || mode == 3;
    }

    private int remaining(int ce) {
        return ce == 0 ? modulus : ce;
    }

    private void freezeAt(long e, int ce, boolean out) {
        anchor = e;
        frozenCe = ce;
        frozenOut = out;
        load = NEVER;
        tcPulse = NEVER;
        switchAt = NEVER;
    }

    /** The CR goes into the CE on the next CLK pulse; until then CE and OUT keep their values. */
    private void startLoading(long e, boolean outUntilLoad) {
        int ce = ceAt(e);
        boolean out = outAt(e);
        long rises = risesAt(e);
        freezeAt(e, ce, outUntilLoad);
        risesBefore = rises + (outUntilLoad && !out ? 1 : 0);
        crPending = true;
        load = e + 1;
        nullClearsAt = load;
    }

    private long counted(long e) {
        return enabled ? e - load : 0;
    }

    private int nAt(long e) {
        return e >= switchAt ? n2 : n1;
    }

    private int pAt(long e) {
        if (e >= switchAt) {
            return (int) ((p2 + (e - switchAt)) % n2);
        }
        return (int) ((p1 + counted(e)) % n1);
    }

    private int ceAt(long e) {
        if (e < load) {
            return frozenCe;
        }
        if (!periodic()) {
            return (int) Math.floorMod(ceAtLoad - counted(e), (long) modulus);
        }
        return Math.floorMod(periodicCe(nAt(e), pAt(e)), modulus);
    }

    private boolean outAt(long e) {
        if (e < load) {
            return frozenOut;
        }
        if (periodic()) {
            return !enabled || periodicOut(nAt(e), pAt(e));
        }
        return mode == 0 || mode == 1 ? e >= tcPulse : e != tcPulse;
    }

    private boolean nullAt(long e) {
        return crPending && e < nullClearsAt;
    }

    /**
     * "Mode 2": CE runs N, N-1, ..., 1, and OUT is low while it is 1. "Mode 3", even N: N, N-2, ..., 2 with
     * OUT high, then again with OUT low; odd N: N-1, N-3, ..., 0 with OUT high for (N+1)/2 pulses, then
     * N-1, ..., 2 with OUT low for (N-1)/2.
     */
    private int periodicCe(int n, int p) {
        if (mode == 2) {
            return n - p;
        }
        int half = (n + 1) / 2;
        int base = (n & 1) == 0 ? n : n - 1;
        return base - 2 * (p < half ? p : p - half);
    }

    private boolean periodicOut(int n, int p) {
        return mode == 2 ? p != n - 1 : p < (n + 1) / 2;
    }

    /** Pulses from position p to the next OUT change of a periodic sequence, or -1 when OUT is constant. */
    private int periodicNext(int n, int p) {
        if (n <= 1) {
            return -1;
        }
        if (mode == 2) {
            return p == n - 1 ? 1 : n - 1 - p;
        }
        int half = (n + 1) / 2;
        return p < half ? half - p : n - p;
    }

    private long nextChange(long e) {
        if (load == NEVER) {
            return NEVER;
        }
        long from = e;
        if (e < load) {
            if (outAt(load) != outAt(e)) {
                return load;
            }
            from = load;
        }
        if (!enabled) {
            return NEVER;
        }
        if (!periodic()) {
            if (tcPulse == NEVER) {
                return NEVER;
            }
            if (tcPulse > from) {
                return tcPulse;
            }
            return (mode == 4 || mode == 5) && tcPulse == from ? from + 1 : NEVER;
        }
        if (from < switchAt) {
            int d = periodicNext(n1, pAt(from));
            if (d >= 0 && (switchAt == NEVER || from + d < switchAt)) {
                return from + d;
            }
            if (switchAt == NEVER) {
                return NEVER;
            }
            if (outAt(switchAt) != outAt(switchAt - 1)) {
                return switchAt;
            }
            from = switchAt;
        }
        int d = periodicNext(n2, pAt(from));
        return d < 0 ? NEVER : from + d;
    }

    private long risesAt(long e) {
        long rises = risesBefore;
        if (load == NEVER || e < load) {
            return rises;
        }
        if (load > anchor && !frozenOut && outAt(load)) {
            rises++;
        }
        if (!periodic()) {
            long rise = mode == 0 || mode == 1 ? tcPulse : (tcPulse == NEVER ? NEVER : tcPulse + 1);
            if (rise != NEVER && rise > Math.max(anchor, load) && rise <= e) {
                rises++;
            }
            return rises;
        }
        if (!enabled) {
            return rises;
        }
        long end1 = Math.min(e, switchAt - 1);
        if (n1 >= 2 && end1 >= load) {
            rises += (p1 + (end1 - load)) / n1;
        }
        if (e >= switchAt) {
            if (outAt(switchAt) && !outAt(switchAt - 1)) {
                rises++;
            }
            if (n2 >= 2) {
                rises += (p2 + (e - switchAt)) / n2;
            }
        }
        return rises;
    }
}
