package org.trapline.target;

/**
 * Something that answers qtest commands: the reference model in process, a live QEMU, or a
 * recording. One command at a time, in order (lockstep).
 */
public interface Target extends AutoCloseable {
    /** Sends one qtest command line (no newline) and returns its answer. */
    Reply send(String command) throws TargetException;

    /** Sends a parsed command; targets that can skip the text round trip override this. */
    default Reply send(org.trapline.qtest.QtestCommand command) throws TargetException {
        return send(command.text());
    }

    /** A short name for reports: {@code model(qemu-pc)}, {@code qemu(/usr/bin/qemu-system-x86_64)}. */
    String name();

    /** The device registers as the target knows them, one {@code device: REG=val ...} line each; may be empty. */
    default java.util.List<String> describeState() {
        return java.util.List.of();
    }

    @Override
    void close();
}
