package org.trapline.models.pci;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.trapline.models.bus.PortIoBus;
import org.trapline.models.machine.BoardQuirks;
import org.trapline.models.machine.Profile;

/**
 * Invariants of the add-in functions' configuration space (std VGA, cirrus, e1000, PIIX3 UHCI) on
 * both profiles: any sequence of guest writes leaves the read-only bits as they were, and a BAR
 * (the expansion ROM BAR included) reads back a written value as its base bits over its hardwired
 * type bits, so that all ones read back a power-of-two size (PCI 3.0 §6.2.5.1, §6.2.5.2).
 */
class AddInFunctionProperties {
    private static final List<PciCard> CARDS = List.of(new PciCard(PciCard.STD_VGA, 0x10, true, 64 << 10),
            new PciCard(PciCard.CIRRUS_VGA, 0x18, false, 64 << 10), new PciCard(PciCard.E1000, 0x20, false, 256 << 10),
            new PciCard(PciCard.PIIX3_UHCI, 0x11, false, 0));
    private static final int[] BARS = {0x10, 0x14, 0x18, 0x1c, 0x20, 0x24, 0x30};

    /** A configuration write: offset, width (1, 2 or 4, aligned), value. */
    record Write(int offset, int width, long value) {
    }

    @Provide
    Arbitrary<Write> writes() {
        return Arbitraries.of(1, 2, 4).flatMap(w -> Arbitraries.integers().between(0, 255 / w).flatMap(
                i -> Arbitraries.longs().between(0, (1L << (8 * w)) - 1).map(v -> new Write(i * w, w, v))));
    }

    @Provide
    Arbitrary<PciCard> cards() {
        return Arbitraries.of(CARDS);
    }

    private static PciHost host(Profile profile, PortIoBus io) {
        // The board's bus splits wide accesses as QEMU does on qemu-pc (Board in the unit tests does the same).
        io.setQemuSplitting(profile.quirks().contains(BoardQuirks.QEMU_ACCESS_SPLITTING));
        PciHost host = new PciHost(profile.quirks());
        host.attach(io, 0xcf8);
        host.populatePcBoard(128L << 20);
        CARDS.forEach(host::plugCard);
        return host;
    }

    @Property(tries = 300)
    void noWriteSequenceChangesAReadOnlyBit(@ForAll Profile profile, @ForAll("cards") PciCard card,
            @ForAll @Size(max = 12) List<@net.jqwik.api.From("writes") Write> writes) {
        PortIoBus io = new PortIoBus();
        ConfigSpace space = host(profile, io).function(card.device(), card.function()).config();
        int[] before = new int[256];
        for (int i = 0; i < 256; i++) {
            before[i] = space.readByte(i);
        }
        io.write(0xcf8, 4, 0x8000_0000L | card.devfn() << 8);
        assertThat(io.read(0xcfc, 2)).as("the function answers").isEqualTo(space.read(0, 2));
        for (Write w : writes) {
            io.write(0xcf8, 4, 0x8000_0000L | card.devfn() << 8 | (w.offset() & 0xfc));
            io.write(0xcfc + (w.offset() & 3), w.width(), w.value());
        }
        for (int i = 0; i < 256; i++) {
            int fixed = ~space.readWriteMask(i) & ~space.writeOneToClearMask(i) & 0xff;
            assertThat(space.readByte(i) & fixed).as("%s offset %02x", card.model(), i).isEqualTo(before[i] & fixed);
        }
    }

    @Property(tries = 300)
    void aBarHoldsItsBaseBitsOverItsTypeBitsAndSizesAsAPowerOfTwo(@ForAll Profile profile, @ForAll("cards") PciCard card,
            @ForAll @IntRange(max = 6) int index, @ForAll @LongRange(max = 0xffff_ffffL) long value) {
        PortIoBus io = new PortIoBus();
        host(profile, io);
        int bar = BARS[index];
        io.write(0xcf8, 4, 0x8000_0000L | card.devfn() << 8 | bar);
        long type = io.read(0xcfc, 4);
        io.write(0xcfc, 4, 0xffff_ffffL);
        long sized = io.read(0xcfc, 4);
        if (sized == 0) {
            return; // no BAR at this offset
        }
        long typeBits = bar == 0x30 ? 0x1 : (type & 1) != 0 ? 0x3 : 0xf;
        long base = sized & ~typeBits & 0xffff_ffffL;
        long lowest = base & -base;
        assertThat(type).as("%s %02x present", card, bar).isNotEqualTo(0xffff_ffffL);
        assertThat(base | (lowest - 1)).as("contiguous base bits").isIn(0xffff_ffffL, 0x0000_ffffL);
        io.write(0xcfc, 4, value);
        long expected = value & base | (bar == 0x30 ? value & 1 : type);
        assertThat(io.read(0xcfc, 4)).isEqualTo(expected);
    }
}
