package org.trapline.chains;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

import net.jqwik.api.state.Transformer;

import org.opentest4j.TestAbortedException;
import org.trapline.qtest.QtestCommand;
import org.trapline.qtest.QtestSyntaxException;

/**
 * The state of a device's action chain: a board that is driven only by qtest commands, each of which
 * is kept, in order, with a comment line naming the action it belongs to. The script so kept replays
 * the chain ({@code trapline replay}); when the chain fails, {@link ChainCounterexamples} writes it as
 * the property's counterexample.
 */
public abstract class ScriptedState {
    private final List<String> script = new ArrayList<>();
    private String action = "(none)";
    private int actions;

    /**
     * An action's transformer: {@code name} is its description in jqwik's report and the comment
     * before its commands in the script; {@code body} drives the board through {@link #run}.
     */
    public static <S extends ScriptedState> Transformer<S> step(String name, Consumer<? super S> body) {
        return Transformer.mutate(name, state -> {
            ((ScriptedState) state).begin(name);
            body.accept(state);
        });
    }

    private void begin(String name) {
        action = name;
        actions++;
        script.add("# " + name);
        beforeAction();
    }

    /**
     * Checks, when an action runs, a fact about the state it was generated for (the chip or counter
     * it names, the register selected). jqwik shrinks a chain by leaving actions out and runs the
     * others as they were generated; one whose fact no longer holds ends the try as no sample, so that
     * an action never does other than its name says.
     */
    protected static void assume(boolean fact, String what) {
        if (!fact) {
            throw new TestAbortedException("the chain no longer fits its actions: " + what);
        }
    }

    /** Called when an action starts, before its first command: where a state takes its snapshots. */
    protected void beforeAction() {
    }

    /** Puts {@code line} into the script, then runs it on the board; a read's value, else 0. */
    protected final long run(String line) {
        script.add(line);
        QtestCommand command;
        try {
            command = QtestCommand.parse(line);
        } catch (QtestSyntaxException e) {
            throw new IllegalArgumentException("not a qtest command: " + line, e);
        }
        return execute(command);
    }

    /** Runs one command on the board; a port read's value, else 0. */
    protected abstract long execute(QtestCommand command);

    /** QEMU's machine arguments of the machine the script replays on. */
    public abstract String machine();

    /** The model's profile the chain runs: {@code hardware} or {@code qemu-pc}. */
    public abstract String profile();

    /** The script so far: each action's name as a comment, then its commands. */
    public final List<String> script() {
        return Collections.unmodifiableList(script);
    }

    /** The commands of the first {@code lines} lines of the script, without the comments. */
    public final List<String> commands(int lines) {
        return script.subList(0, lines).stream().filter(l -> !l.startsWith("#")).toList();
    }

    /** The name of the action that ran last. */
    public final String action() {
        return action;
    }

    /** How many actions have run. */
    public final int actions() {
        return actions;
    }

    /** {@code 0x%02x}. */
    public static String hex(long value) {
        return String.format("0x%02x", value);
    }
}
