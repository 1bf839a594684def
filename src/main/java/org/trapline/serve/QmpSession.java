package org.trapline.serve;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of QMP (QEMU's docs/interop/qmp-spec.txt) that QEMU's qtest programs use, on the monitor's
 * socket: the greeting, capabilities negotiation, {@code quit}, and the floppy's {@code blockdev-change-medium}
 * and {@code eject}, which fdc-test sends. Every other command gets QMP's {@code CommandNotFound} error, as
 * QEMU answers a command it does not have; a malformed command gets a {@code GenericError}. Commands are JSON
 * objects one after another, with or without newlines between them (libqtest sends none).
 */
final class QmpSession {
    /** A command longer than this is no QMP command any test sends; the session ends rather than grow. */
    static final int MAX_COMMAND_CHARS = 1 << 20;

    /** What QMP's commands do to the board and the process. */
    interface Board {
        /** Inserts an image into a floppy drive named by qdev id or by block backend; null if done, else why not. */
        String changeFloppy(String id, String device, String filename, boolean readOnly);

        /** Ejects the diskette of a floppy drive; null if done, else why not. */
        String ejectFloppy(String id, String device);

        /** {@code quit}: the process ends once the reply and the SHUTDOWN event are out. */
        void quit();
    }

    private final SocketChannel channel;
    private final Board board;
    private boolean negotiated;

    QmpSession(SocketChannel channel, Board board) {
        this.channel = channel;
        this.board = board;
    }

    /** The greeting QEMU 7.2 sends first (monitor/qmp.c qmp_greeting): its version and the oob capability. */
    static String greeting() {
        Map<String, Object> qemu = new LinkedHashMap<>();
        qemu.put("micro", 0L);
        qemu.put("minor", 2L);
        qemu.put("major", 7L);
        Map<String, Object> version = new LinkedHashMap<>();
        version.put("qemu", qemu);
        version.put("package", "trapline serve");
        Map<String, Object> qmp = new LinkedHashMap<>();
        qmp.put("version", version);
        qmp.put("capabilities", List.of("oob"));
        return Json.write(Map.of("QMP", qmp));
    }

    /** Runs until the socket closes or {@code quit}. */
    void run() throws IOException {
        send(greeting());
        ByteBuffer in = ByteBuffer.allocate(1 << 16);
        StringBuilder pending = new StringBuilder();
        ObjectSplitter splitter = new ObjectSplitter();
        while (channel.read(in) >= 0) {
            in.flip();
            String text = StandardCharsets.UTF_8.decode(in).toString();
            in.clear();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (pending.length() == 0 && Character.isWhitespace(c)) {
                    continue;
                }
                pending.append(c);
                if (pending.length() > MAX_COMMAND_CHARS) {
                    send(error("GenericError", "JSON parse error, command longer than " + MAX_COMMAND_CHARS
                            + " characters", null));
                    return;
                }
                if (splitter.ends(c)) {
                    if (!answer(pending.toString())) {
                        return;
                    }
                    pending.setLength(0);
                }
            }
        }
    }

    /** Answers one command; false after {@code quit}. */
    private boolean answer(String text) throws IOException {
        Object parsed;
        try {
            parsed = Json.parse(text);
        } catch (IllegalArgumentException e) {
            send(error("GenericError", "JSON parse error, " + e.getMessage(), null));
            return true;
        }
        if (!(parsed instanceof Map<?, ?> command)) {
            send(error("GenericError", "QMP input must be a JSON object", null));
            return true;
        }
        Object id = command.get("id");
        Object execute = command.containsKey("execute") ? command.get("execute") : command.get("exec-oob");
        if (!(execute instanceof String name)) {
            send(error("GenericError", "QMP input lacks member 'execute'", id));
            return true;
        }
        Object argsValue = command.get("arguments");
        if (argsValue != null && !(argsValue instanceof Map)) {
            send(error("GenericError", "QMP input member 'arguments' must be an object", id));
            return true;
        }
        Map<?, ?> args = argsValue == null ? Map.of() : (Map<?, ?>) argsValue;
        if (!negotiated && !name.equals("qmp_capabilities")) {
            send(error("CommandNotFound", "Expecting capabilities negotiation with 'qmp_capabilities'", id));
            return true;
        }
        switch (name) {
            case "qmp_capabilities" -> {
                if (negotiated) {
                    send(error("CommandNotFound", "Capabilities negotiation is already complete, command ignored", id));
                } else {
                    negotiated = true;
                    send(ok(id));
                }
            }
            case "quit" -> {
                send(ok(id));
                send(shutdownEvent());
                board.quit();
                return false;
            }
            case "blockdev-change-medium" -> reply(changeMedium(args), id);
            case "eject" -> reply(board.ejectFloppy(string(args, "id"), string(args, "device")), id);
            default -> send(error("CommandNotFound", "The command " + name + " has not been found", id));
        }
        return true;
    }

    /** {@code blockdev-change-medium}: {@code id} or {@code device}, {@code filename}, {@code format} raw. */
    private String changeMedium(Map<?, ?> args) {
        String filename = string(args, "filename");
        if (filename == null) {
            return "Parameter 'filename' is missing";
        }
        String format = string(args, "format");
        if (format != null && !format.equals("raw")) {
            return "format '" + format + "' is not modelled; give 'format': 'raw'";
        }
        String mode = string(args, "read-only-mode");
        boolean readOnly = "read-only".equals(mode);
        if (mode != null && !mode.equals("retain") && !mode.equals("read-only") && !mode.equals("read-write")) {
            return "Parameter 'read-only-mode' does not accept value '" + mode + "'";
        }
        return board.changeFloppy(string(args, "id"), string(args, "device"), filename, readOnly);
    }

    private void reply(String problem, Object id) throws IOException {
        send(problem == null ? ok(id) : error("GenericError", problem, id));
    }

    private static String string(Map<?, ?> args, String key) {
        Object v = args.get(key);
        return v instanceof String s ? s : null;
    }

    private static String ok(Object id) {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("return", Map.of());
        if (id != null) {
            reply.put("id", id);
        }
        return Json.write(reply);
    }

    static String error(String errorClass, String desc, Object id) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("class", errorClass);
        body.put("desc", desc);
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("error", body);
        if (id != null) {
            reply.put("id", id);
        }
        return Json.write(reply);
    }

    /** QEMU's event after {@code quit} (qapi/run-state.json SHUTDOWN, reason host-qmp-quit). */
    private static String shutdownEvent() {
        long us = System.currentTimeMillis() * 1000;
        Map<String, Object> time = new LinkedHashMap<>();
        time.put("seconds", us / 1_000_000);
        time.put("microseconds", us % 1_000_000);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("guest", Boolean.FALSE);
        data.put("reason", "host-qmp-quit");
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("timestamp", time);
        event.put("event", "SHUTDOWN");
        event.put("data", data);
        return Json.write(event);
    }

    private void send(String json) throws IOException {
        ByteBuffer out = ByteBuffer.wrap((json + "\r\n").getBytes(StandardCharsets.UTF_8));
        while (out.hasRemaining()) {
            channel.write(out);
        }
    }

    /** Finds where a JSON value ends: braces and brackets outside strings, as QEMU's JSON streamer counts them. */
    static final class ObjectSplitter {
        private int depth;
        private char quote;
        private boolean escaped;

        /** Takes the next character; true when it ends a value at the outermost level. */
        boolean ends(char c) {
            if (quote != 0) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == quote) {
                    quote = 0;
                }
                return false;
            }
            switch (c) {
                case '"', '\'' -> quote = c;
                case '{', '[' -> depth++;
                case '}', ']' -> depth--;
                default -> {
                    return false;
                }
            }
            if (depth <= 0 && (c == '}' || c == ']')) {
                depth = 0;
                return true;
            }
            return false;
        }
    }
}
