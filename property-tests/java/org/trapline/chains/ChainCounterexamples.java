package org.trapline.chains;

import java.util.Optional;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.state.ActionChain;

import org.trapline.testing.CounterexampleScript;

/**
 * For properties over action chains of a {@link ScriptedState}: when one fails, writes the script of
 * its final, shrunk chain (the chain that jqwik reports, as far as it ran) as
 * {@code target/counterexamples/<property>.qtest}, which {@code trapline replay --profile P} replays.
 * Put it on the class ({@code @AddLifecycleHook(ChainCounterexamples.class)}): it serves each property there.
 */
public final class ChainCounterexamples implements AroundPropertyHook {
    /** On a class, the hook is for each of its properties. */
    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.DIRECT_DESCENDANTS;
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        PropertyExecutionResult result = property.execute();
        if (result.status() != PropertyExecutionResult.Status.FAILED) {
            return result;
        }
        Optional<ScriptedState> state = CounterexampleScript.shrunkParameters(result).stream()
                .filter(ActionChain.class::isInstance)
                .map(p -> ((ActionChain<?>) p).finalState())
                .flatMap(Optional::stream)
                .filter(ScriptedState.class::isInstance)
                .map(ScriptedState.class::cast)
                .findFirst();
        if (state.isEmpty()) {
            return result; // no chain ran as far as a state: there is no script to write
        }
        ScriptedState s = state.get();
        return CounterexampleScript.report(context, result, "replay --profile " + s.profile(), s.machine(), s.script());
    }
}
