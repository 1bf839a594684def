package org.trapline.models.pic;

import static org.trapline.models.device.Inspectable.hex;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.trapline.models.bus.IoDevice;
import org.trapline.models.irq.IrqSink;
import org.trapline.models.device.Inspectable;
import org.trapline.models.device.Quirk;

/**
 * One Intel 8259A programmable interrupt controller (datasheet 231468), with the PIIX3 edge/level
 * control register (ELCR) of its eight inputs. Offset 0 is the A0=0 port (ICW1, OCW2, OCW3; reads IRR
 * or ISR), any other offset the A0=1 port (ICW2-ICW4, OCW1; reads IMR).
 */
public final class Pic8259 implements IoDevice, Inspectable {
    /** The cascade input of the PC's master, where the slave's INT is wired. */
    static final int CASCADE_IR = 2;
    /** Answer of a poll read with nothing to service (the datasheet defines only the I bit, D7). */
    static final int POLL_NOTHING = 0x00;

    private final String name;
    private final boolean master;
    private final int elcrMask;
    private final boolean ltimIgnored;
    private final boolean edgeLatched;
    private final boolean icw1ClearsIsr;
    private final boolean icw1ForgetsLevels;
    private final boolean sfnmIgnoresCascadeIsr;
    private final boolean smmNonSpecificEoiClearsMasked;
    private final boolean elcrNoResample;
    private final boolean cascadeFixed;
    private final boolean upmIgnored;
    private final boolean intNotReevaluated;
    private Runnable outputChanged = () -> { };

    // --- The chip's state, all of it. ---
    private int irr;
    private int isr;
    private int imr;
    /** Level of each IR pin as last driven. */
    private int inputs;
    /** Levels the edge-sense circuit last saw (equal to inputs on the 8259A; QEMU forgets them on ICW1). */
    private int sensed;
    private int elcr;
    /** Which ICW the A0=1 port expects next: 0 none (OCW1), 2, 3 or 4. */
    private int expectedIcw;
    private int icw1;
    private int icw2;
    private int icw3;
    private int icw4;
    /** The IR level with the highest priority (0 until rotated). */
    private int highestPriorityIr;
    private boolean readIsr;
    private boolean poll;
    private boolean specialMask;
    private boolean rotateInAutoEoi;

    Pic8259(String name, boolean master, int elcrMask, Set<Quirk> quirks) {
        this.name = name;
        this.master = master;
        this.elcrMask = elcrMask;
        this.ltimIgnored = quirks.contains(PicQuirks.LTIM_IGNORED);
        this.edgeLatched = quirks.contains(PicQuirks.EDGE_IRR_LATCHED);
        this.icw1ClearsIsr = quirks.contains(PicQuirks.ICW1_CLEARS_ISR);
        this.icw1ForgetsLevels = quirks.contains(PicQuirks.ICW1_FORGETS_INPUT_LEVEL);
        this.sfnmIgnoresCascadeIsr = quirks.contains(PicQuirks.SFNM_IGNORES_CASCADE_ISR);
        this.smmNonSpecificEoiClearsMasked = quirks.contains(PicQuirks.SMM_NONSPECIFIC_EOI);
        this.elcrNoResample = quirks.contains(PicQuirks.ELCR_NO_RESAMPLE);
        this.cascadeFixed = quirks.contains(PicQuirks.CASCADE_FIXED_IR2);
        this.upmIgnored = quirks.contains(PicQuirks.UPM_IGNORED);
        this.intNotReevaluated = quirks.contains(PicQuirks.INT_NOT_REEVALUATED);
    }

    /** Called after every change that may move the INT output (the slave's INT feeds the master). */
    void onOutputChange(Runnable listener) {
        this.outputChanged = listener;
    }

    /** Re-evaluates INT; {@code qemuDoes} says whether QEMU's i8259 does so at this point too. */
    private void update(boolean qemuDoes) {
        if (qemuDoes || !intNotReevaluated) {
            outputChanged.run();
        }
    }

    // ------------------------------------------------------------------ reset

