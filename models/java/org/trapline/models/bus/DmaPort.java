package org.trapline.models.bus;

/**
 * A bus master's path to guest memory: the bytes of a DMA transfer go through the memory bus, as
 * QEMU's dma_memory_rw goes through address_space_memory, so that a transfer into RAM lands in
 * RAM, one into the ROM is dropped, one into the PCI hole reads as the hole reads, and one that
 * meets a device's registers reaches the device, in pieces of at most four bytes aligned to their
 * address (softmmu/physmem.c flatview_read_continue, memory_access_size). The caller owns the
 * buffer, so a transfer of any length allocates nothing; the port counts what passes.
 */
public final class DmaPort {
    private final AddressSpace memory;
    private long bytesRead;
    private long bytesWritten;
    private long transfers;

    public DmaPort(AddressSpace memory) {
        this.memory = memory;
    }

    /** Reads {@code length} bytes at guest-physical {@code address} into {@code into[offset..]}. */
    public void read(long address, byte[] into, int offset, int length) {
        checkRange(into, offset, length);
        transfers++;
        int done = 0;
        while (done < length) {
            int piece = piece(address + done, length - done);
            long value = memory.read(address + done, piece);
            for (int i = 0; i < piece; i++) {
                into[offset + done + i] = (byte) (value >>> (8 * i));
            }
            done += piece;
        }
        bytesRead += length;
    }

    /** Writes {@code from[offset..offset+length)} at guest-physical {@code address}. */
    public void write(long address, byte[] from, int offset, int length) {
        checkRange(from, offset, length);
        transfers++;
        int done = 0;
        while (done < length) {
            int piece = piece(address + done, length - done);
            long value = 0;
            for (int i = piece - 1; i >= 0; i--) {
                value = value << 8 | (from[offset + done + i] & 0xff);
            }
            memory.write(address + done, piece, value);
            done += piece;
        }
        bytesWritten += length;
    }

    /** The largest power of two no larger than 4, than what is left, nor than the address's alignment. */
    private static int piece(long address, int left) {
        int piece = Integer.highestOneBit(Math.min(left, 4));
        long alignment = address & -address;
        if (alignment != 0 && alignment < piece) {
            piece = (int) alignment;
        }
        return piece;
    }

    private static void checkRange(byte[] buffer, int offset, int length) {
        if (offset < 0 || length < 0 || offset > buffer.length - length) {
            throw new IndexOutOfBoundsException("DMA buffer of " + buffer.length + " bytes, offset " + offset
                    + ", length " + length);
        }
    }

    public long bytesRead() {
        return bytesRead;
    }

    public long bytesWritten() {
        return bytesWritten;
    }

    /** Calls of {@link #read} and {@link #write}. */
    public long transfers() {
        return transfers;
    }
}
