package org.trapline.models.dma;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Both sides of every DMA quirk: the 8237A (and PC page file) as the datasheets say, and QEMU 7.2. */
class DmaQuirksTest {
    static final int WRITE = 0x44;

    @Test
    void currentLoadedAtHighByte() {
        DmaRig q = DmaRig.qemu();
        DmaRig h = DmaRig.qemuWithout(DmaQuirks.CURRENT_LOADED_AT_HIGH_BYTE);
        for (DmaRig r : new DmaRig[] {q, h}) {
            r.write16(0x00, 0x1234);
            r.out(0x0c, 0);
            r.out(0x00, 0x99);
        }
        assertThat(q.read16(0x00)).as("QEMU: a low byte alone is not current").isEqualTo(0x1234);
        assertThat(h.read16(0x00)).as("8237A: base and current together").isEqualTo(0x1299);
        q.write16(0x01, 0x0010);
        assertThat(q.read16(0x00)).as("a count's high byte reloads the address").isEqualTo(0x1299);
        q.out(0x0c, 0);
        q.out(0x01, 0x33);
        assertThat(q.read16(0x01)).as("the count reads as its base: a low byte shows at once").isEqualTo(0x0033);
    }

    @Test
    void currentCountReloadedWithTheAddressHighByte() {
        DmaRig q = DmaRig.hardwareWith(DmaQuirks.CURRENT_LOADED_AT_HIGH_BYTE);
        DmaRig h = DmaRig.hardware();
        for (DmaRig r : new DmaRig[] {q, h}) {
            r.cascade();
            r.client(1, 0);
            r.program8(1, WRITE, 0, 0x100, 9);
            r.dma.holdDreq(1);
            assertThat(r.read16(0x03)).isEqualTo(0xffff);
            r.write16(0x02, 0x200);
        }
        assertThat(q.read16(0x03)).as("QEMU: the count is reloaded too").isEqualTo(9);
        q.client(1, 0).releaseAfter = 4;
        q.dma.releaseDreq(1);
        q.out(0x0a, 0x01);
        q.dma.holdDreq(1);
        assertThat(q.read16(0x03)).isEqualTo(5);
        q.out(0x0c, 0);
        q.out(0x03, 0x20);
        assertThat(q.read16(0x03)).as("base 0x20 less the 4 moved since the load").isEqualTo(0x1c);
        assertThat(h.read16(0x03)).as("8237A: the count register is apart").isEqualTo(0xffff);
    }

    @Test
    void requestWriteClearsTc() {
        DmaRig q = DmaRig.qemu();
        DmaRig h = DmaRig.qemuWithout(DmaQuirks.REQUEST_WRITE_CLEARS_TC);
        for (DmaRig r : new DmaRig[] {q, h}) {
            r.client(2, 0);
            r.program8(2, WRITE, 0, 0x100, 0);
            r.dma.holdDreq(2);
            r.dma.releaseDreq(2);
            r.out(0x09, 0x02);
        }
        assertThat(q.in(0x08)).isZero();
        assertThat(h.in(0x08)).isEqualTo(0x04);
    }

    @Test
    void illegalReadsZero() {
        assertThat(DmaRig.qemu().in(0x0a)).isZero();
        assertThat(DmaRig.qemu().in(0xde)).isZero();
        assertThat(DmaRig.qemuWithout(DmaQuirks.ILLEGAL_READS_ZERO).in(0x0a)).isEqualTo(0xff);
        assertThat(DmaRig.qemuWithout(DmaQuirks.ILLEGAL_READS_ZERO).in(0x0c)).isEqualTo(0xff);
    }

    @Test
    void maskReadAtRequestPort() {
        DmaRig q = DmaRig.hardwareWith(DmaQuirks.MASK_READ_AT_REQUEST_PORT);
        q.out(0x0a, 0x01);
        assertThat(q.in(0x09)).isEqualTo(0x0d);
        assertThat(DmaRig.qemu().in(0x09)).isEqualTo(0xff);
        assertThat(DmaRig.qemuWithout(DmaQuirks.MASK_READ_AT_REQUEST_PORT).in(0x09)).as("illegal, reads 0 in QEMU's way").isZero();
        assertThat(DmaRig.hardware().in(0x09)).isEqualTo(0xff);
    }

    @Test
    void maskKeepsEightBits() {
        DmaRig q = DmaRig.qemu();
        DmaRig h = DmaRig.qemuWithout(DmaQuirks.MASK_KEEPS_EIGHT_BITS);
        assertThat(h.in(0x09)).as("master clear sets four bits").isEqualTo(0x0f);
        q.out(0x0f, 0xa5);
        h.out(0x0f, 0xa5);
        assertThat(q.in(0x09)).isEqualTo(0xa5);
        assertThat(h.in(0x09)).isEqualTo(0x05);
    }

