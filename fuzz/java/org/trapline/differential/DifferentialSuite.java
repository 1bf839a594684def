package org.trapline.differential;

import java.util.ArrayList;
import java.util.List;

import org.trapline.testing.CounterexampleScript;

/**
 * A class of model-versus-QEMU properties: the machine its sequences run on and how long they may
 * be, so that {@link Counterexamples} can write a failing sequence as a script that replays it.
 * A property's parameters, in order, are its commands: a {@code String} is one command, an
 * {@link Access} or a list of them are theirs.
 */
abstract class DifferentialSuite {
    private final String machine;
    private final int maxCommands;

    /**
     * @param machine     QEMU's machine arguments ({@code -accel qtest} runs the clock-driven QEMU)
     * @param maxCommands the sequences are cut to this many commands
     */
    DifferentialSuite(String machine, int maxCommands) {
        this.machine = machine;
        this.maxCommands = maxCommands;
    }

    final String machine() {
        return machine;
    }

    final int maxCommands() {
        return maxCommands;
    }

    /**
     * Runs the commands the parameters stand for, cut to {@link #maxCommands()}, on a fresh QEMU
     * and a fresh model; fails with the divergence report when they disagree.
     */
    final void assertModelAgreesWithQemu(String property, Object... parameters) throws Exception {
        ModelVersusQemu.assertAgree(machine, CounterexampleScript.file(property), commandsOf(List.of(parameters)));
    }

    /** The commands a property's parameters stand for, in order, cut to {@link #maxCommands()}. */
    final List<String> commandsOf(List<?> parameters) {
        List<String> commands = new ArrayList<>();
        parameters.forEach(p -> addCommands(p, commands));
        return commands.subList(0, Math.min(commands.size(), maxCommands));
    }

    private static void addCommands(Object parameter, List<String> commands) {
        if (parameter instanceof String command) {
            commands.add(command);
        } else if (parameter instanceof Access access) {
            commands.addAll(access.commands());
        } else if (parameter instanceof List<?> list) {
            list.forEach(item -> addCommands(item, commands));
        }
    }
}
