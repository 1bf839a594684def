package org.trapline.models.ioapic;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.trapline.models.bus.IoDevice;
import org.trapline.models.bus.Region;
import org.trapline.models.clock.Scheduler;
import org.trapline.models.clock.Timer;
import org.trapline.models.device.Inspectable;
import org.trapline.models.device.Quirk;
import org.trapline.models.irq.ApicMessage;
import org.trapline.models.irq.ApicMessageSink;
import org.trapline.models.irq.EoiListener;
import org.trapline.models.irq.InterruptAcknowledge;
import org.trapline.models.irq.IrqSink;

/**
 * The Intel 82093AA I/O APIC (290566-001): 24 interrupt inputs, each with a 64-bit redirection entry
 * that turns an edge or an asserted level on the pin into an interrupt message to the local APICs.
 * Software reaches its registers indirectly: IOREGSEL (offset 00h) names a register, IOWIN (10h)
 * reads or writes it as a dword (§3.0, §3.1). Level-triggered deliveries set the entry's Remote IRR,
 * which the local APIC's EOI for the entry's vector clears (§3.2.4 bit 14).
 *
 * <p>Messages go to an {@link ApicMessageSink} in the layout of the SDM's message address and data
 * registers. Delivery is accepted at once, so Delivery Status (bit 12, "send pending") is idle
 * whenever software can read it.
 */
public final class Ioapic82093 implements IoDevice, Inspectable, EoiListener {
    /** The register block at 00h: IOREGSEL; at 10h: IOWIN (§3.1 Table 1); at 40h the EOI register of version 20h. */
    static final int IOREGSEL = 0x00;
    static final int IOWIN = 0x10;
    static final int EOI = 0x40;
    /** Register addresses in IOREGSEL (§3.2 Table 2). */
    static final int IOAPICID = 0x00;
    static final int IOAPICVER = 0x01;
    static final int IOAPICARB = 0x02;
    static final int IOREDTBL = 0x10;
    public static final int PINS = 24;
    /** The 82093AA's version (§3.2.2) and the one QEMU reports by default. */
    static final int VERSION_82093AA = 0x11;
    static final int VERSION_QEMU = 0x20;
    /** The hardware block the PIIX3's APICBASE decodes (1 KiB steps); QEMU's region. */
    static final long HARDWARE_WINDOW = 0x400;
    static final long QEMU_WINDOW = 0x1000;
    /** QEMU: a re-delivery at the 10000th successive EOI waits 10 ms (ioapic.c SUCCESSIVE_IRQ_MAX_COUNT). */
    static final int SUCCESSIVE_IRQ_MAX = 10000;
    static final long STORM_DELAY_NS = 10_000_000L;

    private final ApicMessageSink sink;
    private final int version;
    private final boolean eoiRegister;
    private final boolean aliased;
    private final boolean reservedStored;
    private final boolean polarityIgnored;
    private final boolean input0IsPin2;
    private final boolean requestRegister;
    private final boolean stormDelay;
    private final boolean extIntAcknowledges;
    private final boolean levelBitClear;
    private final Timer delayedService;
    private final Scheduler scheduler;
    private final IrqSink[] inputs = new IrqSink[PINS];
    private InterruptAcknowledge pic;

    // The device's state.
    private int ioregsel;
    private int id;
    private int arbitrationId;
    private final long[] redirection = new long[PINS];
    /** The levels on INTIN[23:0] as driven (high = electrically high). */
    private final boolean[] pinHigh = new boolean[PINS];
    /** QEMU's request register (quirk REQUEST_REGISTER): bit n is pin n's latched request. */
    private int irr;
    /** QEMU: EOIs in a row that found pin n's level still asserted. */
    private final int[] successiveEois = new int[PINS];

    public Ioapic82093(Scheduler scheduler, Set<Quirk> quirks, ApicMessageSink sink) {
        this.scheduler = scheduler;
        this.sink = sink;
        this.eoiRegister = quirks.contains(IoapicQuirks.VERSION_20H);
        this.version = eoiRegister ? VERSION_QEMU : VERSION_82093AA;
        this.aliased = quirks.contains(IoapicQuirks.WINDOW_4K_ALIASED);
        this.reservedStored = quirks.contains(IoapicQuirks.RESERVED_ENTRY_BITS_STORED);
        this.polarityIgnored = quirks.contains(IoapicQuirks.POLARITY_IGNORED);
        this.input0IsPin2 = quirks.contains(IoapicQuirks.INPUT0_IS_PIN2);
        this.requestRegister = quirks.contains(IoapicQuirks.REQUEST_REGISTER);
        this.stormDelay = quirks.contains(IoapicQuirks.EOI_STORM_DELAY);
        this.extIntAcknowledges = quirks.contains(IoapicQuirks.EXTINT_ACKNOWLEDGES_PIC);
        this.levelBitClear = quirks.contains(IoapicQuirks.MESSAGE_LEVEL_CLEAR);
        this.delayedService = scheduler.newTimer("ioapic-delayed-service", this::service);
        for (int n = 0; n < PINS; n++) {
            int input = n;
            inputs[n] = high -> setInput(input, high);
        }
        reset();
    }

