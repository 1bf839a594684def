package org.trapline.models.memory;

import org.trapline.models.bus.IoDevice;

/**
 * A read-only image: the firmware at the top of 4 GiB, its alias below 1 MiB, the option ROM area.
 * Writes are ignored, as a ROM's are (QEMU: a read-only RAM region drops them). An image that could
 * not be loaded reads as all ones and remembers that it was read, so that the harness can say the
 * firmware was missing instead of reporting a divergence.
 */
public final class Rom implements IoDevice {
    private final byte[] image;
    private final long size;
    private long readsOfAbsentImage;

    private Rom(byte[] image, long size) {
        this.image = image;
        this.size = size;
    }

    /** A ROM holding a copy of {@code image}. */
    public static Rom of(byte[] image) {
        return new Rom(image.clone(), image.length);
    }

    /** A ROM of {@code size} bytes whose image is not there. */
    public static Rom absent(long size) {
        return new Rom(null, size);
    }

    public long size() {
        return size;
    }

    public boolean present() {
        return image != null;
    }

    /** How many reads reached a ROM whose image is not there. */
    public long readsOfAbsentImage() {
        return readsOfAbsentImage;
    }

    @Override
    public long read(long offset, int width) {
        if (image == null) {
            readsOfAbsentImage++;
            return -1L;
        }
        long value = 0;
        for (int i = width - 1; i >= 0; i--) {
            long at = offset + i;
            value = (value << 8) | (at >= 0 && at < image.length ? image[(int) at] & 0xff : 0xff);
        }
        return value;
    }

    @Override
    public void write(long offset, int width, long value) {
        // read-only
    }
}
