package org.trapline.models.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The I/O space sends an access that reaches one register whole straight to its device, by a table
 * kept per port; every access, straight or not, reaches the devices exactly as the address space's
 * general decoding would, under either splitting rule.
 */
class PortIoBusProperties {
    /** A region's shape: where, how long, the device's window offset and the access sizes it implements. */
    record Shape(int base, int length, int deviceOffset, int minAccess, int maxAccess) {
    }

    /** One guest access: a read, or a write of {@code value}. */
    record Access(int port, int width, boolean write, long value) {
    }

    @Provide
    Arbitrary<List<Shape>> layouts() {
        Arbitrary<Integer> sizes = Arbitraries.of(1, 2, 4);
        Arbitrary<Shape> shape = Combinators.combine(Arbitraries.integers().between(0, 24), Arbitraries.integers().between(1, 8),
                Arbitraries.integers().between(0, 3), sizes, sizes)
                .as((gap, length, offset, a, b) -> new Shape(gap, length, offset, Math.min(a, b), Math.max(a, b)));
        return shape.list().ofMinSize(1).ofMaxSize(6).map(PortIoBusProperties::laidOut);
    }

    /** Regions one after another, each {@code base} bytes after the end of the one before, from port 0x100. */
    private static List<Shape> laidOut(List<Shape> gapsAndShapes) {
        List<Shape> out = new ArrayList<>();
        int at = 0x100;
        for (Shape s : gapsAndShapes) {
            at += s.base();
            out.add(new Shape(at, s.length(), s.deviceOffset(), s.minAccess(), s.maxAccess()));
            at += s.length();
        }
        return out;
    }

    @Provide
    Arbitrary<List<Access>> accesses() {
        return Combinators.combine(Arbitraries.integers().between(0xf8, 0x1a0), Arbitraries.of(1, 2, 4), Arbitraries.of(true, false),
                Arbitraries.longs().between(0, 0xffff_ffffL)).as(Access::new).list().ofMinSize(1).ofMaxSize(60);
    }

    @Property(tries = 400)
    void straightAccessesReachTheDevicesAsTheGeneralDecodingDoes(@ForAll("layouts") List<Shape> layout,
            @ForAll("accesses") List<Access> accesses, @ForAll boolean qemuSplitting) {
        PortIoBus io = new PortIoBus();
        AddressSpace general = new AddressSpace("general", PortIoBus.PORTS, 4) { };
        io.setQemuSplitting(qemuSplitting);
        general.setQemuSplitting(qemuSplitting);
        List<AddressSpaceTest.Recorder> ioDevices = new ArrayList<>();
        List<AddressSpaceTest.Recorder> generalDevices = new ArrayList<>();
        for (Shape s : layout) {
            AddressSpaceTest.Recorder a = new AddressSpaceTest.Recorder(16);
            AddressSpaceTest.Recorder b = new AddressSpaceTest.Recorder(16);
            io.map("r", s.base(), s.length(), s.deviceOffset(), s.minAccess(), s.maxAccess(), a);
            general.map("r", s.base(), s.length(), s.deviceOffset(), s.minAccess(), s.maxAccess(), b);
            ioDevices.add(a);
            generalDevices.add(b);
        }
        for (Access a : accesses) {
            if (a.write()) {
                io.write(a.port(), a.width(), a.value());
                general.write(a.port(), a.width(), a.value());
            } else {
                assertThat(io.read(a.port(), a.width())).as("%s", a).isEqualTo(general.read(a.port(), a.width()));
            }
        }
        for (int d = 0; d < ioDevices.size(); d++) {
            assertThat(ioDevices.get(d).log).as("device %d of %s", d, layout).isEqualTo(generalDevices.get(d).log);
        }
        assertThat(io.unclaimedReads()).isEqualTo(general.unclaimedReads());
        assertThat(io.unclaimedWrites()).isEqualTo(general.unclaimedWrites());
    }
}
