package org.trapline.trace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Which files are traces: those named on the command line, and under a folder every {@code *.trace}
 * (native, golden), {@code *.log} (raw -qtest-log) and {@code *.vmx} (trap pipeline) file, in a stable order. Command scripts
 * ({@code *.qtest}) check nothing and are taken only when named.
 */
public final class TraceFiles {
    private TraceFiles() {
    }

    public static List<Path> collect(List<Path> paths) throws TraceFormatException {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                files.addAll(under(p));
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                throw new TraceFormatException(p, 0, "no such file or folder");
            }
        }
        if (files.isEmpty()) {
            throw new TraceFormatException(paths.get(0), 0, "no *.trace or *.log files there");
        }
        return files;
    }

    /** The trace files under a folder; none when it does not exist. */
    public static List<Path> under(Path folder) throws TraceFormatException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).filter(TraceFiles::isTrace).sorted().toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new TraceFormatException(folder, 0, "cannot list the folder: " + e.getMessage());
        }
    }

    static boolean isTrace(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".trace") || name.endsWith(".log") || name.endsWith(".vmx") || name.endsWith(".ftrace");
    }
}
