package org.trapline.models.pci;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.trapline.models.bus.PortIoBus;
import org.trapline.models.machine.MachineConfig;
import org.trapline.models.machine.Profile;

/**
 * Replays spec-traces/pci/*.trace (port I/O commands, `-> VALUE [& MASK] ; citation`) against the
 * profile each declares, until the project's runner takes them over.
 */
class PciSpecTracesTest {
    private static final Path TRACES = Path.of("spec-traces", "pci");

    @TestFactory
    Stream<DynamicTest> everyPciSpecTracePassesOnItsProfile() throws IOException {
        List<Path> traces;
        try (Stream<Path> files = Files.list(TRACES)) {
            traces = files.filter(p -> p.toString().endsWith(".trace")).sorted().toList();
        }
        assertThat(traces).hasSizeGreaterThanOrEqualTo(5);
        return traces.stream().map(t -> DynamicTest.dynamicTest(t.getFileName().toString(), () -> replay(t)));
    }

    private static void replay(Path trace) throws IOException {
        List<String> lines = Files.readAllLines(trace);
        String profileId = lines.stream().filter(l -> l.startsWith("@profile ")).findFirst().orElseThrow().substring(9).trim();
        PortIoBus io = Profile.byId(profileId).orElseThrow().build(MachineConfig.defaults()).io();
        int checks = 0;
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).trim();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("@")) {
                continue;
            }
            String[] parts = line.split(" -> ", 2);
            String[] cmd = parts[0].trim().split(" ");
            int width = cmd[0].endsWith("b") ? 1 : cmd[0].endsWith("w") ? 2 : 4;
            long port = Long.decode(cmd[1]);
            if (cmd[0].startsWith("out")) {
                io.write(port, width, Long.decode(cmd[2]));
                continue;
            }
            long actual = io.read(port, width);
            if (parts.length == 2) {
                assertThat(parts[1]).as("%s:%d cites its rule", trace, n + 1).contains(" ; ");
                String[] expectation = parts[1].split(" ; ")[0].trim().split(" & ");
                long expected = Long.decode(expectation[0].trim());
                long mask = expectation.length > 1 ? Long.decode(expectation[1].trim()) : -1L;
                assertThat(actual & mask).as("%s:%d %s", trace.getFileName(), n + 1, line).isEqualTo(expected & mask);
                checks++;
            }
        }
        assertThat(checks).isPositive();
    }
}
