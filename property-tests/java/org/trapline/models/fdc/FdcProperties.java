package org.trapline.models.fdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;
import org.trapline.models.clock.Scheduler;
import org.trapline.models.clock.VirtualClock;
import org.trapline.models.device.Quirk;
import org.trapline.models.irq.IrqLine;

/**
 * The drive as a store of sectors under random chains of the 82078's own actions ("SEEK", "RECALIBRATE",
 * "RELATIVE SEEK", "READ ID", "VERIFY", "FORMAT TRACK", "WRITE DATA" and "READ DATA" of a run of sectors
 * through DMA with TC on the last byte), in both profiles:
 * a READ DATA gives exactly the bytes the diskette held or the last WRITE DATA put there, the image is never
 * written, each transfer ends normally with the next sector's ID as the datasheet's result table says
 * (R+1, or C+1 and R=1 after EOT), the interrupt goes with the result phase, and PCN follows the head.
 */
class FdcProperties {
    static final int CYLINDERS = 40, HEADS = 2, SECTORS = 9;

    static int imageByte(long lba, int i) {
        return (int) (lba * 7 + i * 3 + (i >> 8)) & 0xff;
    }

    static final class State implements FloppyMedium, Fdc82078.DmaRequest {
        final boolean qemu;
        final IrqLine irq = new IrqLine("irq6");
        final Scheduler scheduler = new Scheduler(new VirtualClock());
        final Fdc82078 fdc;
        final Map<Long, byte[]> written = new HashMap<>();
        int pcn;
        boolean held;
        int count;
        boolean writing;
        byte[] data;
        int at;

        State(boolean qemu) {
            this.qemu = qemu;
            Set<Quirk> quirks = qemu ? Set.copyOf(FdcQuirks.all()) : Set.of();
            fdc = new Fdc82078(scheduler, quirks, irq, new FloppyMedium[] {this, null}, new boolean[2], this);
            fdc.write(Fdc82078.DOR, 1, 0x1c);
            fdc.write(Fdc82078.CCR, 1, 0x01);
            out(0x13, 0x00, 0x60, 0x00); // CONFIGURE EIS=1 in both: implied seeks
        }

        @Override
        public long sectors() {
            return (long) CYLINDERS * HEADS * SECTORS;
        }

        @Override
        public void read(long lba, byte[] into) {
            for (int i = 0; i < SECTOR_BYTES; i++) {
                into[i] = (byte) imageByte(lba, i);
            }
        }

        @Override
        public void hold() {
            held = true;
            while (held && count > 0) {
                if (writing) {
                    fdc.dmaWrite(data[at++] & 0xff);
                } else {
                    data[at++] = (byte) fdc.dmaRead();
                }
                count--;
                fdc.dmaCycleEnd(count == 0);
            }
        }

        @Override
        public void release() {
            held = false;
        }

        void out(int... bytes) {
            for (int b : bytes) {
                fdc.write(Fdc82078.FIFO, 1, b);
            }
        }

        int in() {
            return (int) fdc.read(Fdc82078.FIFO, 1);
        }

        void commandPhase() {
            assertThat(fdc.read(Fdc82078.MSR, 1)).isEqualTo(0x80);
            assertThat(irq.level()).isFalse();
        }

        int[] result() {
            assertThat(irq.level()).isTrue();
            assertThat(fdc.read(Fdc82078.MSR, 1)).isEqualTo(0xd0);
            int[] r = new int[7];
            for (int i = 0; i < 7; i++) {
                r[i] = in();
            }
            commandPhase();
            return r;
        }

        int[] sense() {
            out(0x08);
            int[] r = {in(), in()};
            commandPhase();
            return r;
        }
    }

    record Run(int c, int h, int r, int eot) {
        int sectors() {
            return eot - r + 1;
        }
    }

