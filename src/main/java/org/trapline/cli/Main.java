package org.trapline.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code trapline} command: replay, record, diff. */
@Command(name = "trapline", mixinStandardHelpOptions = true, version = "trapline 0.1.0",
        description = "Checks device models against hardware, access by access.",
        subcommands = {ReplayCommand.class, RecordCommand.class, DiffCommand.class, QuirksCommand.class,
                LspciCommand.class, ProbeCommand.class, CostsCommand.class, ServeCommand.class})
public final class Main implements Runnable {
    /** Exit status: every trace matched. */
    public static final int OK = 0;
    /** Exit status: a divergence. */
    public static final int DIVERGED = 1;
    /** Exit status: unusable input or arguments. */
    public static final int UNUSABLE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: replay, record, diff, quirks, lspci, probe, costs or serve");
    }

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the CLI with the given streams and returns the exit status. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            // A bug of ours still ends with a sentence, not a stack trace.
            commandLine.getErr().println("trapline: internal error: " + ex);
            if (System.getenv("TRAPLINE_DEBUG") != null) {
                ex.printStackTrace(commandLine.getErr());
            } else {
                commandLine.getErr().println("(set TRAPLINE_DEBUG=1 to see the stack trace, and please report it)");
            }
            return UNUSABLE;
        });
        int status = cli.execute(args);
        out.flush();
        err.flush();
        return status;
    }
}
