package org.trapline.differential;

import java.util.List;

/** One guest action: one command, or a few that belong together (an ICW sequence, a count LSB then MSB). */
public record Access(List<String> commands) {
    public Access {
        commands = List.copyOf(commands);
    }

    static Access of(String command) {
        return new Access(List.of(command));
    }

    @Override
    public String toString() {
        return String.join(" / ", commands);
    }
}
