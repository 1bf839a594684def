package org.trapline.models.bus;

/**
 * The x86 I/O space: 65 536 ports, accesses of 1, 2 or 4 bytes (IN/OUT). Ports past 0xFFFF, which
 * a word or dword access at the top of the space reaches, are never claimed.
 */
public final class PortIoBus extends AddressSpace {
    public static final int PORTS = 0x10000;
    private final Region[] byPort = new Region[PORTS];
    /**
     * For each port, bit {@code w} set when a {@code w}-byte access there reaches one register whole
     * ({@link #reachesOneRegister}): such an access goes straight to its device.
     */
    private final byte[] wholeWidths = new byte[PORTS];
    private int pastEndByte = 0xff;

    public PortIoBus() {
        super("I/O space", PORTS, 4);
    }

    @Override
    protected void onMapped(Region region) {
        for (long p = region.base(); p < region.end(); p++) {
            byPort[(int) p] = region;
            noteWholeWidths((int) p);
        }
    }

    @Override
    protected void onSplittingChanged() {
        for (Region region : regions()) {
            for (long p = region.base(); p < region.end(); p++) {
                noteWholeWidths((int) p);
            }
        }
    }

    private void noteWholeWidths(int port) {
        int widths = 0;
        for (int width = 1; width <= 4; width <<= 1) {
            if (reachesOneRegister(byPort[port], port, width)) {
                widths |= 1 << width;
            }
        }
        wholeWidths[port] = (byte) widths;
    }

    @Override
    public long read(long address, int width) {
        if (isWhole(address, width)) {
            Region region = byPort[(int) address];
            return region.device().read(region.offsetOf(address), width) & mask(width);
        }
        return super.read(address, width);
    }

    @Override
    public void write(long address, int width, long value) {
        if (isWhole(address, width)) {
            Region region = byPort[(int) address];
            region.device().write(region.offsetOf(address), width, value & mask(width));
            return;
        }
        super.write(address, width, value);
    }

    private boolean isWhole(long address, int width) {
        return address >= 0 && address < PORTS && (width & ~7) == 0 && (wholeWidths[(int) address] >>> width & 1) != 0;
    }

    /** What the bytes of an access past port 0xFFFF read as (QEMU: 0, outside its I/O address space). */
    public void setPastEndByte(int value) {
        this.pastEndByte = value & 0xff;
    }

    @Override
    protected int unclaimedByte(long address) {
        return address >= PORTS ? pastEndByte : super.unclaimedByte(address);
    }

    @Override
    public Region regionAt(long address) {
        return address >= 0 && address < PORTS ? byPort[(int) address] : null;
    }
}
