package org.trapline.models.vcpu;

import org.trapline.models.bus.IoDevice;

/**
 * The iterations of INS and OUTS (SDM Vol. 2, "INS/INSB/INSW/INSD", "OUTS/OUTSB/OUTSW/OUTSD",
 * "REP/REPE/REPZ/REPNE/REPNZ"): each moves one operand between the port and ES:(E/R)DI or
 * DS:(E/R)SI and steps that pointer by the operand size, up when RFLAGS.DF is clear and down when it
 * is set; with REP, (E/R)CX counts the iterations down to zero, and with a count of zero none runs.
 * The address size chooses CX/ECX/RCX and SI/ESI/RSI or DI/EDI/RDI. The processor runs this when
 * the port passes through, and the VMM when it emulates the exit; the same rules either way.
 */
final class StringIo {
    private StringIo() {
    }

    /**
     * Runs the instruction; returns the number of port accesses made. {@code segmentBase} is ES's
     * base for INS, DS's (or the override's) for OUTS; linear addresses outside 64-bit mode wrap at
     * 4 GiB. The memory operand goes to guest memory with no EPT check (it is taken to be RAM).
     */
    static long run(Registers r, IoDevice ports, IoDevice memory, long segmentBase, boolean longMode, int port,
                    int size, boolean in, boolean rep, int addressSize) {
        long mask = Registers.mask(addressSize);
        long count = rep ? r.rcx & mask : 1;
        long step = r.directionDown() ? -size : size;
        long done = 0;
        while (count != 0) {
            if (in) {
                long offset = r.rdi & mask;
                long value = ports.read(port, size);
                memory.write(linear(segmentBase, offset, longMode), size, value);
                r.rdi = Registers.merge(r.rdi, addressSize, offset + step);
            } else {
                long offset = r.rsi & mask;
                long value = memory.read(linear(segmentBase, offset, longMode), size);
                ports.write(port, size, value & Registers.mask(size));
                r.rsi = Registers.merge(r.rsi, addressSize, offset + step);
            }
            done++;
            count--;
            if (rep) {
                r.rcx = Registers.merge(r.rcx, addressSize, count);
            }
        }
        return done;
    }

    static long linear(long segmentBase, long offset, boolean longMode) {
        return longMode ? offset : segmentBase + offset & 0xffffffffL;
    }
}
