package org.trapline.models.dma;

import java.util.List;
import java.util.Set;

import org.trapline.models.bus.DmaPort;
import org.trapline.models.bus.PortIoBus;
import org.trapline.models.bus.Region;
import org.trapline.models.device.Inspectable;
import org.trapline.models.device.Quirk;

/**
 * The PC AT's two 8237A controllers and their page registers: controller 1 serves the 8-bit channels
 * 0-3 (byte addresses, byte counts), controller 2 the 16-bit channels 4-7 (word addresses, word
 * counts) and takes controller 1's HRQ on its channel 4, which must be in cascade mode and unmasked
 * for controller 1 to get the bus (8237A 'Cascade Mode'). An 8-bit channel's memory address is its
 * page register (A23-A16) and its current address (A15-A0); a 16-bit channel's is page bits 7-1
 * (A23-A17) and its current word address shifted left by one (A16-A1).
 */
public final class DmaPair {
    static final int CASCADE_CHANNEL = 0;

    private final Dma8237 controller1;
    private final Dma8237 controller2;
    private final DmaPageRegisters pages;
    private final boolean carries;
    private final boolean pageBit0Ored;
    private final boolean cascadeIgnored;
    private boolean highPagesMapped;

    public DmaPair(Set<Quirk> quirks, DmaPort memory) {
        Quirk.requireCoherent(quirks);
        this.controller1 = new Dma8237("dma1", 0, 0, quirks, memory);
        this.controller2 = new Dma8237("dma2", 4, 1, quirks, memory);
        this.pages = new DmaPageRegisters(quirks);
        this.carries = quirks.contains(DmaQuirks.ADDRESS_CARRIES_INTO_PAGE);
        this.pageBit0Ored = quirks.contains(DmaQuirks.WORD_PAGE_BIT0_ORED);
        this.cascadeIgnored = quirks.contains(DmaQuirks.CASCADE_IGNORED);
        controller1.connect(new Addressing(0), () -> { });
        // Controller 2's channel 4 grants controller 1 the bus: a change there may start controller 1's transfers.
        controller2.connect(new Addressing(4), controller1::run);
    }

    /** The quirks of the DMA controllers and page registers that the qemu-pc profile switches on. */
    public static List<Quirk> qemuQuirks() {
        return DmaQuirks.all();
    }

    /**
     * Maps controller 1 at {@code base1} (the PC: 00h-0Fh), controller 2 at {@code base2} (C0h-DFh)
     * and the page register file at {@code pageBase} (80h-8Fh) without its first byte, the POST code
     * port, which the board gives to its own device.
     */
    public void attach(PortIoBus io, int base1, int base2, int pageBase) {
        io.map(Region.of("dma-chan-cont", controller1.length(), 1, 1, controller1, controller1).at(base1));
        io.map(Region.of("dma-chan-cont", controller2.length(), 1, 1, controller2, controller2).at(base2));
        for (int[] run : pages.decodedRuns()) {
            // A region per byte, each at its own offset 0: QEMU's portio regions take unaligned accesses
            // whole (softmmu/ioport.c portio_ops, impl.unaligned), so a piece is never cut by alignment.
            for (int at = run[0]; at < run[1]; at++) {
                io.map(Region.of("dma-page", 1, 1, pages.maxAccess(), pages.run(at), pages).at(pageBase + at));
            }
        }
    }

    /** Maps the high page registers (address bits 24-31) at {@code base}, as QEMU's pageh-base; the PC has none. */
    public void attachHighPages(PortIoBus io, int base) {
        io.map(Region.of("dma-pageh", DmaPageRegisters.FILE_BYTES - 1, 1, 1, pages.highPages(), pages).from(1)
                .at(base + 1));
        highPagesMapped = true;
    }

    public Dma8237 controller1() {
        return controller1;
    }

    public Dma8237 controller2() {
        return controller2;
    }

    public DmaPageRegisters pages() {
        return pages;
    }

    /** The devices a report shows. */
    public List<Inspectable> devices() {
        return List.of(controller1, controller2, pages);
    }

    /** A board reset: both controllers master-clear; the page registers keep their bytes. */
    public void reset() {
        controller1.reset();
        controller2.reset();
    }

    // ---- the ISA side (channels 0-7) -----------------------------------------------------------------

    /** Connects {@code client} to channel {@code channel} (0-7). */
    public void registerChannel(int channel, IsaDmaClient client) {
        controllerOf(channel).register(channel & 3, client);
    }

    /** The device raises DREQ on {@code channel}: its transfers run while it is held and served. */
    public void holdDreq(int channel) {
        controllerOf(channel).holdDreq(channel & 3);
    }

    /** The device drops DREQ on {@code channel}. */
    public void releaseDreq(int channel) {
        controllerOf(channel).releaseDreq(channel & 3);
    }

    /** Whether {@code channel} is in autoinitialise mode. */
    public boolean hasAutoinitialization(int channel) {
        return controllerOf(channel).autoinitialises(channel & 3);
    }

    private Dma8237 controllerOf(int channel) {
        return (channel & 7) < 4 ? controller1 : controller2;
    }

    /** The page registers and the cascade as one controller sees them. */
    final class Addressing implements DmaAddressing {
        private final int firstChannel;

        Addressing(int firstChannel) {
            this.firstChannel = firstChannel;
        }

        @Override
        public long physical(int channel, long origin, long current) {
            int n = firstChannel + channel;
            boolean word = firstChannel == 4;
            int shift = word ? 1 : 0;
            int page = pages.page(n);
            long pageBits = (long) (word && !pageBit0Ored ? page & 0xfe : page) << 16;
            // QEMU uses seven bits of the high page register (hw/dma/i8257.c i8257_dma_read_memory).
            long high = highPagesMapped ? (long) (pages.highPage(n) & 0x7f) << 24 : 0;
            if (!carries) {
                return pageBits | high | (current & 0xffff) << shift;
            }
            long start = pageBit0Ored ? pageBits | high | origin << shift : (pageBits | high) + (origin << shift);
            return start + ((current - origin) << shift);
        }

        @Override
        public boolean granted() {
            return firstChannel == 4 || cascadeIgnored || controller2.grantsCascade(CASCADE_CHANNEL);
        }
    }
}