    @Test
    void temporaryReadsZero() {
        for (DmaQuirks[] quirks : new DmaQuirks[][] {{}, {DmaQuirks.TEMPORARY_READS_ZERO}}) {
            DmaRig r = DmaRig.hardwareWith(quirks);
            r.ram.writeByte(0x8000, 0x5e);
            r.cascade();
            r.out(0x0b, 0x88);
            r.out(0x0b, 0x85);
            r.write16(0x00, 0x8000);
            r.write16(0x01, 0);
            r.write16(0x02, 0x9000);
            r.write16(0x03, 0);
            r.out(0x08, 0x01);
            r.out(0x09, 0x04);
            assertThat(r.ram.readByte(0x9000)).isEqualTo(0x5e);
            assertThat(r.in(0x0d)).isEqualTo(quirks.length == 0 ? 0x5e : 0);
            assertThat(r.dma.controller1().temporary()).isEqualTo(0x5e);
        }
    }

    @Test
    void commandBitsUnsupported() {
        DmaRig q = DmaRig.qemu();
        q.out(0x08, 0x04);
        q.out(0x08, 0x05);
        assertThat(q.dma.controller1().command()).as("dropped whole").isEqualTo(0x04);
        q.out(0x08, 0x00);
        assertThat(q.dma.controller1().command()).isZero();
        q.out(0x08, 0x80);
        assertThat(q.dma.controller1().command()).isZero();
        DmaRig h = DmaRig.qemuWithout(DmaQuirks.COMMAND_BITS_UNSUPPORTED);
        h.out(0x08, 0x05);
        assertThat(h.dma.controller1().command()).isEqualTo(0x05);
    }

    @Test
    void controllerDisableIgnored() {
        DmaRig q = DmaRig.qemu();
        DmaRig h = DmaRig.qemuWithout(DmaQuirks.CONTROLLER_DISABLE_IGNORED);
        for (DmaRig r : new DmaRig[] {q, h}) {
            r.client(2, 0x11);
            r.program8(2, WRITE, 0, 0x100, 0);
            r.out(0x08, 0x04);
            r.dma.holdDreq(2);
        }
        assertThat(q.ram.readByte(0x100)).isEqualTo(0x11);
        assertThat(h.ram.readByte(0x100)).isZero();
    }

    @Test
    void requestIsDreqBit() {
        DmaRig q = DmaRig.qemu();
        DmaRig h = DmaRig.qemuWithout(DmaQuirks.REQUEST_IS_DREQ_BIT);
        for (DmaRig r : new DmaRig[] {q, h}) {
            r.out(0x0b, 0x84 | 1);
            r.out(0x09, 0x05);
            r.dma.releaseDreq(1);
        }
        assertThat(q.in(0x08)).as("a DREQ release clears the software request").isZero();
        assertThat(h.in(0x08)).isEqualTo(0x20);
        for (DmaRig r : new DmaRig[] {q, h}) {
            r.dma.holdDreq(2);
            r.out(0x0d, 0);
        }
        assertThat(q.in(0x08)).as("master clear forgets the DREQ").isZero();
        assertThat(h.in(0x08)).isEqualTo(0x40);
    }

    @Test
    void softwareRequestMaskedAndInAnyModeUnderQemu() {
        DmaRig q = DmaRig.qemu();
        DmaRig h = DmaRig.qemuWithout(DmaQuirks.REQUEST_IS_DREQ_BIT);
        for (DmaRig r : new DmaRig[] {q, h}) {
            r.client(1, 0x21);
            r.program8(1, 0x84, 0, 0x100, 0);
            r.out(0x0a, 0x05);
            r.out(0x09, 0x05);
        }
        assertThat(q.ram.readByte(0x100)).as("masked").isZero();
        assertThat(h.ram.readByte(0x100)).as("not maskable").isEqualTo(0x21);
        DmaRig single = DmaRig.qemu();
        single.client(1, 0x22);
        single.program8(1, WRITE, 0, 0x100, 0);
        single.out(0x09, 0x05);
        assertThat(single.ram.readByte(0x100)).as("single mode").isEqualTo(0x22);
        assertThat(single.in(0x08)).as("request bit not cleared at TC").isEqualTo(0x22);
    }

    @Test
    void transfersNeedADevice() {
        DmaRig q = DmaRig.qemu();
        DmaRig h = DmaRig.qemuWithout(DmaQuirks.TRANSFERS_NEED_A_DEVICE);
        for (DmaRig r : new DmaRig[] {q, h}) {
            r.program8(3, WRITE, 0, 0x100, 1);
            r.out(0x09, 0x07);
        }
        assertThat(q.ram.readByte(0x100)).isZero();
        assertThat(q.read16(0x07)).isEqualTo(1);
        assertThat(h.ram.readByte(0x100)).isEqualTo(0xff);
        assertThat(h.read16(0x07)).isEqualTo(0xffff);
    }

