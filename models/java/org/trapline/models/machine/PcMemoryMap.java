package org.trapline.models.machine;

/**
 * Where QEMU 7.2's {@code -machine pc} puts guest RAM (hw/i386/pc_piix.c pc_init1): below 4 GiB up
 * to {@code max-ram-below-4g} (3.5 GiB unless told), the rest from 4 GiB up. A machine whose RAM
 * reaches that limit keeps only 3 GiB low, so that the split falls on a gigabyte (pc-i440fx
 * machines since 1.7 set gigabyte_align); a smaller {@code max-ram-below-4g} is kept as given.
 *
 * @param ramBelow4g bytes of RAM mapped from address 0
 * @param ramAbove4g bytes of RAM mapped from 4 GiB
 */
public record PcMemoryMap(long ramBelow4g, long ramAbove4g) {
    public static final long FOUR_GIB = 1L << 32;
    /** QEMU's default {@code max-ram-below-4g}: the traditional 3.5 GiB split. */
    public static final long DEFAULT_MAX_RAM_BELOW_4G = 0xe0000000L;
    static final long GIGABYTE_ALIGNED_LOW = 0xc0000000L;

    public PcMemoryMap {
        if (ramBelow4g < 0 || ramAbove4g < 0 || ramBelow4g > FOUR_GIB) {
            throw new IllegalArgumentException("RAM split " + ramBelow4g + "/" + ramAbove4g);
        }
    }

    /** The split of {@code ramBytes} with the default {@code max-ram-below-4g}. */
    public static PcMemoryMap of(long ramBytes) {
        return of(ramBytes, DEFAULT_MAX_RAM_BELOW_4G);
    }

    /** The split of {@code ramBytes} with {@code max-ram-below-4g} at {@code maxBelow4g} (at most 4 GiB). */
    public static PcMemoryMap of(long ramBytes, long maxBelow4g) {
        long low = maxBelow4g;
        if (ramBytes >= maxBelow4g && low > GIGABYTE_ALIGNED_LOW) {
            low = GIGABYTE_ALIGNED_LOW;
        }
        return ramBytes >= low ? new PcMemoryMap(low, ramBytes - low) : new PcMemoryMap(ramBytes, 0);
    }

    public long ramBytes() {
        return ramBelow4g + ramAbove4g;
    }
}
