package org.trapline.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.trapline.target.QemuBinary;

/** Shell scripts that stand in for QEMU where a test needs it to misbehave. */
public final class FakeQemu {
    private FakeQemu() {
    }

    /** Writes an executable {@code /bin/sh} script with this body into {@code dir}. */
    public static QemuBinary script(Path dir, String name, String body) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return new QemuBinary(file);
    }

    /** Reads every command and never answers. */
    public static QemuBinary hanging(Path dir) throws IOException {
        return script(dir, "hanging-qemu", "while read line; do :; done");
    }

    /** Answers each command with this line. */
    public static QemuBinary answering(Path dir, String answer) throws IOException {
        return script(dir, "answering-qemu", "while read line; do echo '" + answer + "'; done");
    }
}