    @Test
    void aDeviceNotInATransferTakesNothingUnderQemuOnly() {
        DmaRig q = DmaRig.qemu();
        DmaRig h = DmaRig.qemuWithout(DmaQuirks.TRANSFERS_NEED_A_DEVICE);
        DmaRig.Client[] clients = new DmaRig.Client[2];
        DmaRig[] rigs = {q, h};
        for (int i = 0; i < 2; i++) {
            clients[i] = rigs[i].client(2, 0x5a);
            clients[i].idle = true;
            rigs[i].program8(2, WRITE, 0, 0x100, 1);
            rigs[i].out(0x09, 0x06);
        }
        assertThat(q.read16(0x05)).isEqualTo(1);
        assertThat(q.ram.readByte(0x100)).isZero();
        assertThat(clients[0].given).isZero();
        assertThat(h.read16(0x05)).isEqualTo(0xffff);
        assertThat(h.ram.readByte(0x100)).isEqualTo(0x5a);
        clients[0].idle = false;
        q.out(0x09, 0x06);
        assertThat(q.ram.readByte(0x100)).isEqualTo(0x5a);
    }

    @Test
    void tcNoMaskNoReload() {
        DmaRig q = DmaRig.qemu();
        DmaRig h = DmaRig.qemuWithout(DmaQuirks.TC_NO_MASK_NO_RELOAD);
        for (DmaRig r : new DmaRig[] {q, h}) {
            r.client(1, 0).releaseAfter = 2;
            r.client(2, 0).releaseAfter = 2;
            r.program8(1, WRITE | 0x10, 0, 0x100, 1);
            r.program8(2, WRITE, 0, 0x200, 1);
            r.dma.holdDreq(1);
            r.dma.holdDreq(2);
        }
        assertThat(q.read16(0x03)).isEqualTo(0xffff);
        assertThat(q.read16(0x02)).isEqualTo(0x102);
        assertThat(h.read16(0x03)).isEqualTo(1);
        assertThat(h.read16(0x02)).isEqualTo(0x100);
        assertThat(q.dma.controller1().mask() & 0x06).isZero();
        assertThat(h.dma.controller1().mask() & 0x06).as("masked at TC, not the autoinitialised one").isEqualTo(0x04);
    }

    @Test
    void cascadeIgnored() {
        DmaRig q = DmaRig.qemu();
        DmaRig h = DmaRig.qemuWithout(DmaQuirks.CASCADE_IGNORED);
        for (DmaRig r : new DmaRig[] {q, h}) {
            r.client(0, 0x31);
            r.client(2, 0x41);
            r.program8(0, WRITE, 0, 0x100, 0);
            r.program8(2, 0xc4, 0, 0x200, 0);
            r.dma.holdDreq(0);
            r.dma.holdDreq(2);
        }
        assertThat(q.ram.readByte(0x100)).isEqualTo(0x31);
        assertThat(q.ram.readByte(0x200)).as("a cascade-mode channel transfers").isEqualTo(0x41);
        assertThat(h.ram.readByte(0x100)).as("channel 4 not in cascade mode").isZero();
        h.cascade();
        assertThat(h.ram.readByte(0x100)).isEqualTo(0x31);
        assertThat(h.ram.readByte(0x200)).isZero();
    }

    @Test
    void addressCarriesIntoPage() {
        DmaRig q = DmaRig.qemu();
        DmaRig h = DmaRig.qemuWithout(DmaQuirks.ADDRESS_CARRIES_INTO_PAGE);
        for (DmaRig r : new DmaRig[] {q, h}) {
            r.client(1, 0x80);
            r.program8(1, WRITE, 0x01, 0xffff, 1);
            r.dma.holdDreq(1);
            assertThat(r.ram.readByte(0x1ffff)).isEqualTo(0x80);
            assertThat(r.read16(0x02)).isEqualTo(0x0001);
        }
        assertThat(q.ram.readByte(0x20000)).isEqualTo(0x81);
        assertThat(h.ram.readByte(0x10000)).isEqualTo(0x81);
        assertThat(h.ram.readByte(0x20000)).isZero();
    }

