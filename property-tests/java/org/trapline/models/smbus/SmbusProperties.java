package org.trapline.models.smbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trapline.models.smbus.Piix4Smbus.*;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

/**
 * SMBus transactions to the SPD EEPROMs in random order, in both profiles, against a shadow of the
 * EEPROMs' contents: every byte data, word data and block read returns what the writes before it
 * left (SMBus 2.0 §5.5), an absent address (not the general call) always ends in DEV_ERR, a reset empties the EEPROMs, the
 * status never shows a bit the protocol cannot set, and no access throws.
 */
class SmbusProperties {
    /** The host, the profile, and what the EEPROMs hold. */
    static final class Rig {
        final SmbusTestBus bus;
        final boolean qemu;
        final int[][] shadow = new int[EEPROMS][SpdEeprom.SIZE];

        Rig(boolean qemu) {
            this.qemu = qemu;
            bus = qemu ? SmbusTestBus.qemu() : SmbusTestBus.hardware();
        }

        /** A transaction's start: nothing pending, status clear, the block pointer at 0 on both sides. */
        void fresh() {
            bus.out(SMBHSTCNT, KILL);
            bus.clear();
            bus.in(SMBHSTCNT);
        }

        int status() {
            return bus.in(SMBHSTSTS);
        }
    }

    @Property(tries = 300)
    void readsReturnWhatWasWritten(@ForAll("chains") ActionChain<Rig> chain) {
        chain.withInvariant("no reserved status bit", r -> assertThat(r.status() & 0x60).isZero())
                .withInvariant("the board is never seen busy", r -> assertThat(r.qemu || (r.status() & HOST_BUSY) == 0).isTrue())
                .withInvariant("reports", r -> assertThat(r.bus.host.registers()).containsKey("SMBHSTSTS"))
                .run();
    }

    @Provide
    Arbitrary<ActionChain<Rig>> chains() {
        Arbitrary<Integer> eeprom = Arbitraries.integers().between(0, EEPROMS - 1);
        Arbitrary<Integer> bytes = Arbitraries.integers().between(0, 0xff);
        // The general call (00h) is not absent under QEMU, which broadcasts it (SmbusQuirksTest covers it).
        Arbitrary<Integer> absent = Arbitraries.integers().between(1, 0x7f).filter(a -> a < EEPROM_BASE || a >= EEPROM_BASE + EEPROMS);
        Arbitrary<List<Integer>> blocks = bytes.list().ofMinSize(1).ofMaxSize(BLOCK_SIZE);
        return Arbitraries.of(true, false).flatMap(qemu -> ActionChain.<Rig>startWith(() -> new Rig(qemu))
                .withAction(new Step<>(Combinators.combine(eeprom, bytes, bytes).as(Write::new)))
                .withAction(new Step<>(Combinators.combine(eeprom, bytes).as(Read::new)))
                .withAction(new Step<>(Combinators.combine(eeprom, bytes, bytes, bytes).as(WriteWord::new)))
                .withAction(new Step<>(Combinators.combine(eeprom, bytes).as(ReadWord::new)))
                .withAction(new Step<>(Combinators.combine(eeprom, bytes, blocks).as(WriteBlock::new)))
                .withAction(new Step<>(Combinators.combine(eeprom, bytes).as(ReadBlock::new)))
                .withAction(new Step<>(Combinators.combine(absent, Arbitraries.integers().between(0, 5)).as(Absent::new)))
                .withAction(new Step<>(Arbitraries.just(new Reset())))
                .withAction(new Step<>(Combinators.combine(Arbitraries.of(1, 3, 4, 5, 6, 8, 9, 10, 11, 12, 14, 15), bytes)
                        .as(Poke::new)))
                .withMaxTransformations(40));
    }

    /** A described transformation of the rig. */
    interface Op extends Function<Rig, Rig> {
        String describe();
    }

    static final class Step<T extends Op> implements Action.Independent<Rig> {
        private final Arbitrary<T> ops;

        Step(Arbitrary<T> ops) {
            this.ops = ops;
        }

        @Override
        public Arbitrary<Transformer<Rig>> transformer() {
            return ops.map(op -> Transformer.transform(op.describe(), op));
        }
    }

    record Write(int eeprom, int offset, int value) implements Op {
        public String describe() {
            return String.format("write byte data %02xh to %02xh at %02xh", value, EEPROM_BASE + eeprom, offset);
        }

        public Rig apply(Rig r) {
            r.fresh();
            r.bus.out(SMBHSTDAT0, value);
            assertThat(r.bus.run(EEPROM_BASE + eeprom, false, offset, PROT_BYTE_DATA)).isEqualTo(INTER);
            r.shadow[eeprom][offset] = value;
            return r;
        }
    }

    record Read(int eeprom, int offset) implements Op {
        public String describe() {
            return String.format("read byte data from %02xh at %02xh", EEPROM_BASE + eeprom, offset);
        }

        public Rig apply(Rig r) {
            r.fresh();
            r.bus.out(SMBHSTDAT0, ~r.shadow[eeprom][offset] & 0xff);
            assertThat(r.bus.run(EEPROM_BASE + eeprom, true, offset, PROT_BYTE_DATA)).isEqualTo(INTER);
            assertThat(r.bus.in(SMBHSTDAT0)).isEqualTo(r.shadow[eeprom][offset]);
            return r;
        }
    }

    record WriteWord(int eeprom, int offset, int low, int high) implements Op {
        public String describe() {
            return String.format("write word data %02x%02xh to %02xh at %02xh", high, low, EEPROM_BASE + eeprom, offset);
        }