    static Arbitrary<Run> runs() {
        return Combinators.combine(Arbitraries.integers().between(0, CYLINDERS - 1), Arbitraries.integers().between(0, 1),
                Arbitraries.integers().between(1, SECTORS), Arbitraries.integers().between(0, 3))
                .as((c, h, r, more) -> new Run(c, h, r, Math.min(SECTORS, r + more)));
    }

    static long lba(int c, int h, int s) {
        return ((long) c * HEADS + h) * SECTORS + s - 1;
    }

    /** What the datasheet's result table says follows the last sector of a run (MT=0). */
    static void checkEnd(State s, int[] result, Run run) {
        assertThat(result[0] & 0xc0).as("IC").isZero();
        assertThat(result[0] & 0x07).isEqualTo(run.h() << 2 | 0);
        assertThat(result[1]).isZero();
        assertThat(result[2]).isZero();
        // Every run ends at its EOT with TC: the next cylinder, the same head, sector 1.
        assertThat(new int[] {result[3], result[4], result[5], result[6]}).containsExactly(run.c() + 1, run.h(), 1, 2);
        s.pcn = run.c() + 1;
    }

    static Action.Independent<State> seek() {
        return () -> Arbitraries.integers().between(0, CYLINDERS - 1).map(c -> Transformer.mutate("SEEK to " + c, s -> {
            s.out(0x0f, 0x00, c);
            assertThat(s.sense()).containsExactly(0x20, c);
            s.pcn = c;
        }));
    }

    static Action.Independent<State> recalibrate() {
        return () -> Arbitraries.just(Transformer.mutate("RECALIBRATE", s -> {
            s.out(0x07, 0x00);
            assertThat(s.sense()).containsExactly(0x20, 0);
            s.pcn = 0;
        }));
    }

    static Action.Independent<State> writeData() {
        return () -> Combinators.combine(runs(), Arbitraries.integers()).as((run, seed) -> Transformer.<State>mutate(
                "WRITE DATA " + run + " seed " + seed, s -> {
                    java.util.Random random = new java.util.Random(seed);
                    s.writing = true;
                    s.data = new byte[run.sectors() * 512];
                    random.nextBytes(s.data);
                    s.at = 0;
                    s.count = s.data.length;
                    s.out(0x45, run.h() << 2, run.c(), run.h(), run.r(), 2, run.eot(), 0x1b, 0xff);
                    checkEnd(s, s.result(), run);
                    for (int k = 0; k < run.sectors(); k++) {
                        s.written.put(lba(run.c(), run.h(), run.r() + k),
                                java.util.Arrays.copyOfRange(s.data, k * 512, k * 512 + 512));
                    }
                }));
    }

    static Action.Independent<State> readData() {
        return () -> runs().map(run -> Transformer.mutate("READ DATA " + run, s -> {
            s.writing = false;
            s.data = new byte[run.sectors() * 512];
            s.at = 0;
            s.count = s.data.length;
            s.out(0x46, run.h() << 2, run.c(), run.h(), run.r(), 2, run.eot(), 0x1b, 0xff);
            checkEnd(s, s.result(), run);
            for (int k = 0; k < run.sectors(); k++) {
                long lba = lba(run.c(), run.h(), run.r() + k);
                byte[] expected = s.written.get(lba);
                for (int i = 0; i < 512; i++) {
                    int want = expected != null ? expected[i] & 0xff : imageByte(lba, i);
                    assertThat(s.data[k * 512 + i] & 0xff).as("sector %d byte %d", lba, i).isEqualTo(want);
                }
            }
        }));
    }

    static Action.Independent<State> relativeSeek() {
        return () -> Combinators.combine(Arbitraries.of(true, false), Arbitraries.integers().between(0, 50)).as((in, n) ->
                Transformer.mutate("RELATIVE SEEK " + (in ? "in " : "out ") + n, s -> {
                    s.out(in ? 0xcf : 0x8f, 0x00, n);
                    // QEMU stops at cylinder 0 and the last; the 82078 counts the steps in PCN's eight bits.
                    int to = s.qemu ? Math.max(0, Math.min(CYLINDERS - 1, s.pcn + (in ? n : -n))) : s.pcn + (in ? n : -n) & 0xff;
                    assertThat(s.sense()).containsExactly(0x20, to);
                    s.pcn = to;
                }));
    }

