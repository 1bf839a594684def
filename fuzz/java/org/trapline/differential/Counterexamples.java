package org.trapline.differential;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.FalsifiedSample;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;
import org.trapline.target.MachineArgs;
import org.trapline.testing.QemuRequirement;

/**
 * For the differential properties: skips them where QEMU is missing (fails them under
 * {@code CI=true}), and when one fails, writes its final, shrunk counterexample as a qtest script,
 * {@code target/counterexamples/<property>.qtest}, that {@code trapline diff --script} replays.
 */
public final class Counterexamples implements SkipExecutionHook, AroundPropertyHook {
    /** The script's header takes the lines before this one; the commands start here. */
    static final int FIRST_COMMAND_LINE = 4;

    static Path file(String property) {
        return Path.of(System.getProperty("trapline.root", "."), "target", "counterexamples", property + ".qtest");
    }

    private static DifferentialSuite suite(LifecycleContext context) {
        if (context instanceof PropertyLifecycleContext property && property.testInstance() instanceof DifferentialSuite suite) {
            return suite;
        }
        throw new IllegalStateException(context.label() + ": @AddLifecycleHook(Counterexamples.class) belongs on "
                + "the properties of a DifferentialSuite");
    }

    /** Finds the QEMU the suite's machine needs, or fails/skips as {@link QemuRequirement} says. */
    private static void requireQemu(LifecycleContext context) {
        QemuRequirement.binaryFor(MachineArgs.parse(suite(context).machine()));
    }

    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
        try {
            requireQemu(context);
        } catch (TestAbortedException e) {
            return SkipResult.skip(e.getMessage());
        } catch (AssertionFailedError e) {
            // CI=true: not skipped; aroundProperty fails the property with this reason.
        }
        return SkipResult.doNotSkip();
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property)
            throws Throwable {
        requireQemu(context);
        PropertyExecutionResult result = property.execute();
        if (result.status() != PropertyExecutionResult.Status.FAILED) {
            return result;
        }
        List<Object> parameters = result.shrunkSample().map(FalsifiedSample::parameters)
                .or(result::falsifiedParameters).orElse(List.of());
        Throwable error = result.shrunkSample().flatMap(FalsifiedSample::falsifyingError)
                .or(result::throwable).orElse(null);
        DifferentialSuite suite = suite(context);
        List<String> commands = suite.commandsOf(parameters);
        String name = context.targetMethod().getName();
        Path file = file(name);
        List<String> lines = new ArrayList<>();
        lines.add("# Counterexample of " + context.containerClass().getSimpleName() + "." + name
                + (result.seed().map(s -> " (jqwik seed " + s + ")").orElse("")) + ", shrunk.");
        lines.add("# Replay: java -jar target/trapline.jar diff --script target/counterexamples/" + name + ".qtest");
        lines.add("@machine " + suite.machine());
        lines.addAll(commands);
        lines.add("#");
        String message = error == null ? "(no message)"
                : error instanceof AssertionError ? String.valueOf(error.getMessage()) : error.toString();
        message.lines().forEach(l -> lines.add("# " + l));
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return result.mapToFailed(new AssertionFailedError("could not write the counterexample to " + file + ": "
                    + e.getMessage() + "\n" + message, error));
        }
        return result.mapToFailed(new AssertionFailedError("counterexample written to " + file
                + " (replay it with: trapline diff --script " + file + ")\n" + message, error));
    }
}
