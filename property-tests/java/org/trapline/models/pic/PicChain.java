package org.trapline.models.pic;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.ActionChainArbitrary;
import net.jqwik.api.state.Transformer;

import org.trapline.chains.ScriptedState;
import org.trapline.models.device.Quirk;
import org.trapline.models.machine.Profile;
import org.trapline.qtest.QtestCommand;
import org.trapline.target.MachineArgs;

/**
 * The PC's 8259A pair (Intel 231468) and its PIIX3 ELCRs driven by the datasheet's actions: the
 * ICW1-ICW4 initialisation, the OCWs, the IR inputs, the INTA cycle. Each action is the qtest
 * commands a guest and the board would issue (the pair is QEMU's {@code device[6]} and {@code device[7]}).
 * The chain starts from the reset pair; the OCWs come only after the chip's initialisation, the INTA
 * cycle only once both chips are initialised (the vectors are then the PC's, 08h and 70h).
 */
final class PicChain extends ScriptedState {
    static final String MASTER_PATH = "/machine/unattached/device[6]";
    static final String SLAVE_PATH = "/machine/unattached/device[7]";
    static final int MASTER_BASE = 0x08;
    static final int SLAVE_BASE = 0x70;

    /** One of the chip's ports: 0 the master, 1 the slave. */
    static final int MASTER = 0;
    static final int SLAVE = 1;
    private static final int[] COMMAND_PORT = {0x20, 0xa0};
    private static final String[] CHIP = {"master", "slave"};

    /** An INTA cycle: what the pair showed before it, and the vector it answered. */
    record Inta(boolean intr, int requests, int slaveRequests, int lowest, int masterImr, int slaveImr, int vector) {
    }

    /** An OCW2 EOI: the chip's ISR before and after, its priority and special mask mode before. */
    record Eoi(int chip, int command, int before, int after, int lowest, boolean specialMask) {
    }

    final String profile;
    final PicBoard b;
    /** Which chips have been given their ICW1-ICW4. */
    private final boolean[] initialised = new boolean[2];

    // What the current action found and did, for the invariants.
    int masterIsrBefore;
    int slaveIsrBefore;
    /** The chips whose ISR an acknowledge (the INTA cycle, a read after the poll command) may have set in this action. */
    final boolean[] acknowledged = new boolean[2];
    Inta inta;
    Eoi eoi;

    PicChain(String profile) {
        this.profile = profile;
        this.b = new PicBoard(quirks(profile));
    }

    static Set<Quirk> quirks(String profile) {
        return profile.equals(Profile.HARDWARE.id()) ? Set.of() : Profile.QEMU_PC.quirks();
    }

    static Arbitrary<String> profiles() {
        return Arbitraries.of(Profile.HARDWARE.id(), Profile.QEMU_PC.id());
    }

    @Override
    public String machine() {
        return MachineArgs.DEFAULT;
    }

    @Override
    public String profile() {
        return profile;
    }

    Pic8259 chip(int chip) {
        return chip == MASTER ? b.pic.master() : b.pic.slave();
    }

    boolean initialised(int chip) {
        return initialised[chip];
    }

    boolean bothInitialised() {
        return initialised[MASTER] && initialised[SLAVE];
    }

    static boolean pollPending(Pic8259 chip) {
        return Boolean.parseBoolean(chip.registers().get("poll"));
    }

    static boolean specialMask(Pic8259 chip) {
        return Boolean.parseBoolean(chip.registers().get("special mask"));
    }

    @Override
    protected void beforeAction() {
        masterIsrBefore = b.pic.master().isr();
        slaveIsrBefore = b.pic.slave().isr();
        acknowledged[MASTER] = false;
        acknowledged[SLAVE] = false;
        inta = null;
        eoi = null;
    }

    @Override
    protected long execute(QtestCommand command) {
        if (command instanceof QtestCommand.PortWrite w) {
            b.io.write(w.port(), w.size(), w.value());
            return 0;
        }
        if (command instanceof QtestCommand.PortRead r) {
            // 231468 "The Poll Command": the RD after it is the chip's interrupt acknowledge.
            for (int port = r.port(); port < r.port() + r.size(); port++) {
                int chip = chipAt(port);
                if (chip >= 0 && pollPending(chip(chip))) {
                    acknowledged[chip] = true;
                }
            }
            return b.io.read(r.port(), r.size());
        }
        if (command instanceof QtestCommand.SetIrqIn s) {
            (s.path().equals(MASTER_PATH) ? b.pic.masterInputs() : b.pic.slaveInputs())[s.pin()].setLevel(s.level() != 0);
            return 0;
        }
        if (command instanceof QtestCommand.Inta) {
            acknowledged[MASTER] = true;
            acknowledged[SLAVE] = true;
            return b.pic.acknowledge();
        }
        throw new IllegalArgumentException("the PIC's chain has no use for '" + command.text() + "'");
    }

