package org.trapline.models.dma;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Transfers between a test device and RAM, on the hardware profile (8237A 'DMA Operation', 'Transfer Types'). */
class DmaTransferTest {
    static final int WRITE = 0x44;
    static final int READ = 0x48;
    static final int VERIFY = 0x40;
    static final int DEMAND_WRITE = 0x04;
    static final int BLOCK_WRITE = 0x84;
    static final int AUTOINIT = 0x10;
    static final int DECREMENT = 0x20;
    private final DmaRig r = DmaRig.hardware();

    @Test
    void writeTransferFillsMemoryUntilTerminalCount() {
        r.cascade();
        DmaRig.Client c = r.client(2, 0xa0);
        r.program8(2, WRITE, 0x12, 0x3400, 3);
        r.dma.holdDreq(2);
        assertThat(bytes(0x123400, 5)).containsExactly(0xa0, 0xa1, 0xa2, 0xa3, 0x00);
        assertThat(c.given).isEqualTo(4);
        assertThat(c.terminalCounts).isEqualTo(1);
        assertThat(r.in(0x08) & 0x0f).isEqualTo(0x04);
        assertThat(r.in(0x08) & 0x0f).as("TC bits clear on read").isZero();
        assertThat(r.read16(0x05)).isEqualTo(0xffff);
        assertThat(r.read16(0x04)).isEqualTo(0x3404);
        assertThat(r.dma.controller1().mask() & 0x04).as("no autoinit: masked at TC").isEqualTo(0x04);
    }

    @Test
    void readTransferGivesMemoryToTheDevice() {
        r.cascade();
        for (int i = 0; i < 3; i++) {
            r.ram.writeByte(0x052000 + i, 0x30 + i);
        }
        DmaRig.Client c = r.client(1, 0);
        r.program8(1, READ, 0x05, 0x2000, 2);
        r.dma.holdDreq(1);
        assertThat(c.taken).containsExactly(0x30, 0x31, 0x32);
    }

    @Test
    void nothingMovesUntilControllerTwoCascadesChannelFour() {
        DmaRig.Client c = r.client(3, 0x10);
        r.program8(3, WRITE, 0, 0x100, 0);
        r.dma.holdDreq(3);
        assertThat(c.given).isZero();
        r.out(0xd6, 0xc0);
        assertThat(c.given).as("channel 4 still masked").isZero();
        r.out(0xd4, 0x00);
        assertThat(c.given).isEqualTo(1);
        assertThat(r.ram.readByte(0x100)).isEqualTo(0x10);
    }

    @Test
    void maskedChannelWaitsAndUnmaskingStartsIt() {
        r.cascade();
        DmaRig.Client c = r.client(0, 1);
        r.program8(0, WRITE, 0, 0x200, 1);
        r.out(0x0a, 0x04);
        r.dma.holdDreq(0);
        assertThat(c.given).isZero();
        assertThat(r.in(0x08)).as("requesting all the same").isEqualTo(0x10);
        r.out(0x0a, 0x00);
        assertThat(c.given).isEqualTo(2);
    }

    @Test
    void autoinitialiseReloadsCurrentFromBaseAndLeavesTheMask() {
        r.cascade();
        DmaRig.Client c = r.client(2, 0);
        r.program8(2, WRITE | AUTOINIT, 0, 0x300, 1);
        c.releaseAfter = 3;
        r.dma.holdDreq(2);
        assertThat(bytes(0x300, 3)).containsExactly(2, 1, 0);
        assertThat(r.dma.controller1().mask() & 4).isZero();
        assertThat(r.read16(0x04)).isEqualTo(0x301);
        assertThat(r.read16(0x05)).isZero();
    }

    @Test
    void demandModeStopsWhenDreqDropsAndGoesOnWhenRaisedAgain() {
        r.cascade();
        DmaRig.Client c = r.client(1, 0x40);
        r.program8(1, DEMAND_WRITE, 0, 0x400, 9);
        c.releaseAfter = 4;
        r.dma.holdDreq(1);
        assertThat(c.given).isEqualTo(4);
        assertThat(r.read16(0x03)).isEqualTo(5);
        assertThat(r.read16(0x02)).isEqualTo(0x404);
        r.dma.holdDreq(1);
        assertThat(c.given).isEqualTo(10);
        assertThat(c.terminalCounts).isEqualTo(1);
    }

    @Test
    void blockModeRunsToTerminalCountOnceStarted() {
        r.cascade();
        DmaRig.Client c = r.client(1, 0x40);
        r.program8(1, BLOCK_WRITE, 0, 0x400, 9);
        c.releaseAfter = 1;
        r.dma.holdDreq(1);
        assertThat(c.given).isEqualTo(10);
    }

    @Test
    void decrementModeMovesDownwards() {
        r.cascade();
        r.client(3, 0x70);
        r.program8(3, WRITE | DECREMENT, 0, 0x0010, 2);
        r.dma.holdDreq(3);
        assertThat(bytes(0x0e, 3)).containsExactly(0x72, 0x71, 0x70);
        assertThat(r.read16(0x06)).isEqualTo(0x000d);
    }