    static Action.Independent<State> readId() {
        return () -> Arbitraries.integers().between(0, 1).map(h -> Transformer.mutate("READ ID head " + h, s -> {
            s.out(0x4a, h << 2);
            assertThat(s.fdc.read(Fdc82078.MSR, 1)).isEqualTo(0x10);
            s.scheduler.advanceTo(s.scheduler.nowNs() + 50_000_000L);
            int[] r = s.result();
            assertThat(r[0] & 0xc7).isEqualTo(h << 2);
            assertThat(r[1]).isZero();
            assertThat(new int[] {r[3], r[4], r[6]}).containsExactly(s.pcn, h, 2);
            assertThat(r[5]).isBetween(1, SECTORS);
        }));
    }

    static Action.Independent<State> verify() {
        return () -> runs().map(run -> Transformer.mutate("VERIFY " + run, s -> {
            s.writing = false;
            s.data = new byte[run.sectors() * 512];
            s.at = 0;
            s.count = s.data.length;
            s.out(0x56, run.h() << 2, run.c(), run.h(), run.r(), 2, run.eot(), 0x1b, 0xff);
            checkEnd(s, s.result(), run);
            assertThat(s.at).as("no byte moves").isZero();
        }));
    }

    static Action.Independent<State> formatTrack() {
        return () -> Combinators.combine(Arbitraries.integers().between(0, 1), Arbitraries.integers().between(0, 255))
                .as((h, fill) -> Transformer.mutate("FORMAT TRACK head " + h + " fill " + fill, s -> {
                    s.writing = true;
                    s.data = new byte[4 * SECTORS];
                    for (int r = 1; r <= SECTORS; r++) {
                        s.data[4 * r - 4] = (byte) s.pcn;
                        s.data[4 * r - 3] = (byte) (int) h;
                        s.data[4 * r - 2] = (byte) r;
                        s.data[4 * r - 1] = 2;
                    }
                    s.at = 0;
                    s.count = s.data.length;
                    s.out(0x4d, h << 2, 2, SECTORS, 0x54, fill);
                    int[] r = s.result();
                    assertThat(new int[] {r[0] & 0xc0, r[1], r[2]}).containsExactly(0, 0, 0);
                    if (!s.qemu) {
                        // The 82078 takes four ID bytes per sector and fills the data fields (QEMU writes nothing).
                        assertThat(s.at).isEqualTo(4 * SECTORS);
                        byte[] filled = new byte[512];
                        java.util.Arrays.fill(filled, (byte) (int) fill);
                        for (int k = 1; k <= SECTORS && s.pcn < CYLINDERS; k++) {
                            s.written.put(lba(s.pcn, h, k), filled);
                        }
                    } else {
                        assertThat(s.at).isZero();
                    }
                }));
    }

    @Provide
    Arbitrary<ActionChain<State>> chains() {
        return Arbitraries.of(false, true).flatMap(qemu -> ActionChain.startWith(() -> new State(qemu))
                .withAction(3, seek()).withAction(1, recalibrate()).withAction(3, writeData()).withAction(4, readData())
                .withAction(1, relativeSeek()).withAction(1, readId()).withAction(1, verify()).withAction(1, formatTrack())
                .withMaxTransformations(25));
    }

    @Property(tries = 150)
    void theDriveKeepsWhatWasWrittenAndTheResultsFollowTheTable(@ForAll("chains") ActionChain<State> chain) {
        chain.withInvariant("PCN is where the head went", s -> {
            s.out(0x04, 0x00);
            int st3 = s.in();
            assertThat((st3 & 0x10) != 0).isEqualTo(s.pcn == 0);
            s.commandPhase();
        }).run();
    }
}
