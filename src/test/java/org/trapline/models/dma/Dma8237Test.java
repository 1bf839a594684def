package org.trapline.models.dma;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The 8237A's registers as the datasheet (231466) describes them, on the hardware profile. */
class Dma8237Test {
    private final DmaRig r = DmaRig.hardware();

    @Test
    void resetMasksEveryChannelAndClearsStatus() {
        assertThat(r.dma.controller1().mask()).isEqualTo(0x0f);
        assertThat(r.dma.controller2().mask()).isEqualTo(0x0f);
        assertThat(r.in(0x08)).isZero();
        assertThat(r.dma.controller1().flipFlop()).isFalse();
    }

    @Test
    void flipFlopTogglesOnEveryByteOfAddressAndCount() {
        r.out(0x0c, 0);
        r.out(0x00, 0x34);
        assertThat(r.dma.controller1().flipFlop()).isTrue();
        r.out(0x00, 0x12);
        assertThat(r.dma.controller1().flipFlop()).isFalse();
        r.in(0x01);
        assertThat(r.dma.controller1().flipFlop()).isTrue();
        r.out(0x0c, 0x99);
        assertThat(r.dma.controller1().flipFlop()).isFalse();
        assertThat(r.read16(0x00)).isEqualTo(0x1234);
    }

    @Test
    void writesGoToBaseAndCurrentByteByByte() {
        r.write16(0x04, 0xbeef);
        r.write16(0x05, 0x0123);
        assertThat(r.dma.controller1().baseAddress(2)).isEqualTo(0xbeef);
        assertThat(r.dma.controller1().currentAddress(2)).isEqualTo(0xbeef);
        assertThat(r.dma.controller1().baseCount(2)).isEqualTo(0x0123);
        assertThat(r.dma.controller1().currentCount(2)).isEqualTo(0x0123);
        r.out(0x0c, 0);
        r.out(0x04, 0x11);
        assertThat(r.read16(0x04)).as("the low byte alone reaches the current address").isEqualTo(0xbe11);
        assertThat(r.read16(0x05)).as("the count is untouched").isEqualTo(0x0123);
    }

    @Test
    void everyChannelHasItsOwnRegisters() {
        for (int ch = 0; ch < 4; ch++) {
            r.write16(ch * 2, 0x1000 * (ch + 1) + ch);
            r.write16(ch * 2 + 1, 0x0100 * (ch + 1));
        }
        for (int ch = 0; ch < 4; ch++) {
            assertThat(r.read16(ch * 2)).isEqualTo(0x1000 * (ch + 1) + ch);
            assertThat(r.read16(ch * 2 + 1)).isEqualTo(0x0100 * (ch + 1));
        }
    }

    @Test
    void controllerTwoHasItsRegistersOnEvenPortsAndAnswersOnOddOnes() {
        r.write16(0xc4, 0x5678);
        r.out(0xd8, 0);
        assertThat(r.in(0xc5)).isEqualTo(0x78);
        assertThat(r.in(0xc4)).isEqualTo(0x56);
        assertThat(r.read16(0x02)).as("controller 1's channel 1 is another register").isZero();
        r.out(0xdd, 0x00);
        r.out(0xd5, 0x06);
        assertThat(r.dma.controller2().mask()).isEqualTo(0x04);
    }

    @Test
    void singleMaskSetsAndClearsOneBit() {
        r.out(0x0a, 0x00);
        r.out(0x0a, 0x02);
        assertThat(r.dma.controller1().mask()).isEqualTo(0x0a);
        r.out(0x0a, 0x06);
        assertThat(r.dma.controller1().mask()).isEqualTo(0x0e);
    }

    @Test
    void allMaskWritesBitsZeroToThreeAndClearMaskClearsThem() {
        r.out(0x0f, 0xa5);
        assertThat(r.dma.controller1().mask()).isEqualTo(0x05);
        r.out(0x0e, 0x00);
        assertThat(r.dma.controller1().mask()).isZero();
    }

    @Test
    void modeRegisterIsPerChannel() {
        r.out(0x0b, 0x59);
        r.out(0x0b, 0x8a);
        assertThat(r.dma.controller1().mode(1)).isEqualTo(0x59);
        assertThat(r.dma.controller1().mode(2)).isEqualTo(0x8a);
        assertThat(r.dma.hasAutoinitialization(1)).isTrue();
        assertThat(r.dma.hasAutoinitialization(2)).isFalse();
        r.out(0xd6, 0x51);
        assertThat(r.dma.hasAutoinitialization(5)).isTrue();
    }

    @Test
    void softwareRequestsShowInStatusBitsFourToSeven() {
        r.out(0x09, 0x04);
        r.out(0x09, 0x07);
        assertThat(r.in(0x08)).isEqualTo(0x90);
        r.out(0x09, 0x03);
        assertThat(r.in(0x08)).isEqualTo(0x10);
    }

    @Test
    void dreqShowsInStatusAndLeavesTheRequestRegister() {
        r.dma.holdDreq(6);
        assertThat(r.in(0xd0)).isEqualTo(0x40);
        r.dma.releaseDreq(6);
        assertThat(r.in(0xd0)).isZero();
    }

