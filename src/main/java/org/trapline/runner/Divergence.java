package org.trapline.runner;

import java.nio.file.Path;
import java.util.List;

/**
 * The first place where a target departs from what was expected of it.
 *
 * @param file     the trace
 * @param line     the line of the command in the trace
 * @param command  the command as sent
 * @param what     {@code response} or {@code interrupt edges}
 * @param expected what the trace (or the reference target) says
 * @param actual   what the target answered
 * @param citation the rule behind the check, or null
 * @param before   the commands before it, {@code LINE: COMMAND}, oldest first
 * @param state    the target's device registers after the command
 */
public record Divergence(Path file, int line, String command, String what, String expected, String actual,
                        String citation, List<String> before, List<String> state) {
    public Divergence {
        before = List.copyOf(before);
        state = List.copyOf(state);
    }

    /** The report, as the CLI prints it under the trace's FAIL line. */
    public String report(String targetName) {
        StringBuilder sb = new StringBuilder();
        sb.append("  first divergence at ").append(file).append(':').append(line).append(": ").append(command).append('\n');
        sb.append("    ").append(what).append(" expected: ").append(expected).append('\n');
        sb.append("    ").append(what).append(" actual:   ").append(actual).append("   (").append(targetName).append(")\n");
        if (citation != null) {
            sb.append("    rule: ").append(citation).append('\n');
        }
        if (!before.isEmpty()) {
            sb.append("  commands before it:\n");
            for (String b : before) {
                sb.append("    ").append(b).append('\n');
            }
        }
        if (!state.isEmpty()) {
            sb.append("  device state after it:\n");
            for (String s : state) {
                sb.append("    ").append(s).append('\n');
            }
        }
        return sb.toString();
    }
}
