package org.trapline.differential;

/**
 * A class of model-versus-QEMU properties: the machine its sequences run on and how long they may
 * be, so that {@link Counterexamples} can write a failing sequence as a script that replays it.
 * A property's parameters, in order, are its commands: a {@code String} is one command, an
 * {@link Access} or a list of them are theirs.
 */
interface DifferentialSuite {
    /** QEMU's machine arguments (the clock-driven QEMU runs those with {@code -accel qtest}). */
    String machine();

    /** The sequences are cut to this many commands. */
    int maxCommands();
}
