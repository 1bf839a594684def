package org.trapline.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import net.jqwik.api.lifecycle.FalsifiedSample;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

import org.opentest4j.AssertionFailedError;

/**
 * The counterexample of a failed property as a qtest script, {@code target/counterexamples/<property>.qtest},
 * that the CLI replays: the one writer of such scripts, for the differential properties (model against
 * QEMU, {@code fuzz/java}) and for the devices' action chains ({@code property-tests/java}).
 *
 * <p>The script's form: two comment lines (what failed, with the jqwik seed, and the command that
 * replays it), the {@code @machine} line, the commands, then {@code #} and the failure's message as
 * comments.
 *
 * @param property the failed property as {@code Class.method}
 * @param seed     jqwik's seed of the run, when known
 * @param replay   the CLI's words that replay the script, before its path: {@code diff --script},
 *                 {@code replay --profile hardware}
 * @param machine  QEMU's machine arguments, for the {@code @machine} line
 * @param commands the qtest commands, in order (comment lines among them are kept as they are)
 * @param failure  the failure's message
 */
public record CounterexampleScript(String property, Optional<String> seed, String replay, String machine,
                                   List<String> commands, String failure) {
    /** The script's header takes the lines before this one; the commands start here. */
    public static final int FIRST_COMMAND_LINE = 4;

    public CounterexampleScript {
        commands = List.copyOf(commands);
    }

    /** {@code target/counterexamples/<property>.qtest} under the project's root ({@code trapline.root}, set by Surefire). */
    public static Path file(String property) {
        return Path.of(System.getProperty("trapline.root", "."), "target", "counterexamples", property + ".qtest");
    }

    /** The path the script is written to, as the replay line names it: relative to the project's root. */
    private String relativePath() {
        return "target/counterexamples/" + method() + ".qtest";
    }

    private String method() {
        return property.substring(property.lastIndexOf('.') + 1);
    }

    /** The script, line by line. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("# Counterexample of " + property + seed.map(s -> " (jqwik seed " + s + ")").orElse("") + ", shrunk.");
        lines.add("# Replay: java -jar target/trapline.jar " + replay + " " + relativePath());
        lines.add("@machine " + machine);
        lines.addAll(commands);
        lines.add("#");
        failure.lines().forEach(l -> lines.add("# " + l));
        return lines;
    }

    /** Writes the script to {@code file}, creating its folder; returns the file. */
    public Path writeTo(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, lines(), StandardCharsets.UTF_8);
        return file;
    }

    /** The parameters of the final, shrunk falsified sample of a failed property (the original one if none). */
    public static List<Object> shrunkParameters(PropertyExecutionResult result) {
        return result.shrunkSample().map(FalsifiedSample::parameters).or(result::falsifiedParameters).orElse(List.of());
    }

    /**
     * For an {@code AroundPropertyHook}: writes the counterexample of the failed property whose
     * shrunk sample ran {@code commands} to {@link #file}, and returns the failure with its message
     * saying where the script is and how to replay it. A result that is not a failure is returned as it is.
     */
    public static PropertyExecutionResult report(PropertyLifecycleContext context, PropertyExecutionResult result,
            String replay, String machine, List<String> commands) {
        if (result.status() != PropertyExecutionResult.Status.FAILED) {
            return result;
        }
        Throwable error = result.shrunkSample().flatMap(FalsifiedSample::falsifyingError)
                .or(result::throwable).orElse(null);
        String message = error == null ? "(no message)"
                : error instanceof AssertionError ? String.valueOf(error.getMessage()) : error.toString();
        String name = context.targetMethod().getName();
        CounterexampleScript script = new CounterexampleScript(context.containerClass().getSimpleName() + "." + name,
                result.seed(), replay, machine, commands, message);
        Path file = file(name);
        try {
            script.writeTo(file);
        } catch (IOException e) {
            return result.mapToFailed(new AssertionFailedError("could not write the counterexample to " + file + ": "
                    + e.getMessage() + "\n" + message, error));
        }
        return result.mapToFailed(new AssertionFailedError("counterexample written to " + file
                + " (replay it with: trapline " + replay + " " + file + ")\n" + message, error));
    }
}
