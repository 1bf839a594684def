package org.trapline.target;

/**
 * A target that answers every port command {@code OK} or {@code OK 0x%04x} and can give that answer
 * as a number ({@link org.trapline.qtest.PortAnswer}): the replay of a recorded log, whose answers
 * are numbers too, then compares numbers, not text. The reference model is one.
 */
public interface NumericPortAnswers {
    /**
     * Answers the port command packed in {@code access} ({@link org.trapline.qtest.PortAccess}) as
     * {@link Target#sendPort} does, but as a number: {@code PortAnswer.OK} for a write, the value for
     * a read. The interrupt edges of the command's window are dropped: use {@code sendPort} where
     * they are checked.
     */
    long answerPort(long access);

    /**
     * Why the last {@link #answerPort} could not be answered as QEMU would (it read something the
     * target does not model), or null when it could.
     */
    default String unanswerable() {
        return null;
    }
}
