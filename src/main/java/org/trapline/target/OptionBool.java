package org.trapline.target;

/**
 * A boolean in a QEMU option, {@code -drive readonly=}, {@code -boot menu=}, {@code -device multifunction=}:
 * QEMU 7.2 reads them all with qapi_bool_parse (qapi/qapi-util.c), which takes on, yes, true and y, and off,
 * no, false and n.
 */
final class OptionBool {
    private OptionBool() {
    }

    /** The value of {@code what}={@code value}; anything else is refused, naming the option as QEMU does. */
    static boolean parse(String what, String value) {
        return switch (value) {
            case "on", "yes", "true", "y" -> true;
            case "off", "no", "false", "n" -> false;
            default -> throw new IllegalArgumentException(what + "=" + value + ": expected 'on' or 'off'");
        };
    }
}
