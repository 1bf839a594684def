package org.trapline.differential;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tag;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * Random floppy controller sessions on Debian's QEMU under {@code -S} and on the model, with the
 * committed 360 KiB diskette in drive 0 ({@code snapshot=on}, so that QEMU leaves the file alone):
 * DOR, DSR and CCR writes, reads of every register, and every command of QEMU's table with
 * parameter bytes of any value (SPECIFY, SENSE DRIVE STATUS, RECALIBRATE, SENSE INTERRUPT STATUS,
 * SEEK, RELATIVE SEEK, VERSION, DUMPREG, PERPENDICULAR MODE, CONFIGURE, LOCK, PART ID, SAVE,
 * RESTORE, POWERDOWN MODE, OPTION, DRIVE SPECIFICATION, FORMAT AND WRITE, READ ID (which waits
 * under -S), FORMAT TRACK, and the transfers READ DATA, WRITE DATA, VERIFY, READ TRACK, the
 * deleted-data forms and the SCANs, with H now and then unlike HDS), with DMA channel 2 programmed
 * for a transfer into RAM now and then and the RAM read back. Every IRQ6 edge is compared. A SCAN
 * comes with channel 2 set to read from RAM (4Ah) for more bytes than it compares, and the channel
 * is set anew after it: QEMU's 8237 does not count the piece that satisfied the scan, the model's
 * counts every byte it moved (a known difference the property leaves out).
 */
@Tag("qemu")
class FdcDifferentialProperties extends DifferentialSuite {
    static final int MAX_COMMANDS = 120;
    static final String MACHINE = "-machine pc -m 128M -nodefaults -display none -rtc base=2001-02-03T04:05:06,clock=vm"
            + " -drive if=floppy,format=raw,file=golden/images/fdc-360k.img,index=0,snapshot=on -S";
    /** Command byte and the number of parameter bytes that follow it (82078 command set). */
    private static final int[][] COMMANDS = {{0x03, 2}, {0x04, 1}, {0x07, 1}, {0x08, 0}, {0x0f, 2}, {0x10, 0}, {0x0e, 0},
        {0x12, 1}, {0x13, 3}, {0x14, 0}, {0x94, 0}, {0x18, 0}, {0x46, 8}, {0xe6, 8}, {0x45, 8}, {0xc5, 8},
        {0x4a, 1}, {0x0a, 1}, {0x4d, 5}, {0x56, 8}, {0xd6, 8}, {0x16, 8}, {0x42, 8}, {0x4c, 8}, {0x49, 8}, {0x66, 8},
        {0x51, 8}, {0x59, 8}, {0x5d, 8}, {0x8f, 2}, {0xcf, 2}, {0x2e, 0}, {0x4e, 17}, {0x17, 2}, {0x33, 1},
        {0x8e, 5}, {0xcd, 10}};

    FdcDifferentialProperties() {
        super(MACHINE, MAX_COMMANDS);
    }

    @Property(tries = 25, shrinking = ShrinkingMode.BOUNDED)
    @AddLifecycleHook(Counterexamples.class)
    void modelAnswersFloppyAccessesLikeQemu(@ForAll("accesses") List<Access> accesses) throws Exception {
        assertModelAgreesWithQemu("modelAnswersFloppyAccessesLikeQemu", "irq_intercept_in ioapic", "outb 0x3f2 0x1c",
                accesses);
    }

    @Provide
    Arbitrary<List<Access>> accesses() {
        return floppyAccess().list().ofMaxSize(40);
    }

