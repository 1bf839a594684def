package org.trapline.models.vmx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** SDM Vol. 3C, "I/O-Bitmap Addresses" and "Instructions That Cause VM Exits Conditionally". */
class IoBitmapsTest {
    private static final int BITMAPS = ExecutionControls.USE_IO_BITMAPS;
    private static final int UNCONDITIONAL = ExecutionControls.UNCONDITIONAL_IO_EXITING;

    @Test
    void bitmapAHoldsPorts0000To7fffAndBHolds8000ToFfff() {
        IoBitmaps b = new IoBitmaps();
        b.trap(0x63, 1);
        assertThat(b.byteOfA(0x0c)).isEqualTo(1 << 3); // 63h: byte 0Ch, bit 3
        b.trap(0x7fff, 1);
        assertThat(b.byteOfA(0xfff)).isEqualTo(0x80);
        b.trap(0x8000, 1);
        assertThat(b.byteOfB(0)).isEqualTo(1);
        b.trap(0xffff, 1);
        assertThat(b.byteOfB(0xfff)).isEqualTo(0x80);
        b.trap(0x8009, 1);
        assertThat(b.byteOfB(1)).isEqualTo(2);
        assertThat(b.byteOfA(1)).isZero(); // 0009h is not 8009h
        b.passThrough(0x63, 1);
        assertThat(b.byteOfA(0x0c)).isZero();
        assertThat(b.isSet(0x8000)).isTrue();
        assertThat(b.isSet(0x0000)).isFalse();
    }

    @Test
    void aMultiByteAccessExitsWhenTheBitOfAnyOfItsPortsIsSet() {
        IoBitmaps b = new IoBitmaps();
        b.trap(0x61, 1);
        assertThat(b.exits(0x61, 1)).isTrue();
        assertThat(b.exits(0x60, 1)).isFalse();
        assertThat(b.exits(0x60, 2)).isTrue();
        assertThat(b.exits(0x5e, 2)).isFalse();
        assertThat(b.exits(0x5e, 4)).isTrue();
        assertThat(b.exits(0x62, 4)).isFalse();
    }

    @Test
    void anAccessAcrossTheTwoBitmapsLooksAtBoth() {
        IoBitmaps b = new IoBitmaps();
        b.trap(0x8000, 1);
        assertThat(b.exits(0x7fff, 2)).isTrue();
        assertThat(b.exits(0x7ffd, 2)).isFalse();
    }

    @Test
    void anAccessThatWrapsPastFfffExitsWhateverTheBits() {
        IoBitmaps b = new IoBitmaps();
        assertThat(b.exits(0xfffe, 2)).isFalse();
        assertThat(b.exits(0xffff, 1)).isFalse();
        assertThat(b.exits(0xffff, 2)).isTrue();
        assertThat(b.exits(0xfffd, 4)).isTrue();
        assertThat(b.exits(0xfffc, 4)).isFalse();
    }

    @Test
    void theControlsDecideWhetherTheBitmapsAreRead() {
        IoBitmaps b = new IoBitmaps();
        b.trap(0x80, 1);
        // both clear: the instruction executes normally, even on a set bit
        assertThat(b.causesExit(0, 0x80, 1)).isFalse();
        // unconditional I/O exiting alone: every instruction exits
        assertThat(b.causesExit(UNCONDITIONAL, 0x81, 1)).isTrue();
        // use I/O bitmaps: the bitmaps decide, and unconditional I/O exiting is ignored
        assertThat(b.causesExit(BITMAPS, 0x80, 1)).isTrue();
        assertThat(b.causesExit(BITMAPS, 0x81, 1)).isFalse();
        assertThat(b.causesExit(BITMAPS | UNCONDITIONAL, 0x81, 1)).isFalse();
        // the wrap exits only where the bitmaps are read
        assertThat(b.causesExit(BITMAPS, 0xffff, 4)).isTrue();
        assertThat(b.causesExit(0, 0xffff, 4)).isFalse();
    }

    @Test
    void trapAllSetsEveryBit() {
        IoBitmaps b = new IoBitmaps();
        b.trapAll();
        assertThat(b.byteOfA(0)).isEqualTo(0xff);
        assertThat(b.byteOfB(0xfff)).isEqualTo(0xff);
        b.passThrough(0x3f8, 8);
        assertThat(b.byteOfA(0x7f)).isZero();
        assertThat(b.exits(0x3f8, 4)).isFalse();
        assertThat(b.exits(0x3f6, 4)).isTrue();
    }

    @Test
    void rangesOutsideTheIoSpaceAreRejected() {
        IoBitmaps b = new IoBitmaps();
        assertThatThrownBy(() -> b.trap(0xffff, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.trap(-1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.trap(0, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