    @Test
    void wordPageBit0Ored() {
        DmaRig q = DmaRig.qemu();
        DmaRig h = DmaRig.qemuWithout(DmaQuirks.WORD_PAGE_BIT0_ORED);
        for (DmaRig r : new DmaRig[] {q, h}) {
            r.client(6, 0xbeef);
            r.program16(6, WRITE, 0x13, 0x0010, 0);
            r.dma.holdDreq(6);
        }
        assertThat(q.ram.readByte(0x130020)).isEqualTo(0xef);
        assertThat(h.ram.readByte(0x120020)).isEqualTo(0xef);
        assertThat(h.ram.readByte(0x120021)).isEqualTo(0xbe);
        assertThat(h.ram.readByte(0x130020)).isZero();
        DmaRig carry = DmaRig.qemu();
        carry.client(6, 0x1234);
        carry.program16(6, WRITE, 0x03, 0x8000, 1);
        carry.dma.holdDreq(6);
        assertThat(carry.ram.readByte(0x30000)).as("0x30000 | 0x10000").isEqualTo(0x34);
        assertThat(carry.ram.readByte(0x30002)).as("the second word two bytes on").isEqualTo(0x35);
        DmaRig sum = DmaRig.qemuWithout(DmaQuirks.WORD_PAGE_BIT0_ORED);
        sum.client(6, 0x1234);
        sum.program16(6, WRITE, 0x03, 0x8000, 0);
        sum.dma.holdDreq(6);
        assertThat(sum.ram.readByte(0x30000)).as("page bits 7-1: 0x20000 + 0x10000").isEqualTo(0x34);
    }

    @Test
    void decrementOffByOne() {
        DmaRig q = DmaRig.qemu();
        DmaRig h = DmaRig.qemuWithout(DmaQuirks.DECREMENT_OFF_BY_ONE);
        for (DmaRig r : new DmaRig[] {q, h}) {
            r.client(1, 0x50);
            r.program8(1, WRITE | 0x20, 0, 0x0010, 1);
            r.dma.holdDreq(1);
            assertThat(r.read16(0x02)).isEqualTo(0x000e);
        }
        assertThat(q.ram.readByte(0x0f)).isEqualTo(0x50);
        assertThat(q.ram.readByte(0x0e)).isEqualTo(0x51);
        assertThat(q.ram.readByte(0x10)).isZero();
        assertThat(h.ram.readByte(0x10)).isEqualTo(0x50);
        assertThat(h.ram.readByte(0x0f)).isEqualTo(0x51);
    }

    @Test
    void pageFileHoles() {
        DmaRig q = DmaRig.qemu();
        DmaRig h = DmaRig.qemuWithout(DmaQuirks.PAGE_FILE_HOLES);
        for (int port : new int[] {0x84, 0x85, 0x86, 0x88, 0x8c, 0x8d, 0x8e}) {
            q.out(port, 0x12);
            h.out(port, 0x12);
            assertThat(q.in(port)).isEqualTo(0xff);
            assertThat(h.in(port)).isEqualTo(0x12);
        }
        q.out(0x87, 0x34);
        assertThat(q.in(0x87)).isEqualTo(0x34);
    }

    @Test
    void pagePortioWidths() {
        DmaRig q = DmaRig.qemu();
        DmaRig h = DmaRig.qemuWithout(DmaQuirks.PAGE_PORTIO_WIDTHS);
        for (DmaRig r : new DmaRig[] {q, h}) {
            r.out(0x81, 2, 0x2211);
            r.out(0x83, 2, 0x4433);
        }
        assertThat(q.in(0x81, 4)).isEqualTo(0xffffffffL);
        assertThat(q.in(0x82, 4)).as("unaligned, still one piece").isEqualTo(0xffffffffL);
        assertThat(h.in(0x81, 4)).isEqualTo(0xff332211L);
        assertThat(q.in(0x83, 2)).isEqualTo(0xff33);
        assertThat(h.in(0x83, 2)).isEqualTo(0xff33);
        assertThat(q.in(0x82, 2)).isEqualTo(0x3322);
        q.out(0x89, 4, 0x11111111L);
        h.out(0x89, 4, 0x11111111L);
        assertThat(q.in(0x89)).as("a dword write is lost").isZero();
        assertThat(h.in(0x89)).isEqualTo(0x11);
        q.out(0x8f, 2, 0x7766);
        assertThat(q.in(0x8f)).isEqualTo(0x66);
        q.out(0x89, 2, 0x7766);
        assertThat(q.in(0x8a)).isEqualTo(0x77);
    }

    @Test
    void theLedgerListsEveryQuirkWithItsCitation() {
        assertThat(DmaPair.qemuQuirks()).containsExactly(DmaQuirks.values());
        for (DmaQuirks q : DmaQuirks.values()) {
            assertThat(q.id()).startsWith("dma.");
            assertThat(q.citation()).contains("QEMU").containsAnyOf("8237A", "PIIX3", "PC AT");
            assertThat(q.behaviour()).isNotBlank();
        }
    }
}
