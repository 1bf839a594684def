package org.trapline.cli;

import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.trapline.serve.QtestServer;
import org.trapline.serve.ServeArgs;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code serve}: the models behind QEMU's qtest protocol, taking QEMU's own command line, so that QEMU's
 * tests/qtest programs run against them ({@code QTEST_QEMU_BINARY=tools/serve/bin/qemu-system-x86_64}).
 */
@Command(name = "serve",
        description = {"Takes QEMU's command line as libqtest gives it (-qtest unix:PATH, -qtest-log FILE, "
                + "-chardev socket,path=P,id=X with -mon chardev=X,mode=control, -accel qtest, -machine and the device "
                + "arguments) and answers qtest and QMP on those sockets with the qemu-pc models, as QEMU 7.2 would. "
                + "The qtest log is written in QEMU's format, so `trapline replay` replays it.",
                "Ends when the qtest socket closes, on QMP quit and on SIGTERM, with status 0.",
                "Exit status: 0; 2 unusable arguments or a socket that cannot be reached."})
public final class ServeCommand implements Callable<Integer> {
    @Unmatched
    List<String> qemuArgs = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ServeArgs args;
        try {
            args = ServeArgs.parse(qemuArgs, LocalDateTime.now(ZoneOffset.UTC));
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("trapline serve: " + e.getMessage());
            QtestServer.hangUp(ServeArgs.clientSockets(qemuArgs));
            return Main.UNUSABLE;
        }
        try {
            new QtestServer(args, spec.commandLine().getErr()).run();
        } catch (IOException e) {
            spec.commandLine().getErr().println("trapline serve: " + e.getMessage());
            return Main.UNUSABLE;
        }
        return Main.OK;
    }
}
