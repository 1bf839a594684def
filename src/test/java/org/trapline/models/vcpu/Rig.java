package org.trapline.models.vcpu;

import java.util.ArrayList;
import java.util.List;

import org.trapline.models.bus.IoDevice;
import org.trapline.models.bus.MmioBus;
import org.trapline.models.bus.PortIoBus;
import org.trapline.models.irq.InterruptAcknowledge;
import org.trapline.models.memory.GuestMemory;

/**
 * A small board for the pipeline: a recording device at ports 60h-6Fh (and 1F0h-1F7h) and at MMIO
 * FED00000h, 1 MiB of RAM at 0 on the memory bus.
 */
final class Rig {
    static final long MMIO_BASE = 0xfed0_0000L;

    /** A device whose reads answer a running count, so that order and number of accesses show. */
    static final class Recorder implements IoDevice {
        final List<String> log = new ArrayList<>();
        long next = 0x1122_3344_5566_7788L;

        @Override
        public long read(long offset, int size) {
            long value = next;
            next = next * 6364136223846793005L + 1442695040888963407L;
            log.add("r" + size + "@" + Long.toHexString(offset) + "=" + Long.toHexString(value & mask(size)));
            return value;
        }

        @Override
        public void write(long offset, int size, long value) {
            log.add("w" + size + "@" + Long.toHexString(offset) + "=" + Long.toHexString(value & mask(size)));
        }

        private static long mask(int size) {
            return Registers.mask(size);
        }
    }

    final PortIoBus io = new PortIoBus();
    final MmioBus mmio = new MmioBus();
    final GuestMemory ram = new GuestMemory(0x10_0000);
    final Recorder ports = new Recorder();
    final Recorder disk = new Recorder();
    final Recorder registers = new Recorder();
    final TrapPipeline pipeline;
    final Vcpu cpu;

    Rig() {
        this(null, ExitCosts.NONE);
    }

    Rig(InterruptAcknowledge interrupts, ExitCosts costs) {
        io.map("recorder", 0x60, 0x10, 1, 4, ports);
        io.map("disk", 0x1f0, 8, 1, 4, disk);
        mmio.map("ram", 0, ram.sizeBytes(), 1, 8, ram);
        mmio.map("registers", MMIO_BASE, 0x1000, 1, 8, registers);
        pipeline = new TrapPipeline(io, mmio, interrupts, costs);
        pipeline.vmcs().ept.mapRam(0, ram.sizeBytes());
        cpu = pipeline.vcpu();
    }

    TrapCounters counters() {
        return pipeline.counters();
    }

    Registers r() {
        return cpu.registers();
    }
}
