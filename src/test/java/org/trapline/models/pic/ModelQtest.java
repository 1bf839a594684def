package org.trapline.models.pic;

import java.util.ArrayList;
import java.util.List;

import org.trapline.models.machine.GpioInputs;
import org.trapline.models.machine.Machine;

/** Answers the port and set_irq_in commands of a qtest script the way QEMU's qtest prints them. */
final class ModelQtest {
    private final Machine machine;

    ModelQtest(Machine machine) {
        this.machine = machine;
    }

    /** The script's commands: no comments, no blank lines. */
    static List<String> commands(List<String> scriptLines) {
        List<String> commands = new ArrayList<>();
        for (String line : scriptLines) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                commands.add(t);
            }
        }
        return commands;
    }

    String answer(String command) {
        String[] w = command.split("\\s+");
        switch (w[0]) {
            case "inb", "inw", "inl" -> {
                long value = machine.io().read(Long.decode(w[1]), width(w[0]));
                return String.format("OK 0x%04x", value);
            }
            case "outb", "outw", "outl" -> {
                machine.io().write(Long.decode(w[1]), width(w[0]), Long.decode(w[2]));
                return "OK";
            }
            case "set_irq_in" -> {
                GpioInputs gpio = machine.gpio(w[1]);
                return gpio != null && gpio.set(Integer.parseInt(w[3]), Integer.parseInt(w[4]) != 0) ? "OK" : "FAIL";
            }
            default -> throw new IllegalArgumentException("not a command this helper knows: " + command);
        }
    }

    private static int width(String op) {
        return switch (op.charAt(op.length() - 1)) {
            case 'b' -> 1;
            case 'w' -> 2;
            default -> 4;
        };
    }
}
