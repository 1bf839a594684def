package org.trapline.models.ide;

/**
 * The IDENTIFY PACKET DEVICE data of QEMU 7.2's CD-ROM (ATA/ATAPI-6 clause 8, IDENTIFY PACKET DEVICE,
 * Table 28; QEMU hw/ide/core.c ide_atapi_identify with USE_DMA_CDROM), and the words SET FEATURES changes.
 * QEMU builds the words at the first IDENTIFY PACKET DEVICE and keeps them; a SET FEATURES before that
 * changes words that the first IDENTIFY then rebuilds.
 */
final class AtapiIdentify {
    static final int WORDS = 256, BYTES = 2 * WORDS;

    private final int[] words = new int[WORDS];
    private final String serial;
    private boolean built;

    AtapiIdentify(String serial) {
        this.serial = serial;
    }

    /** Copies the 512 bytes, little-endian words, into {@code buf}. */
    void fill(byte[] buf) {
        if (!built) {
            build();
        }
        for (int i = 0; i < WORDS; i++) {
            buf[2 * i] = (byte) words[i];
            buf[2 * i + 1] = (byte) (words[i] >> 8);
        }
    }

    private void build() {
        java.util.Arrays.fill(words, 0);
        // Word 0: ATAPI (10b), CD-ROM device type 05h, removable, DRQ within 50 us (10b), 12-byte packets.
        words[0] = 2 << 14 | 5 << 8 | 1 << 7 | 2 << 5;
        ascii(10, 20, serial);
        words[20] = 3; // buffer type (retired)
        words[21] = 512; // buffer size (retired)
        words[22] = 4; // ECC bytes (obsolete)
        ascii(23, 8, AtapiCommands.REVISION); // firmware revision
        ascii(27, 40, AtapiCommands.PRODUCT); // model number
        words[48] = 1; // QEMU: dword I/O
        words[49] = 1 << 9 | 1 << 8; // LBA, DMA supported
        words[53] = 7; // words 64-70, 54-58 and 88 valid
        words[62] = 7; // single-word DMA 0-2 supported (obsolete in ATA/ATAPI-6)
        words[63] = 7; // multiword DMA 0-2 supported
        words[64] = 3; // PIO 3 and 4
        words[65] = 0xb4; // minimum multiword DMA cycle, ns
        words[66] = 0xb4; // recommended multiword DMA cycle
        words[67] = 0x12c; // minimum PIO cycle without flow control
        words[68] = 0xb4; // minimum PIO cycle with IORDY
        words[71] = 30; // PACKET to bus release, ns
        words[72] = 30; // SERVICE to BSY cleared, ns
        words[80] = 0x1e; // major version: ATA-1 to ATA/ATAPI-4
        words[88] = 0x3f | 1 << 13; // Ultra DMA 0-5 supported, mode 5 selected
        built = true;
    }

    /** An ATA string (clause 8, IDENTIFY DEVICE): two characters a word, the first in bits 15-8, space-padded. */
    private void ascii(int word, int chars, String s) {
        for (int i = 0; i < chars; i += 2) {
            int hi = i < s.length() ? s.charAt(i) : ' ';
            int lo = i + 1 < s.length() ? s.charAt(i + 1) : ' ';
            words[word + i / 2] = (hi & 0xff) << 8 | lo & 0xff;
        }
    }

    /**
     * SET FEATURES with {@code feature} and Sector Count {@code count} (clause 8, SET FEATURES), as QEMU
     * takes it for any drive (hw/ide/core.c cmd_set_features).
     *
     * @return false if the command is aborted
     */
    boolean setFeatures(int feature, int count) {
        switch (feature) {
            case 0x02 -> words[85] = 1 << 14 | 1 << 5 | 1; // write cache enable
            case 0x82 -> words[85] = 1 << 14 | 1; // write cache disable
            case 0xcc, 0x66, 0xaa, 0x55, 0x05, 0x85, 0x69, 0x67, 0x96, 0x9a, 0x42, 0xc2 -> {
                // reverting to power-on defaults, look-ahead, APM, AAM, NOPs: accepted, nothing changes here
            }
            case 0x03 -> {
                return transferMode(count);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Set transfer mode: Sector Count bits 7-3 the kind, 2-0 the mode (clause 8, SET FEATURES Table 44). */
    private boolean transferMode(int count) {
        int mode = count & 7;
        int sw = 0x07, mw = 0x07, udma = 0x3f;
        switch (count >> 3) {
            case 0x00, 0x01 -> {
                // PIO default or flow control mode: no DMA mode selected
            }
            case 0x02 -> sw |= 1 << (mode + 8);
            case 0x04 -> mw |= 1 << (mode + 8);
            case 0x08 -> udma |= 1 << (mode + 8);
            default -> {
                return false;
            }
        }
        words[62] = sw;
        words[63] = mw;
        words[88] = udma;
        return true;
    }
}
