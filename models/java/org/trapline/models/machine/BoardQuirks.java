package org.trapline.models.machine;

import org.trapline.models.device.Quirk;
import java.util.List;

/** QEMU's departures in the board's address decoding, outside any one device. */
public enum BoardQuirks implements Quirk {
    /** QEMU 7.2 answers {@code readb 0x8000000} (past 128 MiB of RAM) and any other unassigned address with 0. */
    UNASSIGNED_MEMORY_READS_ZERO("board.unassigned-memory-reads-zero", "memory bus",
            "a read of a physical address no device or RAM claims returns 0",
            "PCI Local Bus 3.0 §3.7.3.1: a master-aborted read returns all ones (the host bridge floats the data high); "
                    + "QEMU softmmu/physmem.c unassigned_mem_read returns 0"),
    /** QEMU 7.2 answers {@code inw 0xffff} with 0x00ff: the byte past port 0xFFFF reads 0. */
    IO_PAST_END_READS_ZERO("board.io-past-end-reads-zero", "I/O space",
            "the bytes of a word or dword IN that fall past port 0xFFFF read 0",
            "the ISA/PCI bus floats undriven data lines high (all ones); QEMU's 64 KiB I/O address space "
                    + "ends at 0xFFFF and address_space_read returns 0 beyond it"),
    /** QEMU 7.2 answers {@code inl 0x20} with IRR, IMR, IMR, IMR and {@code inl 0x4d0} with ELCR1 four times. */
    QEMU_ACCESS_SPLITTING("board.qemu-access-splitting", "I/O and memory buses",
            "an access wider than the registers it lands on goes whole to the register block holding its first byte, "
                    + "in pieces bounded by the alignment of their offset in that block, at offsets past the block's end "
                    + "(a dword IN at 0x20 reads IRR, IMR, IMR, IMR)",
            "ISA bus cycles: the chipset splits a wide access to an 8-bit device into byte cycles at consecutive ports "
                    + "(PIIX3 datasheet, ISA bus controller); QEMU softmmu/physmem.c flatview_read_continue and "
                    + "memory_access_size dispatch by region instead"),
    /** With -accel qtest, {@code clock_step} with no argument also stops one second after the guest sets the RTC's time. */
    QTEST_EVENT_THROTTLE("board.qtest-event-throttle", "QEMU monitor",
            "under qtest, the one-second rate limiter of the monitor's RTC_CHANGE event runs on the virtual clock: "
                    + "each time the guest sets the RTC's time, a deadline one second later (and one more if it sets it "
                    + "again within that second) is among the timers clock_step with no argument steps to",
            "no timer of the board's devices expires there (MC146818A: setting the time arms nothing); QEMU "
                    + "monitor/monitor.c monitor_qapi_event_queue_no_reenter and monitor_qapi_event_handler, "
                    + "monitor_get_event_clock (QEMU_CLOCK_VIRTUAL when qtest is enabled), RTC_CHANGE rate 1000 ms");

    private final Entry entry;

    BoardQuirks(String id, String device, String behaviour, String citation) {
        this.entry = new Entry(id, device, behaviour, citation);
    }

    @Override
    public Entry entry() {
        return entry;
    }

    public static List<Quirk> qemuQuirks() {
        return List.of(values());
    }
}