    /** One guest access to the controller, a command with its parameters, or DMA channel 2 set up or read. */
    static Arbitrary<Access> floppyAccess() {
        return Arbitraries.frequencyOf(
                        Tuple.of(6, Arbitraries.integers().between(0x3f0, 0x3f7).map(p -> Access.of(String.format("inb 0x%x", p)))),
                        Tuple.of(4, Arbitraries.integers().between(1, 8).map(FdcDifferentialProperties::resultReads)),
                        Tuple.of(5, command()),
                        Tuple.of(2, Arbitraries.of(0x1c, 0x0c, 0x14, 0x04, 0x08, 0x1d, 0x00).map(v -> Access.of(String.format("outb 0x3f2 0x%02x", v)))),
                        Tuple.of(1, Arbitraries.of(0x3f4, 0x3f7).flatMap(p -> bytes().map(v -> Access.of(String.format("outb 0x%x 0x%02x", p, v))))),
                        Tuple.of(2, Combinators.combine(Arbitraries.of(0x46, 0x4a), Arbitraries.integers().between(0, 0x7ff))
                                .as(FdcDifferentialProperties::dmaChannel2)),
                        Tuple.of(1, Arbitraries.of(Access.of("read 0x10000 0x20"), Access.of("inb 0x08"), Access.of("inb 0x04"),
                                Access.of("inb 0x05"))));
    }

    /**
     * A command byte, then its parameters: for READ DATA and WRITE DATA a sector of the diskette
     * (drive 0, the head bit and H alike, cylinder 0-39, sector 1-9, N 2, EOT 1-9), for the others
     * plausible values (drive 0, cylinder 0-41) or any byte.
     */
    static Arbitrary<Access> command() {
        Arbitrary<Integer> which = Arbitraries.integers().between(0, COMMANDS.length - 1);
        Arbitrary<List<Integer>> params = Arbitraries.frequencyOf(
                        Tuple.of(3, Arbitraries.integers().between(0, 10)),
                        Tuple.of(1, Arbitraries.of(0x00, 0x01, 0x02, 0x04, 0x09, 0x1b, 0x2a, 0xff)),
                        Tuple.of(1, bytes()))
                .list().ofSize(17);
        Arbitrary<Integer> hds = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just(-1)), Tuple.of(1, Arbitraries.integers().between(0, 1)));
        Arbitrary<List<Integer>> sector = Combinators.combine(Arbitraries.integers().between(0, 1),
                Arbitraries.integers().between(0, 39), Arbitraries.integers().between(1, 9),
                Arbitraries.integers().between(1, 9), hds, Arbitraries.of(0x00, 0x80, 0x01, 0xff)).as((h, c, r, eot, hd, dtl) ->
                        List.of((hd < 0 ? h : hd) << 2, c, h, r, 2, Math.max(r, eot), 0x1b, dtl));
        return Combinators.combine(which, params, sector).as((w, p, t) -> {
            List<String> commands = new ArrayList<>();
            int code = COMMANDS[w][0];
            boolean transfer = COMMANDS[w][1] == 8;
            boolean scan = code == 0x51 || code == 0x59 || code == 0x5d;
            if (scan) {
                commands.addAll(dmaChannel2(0x4a, 0xfff).commands());
            }
            commands.add(String.format("outb 0x3f5 0x%02x", code));
            for (int i = 0; i < COMMANDS[w][1]; i++) {
                int v = transfer ? t.get(i) : p.get(i);
                if (scan && i == 5) {
                    v = Math.min(t.get(3) + 3, v); // at most 4 sectors: the scan ends before the count does
                }
                commands.add(String.format("outb 0x3f5 0x%02x", v));
            }
            if (scan) {
                commands.addAll(List.of("outb 0x0a 0x06", "outb 0x0c 0x00", "outb 0x04 0x00", "outb 0x04 0x00",
                        "outb 0x05 0xff", "outb 0x05 0x03"));
            }
            return new Access(commands);
        });
    }

    private static Access resultReads(int count) {
        List<String> commands = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            commands.add("inb 0x3f5");
        }
        return new Access(commands);
    }

    /** Channel 2 set for a transfer to (46h) or from (4Ah) RAM at 10000h, then unmasked. */
    private static Access dmaChannel2(int mode, int count) {
        return new Access(List.of("outb 0x0a 0x06", "outb 0x0c 0x00", String.format("outb 0x0b 0x%02x", mode),
                "outb 0x04 0x00", "outb 0x04 0x00", "outb 0x81 0x01", String.format("outb 0x05 0x%02x", count & 0xff),
                String.format("outb 0x05 0x%02x", count >> 8), "outb 0x0a 0x02"));
    }

    private static Arbitrary<Integer> bytes() {
        return Arbitraries.integers().between(0, 255);
    }
}
