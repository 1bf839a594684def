package org.trapline.models.dma;

import static org.trapline.models.device.Inspectable.hex;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.trapline.models.bus.IoDevice;
import org.trapline.models.device.Inspectable;
import org.trapline.models.device.Quirk;

/**
 * The DMA page register file of the PC: sixteen read/write bytes (a 74LS612 on the AT; PIIX3 290550
 * "DMA Page Registers", 80h-8Fh), eight of which give the channels' address bits 16-23: offset 7
 * channel 0, 3 channel 1, 1 channel 2, 2 channel 3, 0Fh channel 4, 0Bh channel 5, 9 channel 6, 0Ah
 * channel 7. The rest are storage (offset 0 is the POST code port, which the board gives to its own
 * device). Also the high page registers (bits 24-31) that QEMU offers at 480h when a board enables
 * them (hw/dma/i8257.c, pageh-base); the PC does not, so they stay unmapped there.
 */
public final class DmaPageRegisters implements IoDevice, Inspectable {
    /** The offset of each channel's page register, by channel 0-7. */
    static final int[] PAGE_OFFSET = {7, 3, 1, 2, 0x0f, 0x0b, 9, 0x0a};
    /** QEMU's decoded runs of the file: [start, end) offsets (hw/dma/i8257.c page_portio_list, twice). */
    static final int[][] QEMU_RUNS = {{1, 4}, {7, 8}, {9, 12}, {15, 16}};
    static final int FILE_BYTES = 16;

    private final boolean holes;
    private final boolean portioWidths;
    private final int[] file = new int[FILE_BYTES];
    private final int[] highPage = new int[8];
    private final IoDevice highPages = new IoDevice() {
        @Override
        public long read(long offset, int size) {
            int channel = channelAt((int) offset & (FILE_BYTES - 1));
            return channel < 0 ? 0 : highPage[channel];
        }

        @Override
        public void write(long offset, int size, long value) {
            int channel = channelAt((int) offset & (FILE_BYTES - 1));
            if (channel >= 0) {
                highPage[channel] = (int) value & 0xff;
            }
        }
    };

    public DmaPageRegisters(Set<Quirk> quirks) {
        this.holes = quirks.contains(DmaQuirks.PAGE_FILE_HOLES);
        this.portioWidths = quirks.contains(DmaQuirks.PAGE_PORTIO_WIDTHS);
    }

    /** The decoded [start, end) offsets of the file past offset 0: all of it, or QEMU's runs. */
    int[][] decodedRuns() {
        return holes ? QEMU_RUNS : new int[][] {{1, FILE_BYTES}};
    }

    /** The widest access the file takes itself: QEMU's portio lists see 2- and 4-byte accesses whole. */
    int maxAccess() {
        return portioWidths ? 4 : 1;
    }

    /** The high page registers' block (offsets as the low file's), for a board that enables them. */
    IoDevice highPages() {
        return highPages;
    }

    /** The file seen from offset {@code start}: offset 0 of the view is byte {@code start}. */
    IoDevice run(int start) {
        return new IoDevice() {
            @Override
            public long read(long offset, int size) {
                return DmaPageRegisters.this.read(start + offset, size);
            }

            @Override
            public void write(long offset, int size, long value) {
                DmaPageRegisters.this.write(start + offset, size, value);
            }
        };
    }

    /** Address bits 16-23 of {@code channel} (0-7). */
    public int page(int channel) {
        return file[PAGE_OFFSET[channel & 7]];
    }

    /** Address bits 24-31 of {@code channel} (0-7): 0 unless a board maps the high page registers. */
    public int highPage(int channel) {
        return highPage[channel & 7];
    }

    private static int channelAt(int offset) {
        for (int c = 0; c < PAGE_OFFSET.length; c++) {
            if (PAGE_OFFSET[c] == offset) {
                return c;
            }
        }
        return -1;
    }

    @Override
    public long read(long offset, int size) {
        int at = (int) offset & (FILE_BYTES - 1);
        if (size == 1) {
            return file[at];
        }
        if (size == 2) {
            return file[at] | (inSameRun(at) ? file[at + 1] : 0xff) << 8;
        }
        return 0xffffffffL; // portio_read: no 4-byte entries
    }

    @Override
    public void write(long offset, int size, long value) {
        int at = (int) offset & (FILE_BYTES - 1);
        if (size == 1) {
            file[at] = (int) value & 0xff;
        } else if (size == 2) {
            file[at] = (int) value & 0xff;
            if (inSameRun(at)) {
                file[at + 1] = (int) (value >>> 8) & 0xff;
            }
        }
    }

    /** Whether the byte after {@code at} is in the same decoded run (QEMU's portio rule for a word). */
    private boolean inSameRun(int at) {
        for (int[] run : decodedRuns()) {
            if (at >= run[0] && at + 1 < run[1]) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String deviceName() {
        return "dma-page";
    }

    @Override
    public Map<String, String> registers() {
        Map<String, String> r = new LinkedHashMap<>();
        for (int c = 0; c < 8; c++) {
            r.put("page" + c, hex(page(c)));
        }
        for (int c = 0; c < 8; c++) {
            if (highPage[c] != 0) {
                r.put("pageh" + c, hex(highPage[c]));
            }
        }
        return r;
    }
}
