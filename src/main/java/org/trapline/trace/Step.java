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
 * @param irqEvents the interrupt edges expected in the command's window, in order ({@code IRQ raise 8})
 * @param checkIrqs whether the window's edges are checked: from the first {@code irq_intercept_*}
 *                  on, once the trace has recorded a response or an edge (a bare script never is)
 */
public record Step(int line, QtestCommand command, Expectation expect, String citation, List<String> irqEvents,
                   boolean checkIrqs) {
    public Step {
        irqEvents = irqEvents.isEmpty() ? List.of() : List.copyOf(irqEvents);
    }
}
