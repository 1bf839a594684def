package org.trapline.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.trapline.models.bus.PortIoBus;
import org.trapline.models.machine.IdeDrive;
import org.trapline.models.machine.Machine;
import org.trapline.models.machine.MachineConfig;
import org.trapline.models.machine.Profile;

/**
 * A guest reading 64 MiB from an IDE disk with READ DMA EXT (25h) through the PIIX3 bus master: two commands
 * of 65 536 sectors (a Sector Count of 0, ATA/ATAPI-6 8.26), each through a PRD table of 512 regions of
 * 64 KiB (byte count 0, SFF-8038i), into guest RAM at 16 MiB, on the qemu-pc board. One operation is the
 * whole 64 MiB, from the guest's register writes to BMIS reading Interrupt: the score times 64 MiB is the
 * rate. The image is a file of 64 MiB of data read through the model's read-only channel.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class IdeDmaBenchmark {
    static final int BMIBA = 0xc000;
    static final long BUFFER = 0x100_0000L;
    static final long TABLE = 0x8000L;
    static final int REGION = 64 * 1024;
    static final int REGIONS = 512;
    static final long MIB64 = 64L << 20;

    @State(Scope.Thread)
    public static class Guest {
        Path image;
        Machine machine;
        PortIoBus io;

        @Setup(Level.Trial)
        public void build() throws IOException {
            image = Files.createTempFile("trapline-ide-bench", ".img");
            try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
                byte[] chunk = new byte[1 << 20];
                for (int i = 0; i < chunk.length; i++) {
                    chunk[i] = (byte) (i * 7);
                }
                for (int i = 0; i < 64; i++) {
                    f.write(chunk);
                }
            }
            machine = Profile.QEMU_PC.build(MachineConfig.defaults()
                    .withIdeDrives(List.of(IdeDrive.disk(0, 0, image.toString()))));
            io = machine.io();
            io.write(0xcf8, 4, 0x80000920L); // 00:01.1 BAR4 = BMIBA
            io.write(0xcfc, 4, BMIBA | 1);
            io.write(0xcf8, 4, 0x80000904L); // Command: I/O Space, Bus Master
            io.write(0xcfc, 2, 0x5);
            for (int i = 0; i < REGIONS; i++) {
                machine.mmio().write(TABLE + 8L * i, 4, BUFFER + (long) i * REGION);
                machine.mmio().write(TABLE + 8L * i + 4, 4, i == REGIONS - 1 ? 0x8000_0000L : 0); // count 0: 64 KiB
            }
        }

        @TearDown(Level.Trial)
        public void remove() throws IOException {
            Files.deleteIfExists(image);
        }
    }

    /** 64 MiB: two READ DMA EXT of 32 MiB each. */
    @Benchmark
    public long readDmaExt64MiB(Guest g) {
        PortIoBus io = g.io;
        long status = 0;
        for (long lba = 0; lba < MIB64 / 512; lba += 65536) {
            io.write(BMIBA, 1, 0x08); // stop, direction: to memory
            io.write(BMIBA + 2, 1, 0x06); // clear Interrupt and Error
            io.write(BMIBA + 4, 4, TABLE);
            io.write(0x1f6, 1, 0x40); // LBA, device 0
            io.write(0x1f2, 1, 0); // Sector Count 15:8 then 7:0: 0000h is 65 536
            io.write(0x1f2, 1, 0);
            io.write(0x1f3, 1, lba >>> 24 & 0xff);
            io.write(0x1f3, 1, lba & 0xff);
            io.write(0x1f4, 1, 0);
            io.write(0x1f4, 1, lba >>> 8 & 0xff);
            io.write(0x1f5, 1, 0);
            io.write(0x1f5, 1, lba >>> 16 & 0xff);
            io.write(0x1f7, 1, 0x25);
            io.write(BMIBA, 1, 0x09); // start
            status |= io.read(BMIBA + 2, 1);
            status |= io.read(0x1f7, 1);
        }
        return status;
    }
}