        public Rig apply(Rig r) {
            r.fresh();
            r.bus.out(SMBHSTDAT0, low);
            r.bus.out(SMBHSTDAT1, high);
            assertThat(r.bus.run(EEPROM_BASE + eeprom, false, offset, PROT_WORD_DATA)).isEqualTo(INTER);
            r.shadow[eeprom][offset] = low;
            r.shadow[eeprom][(offset + 1) & 0xff] = high;
            return r;
        }
    }

    record ReadWord(int eeprom, int offset) implements Op {
        public String describe() {
            return String.format("read word data from %02xh at %02xh", EEPROM_BASE + eeprom, offset);
        }

        public Rig apply(Rig r) {
            r.fresh();
            assertThat(r.bus.run(EEPROM_BASE + eeprom, true, offset, PROT_WORD_DATA)).isEqualTo(INTER);
            assertThat(r.bus.in(SMBHSTDAT0)).isEqualTo(r.shadow[eeprom][offset]);
            assertThat(r.bus.in(SMBHSTDAT1)).isEqualTo(r.shadow[eeprom][(offset + 1) & 0xff]);
            return r;
        }
    }

    record WriteBlock(int eeprom, int offset, List<Integer> data) implements Op {
        public String describe() {
            return String.format("write block of %d to %02xh at %02xh", data.size(), EEPROM_BASE + eeprom, offset);
        }

        public Rig apply(Rig r) {
            r.fresh();
            for (int b : data) {
                r.bus.out(SMBBLKDAT, b);
            }
            r.bus.out(SMBHSTDAT0, data.size());
            assertThat(r.bus.run(EEPROM_BASE + eeprom, false, offset, PROT_BLOCK)).isEqualTo(INTER);
            r.shadow[eeprom][offset] = data.size();
            for (int i = 0; i < data.size(); i++) {
                r.shadow[eeprom][(offset + 1 + i) & 0xff] = data.get(i);
            }
            return r;
        }
    }

    record ReadBlock(int eeprom, int offset) implements Op {
        public String describe() {
            return String.format("read block from %02xh at %02xh", EEPROM_BASE + eeprom, offset);
        }

        public Rig apply(Rig r) {
            r.fresh();
            int count = r.shadow[eeprom][offset];
            assertThat(r.bus.run(EEPROM_BASE + eeprom, true, offset, PROT_BLOCK) & (INTER | DEV_ERR)).isEqualTo(INTER);
            if (count > BLOCK_SIZE) {
                assertThat(r.bus.in(SMBHSTDAT0)).isEqualTo(r.qemu ? 0 : count);
                return r;
            }
            assertThat(r.bus.in(SMBHSTDAT0)).isEqualTo(count);
            r.bus.in(SMBHSTCNT);
            for (int i = 0; i < count; i++) {
                assertThat(r.bus.in(SMBBLKDAT)).as("byte %d", i).isEqualTo(r.shadow[eeprom][(offset + 1 + i) & 0xff]);
            }
            return r;
        }
    }

    record Absent(int address, int protocol) implements Op {
        public String describe() {
            return String.format("protocol %d to absent %02xh", protocol, address);
        }

        public Rig apply(Rig r) {
            r.fresh();
            assertThat(r.bus.run(address, protocol % 2 == 0, 0, protocol) & DEV_ERR).isEqualTo(DEV_ERR);
            return r;
        }
    }

    record Reset() implements Op {
        public String describe() {
            return "hard reset";
        }

        public Rig apply(Rig r) {
            r.bus.host.reset();
            // The EEPROMs are non-volatile; QEMU alone gives them back their contents (all 00h) at a reset.
            for (int[] e : r.qemu ? r.shadow : new int[0][]) {
                java.util.Arrays.fill(e, 0);
            }
            return r;
        }
    }

    /** A write to a register that starts nothing: the slave registers, the loads, the status. */
    record Poke(int offset, int value) implements Op {
        public String describe() {
            return String.format("write %02xh at offset %xh", value, offset);
        }

        public Rig apply(Rig r) {
            r.bus.out(offset, value);
            r.bus.in(offset);
            return r;
        }
    }

    @Property(tries = 500)
    void noAccessThrows(@ForAll boolean qemu, @ForAll("accesses") List<int[]> accesses) {
        SmbusTestBus bus = qemu ? SmbusTestBus.qemu() : SmbusTestBus.hardware();
        for (int[] a : accesses) {
            if (a[0] == 0) {
                bus.in(a[1]);
            } else {
                bus.out(a[1], a[2]);
            }
        }
        assertThat(bus.host.registers()).isNotEmpty();
    }

    @Provide
    Arbitrary<List<int[]>> accesses() {
        Arbitrary<int[]> one = Combinators.combine(Arbitraries.integers().between(0, 1), Arbitraries.integers().between(-2, 0x41),
                Arbitraries.integers().between(0, 0xff)).as((w, o, v) -> new int[] {w, o, v});
        return one.list().ofMaxSize(200);
    }

    @Property(tries = 50)
    void anyProtocolToAnAbsentAddressIsDevErr(@ForAll @IntRange(min = 0, max = 7) int protocol, @ForAll boolean qemu) {
        SmbusTestBus bus = qemu ? new SmbusTestBus(Set.copyOf(SmbusQuirks.all())) : SmbusTestBus.hardware();
        assertThat(bus.run(0x10, true, 0, protocol) & DEV_ERR).isEqualTo(DEV_ERR);
    }
}
