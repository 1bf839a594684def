package org.trapline.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/** STUB: being written. */
@Command(name = "record", description = "not available yet")
public final class RecordCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("trapline record: not available yet");
        return Main.UNUSABLE;
    }
}