    /** The chip at an I/O port, or -1. */
    private static int chipAt(int port) {
        return switch (port) {
            case 0x20, 0x21 -> MASTER;
            case 0xa0, 0xa1 -> SLAVE;
            default -> -1;
        };
    }

    /** An action of this chain: {@link ScriptedState#step} for a {@code PicChain}. */
    private static Transformer<PicChain> act(String name, Consumer<PicChain> body) {
        return step(name, body);
    }

    /** An action on {@code chip} once it is initialised (and still, in a shrunk chain). */
    private static Transformer<PicChain> actOn(int chip, String name, Consumer<PicChain> body) {
        return step(name, s -> {
            assume(s.initialised(chip), "the " + CHIP[chip] + " is initialised");
            body.accept(s);
        });
    }

    private void out(int port, int value) {
        run("outb " + hex(port) + " " + hex(value));
    }

    private int in(int port) {
        return (int) run("inb " + hex(port));
    }

    @Override
    public String toString() {
        return "PicChain[" + profile + ", " + actions() + " actions; master " + chip(MASTER).registers() + "; slave "
                + chip(SLAVE).registers() + "]";
    }

    // ------------------------------------------------------------------ the datasheet's actions

    /**
     * The chain of every action below, from the reset pair of the profile {@code profile} names when
     * the chain starts (a property's parameter: a chain's arbitrary must not be flat-mapped, or jqwik
     * cannot shrink it).
     */
    static ActionChainArbitrary<PicChain> datasheet(Supplier<String> profile) {
        return ActionChain.startWith(() -> new PicChain(profile.get()))
                .withAction(8, initialiseUninitialised())
                .withAction(1, initialise())
                .withAction(1, ocw1())
                .withAction(3, ocw2())
                .withAction(1, ocw3Read())
                .withAction(1, ocw3Poll())
                .withAction(1, ocw3())
                .withAction(1, readImr())
                .withAction(5, irq(true))
                .withAction(2, irq(false))
                .withAction(1, elcr())
                .withAction(5, inta());
    }

    private static Arbitrary<Integer> chips() {
        return Arbitraries.of(MASTER, SLAVE);
    }

    private static Arbitrary<Integer> bytes() {
        return Arbitraries.integers().between(0, 255);
    }

    /** An action on one chip that is only meaningful once that chip is initialised. */
    private static Action.Dependent<PicChain> onInitialisedChip(Arbitrary<Transformer<PicChain>> forMaster,
            Arbitrary<Transformer<PicChain>> forSlave) {
        return new Action.Dependent<>() {
            @Override
            public boolean precondition(PicChain s) {
                return s.initialised(MASTER) || s.initialised(SLAVE);
            }

            @Override
            public Arbitrary<Transformer<PicChain>> transformer(PicChain s) {
                if (!s.initialised(MASTER)) {
                    return forSlave;
                }
                return s.initialised(SLAVE) ? Arbitraries.oneOf(forMaster, forSlave) : forMaster;
            }
        };
    }

    /**
     * "ICW1..ICW4 initialise": the PC BIOS's sequence, ICW1 11h (edge, cascade, IC4), ICW2 the vector
     * base (master 08h, slave 70h), ICW3 (master: a slave on IR2; slave: ID 2), ICW4 8086 mode, with
     * AEOI or special fully nested mode at times.
     */
    static Action.Independent<PicChain> initialise() {
        return () -> initialise(chips());
    }

    /** The same, for a chip not yet initialised: the first thing a BIOS does. */
    static Action.Dependent<PicChain> initialiseUninitialised() {
        return new Action.Dependent<>() {
            @Override
            public boolean precondition(PicChain s) {
                return !s.bothInitialised();
            }

            @Override
            public Arbitrary<Transformer<PicChain>> transformer(PicChain s) {
                return initialise(Arbitraries.just(s.initialised(MASTER) ? SLAVE : MASTER));
            }
        };
    }

