package org.trapline.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lockstep qtest commands per second, trapline serve against QEMU, side by side in one run (tools/serve/speed.sh
 * runs it): both started as libqtest starts QEMU, then rounds of N commands, alternating {@code inb 0x61} and
 * {@code outb 0x80 V}, each sent when the last one's reply is in; the rounds alternate between the two.
 *
 * <p>Usage: ServeSpeed QEMU SERVE-WRAPPER [N] [ROUNDS]
 */
final class ServeSpeed {
    private ServeSpeed() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: ServeSpeed QEMU SERVE-WRAPPER [N] [ROUNDS]");
            System.exit(2);
        }
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        Map<String, LibqtestClient> targets = new LinkedHashMap<>();
        Map<String, Double> best = new LinkedHashMap<>();
        Path dir = Files.createTempDirectory("serve-speed");
        try {
            targets.put("qemu", start(args[0], dir.resolve("qemu")));
            targets.put("serve", start(args[1], dir.resolve("serve")));
            for (LibqtestClient t : targets.values()) {
                run(t, 20_000);
            }
            for (int r = 1; r <= rounds; r++) {
                for (Map.Entry<String, LibqtestClient> e : targets.entrySet()) {
                    double rate = run(e.getValue(), n);
                    best.merge(e.getKey(), rate, Math::max);
                    double piped = pipelined(e.getValue(), n);
                    best.merge(e.getKey() + "-pipelined", piped, Math::max);
                    System.out.printf(Locale.ROOT, "round %d %-5s %9.0f lockstep commands/s, %9.0f pipelined%n", r,
                            e.getKey(), rate, piped);
                }
            }
        } finally {
            for (LibqtestClient t : targets.values()) {
                t.close();
            }
        }
        System.out.printf(Locale.ROOT, "qemu  (%s): %9.0f lockstep commands/s%n", args[0], best.get("qemu"));
        System.out.printf(Locale.ROOT, "serve (%s): %9.0f lockstep commands/s%n", args[1], best.get("serve"));
        System.out.printf(Locale.ROOT, "serve / qemu: %.2fx lockstep%n", best.get("serve") / best.get("qemu"));
        System.out.printf(Locale.ROOT, "pipelined (%d commands in flight, the server's own cost): qemu %.0f/s, serve %.0f/s,"
                + " %.2fx%n", BATCH, best.get("qemu-pipelined"), best.get("serve-pipelined"),
                best.get("serve-pipelined") / best.get("qemu-pipelined"));
    }

    private static LibqtestClient start(String binary, Path dir) throws IOException {
        Files.createDirectories(dir);
        LibqtestClient c = LibqtestClient.start(List.of(binary), dir, "/dev/null", List.of("-machine", "pc", "-nodefaults"));
        c.qmpReceive();
        c.qmp("{\"execute\": \"qmp_capabilities\"}");
        return c;
    }

    static final int BATCH = 256;

    /**
     * N commands sent {@link #BATCH} at a time before their replies are read: what a server answers when the
     * round trip's wake-ups do not stand between one command and the next.
     */
    static double pipelined(LibqtestClient t, int n) throws IOException {
        long start = System.nanoTime();
        for (int done = 0; done < n; done += BATCH) {
            String[] batch = new String[BATCH];
            for (int i = 0; i < BATCH; i++) {
                batch[i] = (i % 2 == 0) ? "inb 0x61" : "outb 0x80 0x" + Integer.toHexString(i & 0xff);
            }
            for (String reply : t.sendAll(batch)) {
                if (!reply.startsWith("OK")) {
                    throw new IOException("answered " + reply);
                }
            }
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }

    /** N lockstep commands; their rate per second. */
    static double run(LibqtestClient t, int n) throws IOException {
        String[] commands = new String[256];
        for (int v = 0; v < commands.length; v++) {
            commands[v] = "outb 0x80 0x" + Integer.toHexString(v);
        }
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            String reply = t.send(i % 2 == 0 ? "inb 0x61" : commands[i & 0xff]);
            if (!reply.startsWith("OK")) {
                throw new IOException("answered " + reply);
            }
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }
}
