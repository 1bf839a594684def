package org.trapline.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/** STUB: being written. */
@Command(name = "diff", description = "not available yet")
public final class DiffCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("trapline diff: not available yet");
        return Main.UNUSABLE;
    }
}