    private static Arbitrary<Transformer<PicChain>> initialise(Arbitrary<Integer> chips) {
        return Combinators.combine(chips, Arbitraries.of(0x01, 0x01, 0x03, 0x11)).as((chip, icw4) -> {
            String mode = icw4 == 0x03 ? ", AEOI" : icw4 == 0x11 ? ", special fully nested" : "";
            return act("ICW1..ICW4 initialise " + CHIP[chip] + ": ICW1 0x11, ICW2 "
                    + hex(chip == MASTER ? MASTER_BASE : SLAVE_BASE) + ", ICW3 " + hex(chip == MASTER ? 0x04 : 0x02)
                    + ", ICW4 " + hex(icw4) + " (8086" + mode + ")", s -> {
                        int port = COMMAND_PORT[chip];
                        s.out(port, 0x11);
                        s.out(port + 1, chip == MASTER ? MASTER_BASE : SLAVE_BASE);
                        s.out(port + 1, chip == MASTER ? 0x04 : 0x02);
                        s.out(port + 1, icw4);
                        s.initialised[chip] = true;
                    });
        });
    }

    /** "OCW1 set mask": the IMR, through the A0=1 port. */
    static Action.Dependent<PicChain> ocw1() {
        return onInitialisedChip(ocw1(MASTER), ocw1(SLAVE));
    }

    private static Arbitrary<Transformer<PicChain>> ocw1(int chip) {
        return bytes().map(mask -> actOn(chip, "OCW1 set mask " + hex(mask) + " (" + CHIP[chip] + ")",
                s -> s.out(COMMAND_PORT[chip] + 1, mask)));
    }

    private static final String[] OCW2 = {"rotate in AEOI clear", "non-specific EOI", "no operation", "specific EOI",
        "rotate in AEOI set", "rotate on non-specific EOI", "set priority", "rotate on specific EOI"};

    /** OCW2, every R SL EOI code with a level: the EOIs, the rotations, set priority. */
    static Action.Dependent<PicChain> ocw2() {
        return onInitialisedChip(ocw2(MASTER), ocw2(SLAVE));
    }

    private static Arbitrary<Transformer<PicChain>> ocw2(int chip) {
        return Combinators.combine(Arbitraries.integers().between(0, 7), Arbitraries.integers().between(0, 7))
                .as((code, level) -> {
                    int value = code << 5 | level;
                    String name = "OCW2 " + OCW2[code] + ((code & 3) == 3 || code == 6 ? " IR" + level : "");
                    return actOn(chip, name + " (" + CHIP[chip] + ", " + hex(value) + ")", s -> s.ocw2(chip, value));
                });
    }

    private void ocw2(int chip, int value) {
        Pic8259 c = chip(chip);
        int before = c.isr();
        int lowest = c.lowestPriorityIr();
        boolean specialMask = specialMask(c);
        out(COMMAND_PORT[chip], value);
        if ((value & 0x20) != 0) {
            eoi = new Eoi(chip, value, before, c.isr(), lowest, specialMask);
        }
    }

    /** "OCW3 read IRR/ISR": RR with RIS, then RD of the A0=0 port; unless a poll is pending, it reads that register. */
    static Action.Dependent<PicChain> ocw3Read() {
        return onInitialisedChip(ocw3Read(MASTER), ocw3Read(SLAVE));
    }

    private static Arbitrary<Transformer<PicChain>> ocw3Read(int chip) {
        return Arbitraries.of(false, true).map(isr -> actOn(chip, "OCW3 read " + (isr ? "ISR" : "IRR") + " (" + CHIP[chip] + ")",
                s -> s.readRegister(chip, isr)));
    }

    private void readRegister(int chip, boolean isr) {
        Pic8259 c = chip(chip);
        int port = COMMAND_PORT[chip];
        out(port, isr ? 0x0b : 0x0a);
        boolean poll = pollPending(c);
        int expected = isr ? c.isr() : c.irr();
        int read = in(port);
        if (!poll && read != expected) {
            throw new AssertionError("OCW3 read " + (isr ? "ISR" : "IRR") + " of the " + CHIP[chip] + " read "
                    + hex(read) + ", the register holds " + hex(expected));
        }
    }

    /** "OCW3 poll": the poll command, then the RD that is its acknowledge (231468 "The Poll Command"). */
    static Action.Dependent<PicChain> ocw3Poll() {
        return onInitialisedChip(ocw3Poll(MASTER), ocw3Poll(SLAVE));
    }

    private static Arbitrary<Transformer<PicChain>> ocw3Poll(int chip) {
        return Arbitraries.just(actOn(chip, "OCW3 poll (" + CHIP[chip] + ")", s -> {
            s.out(COMMAND_PORT[chip], 0x0c);
            s.in(COMMAND_PORT[chip]);
        }));
    }

    /** OCW3 alone, any of its functions: ESMM/SMM, the poll command (its RD left for later), RR/RIS. */
    static Action.Dependent<PicChain> ocw3() {
        return onInitialisedChip(ocw3(MASTER), ocw3(SLAVE));
    }

