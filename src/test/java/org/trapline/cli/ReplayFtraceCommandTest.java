package org.trapline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code replay} of KVM ftrace text (*.ftrace). */
class ReplayFtraceCommandTest {
    private static final String P = " qemu-system-x86-1234  [001]  5678.123456: ";

    @TempDir
    Path dir;

    private Path write(String name, String... lines) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, java.util.List.of(lines));
        return f;
    }

    @Test
    void passCountsEventsAndSkippedOnes() throws IOException {
        Path f = write("ok.ftrace", "cpus=2", "version = 6", P + "kvm_pio: pio_read at 0x21 size 1 count 1 val 0x0 ",
                P + "kvm_userspace_exit: reason KVM_EXIT_IO (2)");
        CliRun r = CliRun.of("replay", f.toString());
        assertEquals(Main.OK, r.status(), r.all());
        assertTrue(r.out().contains("PASS " + f + " (1 KVM events, 1 checks, skipped kvm_userspace_exit x1)"), r.out());
    }

    @Test
    void aDivergenceFailsWithFileAndLine() throws IOException {
        Path f = write("bad-value.ftrace", P + "kvm_pio: pio_read at 0x21 size 1 count 1 val 0x7 ");
        CliRun r = CliRun.of("replay", f.toString());
        assertEquals(Main.DIVERGED, r.status(), r.all());
        assertTrue(r.out().contains("FAIL " + f), r.out());
        assertTrue(r.out().contains(f + ":1: pio_read port 21h size 1: KVM recorded 0x7, the model gave 0x0"), r.out());
    }

    @Test
    void aMalformedLineIsUnusableWithFileAndLine() throws IOException {
        Path f = write("malformed.ftrace", "cpus=1", P + "kvm_pio: pio_write at 0x80 size one count 1 val 0x0");
        CliRun r = CliRun.of("replay", f.toString());
        assertEquals(Main.UNUSABLE, r.status(), r.all());
        assertTrue(r.out().contains("ERROR " + f + ":2: kvm_pio:"), r.out());
        assertTrue(!r.all().contains("Exception"), r.all());
    }

    @Test
    void aFolderIsSearchedForFtraceFiles() throws IOException {
        write("a.ftrace", P + "kvm_set_irq: gsi 4 level 0 source 0");
        CliRun r = CliRun.of("replay", dir.toString());
        assertEquals(Main.OK, r.status(), r.all());
        assertTrue(r.out().contains("1 passed, 0 failed"), r.out());
    }
}
