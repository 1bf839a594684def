package org.trapline.target;

import java.util.List;

/**
 * A target's answer to one qtest command: the response line ({@code OK}, {@code OK 0x0026},
 * {@code FAIL ...}) and the interrupt edges reported in the command's window
 * ({@code IRQ raise 8}, {@code IRQ lower 0}), in order.
 */
public record Reply(String response, List<String> irqEvents) {
    public Reply {
        irqEvents = List.copyOf(irqEvents);
    }

    public static Reply of(String response) {
        return new Reply(response, List.of());
    }

    public boolean ok() {
        return response.startsWith("OK");
    }
}
