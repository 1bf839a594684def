package org.trapline.differential;

import java.util.List;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;
import org.trapline.target.MachineArgs;
import org.trapline.testing.CounterexampleScript;
import org.trapline.testing.QemuRequirement;

/**
 * For the differential properties: skips them where QEMU is missing (fails them under
 * {@code CI=true}), and when one fails, writes its final, shrunk counterexample as a qtest script,
 * {@code target/counterexamples/<property>.qtest}, that {@code trapline diff --script} replays
 * ({@link CounterexampleScript} writes it).
 */
public final class Counterexamples implements SkipExecutionHook, AroundPropertyHook {
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
        DifferentialSuite suite = suite(context);
        List<String> commands = suite.commandsOf(CounterexampleScript.shrunkParameters(result));
        return CounterexampleScript.report(context, result, "diff --script", suite.machine(), commands);
    }
}
