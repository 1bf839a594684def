package org.trapline.models.pit;

import static org.trapline.models.device.Inspectable.hex;

import java.util.Map;

/**
 * One 8254 counter's register file as the datasheet (231164) names it: the Control Word's RW, mode
 * and BCD fields, the Count Register (CR) with its write byte pointer, the Output Latch (OL) with
 * the read byte pointer, and the status latch. Counting is the {@link CountingElement}'s.
 */
final class Counter {
    static final int RW_LSB = 1;
    static final int RW_MSB = 2;
    static final int RW_LSB_MSB = 3;

    private final int index;
    private final CountingElement element;
    private final boolean bcdNotCounted;
    private final boolean noNullCount;
    private final boolean controlWordKeepsLatch;
    private final boolean countingAtReset;

    /** RW1 RW0 of the last control word (0 only before the first one). */
    private int rw;
    /** M2 M1 M0 as written. */
    private int mode;
    private boolean bcd;
    private int cr;
    private int crLsb;
    private boolean writeMsbNext;
    private boolean readMsbNext;
    /** 0 while OL follows CE; else the RW mode the latched count is read out with. */
    private int latchedRw;
    private int ol;
    private boolean olMsbNext;
    private boolean statusLatched;
    private int status;

    Counter(int index, CountingElement element, boolean bcdNotCounted, boolean noNullCount,
            boolean controlWordKeepsLatch, boolean countingAtReset) {
        this.index = index;
        this.element = element;
        this.bcdNotCounted = bcdNotCounted;
        this.noNullCount = noNullCount;
        this.controlWordKeepsLatch = controlWordKeepsLatch;
        this.countingAtReset = countingAtReset;
    }

    CountingElement element() {
        return element;
    }

    int mode() {
        return mode;
    }

    /** Power-on: every register cleared, the counting element as its reset leaves it. */
    void powerOn(long nowNs) {
        rw = 0;
        mode = 0;
        bcd = false;
        cr = 0;
        crLsb = 0;
        writeMsbNext = false;
        readMsbNext = false;
        latchedRw = 0;
        olMsbNext = false;
        statusLatched = false;
        element.reset(nowNs);
    }

    /**
     * A board reset: as at power-on, or with {@link PitQuirks#COUNTING_AT_RESET} what QEMU's
     * pit_reset_common changes: the mode becomes 3 and the element counts; the byte pointers and latches stay.
     */
    void reset(long nowNs) {
        if (!countingAtReset) {
            powerOn(nowNs);
            return;
        }
        mode = 3;
        element.reset(nowNs);
    }

    /** A control word addressed to this counter (SC1 SC0 = its number), RW != 00. */
    void controlWord(int value, long nowNs) {
        rw = (value >> 4) & 3;
        mode = (value >> 1) & 7;
        bcd = (value & 1) != 0;
        writeMsbNext = false;
        readMsbNext = false;
        if (!controlWordKeepsLatch) {
            // 231164 "Counter Latch Command": OL holds the count until read or until the counter is reprogrammed.
            latchedRw = 0;
            olMsbNext = false;
            statusLatched = false;
        }
        element.controlWord(mode, modulus(), nowNs);
    }

    /** 231164 "Counter Latch Command": a second latch before the first is read is ignored. */
    void latchCount(long nowNs) {
        if (latchedRw == 0) {
            ol = ceValue(nowNs);
            latchedRw = rw;
            olMsbNext = false;
        }
    }

    /** 231164 "Read-Back Command", "Status Byte": OUTPUT, NULL COUNT, RW1 RW0, M2 M1 M0, BCD. */
    void latchStatus(long nowNs) {
        if (!statusLatched) {
            boolean nullCount = !noNullCount && element.nullCount(nowNs);
            status = (element.out(nowNs) ? 0x80 : 0) | (nullCount ? 0x40 : 0) | rw << 4 | mode << 1 | (bcd ? 1 : 0);
            statusLatched = true;
        }
    }

    /** A read of the counter's port: a latched status first, then a latched count, else the CE itself. */
    int read(long nowNs) {
        if (statusLatched) {
            statusLatched = false;
            return status;
        }
        if (latchedRw != 0) {
            return readLatched();
        }
        int value = ceValue(nowNs);
        switch (rw) {
            case RW_MSB:
                return value >> 8;
            case RW_LSB_MSB:
                boolean msb = readMsbNext;
                readMsbNext = !msb;
                return msb ? value >> 8 : value & 0xff;
            default:
                return value & 0xff;
        }
    }

    private int readLatched() {
        switch (latchedRw) {
            case RW_MSB:
                latchedRw = 0;
                return ol >> 8;
            case RW_LSB_MSB:
                if (!olMsbNext) {
                    olMsbNext = true;
                    return ol & 0xff;
                }
                olMsbNext = false;
                latchedRw = 0;
                return ol >> 8;
            default:
                latchedRw = 0;
                return ol & 0xff;
        }
    }

    /** A write of the counter's port; true when it completed a count. */
    boolean write(int value, long nowNs) {
        switch (rw) {
            case RW_MSB:
                cr = value << 8;
                break;
            case RW_LSB_MSB:
                if (!writeMsbNext) {
                    crLsb = value;
                    writeMsbNext = true;
                    element.firstByte(nowNs);
                    return false;
                }
                writeMsbNext = false;
                cr = crLsb | value << 8;
                break;
            default:
                cr = value;
                break;
        }
        element.load(count(), nowNs);
        return true;
    }

    void gate(boolean high, long nowNs) {
        element.gate(high, nowNs);
    }

    private boolean countsBcd() {
        return bcd && !bcdNotCounted;
    }

    private int modulus() {
        return countsBcd() ? 10_000 : 0x10000;
    }

    /** CR as a count: 0 is the modulus (2^16, or 10^4 in BCD: "Control Word Format"). */
    private int count() {
        int n = countsBcd() ? fromBcd(cr) % 10_000 : cr;
        return n == 0 ? modulus() : n;
    }

    private int ceValue(long nowNs) {
        int value = element.ce(nowNs);
        return countsBcd() ? toBcd(value % 10_000) : value;
    }

    static int fromBcd(int bcd) {
        return (bcd >> 12 & 0xf) * 1000 + (bcd >> 8 & 0xf) * 100 + (bcd >> 4 & 0xf) * 10 + (bcd & 0xf);
    }

    static int toBcd(int value) {
        return value / 1000 << 12 | value / 100 % 10 << 8 | value / 10 % 10 << 4 | value % 10;
    }

    void describe(Map<String, String> registers, long nowNs) {
        String n = Integer.toString(index);
        registers.put("CR" + n, hex4(cr));
        registers.put("CE" + n, hex4(ceValue(nowNs)));
        registers.put("OL" + n, latchedRw != 0 ? hex4(ol) : "-");
        registers.put("status" + n, statusLatched ? hex(status) : "-");
        registers.put("mode" + n, Integer.toString(mode));
        registers.put("RW" + n, Integer.toString(rw));
        registers.put("BCD" + n, bcd ? "1" : "0");
        registers.put("nullCount" + n, !noNullCount && element.nullCount(nowNs) ? "1" : "0");
        registers.put("OUT" + n, element.out(nowNs) ? "1" : "0");
        registers.put("GATE" + n, element.gateLevel() ? "1" : "0");
    }

    private static String hex4(int v) {
        return String.format("0x%04x", v);
    }
}
