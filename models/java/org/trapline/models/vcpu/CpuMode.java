package org.trapline.models.vcpu;

/**
 * The guest's code-segment mode, which fixes the default operand and address sizes and so which
 * prefixes an instruction needs (SDM Vol. 1, "Operand-Size and Address-Size Attributes"; Vol. 2,
 * "Operand-Size and Address-Size Prefixes"): 66h flips the operand size between 16 and 32 bits,
 * 67h the address size between 16 and 32 bits, or from 64 to 32 bits in 64-bit mode, where 16-bit
 * addressing cannot be encoded.
 */
public enum CpuMode {
    /** Real mode or a 16-bit code segment. */
    BITS16(2, 2),
    /** A 32-bit protected-mode code segment. */
    BITS32(4, 4),
    /** 64-bit mode (IA-32e, CS.L = 1): segment bases of DS and ES count as zero. */
    BITS64(4, 8);

    private final int defaultOperandSize;
    private final int defaultAddressSize;

    CpuMode(int defaultOperandSize, int defaultAddressSize) {
        this.defaultOperandSize = defaultOperandSize;
        this.defaultAddressSize = defaultAddressSize;
    }

    public int defaultOperandSize() {
        return defaultOperandSize;
    }

    public int defaultAddressSize() {
        return defaultAddressSize;
    }

    /** Whether an address size of {@code bytes} can be encoded, by default or with 67h. */
    public boolean encodesAddressSize(int bytes) {
        return switch (this) {
            case BITS16, BITS32 -> bytes == 2 || bytes == 4;
            case BITS64 -> bytes == 4 || bytes == 8;
        };
    }

    /** 1 if an operand of {@code size} bytes (2 or 4; a byte form has its own opcode) needs 66h. */
    int operandSizePrefix(int size) {
        return size == 1 || size == 8 || size == defaultOperandSize ? 0 : 1;
    }

    /** 1 if an address of {@code bytes} needs 67h. */
    int addressSizePrefix(int bytes) {
        return bytes == defaultAddressSize ? 0 : 1;
    }
}
