package org.trapline.models.sysctl;

import static org.trapline.models.device.Inspectable.hex;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.trapline.models.bus.IoDevice;
import org.trapline.models.bus.PortIoBus;
import org.trapline.models.bus.Region;
import org.trapline.models.device.Inspectable;
import org.trapline.models.device.Quirk;

/**
 * System Control Port A, the PIIX3's Port 92 register (82371SB, 290550): bit 1 FAST_A20 gates A20
 * beside the keyboard controller's output port, bit 0 FAST_INIT asserts INIT to the CPU on a 0-to-1
 * transition and reads back as written. One byte at offset 0; the PC decodes it at 92h.
 */
public final class Port92 implements IoDevice, Inspectable {
    static final int FAST_INIT = 0x01;
    static final int FAST_A20 = 0x02;
    static final int IMPLEMENTED = FAST_INIT | FAST_A20;

    private final boolean reservedStored;
    private final boolean initResetsBoard;
    private final boolean resetKeepsA20;
    private Runnable boardReset = this::reset;
    private int value;
    private long initPulses;

    public Port92(Set<Quirk> quirks) {
        this.reservedStored = quirks.contains(SysctlQuirks.PORT92_RESERVED_BITS_STORED);
        this.initResetsBoard = quirks.contains(SysctlQuirks.PORT92_FAST_INIT_RESETS_BOARD);
        this.resetKeepsA20 = quirks.contains(SysctlQuirks.PORT92_RESET_KEEPS_A20);
    }

    /** The quirks of port 92h and port 80h that the qemu-pc profile switches on. */
    public static List<Quirk> qemuQuirks() {
        return SysctlQuirks.all();
    }

    public void attach(PortIoBus io, int port) {
        io.map(Region.of("port92", 1, 1, 1, this, this).at(port));
    }

    /** Who answers FAST_INIT when it resets the board (quirk {@link SysctlQuirks#PORT92_FAST_INIT_RESETS_BOARD}). */
    public void onBoardReset(Runnable reset) {
        this.boardReset = reset;
    }

    /** A board reset: 00h (QEMU: bit 0 cleared, the rest kept). */
    public void reset() {
        value = resetKeepsA20 ? value & ~FAST_INIT : 0;
    }

    @Override
    public long read(long offset, int size) {
        return value;
    }

    @Override
    public void write(long offset, int size, long written) {
        int v = (int) (written & 0xff);
        int old = value;
        value = reservedStored ? v : v & IMPLEMENTED;
        if ((v & FAST_INIT) != 0 && (old & FAST_INIT) == 0) {
            initPulses++;
            if (initResetsBoard) {
                boardReset.run();
            }
        }
    }

    /** Bit 1: the fast A20 gate. */
    public boolean a20() {
        return (value & FAST_A20) != 0;
    }

    /** How many 0-to-1 transitions of FAST_INIT were written. */
    public long initPulses() {
        return initPulses;
    }

    @Override
    public String deviceName() {
        return "port92";
    }

    @Override
    public Map<String, String> registers() {
        return Map.of("PORT92", hex(value));
    }
}
