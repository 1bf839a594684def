package org.trapline.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trapline.target.QemuBinary;
import org.trapline.testing.RequiresQemu;

/**
 * A real QEMU's poll: a frozen QEMU ({@code -S}) with a 4 KiB raw disk runs READ SECTORS on a
 * thread pool while the commands that poll its Status are already queued on qtest's stdin, so its
 * {@code -qtest-log} holds a run of reads answering BSY, the completion's {@code IRQ raise 14}
 * somewhere in it, and the read of 58h that lowers it. The log must have that shape, and replay
 * against a device that completes at once, and fail against one that drops the interrupt or the data.
 */
@Tag("qemu")
@RequiresQemu
class QemuPollRecordingTest {
    private static final int STATUS_READS = 3000;

    @TempDir
    Path dir;

    @Test
    void aRecordedPollHasTheShapeTheRuleAssumesAndReplays(QemuBinary qemu) throws Exception {
        byte[] image = new byte[4096];
        for (int i = 0; i < image.length; i++) {
            image[i] = (byte) (i * 7 + 3);
        }
        Path img = Files.write(dir.resolve("disk.img"), image);
        List<String> script = new ArrayList<>(List.of("irq_intercept_in ioapic", "outb 0x1f6 0xe0", "outb 0x1f2 0x01",
                "outb 0x1f3 0x00", "outb 0x1f4 0x00", "outb 0x1f5 0x00", "outb 0x1f7 0x20"));
        script.addAll(java.util.Collections.nCopies(STATUS_READS, "inb 0x1f7"));
        script.addAll(java.util.Collections.nCopies(256, "inw 0x1f0"));
        script.add("inb 0x1f7");
        Path log = dir.resolve("poll.log");
        record(qemu, img, script, log);

        List<String> lines = Files.readAllLines(log);
        int command = lines.indexOf(lines.stream().filter(l -> l.endsWith("] outb 0x1f7 0x20")).findFirst().orElseThrow());
        int busy = 0;
        int raiseAt = -1;
        int i = command + 1;
        for (; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.endsWith("IRQ raise 14")) {
                raiseAt = busy;
            } else if (l.endsWith("] OK 0x00d0")) {
                busy++;
            } else if (l.endsWith("] OK 0x0058")) {
                break;
            }
        }
        // BSY read at least once (the commands were queued before the disk answered), the raise
        // after the command and before the first read of 58h, which lowers it
        assertThat(busy).isBetween(1, STATUS_READS - 1);
        assertThat(raiseAt).isBetween(0, busy);
        assertThat(lines.get(i - 1)).endsWith("IRQ lower 14");
        System.out.printf("QEMU's poll: %d reads of D0h, IRQ raise 14 after the %d-th, lowered by the read of 58h%n",
                busy, raiseAt);

        byte[] sector = Arrays.copyOf(image, 512);
        assertThat(Replayer.replay(log, h -> new PollDisk(0, true, sector)).divergence()).isEmpty();
        ReplayResult noIrq = Replayer.replay(log, h -> new PollDisk(0, true, sector).withoutInterrupt());
        assertThat(noIrq.divergence().orElseThrow().what()).startsWith("interrupt edges from line");
        ReplayResult noData = Replayer.replay(log, h -> new PollDisk(0, true, new byte[512]));
        assertThat(noData.divergence().orElseThrow().command()).isEqualTo("inw 0x1f0");
        // compared read by read, as before, the same log fails at its first BSY read or the command's edge
        assertThat(Replayer.replay(log, h -> new PollDisk(0, false, sector)).divergence()).isPresent();
    }

    /** Runs QEMU with every command queued at once on its stdin, until it has answered them all. */
    private static void record(QemuBinary qemu, Path img, List<String> script, Path log) throws Exception {
        Process p = new ProcessBuilder(qemu.path().toString(), "-machine", "pc", "-m", "128M", "-nodefaults",
                "-display", "none", "-S", "-qtest", "stdio", "-qtest-log", log.toString(),
                "-drive", "file=" + img + ",if=ide,format=raw,snapshot=on")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            AtomicInteger answers = new AtomicInteger();
            CountDownLatch all = new CountDownLatch(1);
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String l = r.readLine(); l != null; l = r.readLine()) {
                        if ((l.startsWith("OK") || l.startsWith("FAIL")) && answers.incrementAndGet() == script.size()) {
                            all.countDown();
                        }
                    }
                } catch (java.io.IOException e) {
                    all.countDown();
                }
            });
            reader.setDaemon(true);
            reader.start();
            try (OutputStream in = p.getOutputStream()) {
                in.write((String.join("\n", script) + "\n").getBytes(StandardCharsets.UTF_8));
                in.flush();
                assertThat(all.await(30, TimeUnit.SECONDS)).as("QEMU answered every command").isTrue();
            }
            assertThat(answers.get()).isEqualTo(script.size());
        } finally {
            p.destroy();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
