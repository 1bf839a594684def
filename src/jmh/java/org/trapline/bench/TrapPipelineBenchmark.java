package org.trapline.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.trapline.models.machine.Machine;
import org.trapline.models.machine.MachineConfig;
import org.trapline.models.machine.Profile;
import org.trapline.models.vcpu.ExitCosts;
import org.trapline.models.vcpu.TrapPipeline;
import org.trapline.models.vcpu.Vcpu;
import org.trapline.models.vmx.ExitReason;

/**
 * Guest I/O instructions through the trap pipeline into the qemu-pc board's device models: the
 * exit decision (I/O bitmaps or EPT), the exit recorded in the VMCS, the VMM decoding it and
 * dispatching to the bus, the counters and costs, and the VM entry's injection check (the 8259A pair
 * is the interrupt controller). A score is guest instructions a second on one thread.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class TrapPipelineBenchmark {
    private static final int N = 1000;
    private static final ExitCosts PRICES = ExitCosts.NONE.withExit(ExitReason.IO_INSTRUCTION, 1500)
            .withExit(ExitReason.EPT_VIOLATION, 2500).withEmulatedAccess(100).withPassthroughAccess(30);

    @State(Scope.Thread)
    public static class Guest {
        TrapPipeline trapped;
        TrapPipeline through;

        @Setup(Level.Trial)
        public void build() {
            trapped = pipeline();
            through = pipeline().useIoBitmaps();
            through.vmcs().ioBitmaps.trap(0x80, 1); // all but the POST port pass through
        }

        private static TrapPipeline pipeline() {
            Machine m = Profile.byId("qemu-pc").orElseThrow().build(MachineConfig.defaults());
            TrapPipeline p = new TrapPipeline(m.io(), m.mmio(), m.pic(), PRICES);
            p.vmcs().ept.mapRam(0, m.ram().sizeBytes());
            Vcpu cpu = p.vcpu();
            // the BIOS's 8259A programming (master 08h, slave 70h), all masked but the cascade
            int[][] init = {{0x20, 0x11}, {0x21, 0x08}, {0x21, 0x04}, {0x21, 0x01},
                {0xa0, 0x11}, {0xa1, 0x70}, {0xa1, 0x02}, {0xa1, 0x01}, {0x21, 0xfb}, {0xa1, 0xff}};
            for (int[] w : init) {
                cpu.registers().rax(w[1]);
                cpu.out(1, w[0]);
            }
            for (int i = 0; i < 16; i++) {
                m.ram().writeByte(0x10000 + i, i);
            }
            return p;
        }
    }

    /** OUT 80h, AL: the POST port, trapped. */
    @Benchmark
    @OperationsPerInvocation(N)
    public long trappedOut80(Guest g) {
        Vcpu cpu = g.trapped.vcpu();
        for (int i = 0; i < N; i++) {
            cpu.registers().rax(i);
            cpu.out(1, 0x80);
        }
        return g.trapped.counters().totalExits();
    }

    /** IN AL, 21h: the master 8259A's IMR, trapped. */
    @Benchmark
    @OperationsPerInvocation(N)
    public long trappedInPicImr(Guest g) {
        Vcpu cpu = g.trapped.vcpu();
        for (int i = 0; i < N; i++) {
            cpu.in(1, 0x21);
        }
        return cpu.registers().rax();
    }

    /** IN AL, 21h with the port passed through: no exit. */
    @Benchmark
    @OperationsPerInvocation(N)
    public long passthroughInPicImr(Guest g) {
        Vcpu cpu = g.through.vcpu();
        for (int i = 0; i < N; i++) {
            cpu.in(1, 0x21);
        }
        return cpu.registers().rax();
    }

    /** A driver's mix, trapped: OUT 20h (OCW3, read IRR), IN 20h, IN 21h, OUT 80h, IN AX, DX at 71h (CMOS). */
    @Benchmark
    @OperationsPerInvocation(N)
    public long trappedMix(Guest g) {
        Vcpu cpu = g.trapped.vcpu();
        cpu.registers().rdx(0x71);
        for (int i = 0; i < N; i += 5) {
            cpu.registers().rax(0x0a);
            cpu.out(1, 0x20);
            cpu.in(1, 0x20);
            cpu.in(1, 0x21);
            cpu.out(1, 0x80);
            cpu.inDx(2);
        }
        return cpu.registers().rax();
    }

    /** REP OUTSB of 16 bytes from RAM to port 80h, trapped: one exit, 16 emulated accesses. */
    @Benchmark
    @OperationsPerInvocation(N)
    public long trappedRepOutsb16(Guest g) {
        Vcpu cpu = g.trapped.vcpu();
        cpu.registers().rdx(0x80);
        for (int i = 0; i < N; i++) {
            cpu.registers().rcx(16).rsi(0x10000);
            cpu.outs(1, true, 8);
        }
        return cpu.registers().rsi();
    }

    /** MOV EAX, [FED00000h]: an EPT violation on a page no device claims (the bus floats high). */
    @Benchmark
    @OperationsPerInvocation(N)
    public long trappedMmioLoad(Guest g) {
        Vcpu cpu = g.trapped.vcpu();
        for (int i = 0; i < N; i++) {
            cpu.load(4, 0xfed0_0000L);
        }
        return cpu.registers().rax();
    }
}
