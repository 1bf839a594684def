package org.trapline.models.ide;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.trapline.models.device.Quirk;

/**
 * The CD-ROM under random packets and random register traffic never throws, in either profile; and a
 * READ(10) of any range of the image, over any even byte count limit, returns the image's bytes.
 */
class AtapiProperties {
    private static final int BLOCKS = 6;
    private static final byte[] IMAGE = image();

    record Op(int kind, int reg, int value) {
    }

    private static byte[] image() {
        byte[] b = new byte[BLOCKS * 2048];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * 7 + i / 2048);
        }
        return b;
    }

    private static final class Host implements AtapiHost {
        int interrupts;

        @Override
        public void interrupt() {
            interrupts++;
        }
    }

    private static AtapiDevice device(boolean qemu, Host host) {
        Set<Quirk> q = qemu ? Set.copyOf(AtapiQuirks.all()) : Set.of();
        return new AtapiDevice("cd", CdMedium.ofBytes(IMAGE), "QM00003", q, host);
    }

    @Provide
    Arbitrary<List<byte[]>> cdbs() {
        Arbitrary<Integer> op = Arbitraries.of(0x00, 0x03, 0x12, 0x1b, 0x1e, 0x25, 0x28, 0x2b, 0x46, 0x4a, 0x51,
                0x5a, 0xa8, 0xbb, 0xbd).injectDuplicates(0.1);
        return Combinators.combine(Arbitraries.integers().between(0, 255), op,
                Arbitraries.bytes().array(byte[].class).ofSize(12)).as((any, known, rest) -> {
                    rest[0] = (byte) (rest[1] % 3 == 0 ? any.intValue() : known.intValue());
                    return rest;
                }).list().ofMaxSize(20);
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> op = Combinators.combine(Arbitraries.integers().between(0, 9), Arbitraries.integers().between(0, 7),
                Arbitraries.integers().between(0, 0xffff)).as(Op::new);
        return op.list().ofMaxSize(400);
    }

    /** Feeds {@code cdb} as a PACKET with {@code bcl}, then drains up to a bounded number of words. */
    private static void run(AtapiDevice d, byte[] cdb, int features, int bcl) {
        d.taskFileWrite(AtapiDevicePort.FEATURES, features);
        d.taskFileWrite(AtapiDevicePort.LBA_MID, bcl);
        d.taskFileWrite(AtapiDevicePort.LBA_HIGH, bcl >> 8);
        d.command(AtapiDevice.PACKET);
        for (int i = 0; i < 12; i += 2) {
            d.dataWrite16(cdb[i] & 0xff | (cdb[i + 1] & 0xff) << 8);
        }
        for (int i = 0; i < 40_000 && (d.status() & AtapiDevice.DRQ) != 0; i++) {
            d.dataRead16();
        }
        AtapiTransfer t = d.dmaTransfer();
        if (t != null) {
            t.read(new byte[4096], 0, 4096);
            d.dmaDone();
        }
    }

    @Property(tries = 300)
    void noPacketThrows(@ForAll("cdbs") List<byte[]> cdbs, @ForAll boolean qemu,
            @ForAll @IntRange(min = 0, max = 0xffff) int bcl, @ForAll @IntRange(min = 0, max = 3) int features) {
        Host h = new Host();
        AtapiDevice d = device(qemu, h);
        for (byte[] cdb : cdbs) {
            run(d, cdb, features, bcl);
            if ((d.status() & AtapiDevice.DRQ) != 0) {
                d.command(AtapiDevice.DEVICE_RESET); // a stalled transfer (odd length, BCL 1): as a driver recovers
            }
            assertThat(d.status() & AtapiDevice.DRQ).isZero();
        }
        d.tray().eject(qemu);
        run(d, cdbs.isEmpty() ? new byte[12] : cdbs.get(0), 0, bcl);
        d.tray().insert(CdMedium.ofBytes(IMAGE), true);
        run(d, new byte[12], 0, bcl);
    }

    @Property(tries = 300)
    void noRegisterSequenceThrows(@ForAll("ops") List<Op> ops, @ForAll boolean qemu) {
        Host h = new Host();
        AtapiDevice d = device(qemu, h);
        for (Op o : ops) {
            switch (o.kind()) {
                case 0 -> d.taskFileWrite(o.reg(), o.value());
                case 1 -> d.taskFileRead(o.reg(), (o.value() & 1) != 0);
                case 2 -> d.command(o.value() % 3 == 0 ? AtapiDevice.PACKET : o.value() & 0xff);
                case 3 -> d.dataRead16();
                case 4 -> d.dataRead32();
                case 5, 6 -> d.dataWrite16(o.value());
                case 7 -> d.dataWrite32(o.value() * 0x10001L);
                case 8 -> d.reset((o.value() & 1) != 0);
                default -> {
                    switch (o.value() % 5) {
                        case 0 -> d.tray().eject((o.reg() & 1) != 0);
                        case 1 -> d.tray().insert(CdMedium.ofBytes(IMAGE), (o.reg() & 1) != 0);
                        case 2 -> d.tray().openTray(false);
                        case 3 -> d.tray().closeTray();
                        default -> d.dmaDone();
                    }
                }
            }
            int st = d.status();
            assertThat(st).isBetween(0, 0xff);
        }
    }

    @Property(tries = 300)
    void readTenReturnsTheImagesBytes(@ForAll @IntRange(min = 0, max = BLOCKS - 1) int lba,
            @ForAll @IntRange(min = 1, max = BLOCKS) int count, @ForAll @IntRange(min = 1, max = 0x7fff) int half,
            @ForAll boolean qemu) {
        int n = Math.min(count, BLOCKS - lba);
        int bcl = 2 * half;
        Host h = new Host();
        AtapiDevice d = device(qemu, h);
        byte[] cdb = {0x28, 0, 0, 0, (byte) (lba >> 8), (byte) lba, 0, (byte) (n >> 8), (byte) n, 0, 0, 0};
        d.taskFileWrite(AtapiDevicePort.LBA_MID, bcl);
        d.taskFileWrite(AtapiDevicePort.LBA_HIGH, bcl >> 8);
        d.command(AtapiDevice.PACKET);
        for (int i = 0; i < 12; i += 2) {
            d.dataWrite16(cdb[i] & 0xff | (cdb[i + 1] & 0xff) << 8);
        }
        byte[] got = new byte[n * 2048];
        int at = 0;
        int blocks = 0;
        while ((d.status() & AtapiDevice.DRQ) != 0 && at < got.length) {
            int size = d.taskFileRead(AtapiDevicePort.LBA_MID, false) | d.taskFileRead(AtapiDevicePort.LBA_HIGH, false) << 8;
            assertThat(size).isPositive().isLessThanOrEqualTo(bcl);
            assertThat(d.taskFileRead(AtapiDevicePort.SECTOR_COUNT, false) & 3).isEqualTo(2);
            blocks++;
            for (int i = 0; i < size; i += 2) {
                int w = d.dataRead16();
                got[at++] = (byte) w;
                got[at++] = (byte) (w >> 8);
            }
        }
        assertThat(got).isEqualTo(Arrays.copyOfRange(IMAGE, lba * 2048, (lba + n) * 2048));
        assertThat(d.status()).isEqualTo(0x50);
        assertThat(h.interrupts).isEqualTo(blocks + 1);
    }
}
