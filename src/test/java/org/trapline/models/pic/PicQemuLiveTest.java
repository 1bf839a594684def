package org.trapline.models.pic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every golden/scripts/pic-*.qtest on the real QEMU and checks that it still answers what was
 * captured (and so what the model answers). Needs qemu-system-x86_64: skipped without it, failed
 * without it under CI=true.
 */
@Tag("qemu")
class PicQemuLiveTest {
    static final String QEMU = "qemu-system-x86_64";

    @TestFactory
    Stream<DynamicTest> qemuStillAnswersAsCaptured() throws IOException {
        boolean present = Stream.of(System.getenv("PATH").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, QEMU)));
        if (!"true".equals(System.getenv("CI"))) {
            Assumptions.assumeTrue(present, QEMU + " is not installed");
        }
        return PicGoldenScriptsTest.scripts().stream().map(script -> DynamicTest.dynamicTest(
                script.getFileName().toString(), () -> {
                    List<String> commands = ModelQtest.commands(Files.readAllLines(script));
                    List<String> live = runQemu(commands);
                    assertThat(PicGoldenScriptsTest.paired(commands, live))
                            .containsExactlyElementsOf(PicGoldenScriptsTest.modelAnswers(commands));
                }));
    }

    private static List<String> runQemu(List<String> commands) throws IOException, InterruptedException {
        Path in = Files.createTempFile("pic", ".qtest");
        Files.write(in, commands, StandardCharsets.UTF_8);
        Process qemu = new ProcessBuilder(QEMU, "-S", "-machine", "pc", "-m", "128M", "-nodefaults",
                "-display", "none", "-rtc", "base=2001-02-03T04:05:06,clock=vm", "-qtest", "stdio")
                .redirectInput(in.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            List<String> answers = new java.util.ArrayList<>();
            try (var reader = qemu.inputReader(StandardCharsets.UTF_8)) {
                while (answers.size() < commands.size()) {
                    String line = reader.readLine();
                    if (line == null) {
                        break;
                    }
                    answers.add(line);
                }
            }
            return answers;
        } finally {
            qemu.destroy();
            qemu.waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(in);
        }
    }
}
