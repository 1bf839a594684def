package org.trapline.models.pit;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.ActionChainArbitrary;
import net.jqwik.api.state.Transformer;

import org.trapline.chains.ScriptedState;
import org.trapline.models.bus.PortIoBus;
import org.trapline.models.clock.Scheduler;
import org.trapline.models.clock.VirtualClock;
import org.trapline.models.device.Quirk;
import org.trapline.models.irq.IrqLine;
import org.trapline.models.machine.Profile;
import org.trapline.qtest.QtestCommand;
import org.trapline.target.MachineArgs;

/**
 * The PC's 8254 (Intel 231164) with port 61h, driven by the datasheet's actions: control words,
 * count bytes, the counter latch and read-back commands, reads of the counters, GATE2, and guest
 * time. Each action is the qtest commands a guest would issue. The count bytes come only after a
 * control word (LSB, then MSB: every control word here has RW = 11, binary), latches and reads only
 * once a count is written, and a control word only once the count of the last one is written, no
 * latched count or status is left unread and no count is half read; so the chain always knows what
 * the next read of a counter returns.
 */
final class PitChain extends ScriptedState {
    /** The CLK period, 3e9 / 3579545 ns, rounded up: two instants closer than this have at most one pulse between them. */
    static final long CLK_NS = 839;
    static final long MINUTE_NS = 60_000_000_000L;
    static final long HOUR_NS = 3_600_000_000_000L;
    /** Timer events one step of the clock may cost, at most (counter 0's IRQ0 edges). */
    private static final long EVENT_BUDGET = 20_000;

    /** What the properties look at most, which decides the mix of actions. */
    enum Focus {
        /** Modes 2 and 3 with small counts, read back often, time in small steps. */
        PERIODIC_COUNTS,
        /** Every mode and count, latches and read-backs, time in steps up to 0.1 s. */
        LATCHES,
        /** Counter 0 in modes 2 and 3 with counts of 1000 and more, and minutes of guest time. */
        IRQ0_RATE,
        /** Counter 2 in mode 2 most, GATE2, and hours of guest time between the reads. */
        PHASE
    }

    /** What the chain knows of one counter: its programming and what its next read returns. */
    static final class CounterView {
        final int index;
        /** The mode of the last control word, or -1. */
        int mode = -1;
        boolean awaitingLsb;
        boolean awaitingMsb;
        int lsb;
        /** N of the count written since the last control word (1-65536), or -1. */
        int count = -1;
        /** When the count's MSB was written. */
        long writtenNs;
        /** The count is the first this counter was given since reset. */
        boolean firstCount;
        private boolean everCounted;
        /** GATE has been high, and unchanged, since the count was written. */
        boolean gateSteady;
        boolean statusLatched;
        boolean countLatched;
        boolean latchedLsbRead;
        int latchedLsb;
        /** The script's length with the latching command, and when that was. */
        int latchScript;
        long latchNs;
        /** A status was latched, unread, when the count was (a read gives it first). */
        boolean statusAtLatch;
        /** A live count is half read: the next read is its MSB. */
        boolean liveMsbNext;
        /** The last reading of a latched count since the control word (-1: none), and its latch instant. */
        int previous = -1;
        long previousNs;

        CounterView(int index) {
            this.index = index;
        }

        boolean loaded() {
            return count > 0;
        }

        /** A control word may come: nothing latched left to read, no count half read. */
        boolean readIdle() {
            return !statusLatched && !countLatched && !liveMsbNext;
        }

        @Override
        public String toString() {
            return "counter " + index + (mode < 0 ? " unprogrammed" : " mode " + mode + (count > 0 ? " N=" + count
                    : " awaiting " + (awaitingLsb ? "LSB" : "MSB")));
        }
    }

    /**
     * A latched count read out in full: its value, when it was latched, the programming it was
     * read under, and the reading before it under the same programming.
     */
    record Reading(int counter, int value, long latchNs, int latchScript, boolean statusFirst, int mode, int count,
                   long writtenNs, boolean firstCount, boolean gateSteady, int previous, long previousNs) {
    }

    /** A minute of guest time, and counter 0's programming and IRQ0's rising edges in it. */
    record Minute(int mode, int count, long rises) {
    }

    final String profile;
    final boolean qemu;
    final Focus focus;
    final Scheduler scheduler = new Scheduler(new VirtualClock());
    final PortIoBus io = new PortIoBus();
    final IrqLine irq0 = new IrqLine("irq0");
    /** IRQ0's rising edges: QEMU drives the same level again, which is no edge. */
    long rises;
    private boolean level;
    final CounterView[] counters = {new CounterView(0), new CounterView(1), new CounterView(2)};
    /** GATE2, port 61h bit 0, as last written (0 at reset). */
    boolean gate2;
    /** The last count written to counter 0. */
    private int lastCount0;

