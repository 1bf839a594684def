package org.trapline.costs;

import org.trapline.models.machine.Profile;
import org.trapline.models.vcpu.TrapCounters;
import org.trapline.models.vmx.ExitReason;

/** One operation's counts and costs, read from the pipeline's counters after a run of each kind. */
public record OperationCost(String id, String device, String citation, String listing, int instructions, long emulationExits,
        long ioExits, long eptViolationExits, long eptMisconfigExits, long emulationNs, long passthroughExits,
        long passthroughNs) {

    public static OperationCost measure(DeviceOperation op, Profile profile, Prices prices, CostRun.MmioTrap trap) {
        TrapCounters e = CostRun.emulated(op, profile, prices, trap).counters();
        TrapCounters t = CostRun.passthrough(op, profile, prices).counters();
        return new OperationCost(op.id(), op.device(), op.citation(), op.listing(), op.sequence().size(), e.totalExits(),
                e.exits(ExitReason.IO_INSTRUCTION), e.exits(ExitReason.EPT_VIOLATION),
                e.exits(ExitReason.EPT_MISCONFIGURATION), e.costNs(), t.totalExits(), t.costNs());
    }
}