    private static Arbitrary<Transformer<PicChain>> ocw3(int chip) {
        return bytes().map(bits -> {
            int value = 0x08 | (bits & 0x67);
            return actOn(chip, "OCW3 " + ocw3Functions(value) + " (" + CHIP[chip] + ", " + hex(value) + ")",
                    s -> s.out(COMMAND_PORT[chip], value));
        });
    }

    private static String ocw3Functions(int value) {
        List<String> f = new ArrayList<>();
        if ((value & 0x40) != 0) {
            f.add((value & 0x20) != 0 ? "set special mask" : "reset special mask");
        }
        if ((value & 0x04) != 0) {
            f.add("poll command");
        }
        if ((value & 0x02) != 0) {
            f.add((value & 0x01) != 0 ? "read ISR next" : "read IRR next");
        }
        return f.isEmpty() ? "no operation" : String.join(", ", f);
    }

    /** RD of the A0=1 port: the IMR (or, after the poll command, the poll word). */
    static Action.Dependent<PicChain> readImr() {
        return onInitialisedChip(readImr(MASTER), readImr(SLAVE));
    }

    private static Arbitrary<Transformer<PicChain>> readImr(int chip) {
        return Arbitraries.just(actOn(chip, "read IMR (" + CHIP[chip] + ")", s -> s.in(COMMAND_PORT[chip] + 1)));
    }

    /** "raise IRQ n" / "lower IRQ n": an IR input of the master (IRQ 0-7) or the slave (IRQ 8-15) driven. */
    static Action.Independent<PicChain> irq(boolean high) {
        return () -> Arbitraries.integers().between(0, 15).map(irq -> act((high ? "raise" : "lower") + " IRQ " + irq,
                s -> s.run("set_irq_in " + (irq < 8 ? MASTER_PATH : SLAVE_PATH) + " unnamed-gpio-in " + (irq & 7) + " "
                        + (high ? 1 : 0))));
    }

    /** A write of the PIIX3's ELCR1 (04D0h, IRQ 0-7) or ELCR2 (04D1h, IRQ 8-15): edge or level per input. */
    static Action.Independent<PicChain> elcr() {
        return () -> Combinators.combine(chips(), bytes()).as((chip, value) -> act(
                "write ELCR" + (chip + 1) + " " + hex(value), s -> s.out(0x4d0 + chip, value)));
    }

    /** "INTA cycle": the CPU's interrupt acknowledge, once both chips are initialised. */
    static Action.Independent<PicChain> inta() {
        return Action.<PicChain>builder().when(PicChain::bothInitialised).describeAs("INTA cycle").just(
                act("INTA cycle", PicChain::intaCycle));
    }

    private void intaCycle() {
        Pic8259 m = b.pic.master();
        Pic8259 s = b.pic.slave();
        boolean intr = b.pic.interruptRequested();
        int requests = m.irr() & ~m.imr();
        int slaveRequests = s.irr() & ~s.imr();
        int lowest = m.lowestPriorityIr();
        int masterImr = m.imr();
        int slaveImr = s.imr();
        int vector = (int) run("inta");
        inta = new Inta(intr, requests, slaveRequests, lowest, masterImr, slaveImr, vector);
    }

    // ------------------------------------------------------------------ any access at all

    /**
     * Any access a guest can make near the pair's ports, from the reset pair: reads and writes of
     * every width to 1Ch-24h, 9Ch-A4h and 4CCh-4D5h, the inputs driven, the INTA cycle at any time.
     */
    static ActionChainArbitrary<PicChain> anyAccess(Supplier<String> profile) {
        return ActionChain.startWith(() -> new PicChain(profile.get()))
                .withAction(3, portAccess(false))
                .withAction(3, portAccess(true))
                .withAction(2, irq(true))
                .withAction(1, irq(false))
                .withAction(1, Action.just(act("INTA cycle", s -> s.run("inta"))));
    }

    private static Action.Independent<PicChain> portAccess(boolean write) {
        Arbitrary<Integer> port = Arbitraries.oneOf(Arbitraries.integers().between(0x1c, 0x24),
                Arbitraries.integers().between(0x9c, 0xa4), Arbitraries.integers().between(0x4cc, 0x4d5));
        return () -> Combinators.combine(port, Arbitraries.of(1, 2, 4), Arbitraries.longs().between(0, 0xffff_ffffL))
                .as((p, width, value) -> {
                    String suffix = width == 1 ? "b" : width == 2 ? "w" : "l";
                    String line = write
                            ? "out" + suffix + " " + hex(p) + " " + hex(value & ((1L << (8 * width)) - 1))
                            : "in" + suffix + " " + hex(p);
                    return act(line, s -> s.run(line));
                });
    }
}
