package org.trapline.kvm;

import org.trapline.models.lapic.LocalApic;
import org.trapline.models.bus.IoDevice;

/**
 * Guest-physical memory as the vCPU sees it: its own local APIC's 4 KiB register page at
 * FEE00000h (SDM Vol. 3A "Local APIC Register Address Map"; each register is 32 bits on a 16-byte
 * boundary), the board's memory bus elsewhere. The board's bus is qtest's view, which in qemu-pc has
 * no current CPU and so no APIC registers (LapicQuirks.QTEST_ACCESS_HAS_NO_CPU).
 */
final class CpuMemoryView implements IoDevice {
    private static final long PAGE = 0xfee0_0000L;
    private static final long PAGE_END = PAGE + 0x1000;

    private final IoDevice board;
    private final LocalApic lapic;

    CpuMemoryView(IoDevice board, LocalApic lapic) {
        this.board = board;
        this.lapic = lapic;
    }

    @Override
    public long read(long address, int size) {
        if (address >= PAGE && address < PAGE_END) {
            return lapic.cpuRead((int) (address - PAGE), size);
        }
        return board.read(address, size);
    }

    @Override
    public void write(long address, int size, long value) {
        if (address >= PAGE && address < PAGE_END) {
            lapic.cpuWrite((int) (address - PAGE), size, value);
            return;
        }
        board.write(address, size, value);
    }
}
