package org.trapline.models.bus;

import java.util.Arrays;

/**
 * The x86 I/O space: 65 536 ports, accesses of 1, 2 or 4 bytes (IN/OUT). Ports past 0xFFFF, which
 * a word or dword access at the top of the space reaches, are never claimed.
 */
public final class PortIoBus extends AddressSpace {
    public static final int PORTS = 0x10000;
    private final Section[] byPort = new Section[PORTS];
    private int pastEndByte = 0xff;

    public PortIoBus() {
        super("I/O space", PORTS, 4);
    }

    @Override
    protected void onChanged() {
        Arrays.fill(byPort, null);
        for (Section s : sections()) {
            Arrays.fill(byPort, (int) s.start(), (int) s.end(), s);
        }
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
    protected Section sectionAt(long address) {
        return address >= 0 && address < PORTS ? byPort[(int) address] : null;
    }
}
