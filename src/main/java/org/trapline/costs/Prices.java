package org.trapline.costs;

import org.trapline.models.vcpu.ExitCosts;
import org.trapline.models.vmx.ExitReason;

/**
 * The nanoseconds charged for an exit of each reason and for each device access, emulated or
 * passed through. The defaults are illustrative, of the order a VMX host with KVM shows, not a
 * measurement: a user sets their own with {@code --price REASON=NS}.
 */
public record Prices(long io, long eptViolation, long eptMisconfig, long emulated, long passthrough) {
    public static final Prices ILLUSTRATIVE = new Prices(1500, 2500, 2000, 100, 30);
    /** The names {@code --price} takes, in the order the header prints them. */
    public static final String NAMES = "io, ept-violation, ept-misconfig, emulated, passthrough";

    /** These prices with {@code NAME=NS} applied; a bad name or number is an IllegalArgumentException saying which. */
    public Prices with(String assignment) {
        int eq = assignment.indexOf('=');
        if (eq < 0) {
            throw new IllegalArgumentException("'" + assignment + "' is not NAME=NS (names: " + NAMES + ")");
        }
        String name = assignment.substring(0, eq);
        String text = assignment.substring(eq + 1);
        long ns;
        try {
            ns = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("price of " + name + ": '" + text + "' is not a whole number of ns");
        }
        if (ns < 0 || ns > 1_000_000_000L) {
            throw new IllegalArgumentException("price of " + name + ": " + ns + " ns is outside 0..1000000000");
        }
        return switch (name) {
            case "io" -> new Prices(ns, eptViolation, eptMisconfig, emulated, passthrough);
            case "ept-violation" -> new Prices(io, ns, eptMisconfig, emulated, passthrough);
            case "ept-misconfig" -> new Prices(io, eptViolation, ns, emulated, passthrough);
            case "emulated" -> new Prices(io, eptViolation, eptMisconfig, ns, passthrough);
            case "passthrough" -> new Prices(io, eptViolation, eptMisconfig, emulated, ns);
            default -> throw new IllegalArgumentException("unknown price '" + name + "' (names: " + NAMES + ")");
        };
    }

    public ExitCosts exitCosts() {
        return ExitCosts.NONE.withExit(ExitReason.IO_INSTRUCTION, io).withExit(ExitReason.EPT_VIOLATION, eptViolation)
                .withExit(ExitReason.EPT_MISCONFIGURATION, eptMisconfig).withEmulatedAccess(emulated)
                .withPassthroughAccess(passthrough);
    }

    @Override
    public String toString() {
        return "io=" + io + " ept-violation=" + eptViolation + " ept-misconfig=" + eptMisconfig + " emulated=" + emulated
                + " passthrough=" + passthrough;
    }
}