    // What the current action found, for the invariants.
    Reading reading;
    Minute minute;

    PitChain(String profile, Focus focus) {
        this.profile = profile;
        this.qemu = !profile.equals(Profile.HARDWARE.id());
        this.focus = focus;
        Set<Quirk> quirks = qemu ? Profile.QEMU_PC.quirks() : Set.of();
        irq0.connect(high -> {
            if (high && !level) {
                rises++;
            }
            level = high;
        });
        new Pit8254(scheduler, quirks, irq0).attach(io, 0x40, 0x61);
    }

    static Arbitrary<String> profiles() {
        return Arbitraries.of(Profile.HARDWARE.id(), Profile.QEMU_PC.id());
    }

    @Override
    public String machine() {
        return MachineArgs.DEFAULT + " -accel qtest";
    }

    @Override
    public String profile() {
        return profile;
    }

    long now() {
        return scheduler.nowNs();
    }

    @Override
    protected void beforeAction() {
        reading = null;
        minute = null;
    }

    @Override
    protected long execute(QtestCommand command) {
        if (command instanceof QtestCommand.PortWrite w) {
            io.write(w.port(), w.size(), w.value());
            return 0;
        }
        if (command instanceof QtestCommand.PortRead r) {
            return io.read(r.port(), r.size());
        }
        if (command instanceof QtestCommand.Clock c && !c.absolute() && !c.toNextDeadline()) {
            scheduler.advanceTo(now() + c.ns());
            return 0;
        }
        throw new IllegalArgumentException("the PIT's chain has no use for '" + command.text() + "'");
    }

    private void out(int port, int value) {
        run("outb " + hex(port) + " " + hex(value));
    }

    private int in(int port) {
        return (int) run("inb " + hex(port));
    }

    private void clockStep(long ns) {
        run("clock_step " + ns);
    }

    @Override
    public String toString() {
        return "PitChain[" + profile + ", " + actions() + " actions, t=" + now() + " ns, " + List.of(counters)
                + ", GATE2 " + (gate2 ? 1 : 0) + "]";
    }

    /**
     * The count the reading's latch captured, as a fresh board says: the same commands up to the
     * latch, then the counter read at once (past a status latched before it).
     */
    int referenceCount(Reading r) {
        PitChain ref = new PitChain(profile, focus);
        commands(r.latchScript()).forEach(ref::run);
        if (r.statusFirst()) {
            ref.in(0x40 + r.counter());
        }
        return ref.in(0x40 + r.counter()) | ref.in(0x40 + r.counter()) << 8;
    }

    /**
     * The longest step of guest time that costs at most {@link #EVENT_BUDGET} IRQ0 edges: counter 0
     * counting periodically (QEMU: from reset, and on through a control word) with a small count
     * would make a long step slow.
     */
    long affordableNs() {
        long n = periodicCount0();
        return n < 0 ? Long.MAX_VALUE : EVENT_BUDGET / 2 * n * CLK_NS;
    }

    /** Counter 0's periodic count, or -1 when it makes no run of edges. */
    private long periodicCount0() {
        CounterView c = counters[0];
        if (qemu) {
            return c.everCounted ? lastCount0 : 0x10000;
        }
        return c.loaded() && (c.mode == 2 || c.mode == 3) ? c.count : -1;
    }

    // ------------------------------------------------------------------ the datasheet's actions

    /**
     * Every action, in the mix {@code focus} says, from the reset board of the profile {@code profile}
     * names when the chain starts (a property's parameter: a chain's arbitrary must not be
     * flat-mapped, or jqwik cannot shrink it).
     */
    static ActionChainArbitrary<PitChain> chain(Supplier<String> profile, Focus focus) {
        ActionChainArbitrary<PitChain> chain = ActionChain.<PitChain>startWith(() -> new PitChain(profile.get(), focus))
                .withAction(2, controlWord())
                .withAction(4, countLsb())
                .withAction(4, countMsb())
                .withAction(3, latchCommand())
                .withAction(focus == Focus.LATCHES ? 2 : 6, latchAndRead())
                .withAction(8, readCounter(true))
                .withAction(1, readCounter(false))
                .withAction(1, readBack())
                .withAction(focus == Focus.PERIODIC_COUNTS ? 6 : 3, advance())
                .withAction(focus == Focus.PHASE ? 2 : 1, gate());
        if (focus == Focus.IRQ0_RATE) {
            chain = chain.withAction(4, minute());
        }
        if (focus == Focus.PHASE) {
            chain = chain.withAction(3, hours());
        }
        return chain;
    }

