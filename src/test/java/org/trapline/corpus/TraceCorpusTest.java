package org.trapline.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.trapline.pipeline.PipelineReplayer;
import org.trapline.pipeline.PipelineResult;
import org.trapline.runner.ReplayResult;
import org.trapline.runner.Replayer;
import org.trapline.target.ModelTarget;
import org.trapline.trace.Trace;
import org.trapline.trace.TraceFiles;
import org.trapline.trace.TraceParser;

/**
 * Every golden trace (recorded from QEMU) and every spec trace (written from a datasheet) replays
 * against the reference model, each as a test of its own, under the profile its header names.
 * One factory per device, so that PIT runs against a mutant only the traces of the device it is in.
 */
class TraceCorpusTest {
    /**
     * The devices, by the prefix of a golden trace's name and the folder of a spec trace. The port
     * sweeps ({@code sweep-*}) reach every device at once and replay in PortSweepReplayTest, not here.
     */
    private static final List<String> DEVICES = List.of("pci", "pic", "pit", "rtc", "hpet", "reset", "memmap", "pm", "kbc", "port92", "dma", "uart", "apm", "acpi", "fwcfg", "fdc", "pcihp", "cpuhp", "smbus", "ide", "lpt", "pcidev", "lapic", "ioapic", "sweep", "vmx");

    @TestFactory
    Stream<DynamicTest> pciTraces() throws Exception {
        return tracesOf("pci");
    }

    @TestFactory
    Stream<DynamicTest> pciAddInFunctionTraces() throws Exception {
        return tracesOf("pcidev");
    }

    @TestFactory
    Stream<DynamicTest> dmaTraces() throws Exception {
        return tracesOf("dma");
    }

    @TestFactory
    Stream<DynamicTest> floppyControllerTraces() throws Exception {
        return tracesOf("fdc");
    }

    @TestFactory
    Stream<DynamicTest> ideTraces() throws Exception {
        return tracesOf("ide");
    }

    @TestFactory
    Stream<DynamicTest> parallelPortTraces() throws Exception {
        return tracesOf("lpt");
    }

    @TestFactory
    Stream<DynamicTest> ioapicTraces() throws Exception {
        return tracesOf("ioapic");
    }

    @TestFactory
    Stream<DynamicTest> picTraces() throws Exception {
        return tracesOf("pic");
    }

    @TestFactory
    Stream<DynamicTest> pitTraces() throws Exception {
        return tracesOf("pit");
    }

    @TestFactory
    Stream<DynamicTest> hpetTraces() throws Exception {
        return tracesOf("hpet");
    }

    @TestFactory
    Stream<DynamicTest> rtcTraces() throws Exception {
        return tracesOf("rtc");
    }

    @TestFactory
    Stream<DynamicTest> boardResetTraces() throws Exception {
        return tracesOf("reset");
    }

    @TestFactory
    Stream<DynamicTest> memoryMapTraces() throws Exception {
        return tracesOf("memmap");
    }

    @TestFactory
    Stream<DynamicTest> powerManagementTraces() throws Exception {
        return tracesOf("pm");
    }

    @TestFactory
    Stream<DynamicTest> keyboardControllerTraces() throws Exception {
        return tracesOf("kbc");
    }

    @TestFactory
    Stream<DynamicTest> port92Traces() throws Exception {
        return tracesOf("port92");
    }

    @TestFactory
    Stream<DynamicTest> uartTraces() throws Exception {
        return tracesOf("uart");
    }

    @TestFactory
    Stream<DynamicTest> apmTraces() throws Exception {
        return tracesOf("apm");
    }

    @TestFactory
    Stream<DynamicTest> acpiTraces() throws Exception {
        return tracesOf("acpi");
    }

    @TestFactory
    Stream<DynamicTest> pcihpTraces() throws Exception {
        return tracesOf("pcihp");
    }

    @TestFactory
    Stream<DynamicTest> cpuhpTraces() throws Exception {
        return tracesOf("cpuhp");
    }

    @TestFactory
    Stream<DynamicTest> smbusTraces() throws Exception {
        return tracesOf("smbus");
    }

    @TestFactory
    Stream<DynamicTest> localApicTraces() throws Exception {
        return tracesOf("lapic");
    }

    @TestFactory
    Stream<DynamicTest> fwCfgTraces() throws Exception {
        return tracesOf("fwcfg");
    }

    /** The trap pipeline's traces (spec-traces/vmx/*.vmx) replay on the vCPU, VMCS and VMM models. */
    @TestFactory
    Stream<DynamicTest> trapPipelineTraces() throws Exception {
        List<Path> mine = allTraces().stream().filter(file -> isOf("vmx", file)).toList();
        assertThat(mine).as("traces of vmx").isNotEmpty().allSatisfy(f -> assertThat(f.toString()).endsWith(".vmx"));
        return mine.stream().map(file -> DynamicTest.dynamicTest(file.toString(), () -> {
            PipelineResult result = PipelineReplayer.replay(file, null, null);
            assertThat(result.checksMade()).as("%s checks something", file).isPositive();
            assertThat(result.divergence()).as("replay of %s", file).isEmpty();
        }));
    }

    @Test
    void everyTraceBelongsToADevice() throws Exception {
        assertThat(allTraces()).isNotEmpty().allSatisfy(file -> assertThat(DEVICES).as("the device of %s", file)
                .anyMatch(device -> isOf(device, file)));
    }

    private static boolean isOf(String device, Path file) {
        return file.startsWith(Path.of("spec-traces", device))
                || file.startsWith(Path.of("golden")) && file.getFileName().toString().startsWith(device + "-");
    }

    /** Golden traces first, then spec traces. */
    private static List<Path> allTraces() throws Exception {
        List<Path> all = new java.util.ArrayList<>(files(Path.of("golden")));
        all.addAll(files(Path.of("spec-traces")));
        return all;
    }

    private static Stream<DynamicTest> tracesOf(String device) throws Exception {
        List<Path> mine = allTraces().stream().filter(file -> isOf(device, file)).toList();
        assertThat(mine).as("traces of %s", device).isNotEmpty();
        return replays(mine);
    }

    @TestFactory
    Stream<DynamicTest> goldenTracesNameTheirProvenance() throws Exception {
        return files(Path.of("golden")).stream().map(file -> DynamicTest.dynamicTest(file.toString(), () -> {
            Trace trace = TraceParser.parse(file);
            assertThat(trace.provenance()).as("@provenance of %s", file)
                    .anySatisfy(p -> assertThat(p).startsWith("recorded by trapline record from QEMU"));
            assertThat(trace.machineArgs()).as("@machine of %s", file).isPresent();
        }));
    }

    private static Stream<DynamicTest> replays(List<Path> traces) {
        return traces.stream().map(file -> DynamicTest.dynamicTest(file.toString(), () -> {
            ReplayResult result = Replayer.replay(file, header -> ModelTarget.forTrace(header, null, null));
            assertThat(result.checksMade()).as("%s checks something", file).isPositive();
            assertThat(result.divergence()).as("replay of %s", file)
                    .withFailMessage(() -> result.divergence().map(d -> d.report(result.targetName())).orElse(""))
                    .isEmpty();
        }));
    }

    private static List<Path> files(Path root) throws Exception {
        return TraceFiles.under(root);
    }
}