    /** The quirks of the IO-APIC that the qemu-pc profile switches on. */
    public static List<Quirk> qemuQuirks() {
        return IoapicQuirks.all();
    }

    /** The register block, to be placed by the board (FEC00000h on the PC). */
    public Region region() {
        return Region.of("ioapic", aliased ? QEMU_WINDOW : HARDWARE_WINDOW, 1, 4, this, this);
    }

    /** The wires into INTIN[23:0]. */
    public IrqSink[] inputs() {
        return inputs.clone();
    }

    /** The 8259A pair, whose acknowledge QEMU runs when it delivers an ExtINT entry. */
    public void onExtInt(InterruptAcknowledge acknowledge) {
        this.pic = acknowledge;
    }

    /** RESET: IOAPICID 00h, every entry masked (§3.2.1, §3.2.4 default xxx1 xxxx xxxx xxxxh, the x's read 0 here). */
    public void reset() {
        ioregsel = 0;
        id = 0;
        arbitrationId = 0;
        irr = 0;
        for (int n = 0; n < PINS; n++) {
            redirection[n] = Entry.MASK;
        }
    }

    // ---- The access decode.

    @Override
    public long read(long offset, int size) {
        int at = decode(offset);
        if (at == IOREGSEL) {
            return ioregsel;
        }
        if (at == IOWIN && size == 4) {
            return readRegister(ioregsel);
        }
        return 0; // the EOI register is write-only; IOWIN is read as a dword only (§3.0)
    }

    @Override
    public void write(long offset, int size, long value) {
        int at = decode(offset);
        if (at == IOREGSEL) {
            ioregsel = (int) value & 0xff; // bits 7:0, the APIC Register Address (§3.1.1)
        } else if (at == IOWIN && size == 4) {
            writeRegister(ioregsel, (int) value);
        } else if (at == EOI && size == 4) {
            long vector = value & 0xffff_ffffL;
            if (vector <= 0xff) { // QEMU compares the whole dword with the 8-bit vector
                endOfInterrupt((int) vector);
            }
        }
    }

    /** IOREGSEL, IOWIN, EOI or -1. */
    private int decode(long offset) {
        int at = (int) (aliased ? offset & 0xff : offset);
        if (at == IOREGSEL || at == IOWIN || at == EOI && eoiRegister) {
            return at;
        }
        return -1;
    }

    private int readRegister(int index) {
        switch (index) {
            case IOAPICID:
                return id << 24;
            case IOAPICVER:
                return (PINS - 1) << 16 | version; // maximum redirection entry 17h (§3.2.2)
            case IOAPICARB:
                return arbitrationId << 24;
            default:
                int pin = (index - IOREDTBL) >> 1;
                if (index < IOREDTBL || pin >= PINS) {
                    return 0;
                }
                long entry = redirection[pin];
                return (int) ((index & 1) != 0 ? entry >>> 32 : entry);
        }
    }

    private void writeRegister(int index, int value) {
        if (index == IOAPICID) {
            // The arbitration ID is loaded with the same data (§3.2.1).
            id = value >>> 24 & 0xf;
            arbitrationId = id;
            return;
        }
        int pin = (index - IOREDTBL) >> 1;
        if (index < IOREDTBL || pin >= PINS) {
            return; // IOAPICVER and IOAPICARB are read-only; other addresses are reserved
        }
        long entry = redirection[pin];
        long half = (index & 1) != 0 ? 0xffff_ffff_0000_0000L : 0xffff_ffffL;
        long written = (index & 1) != 0 ? (long) value << 32 : value & 0xffff_ffffL;
        long writable = half & ~Entry.READ_ONLY & (reservedStored ? -1L : Entry.DEFINED);
        entry = entry & ~writable | written & writable;
        if (!Entry.levelTriggered(entry)) {
            entry &= ~Entry.REMOTE_IRR; // meaningless for edge entries, and cleared by the switch to edge
        }
        redirection[pin] = entry;
        successiveEois[pin] = 0;
        service();
    }

    // ---- The inputs.

    private void setInput(int input, boolean high) {
        int pin = input == 0 && input0IsPin2 ? 2 : input;
        boolean wasHigh = pinHigh[pin];
        pinHigh[pin] = high;
        long entry = redirection[pin];
        int bit = 1 << pin;
        if (requestRegister) {
            boolean asserted = high ^ (!polarityIgnored && Entry.lowActive(entry));
            if (Entry.levelTriggered(entry)) {
                if (asserted) {
                    irr |= bit;
                    if ((entry & Entry.REMOTE_IRR) == 0) {
                        service();
                    }
                } else {
                    irr &= ~bit;
                }
            } else if (asserted && !Entry.masked(entry)) {
                irr |= bit; // every assert is an edge: QEMU keeps no memory of the level
                service();
            }
            return;
        }
        // The datasheet: an edge on an unmasked edge-sensitive pin is delivered, a masked one is ignored
        // (§3.2.4 bit 16); a level-sensitive pin requests while it is asserted.
        if (Entry.masked(entry)) {
            return;
        }
        if (Entry.levelTriggered(entry)) {
            service();
        } else if (asserted(pin) && !(wasHigh ^ (!polarityIgnored && Entry.lowActive(entry)))) {
            deliver(entry, vectorOf(entry)); // the inactive-to-active edge
        }
    }