    /**
     * The chip's RESET (the board's PCIRST#/RSTDRV): the 8259A datasheet leaves the state before
     * ICW1 undefined, so the chip returns to the state it starts in: IRR, ISR, IMR and ELCR (PIIX3
     * default 00h) clear, no ICW expected, IRR selected for reading. The IR pins keep the levels
     * driven onto them; the edge-sense circuit sees them as they are (no edge without a transition),
     * unless QEMU forgets them (quirk {@link PicQuirks#ICW1_FORGETS_INPUT_LEVEL}).
     */
    void reset() {
        irr = 0;
        isr = 0;
        imr = 0;
        elcr = 0;
        icw1 = 0;
        icw2 = 0;
        icw3 = 0;
        icw4 = 0;
        expectedIcw = 0;
        highestPriorityIr = 0;
        readIsr = false;
        poll = false;
        specialMask = false;
        rotateInAutoEoi = false;
        sensed = icw1ForgetsLevels ? 0 : inputs;
        update(true);
    }

    // ------------------------------------------------------------------ inputs

    /** The IR0..IR7 pins. */
    IrqSink[] inputs() {
        IrqSink[] pins = new IrqSink[8];
        for (int i = 0; i < 8; i++) {
            int ir = i;
            pins[i] = high -> setInput(ir, high);
        }
        return pins;
    }

    /** Drives IR{@code ir}. Driving the level it already has is not an edge. */
    void setInput(int ir, boolean high) {
        int bit = 1 << ir;
        inputs = high ? inputs | bit : inputs & ~bit;
        if (levelTriggered(ir)) {
            // 231468 "Edge and Level Triggered Modes": in level mode the request follows the input.
            irr = high ? irr | bit : irr & ~bit;
        } else if (high) {
            if ((sensed & bit) == 0) {
                irr |= bit;
            }
        } else if (!edgeLatched) {
            // The input fell before INTA: the request is gone (an INTA now gets the default IR7).
            irr &= ~bit;
        }
        sensed = high ? sensed | bit : sensed & ~bit;
        update(true);
    }

    private boolean levelTriggered(int ir) {
        return (elcr & (1 << ir)) != 0 || (ltim() && !ltimIgnored);
    }

    // ------------------------------------------------------------------ priority

    /** Rank of {@code ir} under the current rotation: 0 is the highest priority, 7 the lowest. */
    private int rank(int ir) {
        return (ir - highestPriorityIr) & 7;
    }

    /**
     * The IR in {@code mask} with the highest priority, or -1 when the mask is empty: the mask turned
     * so that bit r is the IR of rank r, whose lowest set bit is then the winner.
     */
    private int highest(int mask) {
        int byRank = ((mask | mask << 8) >>> highestPriorityIr) & 0xff;
        return byRank == 0 ? -1 : (Integer.numberOfTrailingZeros(byRank) + highestPriorityIr) & 7;
    }

    /**
     * The request the priority resolver would pass to the CPU now, or -1: the highest-priority
     * unmasked request, if no level of equal or higher priority is in service (231468 "Fully Nested
     * Mode"). In special mask mode, masked in-service levels do not inhibit ("Special Mask Mode"). In
     * special fully nested mode the master lets a request on a cascade input through while that same
     * level is in service ("Special Fully Nested Mode").
     */
    int pendingIr() {
        int request = highest(irr & ~imr);
        if (request < 0) {
            return -1;
        }
        int blocking = specialMask ? isr & ~imr : isr;
        if (sfnm() && master && sfnmIgnoresCascadeIsr) {
            blocking &= ~(1 << CASCADE_IR);
        }
        int inService = highest(blocking);
        if (inService < 0 || rank(request) < rank(inService)) {
            return request;
        }
        boolean sameCascadeLevel = request == inService && sfnm() && master && isCascadeInput(request);
        return sameCascadeLevel ? request : -1;
    }

    /** The INT output. */
    public boolean interruptOutput() {
        return pendingIr() >= 0;
    }

    /** Whether a slave's INT (and so its vector) sits on input {@code ir} of this master. */
    boolean isCascadeInput(int ir) {
        if (!master) {
            return false;
        }
        if (cascadeFixed) {
            return ir == CASCADE_IR;
        }
        return !single() && (icw3 & (1 << ir)) != 0;
    }

