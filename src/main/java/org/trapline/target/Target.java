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

    /**
     * Sends the port command packed in {@code access} ({@link org.trapline.qtest.PortAccess}): the
     * replay of a recorded log, whose port commands are numbers, not objects. The same as sending
     * the command it stands for; the model answers it without making one.
     */
    default Reply sendPort(long access) throws TargetException {
        return send(org.trapline.qtest.PortAccess.command(access));
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
