package org.trapline.costs;

import java.util.ArrayList;
import java.util.List;

import org.trapline.models.machine.Machine;
import org.trapline.models.machine.MachineConfig;
import org.trapline.models.machine.Profile;
import org.trapline.models.vcpu.CpuMode;
import org.trapline.models.vcpu.TrapCounters;
import org.trapline.models.vcpu.TrapPipeline;
import org.trapline.models.vmx.Ept;

/**
 * One run of an operation's instructions through the trap pipeline on a fresh board, a 64-bit guest
 * with interrupts disabled (so that no injection mixes into the counts). Under emulation every I/O
 * instruction exits (unconditional I/O exiting) and the device's pages trap in EPT; under
 * passthrough the I/O bitmaps trap every port but the device's, and its pages map straight through.
 * Guest RAM is mapped in both; the RTC starts at {@link #RTC_BASE_EPOCH_SEC}. What was read (each IN's and load's accumulator) is kept in order.
 */
public record CostRun(Machine machine, TrapCounters counters, List<Long> valuesRead) {
    /** How the device's pages trap under emulation. */
    public enum MmioTrap {
        /** Not present: an EPT violation (48), as a page not yet faulted in. */
        VIOLATION,
        /** Write without read: an EPT misconfiguration (49), as KVM marks emulated MMIO once seen. */
        MISCONFIG
    }

    /** The RTC's start, 2023-11-14 22:13:20 UTC: a time whose registers are not all zero, fixed for determinism. */
    public static final long RTC_BASE_EPOCH_SEC = 1_700_000_000L;

    public static CostRun emulated(DeviceOperation op, Profile profile, Prices prices, MmioTrap trap) {
        Machine m = profile.build(MachineConfig.defaults().withRtcBase(RTC_BASE_EPOCH_SEC));
        TrapPipeline p = pipeline(m, prices);
        for (long page : op.mmioPages()) {
            if (trap == MmioTrap.MISCONFIG) {
                p.vmcs().ept.trapByMisconfiguration(page, Ept.PAGE_SIZE);
            } else {
                p.vmcs().ept.trapByViolation(page, Ept.PAGE_SIZE);
            }
        }
        return run(op, m, p);
    }

    public static CostRun passthrough(DeviceOperation op, Profile profile, Prices prices) {
        Machine m = profile.build(MachineConfig.defaults().withRtcBase(RTC_BASE_EPOCH_SEC));
        TrapPipeline p = pipeline(m, prices).useIoBitmaps();
        p.vmcs().ioBitmaps.trapAll();
        for (DeviceOperation.PortRange range : op.ports()) {
            p.vmcs().ioBitmaps.passThrough(range.first(), range.count());
        }
        for (long page : op.mmioPages()) {
            p.vmcs().ept.passThrough(page, Ept.PAGE_SIZE);
        }
        return run(op, m, p);
    }

    private static TrapPipeline pipeline(Machine m, Prices prices) {
        TrapPipeline p = new TrapPipeline(m.io(), m.mmio(), m.pic(), prices.exitCosts());
        p.vmcs().ept.mapRam(0, m.ram().sizeBytes());
        p.vcpu().mode(CpuMode.BITS64);
        return p;
    }

    private static CostRun run(DeviceOperation op, Machine m, TrapPipeline p) {
        op.prepare().accept(m);
        List<Long> read = new ArrayList<>();
        for (GuestInstruction i : op.sequence()) {
            long value = i.execute(p.vcpu());
            if (i.reads()) {
                read.add(value);
            }
        }
        return new CostRun(m, p.counters(), List.copyOf(read));
    }
}
