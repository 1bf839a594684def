package org.trapline.models.bus;

/**
 * A device's register block as a bus sees it. Offsets are relative to the start of the region the
 * device is mapped at; the bus only calls with sizes the region declares the device implements
 * (see {@link AddressSpace#map}). A guest access, however strange, must never throw out of here.
 */
public interface IoDevice {
    /** Reads {@code size} bytes at {@code offset}; the bus keeps only the low {@code 8*size} bits. */
    long read(long offset, int size);

    /** Writes the low {@code 8*size} bits of {@code value} at {@code offset}. */
    void write(long offset, int size, long value);
}
