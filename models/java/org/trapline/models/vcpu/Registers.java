package org.trapline.models.vcpu;

/**
 * The guest registers that I/O instructions and MMIO moves use: the accumulator, the count, the
 * port in DX, the string pointers, RFLAGS (IF, DF) and RIP. A write of 8 or 16 bits keeps the rest
 * of the register; a write of 32 bits clears bits 63:32, as in 64-bit mode (SDM Vol. 1,
 * "General-Purpose Registers in 64-Bit Mode").
 */
public final class Registers {
    /** RFLAGS bit 1 is reserved and always set. */
    public static final long RFLAGS_RESERVED = 1L << 1;
    public static final long IF = 1L << 9;
    public static final long DF = 1L << 10;

    long rax;
    long rcx;
    long rdx;
    long rsi;
    long rdi;
    long rflags = RFLAGS_RESERVED;
    long rip;

    /** The low {@code bytes} bytes of a value. */
    public static long mask(int bytes) {
        return bytes >= 8 ? -1L : (1L << (8 * bytes)) - 1;
    }

    /** {@code old} with its low {@code bytes} bytes replaced by {@code value}'s, by the write rule above. */
    static long merge(long old, int bytes, long value) {
        return switch (bytes) {
            case 1 -> old & ~0xffL | value & 0xffL;
            case 2 -> old & ~0xffffL | value & 0xffffL;
            case 4 -> value & 0xffffffffL;
            default -> value;
        };
    }

    /** AL, AX, EAX or RAX. */
    public long accumulator(int bytes) {
        return rax & mask(bytes);
    }

    public void setAccumulator(int bytes, long value) {
        rax = merge(rax, bytes, value);
    }

    public boolean interruptsEnabled() {
        return (rflags & IF) != 0;
    }

    public boolean directionDown() {
        return (rflags & DF) != 0;
    }

    public long rax() {
        return rax;
    }

    public long rcx() {
        return rcx;
    }

    public long rdx() {
        return rdx;
    }

    public long rsi() {
        return rsi;
    }

    public long rdi() {
        return rdi;
    }

    public long rflags() {
        return rflags;
    }

    public long rip() {
        return rip;
    }

    public Registers rax(long value) {
        rax = value;
        return this;
    }

    public Registers rcx(long value) {
        rcx = value;
        return this;
    }

    public Registers rdx(long value) {
        rdx = value;
        return this;
    }

    public Registers rsi(long value) {
        rsi = value;
        return this;
    }

    public Registers rdi(long value) {
        rdi = value;
        return this;
    }

    /** Sets RFLAGS; bit 1 stays set. */
    public Registers rflags(long value) {
        rflags = value | RFLAGS_RESERVED;
        return this;
    }

    public Registers rip(long value) {
        rip = value;
        return this;
    }

    /** Advances RIP past an instruction of {@code length} bytes. */
    public void skip(int length) {
        rip += length;
    }
}
