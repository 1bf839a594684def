package org.trapline.trace;

import java.util.List;

import org.trapline.qtest.QtestCommand;

/**
 * One command of a trace and what it must produce.
 *
 * @param line      where the command stands in its file (1-based)
 * @param command   the parsed qtest command
 * @param expect    the expected response, or null when the trace checks none
 * @param citation  the datasheet rule behind the check, or null
 * @param irqEvents the interrupt edges expected in the command's window, in order
 *                  ({@code IRQ raise 8}); checked exactly once the trace intercepts interrupts
 */
public record Step(int line, QtestCommand command, Expectation expect, String citation, List<String> irqEvents) {
    public Step {
        irqEvents = List.copyOf(irqEvents);
    }
}
