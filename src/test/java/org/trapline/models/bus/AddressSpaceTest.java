package org.trapline.models.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class AddressSpaceTest {
    /** A register file that records every access it is given. */
    static final class Recorder implements IoDevice {
        final byte[] bytes;
        final List<String> log = new ArrayList<>();

        Recorder(int size) {
            bytes = new byte[size];
        }

        @Override
        public long read(long offset, int size) {
            log.add("r" + size + "@" + offset);
            long v = 0;
            for (int i = size - 1; i >= 0; i--) {
                v = (v << 8) | (offset + i < bytes.length ? bytes[(int) offset + i] & 0xff : 0);
            }
            return v;
        }

        @Override
        public void write(long offset, int size, long value) {
            log.add("w" + size + "@" + offset + "=" + Long.toHexString(value));
            for (int i = 0; i < size && offset + i < bytes.length; i++) {
                bytes[(int) offset + i] = (byte) (value >>> (8 * i));
            }
        }
    }

    private final PortIoBus io = new PortIoBus();

    @Test
    void unclaimedReadsFloatHighAndAreCounted() {
        assertThat(io.read(0x80, 1)).isEqualTo(0xff);
        assertThat(io.read(0x80, 2)).isEqualTo(0xffff);
        assertThat(io.read(0x80, 4)).isEqualTo(0xffff_ffffL);
        assertThat(io.unclaimedReads()).isEqualTo(3);
        assertThat(io.unclaimedWrites()).isZero();
    }

    @Test
    void unclaimedWritesAreDroppedAndCounted() {
        Recorder dev = new Recorder(4);
        io.map("dev", 0x100, 4, 1, 4, dev);
        io.write(0x80, 1, 0x12);
        io.write(0x200, 4, 0x12345678);
        assertThat(io.unclaimedWrites()).isEqualTo(2);
        assertThat(dev.log).isEmpty();
    }

    @Test
    void anAccessTheDeviceImplementsGoesThroughWhole() {
        Recorder dev = new Recorder(4);
        io.map("dev", 0xcfc, 4, 1, 4, dev);
        io.write(0xcfc, 4, 0x11223344);
        assertThat(io.read(0xcfd, 2)).isEqualTo(0x2233);
        assertThat(dev.log).containsExactly("w4@0=11223344", "r2@1");
        assertThat(io.unclaimedReads()).isZero();
    }

    @Test
    void aWiderAccessIsSplitIntoLittleEndianPieces() {
        Recorder dev = new Recorder(4);
        io.map("bytes", 0x20, 4, 1, 1, dev);
        io.write(0x20, 4, 0xa1b2c3d4L);
        assertThat(dev.log).containsExactly("w1@0=d4", "w1@1=c3", "w1@2=b2", "w1@3=a1");
        dev.log.clear();
        assertThat(io.read(0x20, 2)).isEqualTo(0xc3d4);
        assertThat(dev.log).containsExactly("r1@0", "r1@1");
    }

    @Test
    void aNarrowerAccessIsWidenedAndTheWantedBytesKept() {
        Recorder dev = new Recorder(8);
        dev.bytes[0] = 0x44;
        dev.bytes[1] = 0x33;
        io.map("dwords", 0x40, 8, 4, 4, dev);
        assertThat(io.read(0x40, 1)).isEqualTo(0x44);
        assertThat(io.read(0x40, 2)).isEqualTo(0x3344);
        io.write(0x44, 1, 0x1ff);
        assertThat(dev.log).containsExactly("r4@0", "r4@0", "w4@4=ff");
    }

    @Test
    void anAccessAcrossARegionEdgeGoesByteByByte() {
        Recorder dev = new Recorder(4);
        dev.bytes[3] = 0x12;
        io.map("dev", 0xcfc, 4, 1, 4, dev);
        assertThat(io.read(0xcfe, 4)).isEqualTo(0xffff_1200L);
        assertThat(dev.log).containsExactly("r1@2", "r1@3");
        io.write(0xcff, 2, 0xabcd);
        assertThat(dev.log).contains("w1@3=cd");
        assertThat(io.unclaimedReads()).isZero();
        assertThat(io.unclaimedWrites()).isZero();
    }

    @Test
    void bytesPastTheTopPortAreUnclaimedAndTheirValueIsConfigurable() {
        assertThat(io.read(0xffff, 2)).isEqualTo(0xffff);
        io.setPastEndByte(0);
        assertThat(io.read(0xffff, 2)).isEqualTo(0x00ff);
        assertThat(io.read(0xfffe, 4)).isEqualTo(0x0000_ffffL);
        assertThat(io.regionAt(0x10000)).isNull();
        assertThat(io.regionAt(-1)).isNull();
    }

    @Test
    void theUnclaimedByteValueIsConfigurable() {
        MmioBus mmio = new MmioBus();
        assertThat(mmio.read(0x1000, 8)).isEqualTo(-1L);
        mmio.setUnclaimedByte(0);
        assertThat(mmio.read(0x1000, 8)).isZero();
        assertThat(mmio.unclaimedReads()).isEqualTo(2);
    }

    @Test
    void mmioTakesEightByteAccessesAndPortIoDoesNot() {
        MmioBus mmio = new MmioBus();
        Recorder dev = new Recorder(8);
        mmio.map("dev", 0xfec0_0000L, 8, 4, 4, dev);
        mmio.write(0xfec0_0000L, 8, 0x1122334455667788L);
        assertThat(mmio.read(0xfec0_0000L, 8)).isEqualTo(0x1122334455667788L);
        assertThat(dev.log).containsExactly("w4@0=55667788", "w4@4=11223344", "r4@0", "r4@4");
        assertThatThrownBy(() -> io.read(0x20, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> io.write(0x20, 3, 0)).isInstanceOf(IllegalArgumentException.class);
        for (int width : new int[] {0, -1, 9, 16, 33, -8}) {
            assertThatThrownBy(() -> mmio.read(0xfec0_0000L, width)).as("width %d", width)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(width + "-byte");
        }
    }

    @Test
    void overlappingRegionsAreSeenByPriorityThenByWhichCameLater() {
        Recorder low = new Recorder(16);
        Recorder high = new Recorder(16);
        Recorder later = new Recorder(16);
        io.map(Region.of("low", 16, 1, 1, low, null).at(0x20));
        io.map(Region.of("high", 4, 1, 1, high, null).at(0x24).withPriority(1));
        io.read(0x23, 1);
        io.read(0x24, 1);
        io.read(0x28, 1);
        assertThat(low.log).containsExactly("r1@3", "r1@8");
        assertThat(high.log).containsExactly("r1@0");
        io.map(Region.of("later", 2, 1, 1, later, null).at(0x22));
        io.read(0x22, 1);
        io.read(0x25, 1);
        assertThat(later.log).as("equal priority: the later mapping wins").containsExactly("r1@0");
        assertThat(high.log).as("a lower priority never covers a higher one").containsExactly("r1@0", "r1@1");
        assertThatThrownBy(() -> io.map("d", 0xffff, 2, 1, 1, new Recorder(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside");
        assertThat(io.regions()).extracting(Region::name).containsExactly("low", "high", "later");
    }

    @Test
    void aMappingMovesSwitchesOffAndGoes() {
        Recorder low = new Recorder(16);
        Recorder bar = new Recorder(4);
        io.map(Region.of("low", 16, 1, 1, low, null).at(0x20));
        Mapping m = io.map(Region.of("bar", 4, 1, 4, bar, null).withPriority(1).at(0x100), false);
        assertThat(io.regionAt(0x100)).isNull();
        m.enable(true);
        assertThat(io.read(0x100, 1)).isZero();
        m.move(0x20);
        assertThat(io.regionAt(0x100)).as("moved away").isNull();
        assertThat(io.regionAt(0x20).name()).isEqualTo("bar");
        assertThat(io.regionAt(0x24).name()).isEqualTo("low");
        m.move(0xfffe);
        assertThat(m.region().base()).as("a base the space cannot hold leaves it").isEqualTo(0x20);
        m.place(0x28, false);
        assertThat(io.regionAt(0x28).name()).as("switched off: the region under it shows").isEqualTo("low");
        m.place(0x28, true);
        assertThat(io.regionAt(0x28).name()).isEqualTo("bar");
        m.unmap();
        assertThat(io.regionAt(0x28).name()).isEqualTo("low");
        assertThat(io.regions()).extracting(Region::name).containsExactly("low");
        m.enable(true);
        assertThat(io.regionAt(0x28).name()).as("an unmapped region stays gone").isEqualTo("low");
    }

    @Test
    void aSpaceSeenThroughAnotherKeepsItsOwnMapAndCountsForIt() {
        MmioBus system = new MmioBus();
        MmioBus pci = new MmioBus("pci");
        Recorder dev = new Recorder(8);
        system.mapSpace("hole", pci, 0, Long.MAX_VALUE, -1);
        pci.map(Region.of("bar", 8, 1, 4, dev, null).at(0xfebf0000L));
        system.write(0xfebf0004L, 4, 0x11223344L);
        assertThat(dev.log).containsExactly("w4@4=11223344");
        assertThat(system.read(0xfebf0004L, 4)).isEqualTo(0x11223344L);
        system.read(0xe0000000L, 4);
        assertThat(system.unclaimedReads()).as("counted by the space behind the window").isEqualTo(1);
    }

    @Test
    void regionsCheckTheirShape() {
        IoDevice dev = new Recorder(1);
        assertThatThrownBy(() -> new Region("x", 0, 0, 1, 1, dev)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Region("x", 0, 1, 3, 4, dev)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Region("x", 0, 1, 4, 2, dev)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Region("x", 0, 1, 1, 16, dev)).isInstanceOf(IllegalArgumentException.class);
        Region r = new Region("x", 0x10, 4, 1, 4, dev);
        assertThat(r.end()).isEqualTo(0x14);
        assertThat(r.contains(0x13)).isTrue();
        assertThat(r.contains(0x14)).isFalse();
        assertThat(r.contains(0x0f)).isFalse();
    }

    @Test
    void busesNameThemselves() {
        assertThat(io.name()).isEqualTo("I/O space");
        assertThat(new MmioBus().name()).isEqualTo("memory space");
    }

    @Test
    void mappingReturnsTheRegionAndTheTopPortIsMappable() {
        Recorder dev = new Recorder(1);
        Region top = io.map("top", 0xffff, 1, 1, 1, dev);
        assertThat(top).isEqualTo(new Region("top", 0xffff, 1, 0, 1, 1, dev));
        assertThat(io.regionAt(0xffff)).isSameAs(top);
        Region window = io.map("window", 0x100, 2, 6, 1, 1, dev);
        assertThat(window.deviceOffset()).isEqualTo(6);
        assertThat(window.offsetOf(0x101)).isEqualTo(7);
    }

    @Test
    void aWindowShowsTheDeviceFromItsOffset() {
        Recorder dev = new Recorder(8);
        dev.bytes[6] = 0x66;
        dev.bytes[7] = 0x77;
        io.map("window", 0x100, 2, 6, 1, 1, dev);
        assertThat(io.read(0x100, 2)).isEqualTo(0x7766);
        assertThat(dev.log).containsExactly("r1@6", "r1@7");
    }

    @Test
    void qemuSplittingCountsUnclaimedAccessesAndReachesPastARegionsEnd() {
        Recorder dev = new Recorder(4);
        dev.bytes[0] = 0x11;
        dev.bytes[1] = 0x22;
        dev.bytes[2] = 0x33;
        dev.bytes[3] = 0x44;
        io.map("pair", 0x20, 2, 1, 1, dev);
        io.setQemuSplitting(true);
        assertThat(io.read(0x20, 4)).isEqualTo(0x44332211L);
        assertThat(dev.log).containsExactly("r1@0", "r1@1", "r1@2", "r1@3");
        assertThat(io.read(0x21, 4)).isEqualTo(0xffffff22L);
        assertThat(io.read(0x1e, 4)).isEqualTo(0x2211ffffL);
        assertThat(io.unclaimedReads()).isZero();
        assertThat(io.read(0x80, 4)).isEqualTo(0xffffffffL);
        assertThat(io.unclaimedReads()).isEqualTo(1);
        io.write(0x80, 2, 0x1234);
        assertThat(io.unclaimedWrites()).isEqualTo(1);
        io.write(0x1f, 2, 0xabcd);
        assertThat(io.unclaimedWrites()).isEqualTo(1);
        assertThat(dev.bytes[0]).isEqualTo((byte) 0xab);
    }
}
