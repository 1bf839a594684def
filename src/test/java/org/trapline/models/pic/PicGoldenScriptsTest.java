package org.trapline.models.pic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.trapline.models.machine.MachineConfig;
import org.trapline.models.machine.Profile;

/**
 * Every golden/scripts/pic-*.qtest, fed to the qemu-pc model, answers line for line what QEMU 7.2
 * answered (captured with qemu-system-x86_64 -S -machine pc ... -qtest stdio into
 * src/test/resources/org/trapline/models/pic/qemu/NAME.out).
 */
class PicGoldenScriptsTest {
    static final Path ROOT = Path.of(System.getProperty("trapline.root", "."));

    static List<Path> scripts() throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve("golden/scripts"))) {
            return files.filter(p -> p.getFileName().toString().matches("pic-.*\\.qtest")).sorted().toList();
        }
    }

    static List<String> modelAnswers(List<String> commands) {
        ModelQtest model = new ModelQtest(Profile.QEMU_PC.build(MachineConfig.defaults()));
        List<String> answers = new ArrayList<>();
        for (String c : commands) {
            answers.add(c + "  =>  " + model.answer(c));
        }
        return answers;
    }

    static List<String> paired(List<String> commands, List<String> answers) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            out.add(commands.get(i) + "  =>  " + (i < answers.size() ? answers.get(i) : "<no answer>"));
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> modelAnswersAsQemuDid() throws IOException {
        List<Path> scripts = scripts();
        assertThat(scripts).hasSizeGreaterThanOrEqualTo(11);
        return scripts.stream().map(script -> DynamicTest.dynamicTest(script.getFileName().toString(), () -> {
            String name = script.getFileName().toString().replace(".qtest", ".out");
            List<String> commands = ModelQtest.commands(Files.readAllLines(script));
            List<String> qemu = Files.readAllLines(
                    ROOT.resolve("src/test/resources/org/trapline/models/pic/qemu").resolve(name));
            assertThat(qemu).hasSameSizeAs(commands).noneMatch(a -> a.startsWith("FAIL"));
            assertThat(modelAnswers(commands)).containsExactlyElementsOf(paired(commands, qemu));
        }));
    }
}
