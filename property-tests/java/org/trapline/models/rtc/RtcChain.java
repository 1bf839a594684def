package org.trapline.models.rtc;

import static org.trapline.models.rtc.RtcBoard.SEC;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
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
import org.trapline.models.device.Quirk;
import org.trapline.models.machine.MachineConfig;
import org.trapline.models.machine.Profile;
import org.trapline.qtest.QtestCommand;
import org.trapline.target.MachineArgs;

/**
 * The MC146818A at ports 70h/71h, started at 2001-02-03T04:05:06 with the PC BIOS's register A
 * (26h) and B (02h), driven by the datasheet's actions: selecting a register and writing or reading
 * it, register A's divider and rate select, register B's SET, PIE and data mode, reading register C,
 * an interrupt handler servicing IRQ8, and guest time. Each action is the qtest commands a guest would issue.
 */
final class RtcChain extends ScriptedState {
    /** The indices the chain writes: the time, alarm and status registers, the PC's century bytes. */
    static final int[] INDICES = {0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x32, 0x37};
    /** The time and date registers a BIOS reads: seconds, minutes, hours, day of week, date, month, year. */
    static final int[] TIME = {0x00, 0x02, 0x04, 0x06, 0x07, 0x08, 0x09};
    private static final String[] NAMES = {"seconds", "seconds alarm", "minutes", "minutes alarm", "hours",
        "hours alarm", "day of week", "date of month", "month", "year", "register A", "register B", "register C",
        "register D"};

    /** A time register read while the clock had run a second since the time, A or B was last written. */
    record TimeRead(int index, int value, boolean binary, boolean h24) {
    }

    /**
     * An interrupt handler's stretch: register A's rate select, whether A and B were as the table
     * needs, whether the rate changed from another while PIE was set (and PIE has not been set anew
     * since), the stretch's length and IRQ8's rising edges in it.
     */
    record Service(int rs, boolean periodicOnly, boolean rateChangedUnderPie, long seconds, long edges) {
    }

    final String profile;
    final RtcBoard b;
    /** The index last written to port 70h, less the NMI mask bit. */
    int index;
    /** Registers A and B as last written (the BIOS's values at first). */
    int regA = 0x26;
    int regB = 0x02;
    /** When the time registers, A or B were last written. */
    long lastTimeWriteNs;
    /** Register A's rate select went from one rate to another while PIE was set, and PIE has not been set anew since. */
    boolean rateChangedUnderPie;

    // What the current action found, for the invariants.
    final List<TimeRead> timeReads = new ArrayList<>();
    Service service;

