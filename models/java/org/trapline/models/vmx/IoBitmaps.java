package org.trapline.models.vmx;

/**
 * I/O bitmaps A and B (SDM Vol. 3C, "I/O-Bitmap Addresses"): two 4-KByte pages, A with one bit for
 * each port 0000h-7FFFh, B for 8000h-FFFFh; the bit of port p is bit p mod 8 of byte (p mod 8000h)/8
 * of its page. Whether an instruction exits is decided in "Instructions That Cause VM Exits
 * Conditionally" (IN, INS/INSB/INSW/INSD, OUT, OUTS/OUTSB/OUTSW/OUTSD):
 * <ul>
 * <li>with "use I/O bitmaps" clear, it exits iff "unconditional I/O exiting" is set;</li>
 * <li>with "use I/O bitmaps" set, "unconditional I/O exiting" is ignored, and it exits iff the bit
 *     of any port it accesses is set (a 4-byte access at p looks at p..p+3), or if the access wraps
 *     around the 16-bit I/O space (touches FFFFh and 0000h), whatever the bits say.</li>
 * </ul>
 */
public final class IoBitmaps {
    public static final int PAGE_SIZE = 4096;
    /** Ports covered by one bitmap. */
    public static final int PORTS_PER_BITMAP = PAGE_SIZE * 8;

    private final byte[] a = new byte[PAGE_SIZE];
    private final byte[] b = new byte[PAGE_SIZE];

    /** Sets the bit of each port in [first, first+count): accesses to them exit. */
    public void trap(int first, int count) {
        set(first, count, true);
    }

    /** Clears the bit of each port in [first, first+count): accesses to them go to the device with no exit. */
    public void passThrough(int first, int count) {
        set(first, count, false);
    }

    /** Sets every bit, as a VMM that lets no port through does. */
    public void trapAll() {
        trap(0, PORTS_PER_BITMAP * 2);
    }

    private void set(int first, int count, boolean on) {
        if (first < 0 || count < 0 || first + count > 0x10000) {
            throw new IllegalArgumentException("ports " + first + " + " + count + " lie outside 0000h-FFFFh");
        }
        for (int port = first; port < first + count; port++) {
            byte[] page = port < PORTS_PER_BITMAP ? a : b;
            int index = (port & 0x7fff) >>> 3;
            int bit = 1 << (port & 7);
            page[index] = (byte) (on ? page[index] | bit : page[index] & ~bit);
        }
    }

    public boolean isSet(int port) {
        byte[] page = port < PORTS_PER_BITMAP ? a : b;
        return (page[(port & 0x7fff) >>> 3] >>> (port & 7) & 1) != 0;
    }

    /** Byte {@code index} of bitmap A, as the VMM wrote it into the page. */
    public int byteOfA(int index) {
        return a[index] & 0xff;
    }

    /** Byte {@code index} of bitmap B. */
    public int byteOfB(int index) {
        return b[index] & 0xff;
    }

    /** Whether an access of {@code size} bytes at {@code port} exits under "use I/O bitmaps". */
    public boolean exits(int port, int size) {
        int last = port + size - 1;
        if (last > 0xffff) {
            return true; // the access wraps around the I/O space
        }
        for (int p = port; p <= last; p++) {
            if (isSet(p)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The decision of "Instructions That Cause VM Exits Conditionally" for an IN, INS, OUT or OUTS of
     * {@code size} bytes at {@code port} under the primary processor-based controls {@code primary}.
     */
    public boolean causesExit(int primary, int port, int size) {
        if ((primary & ExecutionControls.USE_IO_BITMAPS) != 0) {
            return exits(port, size);
        }
        return (primary & ExecutionControls.UNCONDITIONAL_IO_EXITING) != 0;
    }
}