    private static Transformer<PitChain> act(String name, Consumer<PitChain> body) {
        return step(name, body);
    }

    /** An action on a counter chosen among those {@code allowed}; none allowed, no action. */
    private abstract static class OnCounter implements Action.Dependent<PitChain> {
        abstract boolean allowed(PitChain s, CounterView c);

        abstract Arbitrary<Transformer<PitChain>> on(PitChain s, CounterView c);

        @Override
        public boolean precondition(PitChain s) {
            for (CounterView c : s.counters) {
                if (allowed(s, c)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public Arbitrary<Transformer<PitChain>> transformer(PitChain s) {
            List<CounterView> allowed = List.of(s.counters).stream().filter(c -> allowed(s, c)).toList();
            return Arbitraries.of(allowed).flatMap(c -> on(s, c));
        }

        /** An action on counter {@code c} that it is still allowed, and in the state {@code fact} says. */
        Transformer<PitChain> actOn(CounterView c, String name, Predicate<CounterView> fact, Consumer<PitChain> body) {
            int index = c.index;
            return act(name, st -> {
                CounterView v = st.counters[index];
                assume(allowed(st, v) && fact.test(v), name);
                body.accept(st);
            });
        }
    }

    /** "control word counter n mode m": SC = n, RW = 11 (LSB then MSB), mode m, binary. */
    static Action.Dependent<PitChain> controlWord() {
        return new OnCounter() {
            @Override
            boolean allowed(PitChain s, CounterView c) {
                return c.readIdle() && !c.awaitingLsb && !c.awaitingMsb && switch (s.focus) {
                    case IRQ0_RATE -> c.index == 0;
                    case PHASE -> c.index == 2;
                    default -> true;
                };
            }

            @Override
            Arbitrary<Transformer<PitChain>> on(PitChain s, CounterView c) {
                Arbitrary<Integer> modes = switch (s.focus) {
                    case PERIODIC_COUNTS -> Arbitraries.of(2, 2, 2, 2, 3, 3, 0, 1, 4, 5);
                    case IRQ0_RATE -> Arbitraries.of(2, 3);
                    case PHASE -> Arbitraries.of(2, 2, 2, 3, 0);
                    case LATCHES -> Arbitraries.integers().between(0, 5);
                };
                return modes.map(mode -> {
                    int value = c.index << 6 | 0x30 | mode << 1;
                    String name = "control word counter " + c.index + " mode " + mode + " (" + hex(value) + ")";
                    return actOn(c, name, v -> true, st -> {
                        st.out(0x43, value);
                        CounterView v = st.counters[c.index];
                        v.mode = mode;
                        v.awaitingLsb = true;
                        v.awaitingMsb = false;
                        v.count = -1;
                        v.previous = -1;
                    });
                });
            }
        };
    }

    /** "write count LSB": the first byte after the control word. */
    static Action.Dependent<PitChain> countLsb() {
        return new OnCounter() {
            @Override
            boolean allowed(PitChain s, CounterView c) {
                return c.awaitingLsb;
            }

            @Override
            Arbitrary<Transformer<PitChain>> on(PitChain s, CounterView c) {
                return Arbitraries.integers().between(0, 255).map(lsb -> actOn(c, "write count LSB counter " + c.index + " "
                        + hex(lsb), v -> true, st -> {
                            st.out(0x40 + c.index, lsb);
                            CounterView v = st.counters[c.index];
                            v.lsb = lsb;
                            v.awaitingLsb = false;
                            v.awaitingMsb = true;
                        }));
            }
        };
    }

    /** "write count MSB": the second byte, which completes the count N (0 stands for 65536). */
    static Action.Dependent<PitChain> countMsb() {
        return new OnCounter() {
            @Override
            boolean allowed(PitChain s, CounterView c) {
                return c.awaitingMsb;
            }

            @Override
            Arbitrary<Transformer<PitChain>> on(PitChain s, CounterView c) {
                Arbitrary<Integer> msb = switch (s.focus) {
                    case PERIODIC_COUNTS -> Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.integers().between(0, 0x13)),
                            Tuple.of(1, Arbitraries.integers().between(0, 255)));
                    case IRQ0_RATE -> Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.integers().between(4, 255)),
                            Tuple.of(1, Arbitraries.integers().between(0, 255)));
                    case LATCHES, PHASE -> Arbitraries.integers().between(0, 255);
                };
                int lsb = c.lsb;
                return msb.map(m -> actOn(c, "write count MSB counter " + c.index + " " + hex(m) + " (N = "
                        + ((lsb | m << 8) == 0 ? 0x10000 : lsb | m << 8) + ")", v -> v.lsb == lsb, st -> {
                            st.out(0x40 + c.index, m);
                            CounterView v = st.counters[c.index];
                            int n = v.lsb | m << 8;
                            v.count = n == 0 ? 0x10000 : n;
                            v.writtenNs = st.now();
                            v.firstCount = !v.everCounted;
                            v.everCounted = true;
                            v.gateSteady = v.index != 2 || st.gate2;
                            v.awaitingMsb = false;
                            if (v.index == 0) {
                                st.lastCount0 = v.count;
                            }
                        }));
            }
        };
    }

    /** "counter latch command": SC = n, RW = 00; ignored while an earlier latched count is unread. */
    static Action.Dependent<PitChain> latchCommand() {
        return new OnCounter() {
            @Override
            boolean allowed(PitChain s, CounterView c) {
                return c.loaded() && !c.liveMsbNext;
            }

            @Override
            Arbitrary<Transformer<PitChain>> on(PitChain s, CounterView c) {
                boolean ignored = c.countLatched;
                return Arbitraries.just(actOn(c, "counter latch command counter " + c.index
                        + (ignored ? " (a latched count is unread: ignored)" : ""), v -> v.countLatched == ignored, st -> {
                            st.out(0x43, c.index << 6);
                            st.latched(st.counters[c.index]);
                        }));
            }
        };
    }

    /** The counter latch command and the two reads of the latched count, LSB then MSB, as a guest reads a count. */
    static Action.Dependent<PitChain> latchAndRead() {
        return new OnCounter() {
            @Override
            boolean allowed(PitChain s, CounterView c) {
                return c.loaded() && c.readIdle();
            }

            @Override
            Arbitrary<Transformer<PitChain>> on(PitChain s, CounterView c) {
                String name = "counter latch command counter " + c.index + ", read LSB and MSB";
                return Arbitraries.just(actOn(c, name, v -> true, st -> {
                    CounterView v = st.counters[c.index];
                    st.out(0x43, c.index << 6);
                    st.latched(v);
                    st.read(v);
                    st.read(v);
                }));
            }
        };
    }

    private void latched(CounterView v) {
        if (!v.countLatched) {
            v.countLatched = true;
            v.latchedLsbRead = false;
            v.latchScript = script().size();
            v.latchNs = now();
            v.statusAtLatch = v.statusLatched;
        }
    }

    /** "read-back": the counts and/or the status of some counters latched at once (231164 "Read-Back Command"). */
    static Action.Dependent<PitChain> readBack() {
        return new Action.Dependent<>() {
            @Override
            public boolean precondition(PitChain s) {
                return List.of(s.counters).stream().anyMatch(c -> c.loaded() && !c.liveMsbNext);
            }

            @Override
            public Arbitrary<Transformer<PitChain>> transformer(PitChain s) {
                int allowed = 0;
                for (CounterView c : s.counters) {
                    allowed |= c.loaded() && !c.liveMsbNext ? 1 << c.index : 0;
                }
                int mask = allowed;
                return Combinators.combine(Arbitraries.integers().between(1, 7).filter(m -> (m & ~mask) == 0),
                        Arbitraries.of(1, 2, 3)).as((counters, what) -> {
                            boolean count = (what & 1) != 0;
                            boolean status = (what & 2) != 0;
                            int value = 0xc0 | (count ? 0 : 0x20) | (status ? 0 : 0x10) | counters << 1;
                            return act("read-back " + (count && status ? "count and status" : count ? "count" : "status")
                                    + " of counter" + (Integer.bitCount(counters) > 1 ? "s" : "") + " "
                                    + List.of(0, 1, 2).stream().filter(i -> (counters & 1 << i) != 0).toList()
                                    + " (" + hex(value) + ")", st -> {
                                        for (CounterView v : st.counters) {
                                            assume((counters & 1 << v.index) == 0 || v.loaded() && !v.liveMsbNext,
                                                    "counter " + v.index + " may be read back");
                                        }
                                        st.out(0x43, value);
                                        for (CounterView v : st.counters) {
                                            if ((counters & 1 << v.index) != 0) {
                                                if (count) {
                                                    st.latched(v);
                                                }
                                                v.statusLatched |= status;
                                                if (count && v.latchScript == st.script().size()) {
                                                    v.statusAtLatch = v.statusLatched;
                                                }
                                            }
                                        }
                                    });
                        });
            }
        };
    }

    /**
     * "read counter n": the status if one is latched, else a latched count's next byte ({@code latched}:
     * only then), else the count's next byte ({@code latched} false: only then).
     */
    static Action.Dependent<PitChain> readCounter(boolean latched) {
        return new OnCounter() {
            @Override
            boolean allowed(PitChain s, CounterView c) {
                return c.loaded() && (c.statusLatched || c.countLatched) == latched;
            }

            @Override
            Arbitrary<Transformer<PitChain>> on(PitChain s, CounterView c) {
                String what = nextRead(c);
                return Arbitraries.just(actOn(c, "read counter " + c.index + " (" + what + ")",
                        v -> nextRead(v).equals(what), st -> st.read(st.counters[c.index])));
            }
        };
    }

    /** What the next read of the counter returns. */
    private static String nextRead(CounterView c) {
        return c.statusLatched ? "status" : c.countLatched ? c.latchedLsbRead ? "latched MSB" : "latched LSB"
                : c.liveMsbNext ? "MSB" : "LSB";
    }

    private void read(CounterView v) {
        int value = in(0x40 + v.index);
        if (v.statusLatched) {
            v.statusLatched = false;
        } else if (v.countLatched) {
            if (!v.latchedLsbRead) {
                v.latchedLsb = value;
                v.latchedLsbRead = true;
            } else {
                v.countLatched = false;
                int count = v.latchedLsb | value << 8;
                reading = new Reading(v.index, count, v.latchNs, v.latchScript, v.statusAtLatch, v.mode, v.count,
                        v.writtenNs, v.firstCount, v.gateSteady, v.previous, v.previousNs);
                v.previous = count;
                v.previousNs = v.latchNs;
            }
        } else {
            v.liveMsbNext = !v.liveMsbNext;
        }
    }

    /** "advance clock": {@code clock_step N}, from a nanosecond to 0.1 s as the focus has it. */
    static Action.Dependent<PitChain> advance() {
        return s -> {
            long most = Math.min(s.affordableNs(), s.focus == Focus.LATCHES ? 100_000_000L : 2_000_000L);
            Arbitrary<Long> ns = Arbitraries.frequencyOf(
                    Tuple.of(s.focus == Focus.PERIODIC_COUNTS ? 6 : 3, Arbitraries.longs().between(1, CLK_NS)),
                    Tuple.of(2, Arbitraries.longs().between(1, most).withDistribution(RandomDistribution.uniform())));
            return ns.map(n -> act("advance clock " + n + " ns", st -> {
                assume(n <= st.affordableNs(), "counter 0's edges in " + n + " ns are few");
                st.clockStep(n);
            }));
        };
    }

    /** "advance clock one minute", once counter 0 counts in mode 2 or 3 with N of 1000 or more. */
    static Action.Independent<PitChain> minute() {
        return Action.<PitChain>builder().when(s -> s.counters[0].loaded() && (s.counters[0].mode == 2
                        || s.counters[0].mode == 3) && s.counters[0].count >= 1000 && s.periodicCount0() >= 1000)
                .just(act("advance clock one minute", st -> {
                    CounterView c = st.counters[0];
                    long before = st.rises;
                    st.clockStep(MINUTE_NS);
                    st.minute = new Minute(c.mode, c.count, st.rises - before);
                }));
    }

    /**
     * "advance clock H hours": hardware only, while counter 0 makes no run of IRQ0 edges (then
     * nothing counts but arithmetic), up to a million hours.
     */
    static Action.Dependent<PitChain> hours() {
        return new Action.Dependent<>() {
            @Override
            public boolean precondition(PitChain s) {
                return !s.qemu && s.periodicCount0() < 0 && Long.MAX_VALUE - s.now() > 1_000_000 * HOUR_NS;
            }

            @Override
            public Arbitrary<Transformer<PitChain>> transformer(PitChain s) {
                return Combinators.combine(Arbitraries.longs().between(0, 1_000_000), Arbitraries.longs().between(0, 3_000_000))
                        .as((h, extra) -> act("advance clock " + h + " hours and " + extra + " ns",
                                st -> st.clockStep(h * HOUR_NS + extra)));
            }
        };
    }

    /** "gate": port 61h bit 0 is GATE2 (bit 1, the speaker, at times too). */
    static Action.Independent<PitChain> gate() {
        return () -> Arbitraries.of(0x00, 0x01, 0x01, 0x03).map(v -> act("GATE2 " + ((v & 1) != 0 ? "high" : "low")
                + " (port 61h " + hex(v) + ")", st -> {
                    st.out(0x61, v);
                    boolean high = (v & 1) != 0;
                    if (high != st.gate2) {
                        st.counters[2].gateSteady = false;
                    }
                    st.gate2 = high;
                }));
    }
}
