package org.trapline.models.pic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.trapline.models.machine.MachineConfig;
import org.trapline.models.machine.Profile;

/**
 * The spec traces under spec-traces/pic pass on the hardware profile: every check, with its mask,
 * carries a citation. (A minimal reader of the native format, until the project's replay runner
 * covers them.)
 */
class PicSpecTracesTest {
    static List<Path> traces() throws IOException {
        try (Stream<Path> files = Files.list(PicGoldenScriptsTest.ROOT.resolve("spec-traces/pic"))) {
            return files.filter(p -> p.toString().endsWith(".trace")).sorted().toList();
        }
    }

    /** Runs a trace; returns the number of checks that held, failing at the first that does not. */
    static int replay(Path trace, Profile profile) throws IOException {
        ModelQtest model = new ModelQtest(profile.build(MachineConfig.defaults()));
        int checks = 0;
        int n = 0;
        for (String line : Files.readAllLines(trace)) {
            n++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#") || t.startsWith("@")) {
                continue;
            }
            String[] commandAndCheck = t.split(" -> ", 2);
            String answer = model.answer(commandAndCheck[0].strip());
            if (commandAndCheck.length == 1) {
                assertThat(answer).as("%s:%d", trace.getFileName(), n).startsWith("OK");
                continue;
            }
            String[] expectAndCitation = commandAndCheck[1].split(" ; ", 2);
            assertThat(expectAndCitation).as("%s:%d has a citation", trace.getFileName(), n).hasSize(2);
            String[] valueAndMask = expectAndCitation[0].split("&");
            long expected = Long.decode(valueAndMask[0].strip());
            long mask = valueAndMask.length > 1 ? Long.decode(valueAndMask[1].strip()) : -1L;
            long actual = Long.decode(answer.substring(3));
            assertThat(actual & mask).as("%s:%d %s ; %s", trace.getFileName(), n, t, expectAndCitation[1])
                    .isEqualTo(expected & mask);
            checks++;
        }
        return checks;
    }

    @TestFactory
    Stream<DynamicTest> specTracesPassOnHardware() throws IOException {
        List<Path> traces = traces();
        assertThat(traces).hasSizeGreaterThanOrEqualTo(6);
        return traces.stream().map(trace -> DynamicTest.dynamicTest(trace.getFileName().toString(), () -> {
            assertThat(Files.readAllLines(trace)).contains("@profile hardware");
            assertThat(replay(trace, Profile.HARDWARE)).isPositive();
        }));
    }
}