    /** Whether this slave answers the cascade address {@code ir} (its ICW3 ID). */
    boolean answersCascade(int ir) {
        return cascadeFixed || (!single() && (icw3 & 7) == ir);
    }

    // ------------------------------------------------------------------ INTA

    /**
     * The acknowledge of level {@code ir}: its ISR bit is set (not in AEOI mode, which ends the
     * interrupt at the last INTA, rotating if so told) and an edge request is consumed; a level
     * request stays as long as its input is high (231468 "Interrupt Sequence", "AEOI").
     */
    void acknowledge(int ir) {
        int bit = 1 << ir;
        if (aeoi()) {
            if (rotateInAutoEoi) {
                highestPriorityIr = (ir + 1) & 7;
            }
        } else {
            isr |= bit;
        }
        if (!levelTriggered(ir)) {
            irr &= ~bit;
        }
        update(true);
    }

    /**
     * What this chip puts on the data bus for level {@code ir}: in 8086 mode T7-T3 of ICW2 and the
     * level; in MCS-80/85 mode the CALL address of the interrupt routine (ICW1 A7-A5 and ICW2 A15-A8,
     * at intervals of 4 or 8 as ADI says).
     */
    int vector(int ir) {
        if (upm() || upmIgnored) {
            return (icw2 & 0xf8) | ir;
        }
        if ((icw1 & 0x04) != 0) {
            return (icw2 << 8) | (icw1 & 0xe0) | (ir << 2);
        }
        return (icw2 << 8) | (icw1 & 0xc0) | (ir << 3);
    }

    // ------------------------------------------------------------------ port decode

    @Override
    public long read(long offset, int size) {
        if (poll) {
            return pollRead();
        }
        if (offset == 0) {
            return readIsr ? isr : irr;
        }
        return imr;
    }

    @Override
    public void write(long offset, int size, long value) {
        int v = (int) value & 0xff;
        if (offset == 0) {
            if ((v & 0x10) != 0) {
                icw1(v);
            } else if ((v & 0x08) != 0) {
                ocw3(v);
            } else {
                ocw2(v);
            }
            return;
        }
        switch (expectedIcw) {
            case 2 -> {
                icw2 = v;
                expectedIcw = !single() ? 3 : ic4() ? 4 : 0;
            }
            case 3 -> {
                icw3 = v;
                expectedIcw = ic4() ? 4 : 0;
            }
            case 4 -> {
                icw4 = v & 0x1f;
                expectedIcw = 0;
            }
            default -> {
                imr = v;
                update(true);
                return;
            }
        }
        update(false);
    }

    /**
     * The poll command makes the next read an acknowledge: D7 says whether a level wants service,
     * D2-D0 name the highest one (231468 "The Poll Command").
     */
    private int pollRead() {
        poll = false;
        int ir = pendingIr();
        if (ir < 0) {
            return POLL_NOTHING;
        }
        acknowledge(ir);
        return 0x80 | ir;
    }

    /**
     * ICW1 (231468 "Initialization Command Words"): the edge-sense circuit is reset, IMR cleared,
     * IR7 given the lowest priority, the slave address set to 7, special mask mode cleared and the
     * status read set to IRR; without IC4 every ICW4 function is zero.
     */
    private void icw1(int v) {
        icw1 = v;
        icw4 = 0;
        icw3 = master ? 0 : 7;
        imr = 0;
        highestPriorityIr = 0;
        specialMask = false;
        readIsr = false;
        poll = false;
        rotateInAutoEoi = false;
        if (icw1ClearsIsr) {
            isr = 0;
        }
        if (icw1ForgetsLevels) {
            // QEMU keeps only ELCR-level requests and forgets what the inputs were.
            irr &= elcr;
            sensed = 0;
        } else {
            // Edge requests are dropped; a held-high input needs a new rising edge. Level requests
            // follow their inputs (LTIM may have just changed).
            irr = inputs & levelMask();
            sensed = inputs;
        }
        expectedIcw = 2;
        update(true);
    }