    @Test
    void commandRegisterKeepsEveryBit() {
        r.out(0x08, 0x14);
        assertThat(r.dma.controller1().command()).isEqualTo(0x14);
    }

    @Test
    void masterClearClearsCommandStatusRequestTemporaryAndFlipFlopAndSetsTheMask() {
        r.out(0x08, 0x04);
        r.out(0x09, 0x05);
        r.out(0x0e, 0);
        r.in(0x00);
        r.out(0x0b, 0x46);
        r.out(0x0d, 0);
        assertThat(r.dma.controller1().command()).isZero();
        assertThat(r.in(0x08)).isZero();
        assertThat(r.dma.controller1().mask()).isEqualTo(0x0f);
        assertThat(r.dma.controller1().flipFlop()).isFalse();
        assertThat(r.dma.controller1().mode(2)).as("mode registers stay").isEqualTo(0x46);
        assertThat(r.in(0x0d)).isZero();
    }

    @Test
    void boardResetIsAMasterClearOfBoth() {
        r.out(0x0e, 0);
        r.out(0xdc, 0);
        r.out(0x81, 0x42);
        r.dma.reset();
        assertThat(r.dma.controller1().mask()).isEqualTo(0x0f);
        assertThat(r.dma.controller2().mask()).isEqualTo(0x0f);
        assertThat(r.in(0x81)).as("pages stay").isEqualTo(0x42);
    }

    @Test
    void illegalReadsFloat() {
        for (int port : new int[] {0x09, 0x0a, 0x0b, 0x0c, 0x0e, 0x0f, 0xd2, 0xde}) {
            assertThat(r.in(port)).as("port %x", port).isEqualTo(0xff);
        }
    }

    @Test
    void pageRegistersAreTheFileBytesOfTheirChannels() {
        int[] ports = {0x87, 0x83, 0x81, 0x82, 0x8f, 0x8b, 0x89, 0x8a};
        for (int ch = 0; ch < 8; ch++) {
            r.out(ports[ch], 0x10 + ch);
        }
        for (int ch = 0; ch < 8; ch++) {
            assertThat(r.dma.pages().page(ch)).isEqualTo(0x10 + ch);
            assertThat(r.in(ports[ch])).isEqualTo(0x10 + ch);
        }
        r.out(0x84, 0x5a);
        r.out(0x8e, 0xa5);
        assertThat(r.in(0x84)).isEqualTo(0x5a);
        assertThat(r.in(0x8e)).isEqualTo(0xa5);
        assertThat(r.in(0x80)).as("80h is the board's, not mapped here").isEqualTo(0xff);
    }

    @Test
    void pageFileTakesWideAccessesAsBytes() {
        r.out(0x84, 4, 0x44332211L);
        assertThat(r.in(0x84)).isEqualTo(0x11);
        assertThat(r.in(0x87)).isEqualTo(0x44);
        assertThat(r.in(0x85, 2)).isEqualTo(0x3322);
    }

    @Test
    void highPagesAreUnmappedUntilABoardAsks() {
        assertThat(r.in(0x481)).isEqualTo(0xff);
        r.dma.attachHighPages(r.io, 0x480);
        r.out(0x481, 0x12);
        r.out(0x48f, 0x34);
        r.out(0x484, 0x56);
        assertThat(r.in(0x481)).isEqualTo(0x12);
        assertThat(r.in(0x484)).as("not a channel's").isZero();
        assertThat(r.dma.pages().highPage(2)).isEqualTo(0x12);
        assertThat(r.dma.pages().highPage(4)).isEqualTo(0x34);
    }

    @Test
    void reportsNameTheRegisters() {
        r.write16(0x02, 0x1234);
        r.out(0x83, 0x07);
        assertThat(r.dma.controller1().deviceName()).isEqualTo("dma1");
        assertThat(r.dma.controller1().registers()).containsEntry("mask", "0x0f").containsEntry("flip-flop", "low")
                .containsEntry("ch1", "mode=0x00 base=0x1234/0x0000 current=0x1234/0x0000");
        assertThat(r.dma.controller2().registers()).containsKey("ch7");
        assertThat(r.dma.pages().registers()).containsEntry("page1", "0x07").doesNotContainKey("pageh1").hasSize(8);
        assertThat(r.dma.pages().deviceName()).isEqualTo("dma-page");
        assertThat(r.dma.devices()).hasSize(3);
    }

    @Test
    void anyAccessAnywhereNeverThrows() {
        for (int port = 0; port < 0x100; port++) {
            for (int width : new int[] {1, 2, 4}) {
                r.io.write(port, width, 0xffffffffL);
                r.io.read(port, width);
            }
        }
        DmaRig q = DmaRig.qemu();
        for (int port = 0; port < 0x100; port++) {
            for (int width : new int[] {1, 2, 4}) {
                q.io.write(port, width, 0x5a5a5a5aL);
                q.io.read(port, width);
            }
        }
        assertThat(r.dma.controller1().length()).isEqualTo(16);
        assertThat(r.dma.controller2().length()).isEqualTo(32);
    }
}
