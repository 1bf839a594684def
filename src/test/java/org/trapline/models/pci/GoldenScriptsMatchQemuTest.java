package org.trapline.models.pci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.trapline.models.bus.PortIoBus;
import org.trapline.models.machine.MachineConfig;
import org.trapline.models.machine.Profile;

/**
 * Runs every golden/scripts/pci-*.qtest on QEMU 7.2 (-S, qtest) and on the qemu-pc model, and
 * requires the same answer on every line. Needs qemu-system-x86_64; without it the test is
 * skipped, unless CI=true, where it fails.
 */
class GoldenScriptsMatchQemuTest {
    private static final Path SCRIPTS = Path.of("golden", "scripts");
    private static final List<String> QEMU = List.of("qemu-system-x86_64", "-S", "-machine", "pc", "-m", "128M",
            "-nodefaults", "-display", "none", "-rtc", "base=2001-02-03T04:05:06,clock=vm", "-qtest", "stdio");

    @TestFactory
    Stream<DynamicTest> everyPciScriptAnswersAsQemuDoes() throws IOException {
        List<Path> scripts;
        try (Stream<Path> files = Files.list(SCRIPTS)) {
            scripts = files.filter(p -> p.getFileName().toString().matches("pci-.*\\.qtest")).sorted().toList();
        }
        assertThat(scripts).hasSizeGreaterThanOrEqualTo(10);
        return scripts.stream().map(s -> DynamicTest.dynamicTest(s.getFileName().toString(), () -> compare(s)));
    }

    private static boolean qemuAvailable() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, "qemu-system-x86_64"))) {
                return true;
            }
        }
        return false;
    }

    private static void compare(Path script) throws IOException, InterruptedException {
        boolean ci = "true".equals(System.getenv("CI"));
        assumeTrue(ci || qemuAvailable(), "qemu-system-x86_64 is not installed");
        List<String> commands = new ArrayList<>();
        for (String line : Files.readAllLines(script)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                commands.add(line.trim());
            }
        }
        PortIoBus io = Profile.QEMU_PC.build(MachineConfig.defaults()).io();
        Process qemu = new ProcessBuilder(QEMU).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (Writer in = new OutputStreamWriter(qemu.getOutputStream(), StandardCharsets.US_ASCII);
                BufferedReader out = new BufferedReader(new InputStreamReader(qemu.getInputStream(), StandardCharsets.US_ASCII))) {
            for (int i = 0; i < commands.size(); i++) {
                String command = commands.get(i);
                in.write(command + "\n");
                in.flush();
                String expected = out.readLine();
                assertThat(expected).as("%s line %d: %s", script, i, command).isNotNull().doesNotStartWith("FAIL");
                assertThat(model(io, command)).as("%s: %s", script.getFileName(), command).isEqualTo(value(expected));
            }
        } finally {
            qemu.destroy();
            qemu.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static String value(String reply) {
        return reply.equals("OK") ? "OK" : "OK " + Long.parseLong(reply.substring(5), 16);
    }

    private static String model(PortIoBus io, String command) {
        String[] f = command.split(" ");
        int width = switch (f[0].charAt(f[0].length() - 1)) {
            case 'b' -> 1;
            case 'w' -> 2;
            default -> 4;
        };
        long port = Long.decode(f[1]);
        if (f[0].startsWith("out")) {
            io.write(port, width, Long.decode(f[2]));
            return "OK";
        }
        return "OK " + io.read(port, width);
    }
}
