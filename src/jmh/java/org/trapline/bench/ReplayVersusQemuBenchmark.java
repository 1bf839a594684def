package org.trapline.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.trapline.fuzz.PcAccessGenerator;
import org.trapline.runner.ReplayResult;
import org.trapline.runner.Replayer;
import org.trapline.target.MachineArgs;
import org.trapline.target.ModelTarget;

/**
 * The model against QEMU on the same commands, side by side in one run: a stream of PCI and PIC
 * accesses is recorded once from QEMU as a raw -qtest-log; then {@code modelReplaysRawLog} parses
 * and replays that log against the model, checking every answer, and {@code qemuAnswersPipelined}
 * has a started QEMU answer the same commands written to it all at once (its best case: no
 * round trip per command; its start-up is not timed).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// A fixed, touched heap: the model's figures then measure the replay, not the JVM growing its heap.
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class ReplayVersusQemuBenchmark {
    static final String MACHINE = "-machine pc -m 128M -nodefaults -display none -rtc base=2001-02-03T04:05:06,clock=vm";

    @State(Scope.Benchmark)
    public static class Recording {
        @Param("600000")
        int commands;

        List<String> script;
        Path log;

        @Setup(Level.Trial)
        public void record() throws Exception {
            script = new PcAccessGenerator(20261125L).commands(commands);
            log = Files.createTempFile("trapline-bench", ".log");
            Process qemu = start(log);
            pipe(qemu, script);
            stop(qemu);
            long recorded = Files.lines(log).filter(l -> l.startsWith("[R ")).count();
            if (recorded != script.size()) {
                throw new IllegalStateException("QEMU logged " + recorded + " of " + script.size() + " commands");
            }
        }

        @TearDown(Level.Trial)
        public void delete() throws IOException {
            Files.deleteIfExists(log);
        }
    }

    /** A QEMU started and answering, before the clock starts. */
    @State(Scope.Benchmark)
    public static class RunningQemu {
        Process qemu;

        @Setup(Level.Invocation)
        public void start() throws Exception {
            // "none": QEMU keeps no log at all, its fastest way to answer.
            qemu = ReplayVersusQemuBenchmark.start(Path.of("none"));
            qemu.getOutputStream().write("endianness\n".getBytes(StandardCharsets.US_ASCII));
            qemu.getOutputStream().flush();
            int c;
            while ((c = qemu.getInputStream().read()) != '\n') {
                if (c < 0) {
                    throw new IllegalStateException("QEMU did not start");
                }
            }
        }

        @TearDown(Level.Invocation)
        public void stop() throws InterruptedException {
            ReplayVersusQemuBenchmark.stop(qemu);
        }
    }

    /**
     * One whole replay per iteration. The warm-up lets the JIT settle, as in a long CI run: a replay
     * is short, and its mean falls until some 150 of them have run (the JIT still compiles the
     * colder paths of each replay until then, on one of the cores the replay uses).
     */
    @Benchmark
    @Warmup(iterations = 200)
    @Measurement(iterations = 30)
    public ReplayResult modelReplaysRawLog(Recording recording) throws Exception {
        ReplayResult result = Replayer.replay(recording.log, header -> ModelTarget.forTrace(header, "qemu-pc", MACHINE));
        if (!result.passed()) {
            throw new IllegalStateException(result.divergence().orElseThrow().report(result.targetName()));
        }
        return result;
    }

    /**
     * QEMU needs no warm-up; each iteration is a fresh QEMU answering all the commands. Its times
     * spread widely on a shared machine, so it gets eight of them.
     */
    @Benchmark
    @Warmup(iterations = 1)
    @Measurement(iterations = 8)
    public long qemuAnswersPipelined(Recording recording, RunningQemu running) throws Exception {
        return pipe(running.qemu, recording.script);
    }

    static Process start(Path log) throws IOException {
        List<String> argv = new ArrayList<>(List.of("qemu-system-x86_64", "-qtest", "stdio", "-qtest-log", log.toString()));
        argv.addAll(MachineArgs.parse(MACHINE).qemuWords());
        return new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Writes every command at once from another thread and reads as many answers. */
    static long pipe(Process qemu, List<String> commands) throws Exception {
        Thread writer = new Thread(() -> {
            try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(qemu.getOutputStream(), StandardCharsets.US_ASCII), 1 << 16)) {
                for (String c : commands) {
                    w.write(c);
                    w.write('\n');
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.start();
        BufferedReader r = new BufferedReader(new InputStreamReader(qemu.getInputStream(), StandardCharsets.US_ASCII), 1 << 16);
        long answers = 0;
        String line;
        while (answers < commands.size() && (line = r.readLine()) != null) {
            if (!line.startsWith("IRQ ")) {
                answers++;
            }
        }
        writer.join();
        if (answers != commands.size()) {
            throw new IllegalStateException("QEMU answered " + answers + " of " + commands.size() + " commands");
        }
        return answers;
    }

    static void stop(Process qemu) throws InterruptedException {
        qemu.destroy();
        if (!qemu.waitFor(5, TimeUnit.SECONDS)) {
            qemu.destroyForcibly().waitFor();
        }
    }
}