    @Test
    void verifyMovesNoDataButCounts() {
        r.cascade();
        DmaRig.Client c = r.client(2, 0x55);
        r.program8(2, VERIFY, 0, 0x500, 3);
        r.dma.holdDreq(2);
        assertThat(c.verifies).isEqualTo(4);
        assertThat(c.given).isZero();
        assertThat(bytes(0x500, 4)).containsOnly(0);
        assertThat(r.in(0x08) & 4).isEqualTo(4);
    }

    @Test
    void illegalTransferTypeMovesNothing() {
        r.cascade();
        DmaRig.Client c = r.client(2, 0x55);
        r.program8(2, 0x4c, 0, 0x500, 0);
        r.dma.holdDreq(2);
        assertThat(c.given).isZero();
        assertThat(c.taken).isEmpty();
        assertThat(r.ram.readByte(0x500)).isZero();
        assertThat(c.terminalCounts).isEqualTo(1);
    }

    @Test
    void theAddressWrapsInsideItsPage() {
        r.cascade();
        r.client(1, 0x80);
        r.program8(1, WRITE, 0x01, 0xffff, 1);
        r.dma.holdDreq(1);
        assertThat(r.ram.readByte(0x1ffff)).isEqualTo(0x80);
        assertThat(r.ram.readByte(0x10000)).isEqualTo(0x81);
        assertThat(r.ram.readByte(0x20000)).isZero();
    }

    @Test
    void wordChannelsMoveWordsAtWordAddressesWithPageBitsSevenToOne() {
        DmaRig.Client c = r.client(5, 0x1234);
        r.program16(5, WRITE, 0x13, 0x8000, 1);
        r.dma.holdDreq(5);
        assertThat(c.given).isEqualTo(2);
        assertThat(bytes(0x130000, 4)).containsExactly(0x34, 0x12, 0x35, 0x12);
        assertThat(r.read16(0xc4)).isEqualTo(0x8002);
        assertThat(r.read16(0xc6)).isEqualTo(0xffff);
        assertThat(r.in(0xd0) & 0x02).isEqualTo(0x02);
    }

    @Test
    void wordReadTransfersGiveWords() {
        r.ram.writeByte(0x20000, 0xcd);
        r.ram.writeByte(0x20001, 0xab);
        DmaRig.Client c = r.client(7, 0);
        r.program16(7, READ, 0x02, 0x0000, 0);
        r.dma.holdDreq(7);
        assertThat(c.taken).containsExactly(0xabcd);
    }

    @Test
    void softwareRequestsAreServedInBlockModeEvenMasked() {
        r.cascade();
        r.out(0x0b, BLOCK_WRITE | 1);
        r.write16(0x02, 0x0600);
        r.write16(0x03, 1);
        r.out(0x09, 0x05);
        assertThat(bytes(0x600, 3)).as("no device: the floating bus").containsExactly(0xff, 0xff, 0);
        assertThat(r.in(0x08)).as("TC, request cleared").isEqualTo(0x02);
    }

    @Test
    void softwareRequestsOutsideBlockModeWait() {
        r.cascade();
        DmaRig.Client c = r.client(1, 0);
        r.program8(1, WRITE, 0, 0x600, 1);
        r.out(0x09, 0x05);
        assertThat(c.given).isZero();
        assertThat(r.in(0x08)).isEqualTo(0x20);
    }

    @Test
    void controllerDisableStopsTransfers() {
        r.cascade();
        DmaRig.Client c = r.client(2, 0);
        r.program8(2, WRITE, 0, 0x700, 1);
        r.out(0x08, 0x04);
        r.dma.holdDreq(2);
        assertThat(c.given).isZero();
        r.out(0x08, 0x00);
        assertThat(c.given).isEqualTo(2);
    }

    @Test
    void cascadeModeChannelMakesNoTransfers() {
        r.cascade();
        DmaRig.Client c = r.client(2, 0);
        r.program8(2, 0xc4, 0, 0x700, 1);
        r.dma.holdDreq(2);
        assertThat(c.given).isZero();
    }

    @Test
    void memoryToMemoryCopiesThroughTheTemporaryRegister() {
        for (int i = 0; i < 4; i++) {
            r.ram.writeByte(0x8000 + i, 0x61 + i);
        }
        r.cascade();
        r.out(0x0b, 0x88);
        r.out(0x0b, 0x85);
        r.write16(0x00, 0x8000);
        r.write16(0x01, 3);
        r.write16(0x02, 0x9000);
        r.write16(0x03, 3);
        r.out(0x08, 0x01);
        r.out(0x09, 0x04);
        assertThat(bytes(0x9000, 5)).containsExactly(0x61, 0x62, 0x63, 0x64, 0);
        assertThat(r.in(0x0d)).isEqualTo(0x64);
        assertThat(r.in(0x08)).isEqualTo(0x03);
        assertThat(r.read16(0x00)).isEqualTo(0x8004);
    }

