package org.trapline.models.lapic;

/**
 * One of the local APIC's 256-bit vector registers (IRR, ISR, TMR): bit {@code v} stands for
 * vector {@code v}, read as eight 32-bit registers at 16-byte strides (SDM Vol. 3A, Figure 10-20,
 * "IRR, ISR and TMR Registers").
 */
final class VectorSet {
    private final int[] words = new int[8];

    boolean get(int vector) {
        return (words[vector >>> 5] >>> (vector & 31) & 1) != 0;
    }

    void set(int vector) {
        words[vector >>> 5] |= 1 << (vector & 31);
    }

    void clear(int vector) {
        words[vector >>> 5] &= ~(1 << (vector & 31));
    }

    void put(int vector, boolean value) {
        if (value) {
            set(vector);
        } else {
            clear(vector);
        }
    }

    /** The highest set vector (the highest priority, SDM 10.8.3.1), or -1 when none is set. */
    int highest() {
        for (int i = 7; i >= 0; i--) {
            if (words[i] != 0) {
                return i * 32 + 31 - Integer.numberOfLeadingZeros(words[i]);
            }
        }
        return -1;
    }

    /** Register {@code index} (0-7): vectors {@code 32*index} to {@code 32*index+31}. */
    int word(int index) {
        return words[index];
    }

    void clearAll() {
        java.util.Arrays.fill(words, 0);
    }

    /** The 64 hex digits, vector 255 first, for reports. */
    String hex() {
        StringBuilder sb = new StringBuilder(64);
        for (int i = 7; i >= 0; i--) {
            sb.append(String.format("%08x", words[i]));
        }
        return sb.toString();
    }
}
