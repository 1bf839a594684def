package org.trapline.costs;

import org.trapline.models.vcpu.Vcpu;

/**
 * One guest instruction of a device operation, run on a {@link Vcpu}: the accumulator is loaded
 * (and DX for the DX forms) as the guest's preceding MOVs would, then the I/O or move instruction
 * itself goes through the trap pipeline. Only the I/O or move counts as an instruction: the MOVs
 * into registers never exit.
 */
public sealed interface GuestInstruction {
    /** Runs it; returns the accumulator after it (what an IN or a load read). */
    long execute(Vcpu cpu);

    /** Whether it reads the device (IN or a load). */
    boolean reads();

    /** OUT imm8, AL/AX/EAX. */
    record Out(int size, int port, long value) implements GuestInstruction {
        @Override
        public long execute(Vcpu cpu) {
            cpu.registers().rax(value);
            cpu.out(size, port);
            return cpu.registers().rax();
        }

        @Override
        public boolean reads() {
            return false;
        }

        @Override
        public String toString() {
            return String.format("OUT %02Xh, %s=%sh", port, accumulator(size), hex(size, value));
        }
    }

    /** IN AL/AX/EAX, imm8. */
    record In(int size, int port) implements GuestInstruction {
        @Override
        public long execute(Vcpu cpu) {
            cpu.in(size, port);
            return cpu.registers().rax() & mask(size);
        }

        @Override
        public boolean reads() {
            return true;
        }

        @Override
        public String toString() {
            return String.format("IN %s, %02Xh", accumulator(size), port);
        }
    }

    /** OUT DX, AL/AX/EAX. */
    record OutDx(int size, int port, long value) implements GuestInstruction {
        @Override
        public long execute(Vcpu cpu) {
            cpu.registers().rdx(port).rax(value);
            cpu.outDx(size);
            return cpu.registers().rax();
        }

        @Override
        public boolean reads() {
            return false;
        }

        @Override
        public String toString() {
            return String.format("OUT DX=%Xh, %s=%sh", port, accumulator(size), hex(size, value));
        }
    }

    /** IN AL/AX/EAX, DX. */
    record InDx(int size, int port) implements GuestInstruction {
        @Override
        public long execute(Vcpu cpu) {
            cpu.registers().rdx(port);
            cpu.inDx(size);
            return cpu.registers().rax() & mask(size);
        }

        @Override
        public boolean reads() {
            return true;
        }

        @Override
        public String toString() {
            return String.format("IN %s, DX=%Xh", accumulator(size), port);
        }
    }

    /** MOV [moffs], AL/AX/EAX/RAX: a store to a guest-physical address. */
    record Store(int size, long address, long value) implements GuestInstruction {
        @Override
        public long execute(Vcpu cpu) {
            cpu.registers().rax(value);
            cpu.store(size, address);
            return cpu.registers().rax();
        }

        @Override
        public boolean reads() {
            return false;
        }

        @Override
        public String toString() {
            return String.format("MOV [%Xh], %s=%sh", address, accumulator(size), hex(size, value));
        }
    }

    /** MOV AL/AX/EAX/RAX, [moffs]: a load from a guest-physical address. */
    record Load(int size, long address) implements GuestInstruction {
        @Override
        public long execute(Vcpu cpu) {
            cpu.load(size, address);
            return cpu.registers().rax() & mask(size);
        }

        @Override
        public boolean reads() {
            return true;
        }

        @Override
        public String toString() {
            return String.format("MOV %s, [%Xh]", accumulator(size), address);
        }
    }

    /** The value as an assembler writes an immediate of {@code size} bytes: every digit, a leading 0 before A-F. */
    private static String hex(int size, long value) {
        String digits = String.format("%0" + 2 * size + "X", value & mask(size));
        return Character.isLetter(digits.charAt(0)) ? "0" + digits : digits;
    }

    private static long mask(int size) {
        return size == 8 ? -1L : (1L << (8 * size)) - 1;
    }

    private static String accumulator(int size) {
        return switch (size) {
            case 1 -> "AL";
            case 2 -> "AX";
            case 4 -> "EAX";
            default -> "RAX";
        };
    }
}
