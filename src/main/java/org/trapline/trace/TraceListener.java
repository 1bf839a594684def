package org.trapline.trace;

/** Receives a trace as it is read, so that a trace of any length replays in constant memory. */
public interface TraceListener {
    /** Called once, before the first step. */
    void begin(TraceHeader header) throws TraceFormatException;

    /** Called for each step once its window is complete; false stops the reading. */
    boolean step(Step step) throws TraceFormatException;
}