    /** The pin is at its active level (§3.2.4 bit 13, INTPOL). */
    private boolean asserted(int pin) {
        return pinHigh[pin] ^ (!polarityIgnored && Entry.lowActive(redirection[pin]));
    }

    /** Delivers every request the table lets through. */
    private void service() {
        for (int pin = 0; pin < PINS; pin++) {
            long entry = redirection[pin];
            if (requestRegister) {
                if ((irr & 1 << pin) == 0) {
                    continue;
                }
                // QEMU decodes the entry, and so acknowledges the 8259A for ExtINT, before it looks at
                // the mask or the Remote IRR (ioapic_service calls ioapic_entry_parse first).
                int vector = vectorOf(entry);
                if (Entry.masked(entry)) {
                    continue;
                }
                if (!Entry.levelTriggered(entry)) {
                    irr &= ~(1 << pin);
                } else if ((entry & Entry.REMOTE_IRR) != 0) {
                    continue; // the local APIC has not ended the previous one yet
                } else {
                    redirection[pin] = entry | Entry.REMOTE_IRR;
                }
                deliver(entry, vector);
            } else if (Entry.levelTriggered(entry) && !Entry.masked(entry) && (entry & Entry.REMOTE_IRR) == 0
                    && asserted(pin)) {
                redirection[pin] = entry | Entry.REMOTE_IRR;
                deliver(entry, vectorOf(entry));
            }
        }
    }

    /** The vector field, or in QEMU for ExtINT the 8259A's answer to an acknowledge made now. */
    private int vectorOf(long entry) {
        if (Entry.deliveryMode(entry) == ApicMessage.EXT_INT && extIntAcknowledges && pic != null) {
            return pic.acknowledge();
        }
        return Entry.vector(entry);
    }

    /**
     * Sends the entry's message. For ExtINT the destination takes the vector from the 8259A's INTA
     * cycle (§3.2.4 Delivery Mode 111), so the hardware's message carries the entry's vector field.
     */
    private void deliver(long entry, int vector) {
        int mode = Entry.deliveryMode(entry);
        ApicMessage message = ApicMessage.of(Entry.destination(entry), Entry.logical(entry), vector, mode,
                !levelBitClear, Entry.levelTriggered(entry));
        if (reservedStored) {
            long leaked = (entry >>> 48 & 0xff) << 4;
            message = new ApicMessage(message.address() | leaked, message.data());
        }
        sink.deliver(message);
    }

    // ---- EOI.

    /**
     * The local APIC's EOI for {@code vector}: every level-triggered entry with that vector and its
     * Remote IRR set is ended; one whose input is still asserted is delivered again (§3.2.4 bit 14).
     */
    @Override
    public void endOfInterrupt(int vector) {
        for (int pin = 0; pin < PINS; pin++) {
            long entry = redirection[pin];
            if (Entry.vector(entry) != vector || !Entry.levelTriggered(entry) || (entry & Entry.REMOTE_IRR) == 0) {
                continue;
            }
            redirection[pin] = entry & ~Entry.REMOTE_IRR;
            boolean pending = requestRegister ? (irr & 1 << pin) != 0 : asserted(pin);
            if (Entry.masked(entry) || !pending) {
                successiveEois[pin] = 0;
                continue;
            }
            if (stormDelay && ++successiveEois[pin] >= SUCCESSIVE_IRQ_MAX) {
                successiveEois[pin] = 0;
                long due = scheduler.nowNs() + STORM_DELAY_NS;
                if (!delayedService.isArmed() || delayedService.deadlineNs() > due) {
                    delayedService.armAt(due);
                }
            } else {
                service();
            }
        }
    }

    // ---- What reports show.

    @Override
    public String deviceName() {
        return "ioapic";
    }

    @Override
    public Map<String, String> registers() {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("IOREGSEL", Inspectable.hex(ioregsel));
        r.put("IOAPICID", String.format("0x%08x", id << 24));
        r.put("IOAPICVER", String.format("0x%08x", readRegister(IOAPICVER)));
        r.put("IOAPICARB", String.format("0x%08x", arbitrationId << 24));
        for (int n = 0; n < PINS; n++) {
            r.put("IOREDTBL" + n, String.format("0x%016x", redirection[n]));
        }
        StringBuilder pins = new StringBuilder();
        for (int n = PINS - 1; n >= 0; n--) {
            pins.append(pinHigh[n] ? '1' : '0');
        }
        r.put("INTIN[23:0]", pins.toString());
        if (requestRegister) {
            r.put("IRR", String.format("0x%06x", irr));
        }
        return r;
    }

    /** The redirection entry of {@code pin}, for tests and reports. */
    public long redirection(int pin) {
        return redirection[pin];
    }
}
