package org.trapline.target;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where the QEMU to drive lives: an explicit path ({@code --qemu PATH}), else the environment
 * variable {@code TRAPLINE_QEMU}, else {@code qemu-system-x86_64} on the {@code PATH}.
 */
public record QemuBinary(Path path) {
    public static final String ENV = "TRAPLINE_QEMU";
    public static final String DEFAULT_NAME = "qemu-system-x86_64";
    /** The QEMU built with the qtest accelerator, for traces whose clock moves. */
    public static final String QTEST_ENV = "TRAPLINE_QEMU_QTEST";
    /** Where tools/qemu-qtest/build.sh caches its build. */
    public static final String CACHE_ENV = "TRAPLINE_QEMU_CACHE";

    /** Looks QEMU up with this process's environment. */
    public static QemuBinary locate(String explicit) throws TargetException {
        return locate(explicit, System.getenv());
    }

    /**
     * @param explicit a path given on the command line, or null
     * @throws TargetException saying where it looked, when there is no executable QEMU there
     */
    public static QemuBinary locate(String explicit, Map<String, String> env) throws TargetException {
        if (explicit != null && !explicit.isBlank()) {
            return executable(explicit, "--qemu");
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return executable(fromEnv, ENV);
        }
        String searchPath = env.getOrDefault("PATH", "");
        for (String dir : searchPath.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            try {
                Path candidate = Path.of(dir, DEFAULT_NAME);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return new QemuBinary(candidate);
                }
            } catch (InvalidPathException e) {
                // A PATH entry that is not a path names no QEMU.
            }
        }
        throw new TargetException("QEMU not found: no " + DEFAULT_NAME + " on the PATH; install it "
                + "(Debian: apt-get install qemu-system-x86), give --qemu PATH or set " + ENV);
    }

    /**
     * A QEMU whose clock qtest drives ({@code -accel qtest}), which Debian's binary is not: an
     * explicit path, else {@code TRAPLINE_QEMU_QTEST}, else the build that
     * {@code tools/qemu-qtest/build.sh} caches ({@code $TRAPLINE_QEMU_CACHE} or
     * {@code ~/.cache/trapline/qemu-7.2-qtest}).
     *
     * @throws TargetException saying where it looked and how to build one
     */
    public static QemuBinary locateClockDriven(String explicit, Map<String, String> env) throws TargetException {
        if (explicit != null && !explicit.isBlank()) {
            return executable(explicit, "--qemu");
        }
        String fromEnv = env.get(QTEST_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return executable(fromEnv, QTEST_ENV);
        }
        Path cached = cachedClockDriven(env);
        if (Files.isRegularFile(cached) && Files.isExecutable(cached)) {
            return new QemuBinary(cached);
        }
        throw new TargetException("no QEMU with the qtest accelerator (needed for -accel qtest): " + cached
                + " does not exist; build it with tools/qemu-qtest/build.sh, or give --qemu PATH or set " + QTEST_ENV);
    }

    /** Looks the clock-driven QEMU up with this process's environment. */
    public static QemuBinary locateClockDriven(String explicit) throws TargetException {
        return locateClockDriven(explicit, System.getenv());
    }

    /** Where tools/qemu-qtest/build.sh puts its wrapper. */
    public static Path cachedClockDriven(Map<String, String> env) {
        String cache = env.get(CACHE_ENV);
        Path dir = cache != null && !cache.isBlank() ? Path.of(cache)
                : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".cache", "trapline", "qemu-7.2-qtest");
        return dir.resolve("bin").resolve(DEFAULT_NAME);
    }

    private static QemuBinary executable(String given, String source) throws TargetException {
        Path p;
        try {
            p = Path.of(given);
        } catch (InvalidPathException e) {
            throw new TargetException("QEMU not found: " + source + " '" + given + "' is not a path");
        }
        if (!Files.isRegularFile(p)) {
            throw new TargetException("QEMU not found: " + source + " " + given + ": no such file");
        }
        if (!Files.isExecutable(p)) {
            throw new TargetException("QEMU not usable: " + source + " " + given + " is not executable");
        }
        return new QemuBinary(p);
    }

    /** The first line of {@code QEMU --version}, e.g. {@code QEMU emulator version 7.2.22 (Debian ...)}. */
    public String version() throws TargetException {
        Path output = null;
        Process p = null;
        try {
            // Into a file, not a pipe: a binary that hangs must not hang the reader with it.
            output = Files.createTempFile("trapline-qemu-version", ".txt");
            p = new ProcessBuilder(path.toString(), "--version").redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                throw new TargetException(path + " --version did not finish within 10 s");
            }
            String first = Files.readString(output, StandardCharsets.UTF_8).strip().lines().findFirst().orElse("");
            if (p.exitValue() != 0 || first.isEmpty()) {
                throw new TargetException(path + " --version failed (exit status " + p.exitValue() + "): " + first);
            }
            return first;
        } catch (IOException e) {
            throw new TargetException("cannot run " + path + " --version: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetException("interrupted while asking " + path + " for its version");
        } finally {
            if (p != null) {
                p.destroyForcibly();
            }
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException e) {
                    // A temporary file left behind is harmless.
                }
            }
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
