package org.trapline.models.kbc;

/**
 * The controller's translation of keyboard bytes to scan code set 1 (IBM PS/2 KADC command byte bit
 * 6), for the bytes this keyboard can send: its answers. FAh, FEh, AAh, ABh and EEh pass unchanged;
 * ID byte 83h becomes 41h; the scan code set numbers 1, 2 and 3 that F0h 00h answers become 43h,
 * 41h and 3Fh, the translation table's entries at those byte values.
 */
final class Translation {
    private Translation() {
    }

    static int toSet1(int b) {
        return switch (b & 0xff) {
            case 0x83 -> 0x41;
            case 0x01 -> 0x43;
            case 0x02 -> 0x41;
            case 0x03 -> 0x3f;
            default -> b & 0xff;
        };
    }
}