    @Test
    void memoryToMemoryWithAddressHoldFillsFromOneByte() {
        r.ram.writeByte(0x8000, 0x77);
        r.cascade();
        r.out(0x0b, 0x88);
        r.out(0x0b, 0x85);
        r.write16(0x00, 0x8000);
        r.write16(0x01, 2);
        r.write16(0x02, 0x9000);
        r.write16(0x03, 2);
        r.out(0x08, 0x03);
        r.out(0x09, 0x04);
        assertThat(bytes(0x9000, 4)).containsExactly(0x77, 0x77, 0x77, 0);
        assertThat(r.read16(0x00)).isEqualTo(0x8000);
    }

    @Test
    void aClientHoldingDreqForeverIsServedOneFullCountPerRun() {
        r.cascade();
        DmaRig.Client c = r.client(2, 0);
        r.program8(2, WRITE | AUTOINIT, 0, 0x0000, 0xffff);
        r.dma.holdDreq(2);
        assertThat(c.given).isEqualTo(Dma8237.MAX_UNITS_PER_SERVICE);
        assertThat(c.terminalCounts).isEqualTo(1);
        r.out(0x0e, 0);
        assertThat(c.given).as("the next event serves it again").isEqualTo(2 * Dma8237.MAX_UNITS_PER_SERVICE);
    }

    @Test
    void channelFourMustBeInCascadeModeNotOnlyUnmasked() {
        DmaRig.Client c = r.client(1, 0x10);
        r.program8(1, WRITE, 0, 0x100, 0);
        r.out(0xd6, 0x40);
        r.out(0xd4, 0x00);
        r.dma.holdDreq(1);
        assertThat(c.given).isZero();
        r.out(0xd8, 0x04);
        r.out(0xd6, 0xc0);
        assertThat(c.given).isEqualTo(1);
    }

    @Test
    void channelFourIsControllerTwosChannelZero() {
        r.dma.holdDreq(4);
        assertThat(r.in(0xd0)).isEqualTo(0x10);
        assertThat(r.in(0x08)).isZero();
        r.dma.holdDreq(3);
        assertThat(r.in(0x08)).isEqualTo(0x80);
        assertThat(r.dma.controller1().registers()).containsEntry("status", "0x80");
    }

    @Test
    void memoryToMemoryEndsAtChannelOnesCountAndFlagsChannelZeroOnlyAtItsOwn() {
        for (int i = 0; i < 3; i++) {
            r.ram.writeByte(0x8000 + i, 0x61 + i);
        }
        r.cascade();
        r.out(0x0b, 0x88);
        r.out(0x0b, 0x85);
        r.write16(0x00, 0x8000);
        r.write16(0x01, 9);
        r.write16(0x02, 0x9000);
        r.write16(0x03, 1);
        r.out(0x08, 0x01);
        r.out(0x09, 0x04);
        assertThat(bytes(0x9000, 3)).containsExactly(0x61, 0x62, 0);
        assertThat(r.in(0x08) & 0x0f).isEqualTo(0x02);
        assertThat(r.read16(0x01)).isEqualTo(7);
    }

    @Test
    void highPageRegistersGiveAddressBits24To31WhenMapped() {
        r.dma.attachHighPages(r.io, 0x480);
        r.cascade();
        r.out(0x482, 0x81);
        r.out(0x487, 0x01);
        r.client(3, 0x5c);
        r.program8(3, WRITE, 0x02, 0x0040, 0);
        r.dma.holdDreq(3);
        assertThat(r.ram.readByte(0x01020040)).as("seven bits of the high page").isEqualTo(0x5c);
        assertThat(r.in(0x487)).isEqualTo(0x01);
        assertThat(r.dma.pages().highPage(0)).isEqualTo(0x01);
        assertThat(r.dma.pages().registers()).containsEntry("pageh3", "0x81").containsEntry("pageh0", "0x01")
                .doesNotContainKey("pageh1");
    }

    @Test
    void aControllerOnItsOwnAddressesMemoryWithItsCurrentAddress() {
        org.trapline.models.bus.MmioBus bus = new org.trapline.models.bus.MmioBus();
        org.trapline.models.memory.GuestMemory ram = new org.trapline.models.memory.GuestMemory(1 << 20);
        bus.map(org.trapline.models.bus.Region.storage("ram", 1 << 20, ram));
        Dma8237 c = new Dma8237("alone", 4, 1, java.util.Set.of(), new org.trapline.models.bus.DmaPort(bus));
        DmaRig.Client client = new DmaRig.Client(0x4321);
        c.register(1, client);
        c.write(0x16, 1, 0x45);
        c.write(0x1c, 1, 0);
        c.write(0x04, 1, 0x00);
        c.write(0x04, 1, 0x88);
        c.write(0x14, 1, 0x01);
        c.holdDreq(1);
        assertThat(ram.readByte(0x11000)).isEqualTo(0x21);
        assertThat(ram.readByte(0x11001)).isEqualTo(0x43);
        assertThat(client.terminalCounts).isEqualTo(1);
    }

    private int[] bytes(long at, int n) {
        int[] b = new int[n];
        for (int i = 0; i < n; i++) {
            b[i] = r.ram.readByte(at + i);
        }
        return b;
    }
}
