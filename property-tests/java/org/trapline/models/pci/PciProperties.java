package org.trapline.models.pci;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.trapline.models.bus.PortIoBus;
import org.trapline.models.machine.BoardQuirks;
import org.trapline.models.machine.MachineConfig;
import org.trapline.models.machine.Profile;

/** Invariants of configuration mechanism #1 and the type 0 headers, on both profiles. */
class PciProperties {
    private static final int[] DEVFNS = {0x00, 0x08, 0x09, 0x0b};

    @Provide
    Arbitrary<Profile> profiles() {
        return Arbitraries.of(Profile.values());
    }

    @Provide
    Arbitrary<Integer> widths() {
        return Arbitraries.of(1, 2, 4);
    }

    @Provide
    Arbitrary<Integer> devfns() {
        return Arbitraries.of(0x00, 0x08, 0x09, 0x0b);
    }

    private static PciHost host(Profile profile) {
        PciHost host = new PciHost(profile.quirks());
        host.populatePcBoard(MachineConfig.DEFAULT_RAM);
        return host;
    }

    private static PortIoBus io(Profile profile) {
        return profile.build(MachineConfig.defaults()).io();
    }

    @Property(tries = 500)
    void readOnlyBitsNeverChange(@ForAll("profiles") Profile profile, @ForAll("devfns") int devfn,
            @ForAll @IntRange(max = 255) int offset, @ForAll("widths") int width, @ForAll @LongRange(max = 0xffff_ffffL) long value) {
        PciHost host = host(profile);
        PortIoBus io = new PortIoBus();
        // As the board's bus: on qemu-pc it splits accesses as QEMU does, without which no dword reached the host.
        io.setQemuSplitting(profile.quirks().contains(BoardQuirks.QEMU_ACCESS_SPLITTING));
        host.attach(io, 0xcf8);
        ConfigSpace space = host.function(devfn >> 3, devfn & 7).config();
        int[] before = new int[256];
        for (int i = 0; i < 256; i++) {
            before[i] = space.readByte(i);
        }
        int aligned = offset & ~(width - 1);
        io.write(0xcf8, 4, 0x8000_0000L | devfn << 8 | (aligned & 0xfc));
        assertThat(io.read(0xcf8, 4)).as("CONFIG_ADDRESS reached").isEqualTo(0x8000_0000L | devfn << 8 | (aligned & 0xfc));
        io.write(0xcfc + (aligned & 3), width, value);
        for (int i = 0; i < 256; i++) {
            int fixed = ~space.readWriteMask(i) & ~space.writeOneToClearMask(i) & 0xff;
            assertThat(space.readByte(i) & fixed).as("offset %02x", i).isEqualTo(before[i] & fixed);
        }
    }

    @Property(tries = 300)
    void barSizingReturnsTheSizeMaskWithTheTypeBits(@ForAll("profiles") Profile profile, @ForAll("devfns") int devfn,
            @ForAll @IntRange(min = 0, max = 5) int bar) {
        PortIoBus io = io(profile);
        int reg = 0x10 + 4 * bar;
        io.write(0xcf8, 4, 0x8000_0000L | devfn << 8 | reg);
        long original = io.read(0xcfc, 4);
        io.write(0xcfc, 4, 0xffff_ffffL);
        long sized = io.read(0xcfc, 4);
        if (devfn == 0x09 && reg == PiixIde.BMIBA) {
            long expectedMask = profile == Profile.QEMU_PC ? 0xffff_fff0L : 0x0000_fff0L;
            assertThat(sized).isEqualTo(expectedMask | 1);
        } else {
            assertThat(sized).as("no BAR here").isZero();
        }
        io.write(0xcfc, 4, original);
        assertThat(io.read(0xcfc, 4)).isEqualTo(original);
    }

    @Property(tries = 500)
    void missingDevicesAndFunctionsReadAllOnes(@ForAll("profiles") Profile profile, @ForAll @IntRange(max = 255) int bus,
            @ForAll @IntRange(max = 255) int devfn, @ForAll @IntRange(max = 63) int dword, @ForAll("widths") int width,
            @ForAll @LongRange(max = 0xffff_ffffL) long written) {
        boolean present = bus == 0 && (devfn == 0x00 || devfn == 0x08 || devfn == 0x09 || devfn == 0x0b);
        if (present) {
            return;
        }
        PortIoBus io = io(profile);
        io.write(0xcf8, 4, 0x8000_0000L | bus << 16 | devfn << 8 | dword << 2);
        io.write(0xcfc, width, written);
        assertThat(io.read(0xcfc, width)).isEqualTo((1L << (8 * width)) - 1);
        for (int present0 : DEVFNS) {
            io.write(0xcf8, 4, 0x8000_0000L | present0 << 8);
            assertThat(io.read(0xcfc, 2)).isEqualTo(0x8086);
        }
    }

    @Property(tries = 500)
    void theAddressRegisterRoundTrips(@ForAll("profiles") Profile profile, @ForAll @LongRange(max = 0xffff_ffffL) long value) {
        PortIoBus io = io(profile);
        io.write(0xcf8, 4, value);
        long expected = profile == Profile.QEMU_PC ? value : value & 0x80ff_fffcL;
        assertThat(io.read(0xcf8, 4)).isEqualTo(expected);
    }

    @Property(tries = 1000)
    void aGuestAccessNeverThrows(@ForAll("profiles") Profile profile, @ForAll @IntRange(min = 0xcf0, max = 0xd08) int port,
            @ForAll("widths") int width, @ForAll boolean write, @ForAll @LongRange(max = 0xffff_ffffL) long value,
            @ForAll @LongRange(max = 0xffff_ffffL) long address) {
        PortIoBus io = io(profile);
        io.write(0xcf8, 4, address);
        if (write) {
            io.write(port, width, value);
        } else {
            assertThat(io.read(port, width)).isBetween(0L, (1L << (8 * width)) - 1);
        }
    }
}