    private int levelMask() {
        return (ltim() && !ltimIgnored) ? 0xff : elcr;
    }

    /** OCW2: R, SL, EOI in D7-D5, the level in D2-D0 (231468 "Operation Command Words", OCW2). */
    private void ocw2(int v) {
        int level = v & 7;
        boolean qemuUpdates = true;
        switch (v >> 5) {
            case 0 -> {
                rotateInAutoEoi = false;
                qemuUpdates = false;
            }
            case 4 -> {
                rotateInAutoEoi = true;
                qemuUpdates = false;
            }
            case 1, 5 -> {
                int ir = highest(smmNonSpecificEoiClearsMasked || !specialMask ? isr : isr & ~imr);
                qemuUpdates = isr != 0;
                if (ir >= 0) {
                    isr &= ~(1 << ir);
                    if (v >> 5 == 5) {
                        highestPriorityIr = (ir + 1) & 7;
                    }
                }
            }
            case 3 -> isr &= ~(1 << level);
            case 6 -> highestPriorityIr = (level + 1) & 7;
            case 7 -> {
                isr &= ~(1 << level);
                highestPriorityIr = (level + 1) & 7;
            }
            default -> qemuUpdates = false; // 010: no operation
        }
        update(qemuUpdates);
    }

    /** OCW3: ESMM/SMM in D6-D5, P in D2, RR/RIS in D1-D0. */
    private void ocw3(int v) {
        if ((v & 0x04) != 0) {
            poll = true;
        }
        if ((v & 0x02) != 0) {
            readIsr = (v & 0x01) != 0;
        }
        if ((v & 0x40) != 0) {
            specialMask = (v & 0x20) != 0;
        }
        update(false);
    }

    // ------------------------------------------------------------------ ELCR

    int elcr() {
        return elcr;
    }

    /** ELCR write (PIIX3 04D0h/04D1h): reserved bits stay 0; a level input's request follows its pin. */
    void writeElcr(int value) {
        elcr = value & elcrMask;
        if (!elcrNoResample) {
            irr = (irr & ~elcr) | (inputs & elcr);
        }
        update(false);
    }

    // ------------------------------------------------------------------ mode bits

    private boolean ltim() {
        return (icw1 & 0x08) != 0;
    }

    private boolean single() {
        return (icw1 & 0x02) != 0;
    }

    private boolean ic4() {
        return (icw1 & 0x01) != 0;
    }

    private boolean upm() {
        return (icw4 & 0x01) != 0;
    }

    private boolean aeoi() {
        return (icw4 & 0x02) != 0;
    }

    private boolean sfnm() {
        return (icw4 & 0x10) != 0;
    }

    public int irr() {
        return irr;
    }

    public int isr() {
        return isr;
    }

    public int imr() {
        return imr;
    }

    /** The IR level that has the lowest priority now (7 unless rotated). */
    public int lowestPriorityIr() {
        return (highestPriorityIr + 7) & 7;
    }

    public boolean master() {
        return master;
    }

    @Override
    public String deviceName() {
        return name;
    }

    @Override
    public Map<String, String> registers() {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("IRR", hex(irr));
        r.put("ISR", hex(isr));
        r.put("IMR", hex(imr));
        r.put("ELCR", hex(elcr));
        r.put("inputs", hex(inputs));
        r.put("ICW1", hex(icw1));
        r.put("ICW2 base", hex(icw2 & 0xf8));
        r.put("ICW3", hex(icw3));
        r.put("ICW4", hex(icw4));
        r.put("expecting", expectedIcw == 0 ? "OCW" : "ICW" + expectedIcw);
        r.put("lowest priority", "IR" + lowestPriorityIr());
        r.put("read", readIsr ? "ISR" : "IRR");
        r.put("poll", Boolean.toString(poll));
        r.put("special mask", Boolean.toString(specialMask));
        r.put("rotate in AEOI", Boolean.toString(rotateInAutoEoi));
        r.put("INT", Boolean.toString(interruptOutput()));
        return r;
    }
}