    RtcChain(String profile) {
        this.profile = profile;
        Set<Quirk> quirks = profile.equals(Profile.HARDWARE.id()) ? Set.of() : Set.copyOf(RtcQuirks.all());
        this.b = new RtcBoard(quirks, MachineConfig.defaults().withRtcBase(RtcBoard.BASE));
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

    static String name(int index) {
        return index < NAMES.length ? NAMES[index] : "CMOS " + hex(index);
    }

    @Override
    protected void beforeAction() {
        timeReads.clear();
        service = null;
    }

    @Override
    protected long execute(QtestCommand command) {
        if (command instanceof QtestCommand.PortWrite w) {
            b.io.write(w.port(), w.size(), w.value());
            return 0;
        }
        if (command instanceof QtestCommand.PortRead r) {
            return b.io.read(r.port(), r.size());
        }
        if (command instanceof QtestCommand.Clock c && !c.absolute()) {
            if (c.toNextDeadline()) {
                b.scheduler.advanceToNextDeadline();
            } else {
                b.scheduler.advanceTo(b.now() + c.ns());
            }
            return 0;
        }
        throw new IllegalArgumentException("the RTC's chain has no use for '" + command.text() + "'");
    }

    /** The time registers count: DV = 010 (the 32.768 kHz time base) and SET = 0 (MC146818A registers A, B). */
    boolean clockRuns() {
        return (regA & 0x70) == 0x20 && (regB & 0x80) == 0;
    }

    private static boolean isTime(int index) {
        return index == 0x00 || index == 0x02 || index == 0x04 || (index >= 0x06 && index <= 0x09) || index == 0x32
                || index == 0x37;
    }

    private void select(int value) {
        run("outb 0x70 " + hex(value));
        index = value & 0x7f;
    }

    private void write(int value) {
        run("outb 0x71 " + hex(value));
        if (index == 0x0a) {
            int oldRs = regA & 0x0f;
            int rs = value & 0x0f;
            if ((regB & 0x40) != 0 && rs != oldRs) {
                rateChangedUnderPie = oldRs != 0 && rs != 0;
            }
            regA = value;
        } else if (index == 0x0b) {
            if ((regB & 0x40) == 0 && (value & 0x40) != 0) {
                rateChangedUnderPie = false;
            }
            regB = value;
        }
        if (isTime(index) || index == 0x0a || index == 0x0b) {
            lastTimeWriteNs = b.now();
        }
    }

    private int read() {
        boolean settled = clockRuns() && b.now() - lastTimeWriteNs >= SEC;
        int value = (int) run("inb 0x71");
        if (settled && isTime(index) && index < 0x10) {
            timeReads.add(new TimeRead(index, value, (regB & 0x04) != 0, (regB & 0x02) != 0));
        }
        return value;
    }

    @Override
    public String toString() {
        return "RtcChain[" + profile + ", " + actions() + " actions, t=" + b.now() + " ns, " + b.rtc.registers() + "]";
    }

    // ------------------------------------------------------------------ the datasheet's actions

    /**
     * Every action ({@code interrupts}: more writes of A and B and the IRQ8 handler, no reads of the
     * time), from the board of the profile {@code profile} names when the chain starts (a property's
     * parameter: a chain's arbitrary must not be flat-mapped, or jqwik cannot shrink it).
     */
    static ActionChainArbitrary<RtcChain> chain(Supplier<String> profile, boolean interrupts) {
        ActionChainArbitrary<RtcChain> chain = ActionChain.startWith(() -> new RtcChain(profile.get()))
                .withAction(1, selectRegister())
                .withAction(1, writeSelected())
                .withAction(1, readSelected())
                .withAction(interrupts ? 6 : 2, writeRegister())
                .withAction(1, readRegisterC())
                .withAction(3, advance());
        return interrupts ? chain.withAction(3, serviceIrq8()) : chain.withAction(3, readTime());
    }

    private static Transformer<RtcChain> act(String name, Consumer<RtcChain> body) {
        return step(name, body);
    }

    /** A value for the register at {@code index}: mostly what a guest writes there, at times any byte. */
    static Arbitrary<Integer> valueFor(int index) {
        Arbitrary<Integer> any = Arbitraries.integers().between(0, 255);
        Arbitrary<Integer> rs = Arbitraries.integers().between(0, 15);
        return switch (index) {
            // DV = 010 with a rate, the divider reset (11x), or anything.
            case 0x0a -> Arbitraries.frequencyOf(Tuple.of(4, rs.map(r -> 0x20 | r)), Tuple.of(1, rs.map(r -> 0x60 | r)),
                    Tuple.of(1, any));
            // PIE alone with DM, 24/12, SQWE, DSE at random; SET = 0 with those and PIE at random; or anything.
            case 0x0b -> Arbitraries.frequencyOf(Tuple.of(2, any.map(v -> 0x40 | v & 0x0f)),
                    Tuple.of(3, any.map(v -> v & 0x4f)), Tuple.of(1, any));
            default -> any;
        };
    }

    private static Arbitrary<Integer> indices() {
        return Arbitraries.of(Arrays.stream(INDICES).boxed().toList());
    }

    /** "select register": the index port, 70h (bit 7 is the board's NMI mask). */
    static Action.Independent<RtcChain> selectRegister() {
        return () -> Combinators.combine(indices(), Arbitraries.of(0, 0, 0, 0x80)).as((i, nmi) -> act(
                "select " + name(i) + (nmi != 0 ? " (NMI masked)" : ""), s -> s.select(i | nmi)));
    }

    /** "write register": the data port, 71h, writes the register selected. */
    static Action.Dependent<RtcChain> writeSelected() {
        return s -> {
            int index = s.index;
            return valueFor(index).map(v -> act("write " + name(index) + " " + hex(v), st -> {
                assume(st.index == index, name(index) + " is selected");
                st.write(v);
            }));
        };
    }

    /** "read register": the data port, 71h, reads the register selected. */
    static Action.Dependent<RtcChain> readSelected() {
        return s -> {
            int index = s.index;
            return Arbitraries.just(act("read " + name(index), st -> {
                assume(st.index == index, name(index) + " is selected");
                st.read();
            }));
        };
    }

    /** "write register A/B/...": select, then write, as a guest sets a register. */
    static Action.Independent<RtcChain> writeRegister() {
        Arbitrary<Integer> indices = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(0x0a)),
                Tuple.of(3, Arbitraries.just(0x0b)), Tuple.of(4, indices()));
        return () -> indices.flatMap(i -> valueFor(i).map(v -> act("write " + name(i) + " " + hex(v), s -> {
            s.select(i);
            s.write(v);
        })));
    }

    /** "read the time": seconds, minutes, hours, day of week, date, month and year, each selected and read. */
    static Action.Independent<RtcChain> readTime() {
        return () -> Arbitraries.just(act("read the time and date registers", s -> {
            for (int i : TIME) {
                s.select(i);
                s.read();
            }
        }));
    }

    /** "read register C": the flags, cleared by the read, and IRQ8 released. */
    static Action.Independent<RtcChain> readRegisterC() {
        return () -> Arbitraries.just(act("read register C", s -> {
            s.select(0x0c);
            s.read();
        }));
    }

    /** "advance clock": up to three seconds of guest time. */
    static Action.Independent<RtcChain> advance() {
        return () -> Arbitraries.longs().between(1, 3 * SEC).withDistribution(RandomDistribution.uniform())
                .map(ns -> act("advance clock " + ns + " ns", s -> s.run("clock_step " + ns)));
    }

    /**
     * "service IRQ8": an interrupt handler's stretch of guest time: register C selected, then at each
     * timer deadline ({@code clock_step} with no argument) register C read, which releases IRQ8 for
     * the next edge; for one second when the rate select is 3-5, else for four. Only while register B
     * enables an interrupt.
     */
    static Action.Dependent<RtcChain> serviceIrq8() {
        return new Action.Dependent<>() {
            /** A handler runs only while register B enables an interrupt (PIE, AIE or UIE). */
            @Override
            public boolean precondition(RtcChain s) {
                return (s.regB & 0x70) != 0;
            }

            @Override
            public Arbitrary<Transformer<RtcChain>> transformer(RtcChain s) {
                return service(s);
            }
        };
    }

    private static Arbitrary<Transformer<RtcChain>> service(RtcChain s) {
        {
            int rs = s.regA & 0x0f;
            long seconds = rs >= 3 && rs <= 5 ? 1 : 4;
            return Arbitraries.just(act("service IRQ8 for " + seconds + " s, reading register C at every deadline", st -> {
                assume((st.regA & 0x0f) == rs, "the rate select is " + rs);
                boolean periodicOnly = rs != 0 && (st.regA & 0x7f) == (0x20 | rs) && (st.regB & 0xf0) == 0x40;
                st.select(0x0c);
                long end = st.b.now() + seconds * SEC;
                int before = st.b.risingEdges;
                var scheduler = st.b.scheduler;
                while (scheduler.nextDeadlineNs() >= 0 && scheduler.nextDeadlineNs() <= end) {
                    st.run("clock_step");
                    st.read();
                }
                st.service = new Service(rs, periodicOnly, st.rateChangedUnderPie, seconds, st.b.risingEdges - before);
            }));
        }
    }
}
