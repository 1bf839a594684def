package org.trapline.models.vmx;

import java.util.Arrays;

/**
 * The EPT view of guest-physical memory, 4 KiB page by page: for each page, bits 2:0 of the leaf
 * EPT entry that maps it (R, W, X; SDM Vol. 3C, "EPT Translation Mechanism", "Format of an EPT
 * Page-Table Entry that Maps a 4-KByte Page"). Three kinds of page matter to I/O:
 * <ul>
 * <li>RAM: readable, writable, executable, mapped to the guest's memory;</li>
 * <li>passthrough MMIO: readable and writable, mapped straight to the device's registers, so a load
 *     or store reaches the device with no exit;</li>
 * <li>trapped MMIO: either not present (no permission), so that an access is an EPT violation
 *     (exit reason 48) whose qualification says read or write and that the entry granted nothing;
 *     or misconfigured, write without read, which the SDM names an EPT misconfiguration ("EPT
 *     Misconfigurations": bit 0 clear and bit 1 set), exit reason 49, with no qualification. KVM
 *     marks the pages of emulated MMIO the second way once it has seen them, so that such an exit
 *     can be told from a page not yet faulted in without a walk of its own tables; the first way is
 *     what an unmapped page gives. Both are modelled; a VMM picks one per page.</li>
 * </ul>
 * Pages never mapped are not present. Later mappings override earlier ones where they overlap.
 */
public final class Ept {
    public static final int PAGE_SIZE = 4096;
    public static final int READ = 1;
    public static final int WRITE = 1 << 1;
    public static final int EXECUTE = 1 << 2;
    public static final int RWX = READ | WRITE | EXECUTE;
    public static final int NOT_PRESENT = 0;
    /** Write without read: a misconfigured entry. */
    public static final int MISCONFIGURED = WRITE;

    /** The outcome of a data access, as the processor's translation decides it. */
    public static final int ALLOWED = 0;
    public static final int VIOLATION = 1;
    public static final int MISCONFIGURATION = 2;

    private long[] starts = new long[8];
    private long[] ends = new long[8];
    private int[] permissions = new int[8];
    /** Whether a range holds device registers rather than RAM (kept in an EPT entry's software bits). */
    private boolean[] device = new boolean[8];
    private int ranges;

    /** Maps [base, base+length) as RAM (RWX). */
    public void mapRam(long base, long length) {
        map(base, length, RWX, false);
    }

    /** Maps [base, base+length) straight to a device's registers (RW): no exit. */
    public void passThrough(long base, long length) {
        map(base, length, READ | WRITE, true);
    }

    /** Leaves [base, base+length) not present: each access is an EPT violation. */
    public void trapByViolation(long base, long length) {
        map(base, length, NOT_PRESENT, true);
    }

    /** Marks [base, base+length) with a misconfigured entry: each access is an EPT misconfiguration. */
    public void trapByMisconfiguration(long base, long length) {
        map(base, length, MISCONFIGURED, true);
    }

    /** Gives each page of [base, base+length) a leaf entry with {@code rwx} (bits 2:0), of RAM or of a device. */
    public void map(long base, long length, int rwx, boolean deviceRegisters) {
        if ((base & (PAGE_SIZE - 1)) != 0 || (length & (PAGE_SIZE - 1)) != 0 || length <= 0 || base < 0) {
            throw new IllegalArgumentException("EPT maps whole 4 KiB pages: base " + Long.toHexString(base)
                    + "h, length " + Long.toHexString(length) + "h");
        }
        if (ranges == starts.length) {
            starts = Arrays.copyOf(starts, ranges * 2);
            ends = Arrays.copyOf(ends, ranges * 2);
            permissions = Arrays.copyOf(permissions, ranges * 2);
            device = Arrays.copyOf(device, ranges * 2);
        }
        starts[ranges] = base;
        ends[ranges] = base + length;
        permissions[ranges] = rwx & RWX;
        device[ranges] = deviceRegisters;
        ranges++;
    }

    /** Bits 2:0 of the entry that maps the page of {@code gpa}. */
    public int permissions(long gpa) {
        for (int i = ranges - 1; i >= 0; i--) {
            if (gpa >= starts[i] && gpa < ends[i]) {
                return permissions[i];
            }
        }
        return NOT_PRESENT;
    }

    /** Whether the page of {@code gpa} holds a device's registers; a page never mapped counts as one (MMIO). */
    public boolean isDevice(long gpa) {
        for (int i = ranges - 1; i >= 0; i--) {
            if (gpa >= starts[i] && gpa < ends[i]) {
                return device[i];
            }
        }
        return true;
    }

    /**
     * A misconfiguration is found while the entry is read, before its permissions are checked
     * ("EPT Misconfigurations", "EPT Violations"): write-only and write-execute entries are
     * misconfigured; otherwise a read needs R and a write needs W. Execute-only entries (100b) are
     * taken as supported (IA32_VMX_EPT_VPID_CAP bit 0), so they are present and only deny data.
     */
    public static int check(int rwx, boolean write) {
        if ((rwx & READ) == 0 && (rwx & WRITE) != 0) {
            return MISCONFIGURATION;
        }
        int needed = write ? WRITE : READ;
        return (rwx & needed) != 0 ? ALLOWED : VIOLATION;
    }
}
