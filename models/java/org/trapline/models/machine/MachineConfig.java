package org.trapline.models.machine;

/**
 * What the board is built with: the facts a machine's command line gives QEMU.
 *
 * @param ramBytes        guest RAM ({@code -m}), 128 MiB unless told
 * @param rtcBaseEpochSec the RTC's start, seconds since 1970-01-01 UTC ({@code -rtc base=})
 */
public record MachineConfig(long ramBytes, long rtcBaseEpochSec) {
    public static final long DEFAULT_RAM = 128L << 20;

    public static MachineConfig defaults() {
        return new MachineConfig(DEFAULT_RAM, 0);
    }

    public MachineConfig withRam(long bytes) {
        return new MachineConfig(bytes, rtcBaseEpochSec);
    }

    public MachineConfig withRtcBase(long epochSec) {
        return new MachineConfig(ramBytes, epochSec);
    }
}
