package org.trapline.models.pit;

/**
 * A counter's counting element (CE) and OUT as time moves: what the datasheet calls the counter's
 * mode behaviour, computed from guest nanoseconds on demand. The register file around it (CR, OL,
 * status, byte pointers) is {@link Counter}'s. Counts are integers 1..modulus (a written 0 is the
 * modulus: 2^16, or 10^4 when counting in BCD); {@link #ce} answers 0..modulus-1.
 */
interface CountingElement {
    /** Power-on or board reset. */
    void reset(long nowNs);

    /** A control word for this counter: {@code mode} as written (M2 M1 M0, 0-7). */
    void controlWord(int mode, int modulus, long nowNs);

    /** The first byte of a two-byte count has been written. */
    void firstByte(long nowNs);

    /** A complete count has been written to CR. */
    void load(int count, long nowNs);

    /** The GATE input's level. */
    void gate(boolean high, long nowNs);

    boolean gateLevel();

    int ce(long nowNs);

    boolean out(long nowNs);

    /** Whether the last count written has not yet been moved from CR into CE. */
    boolean nullCount(long nowNs);

    /** When OUT changes next (the instant IRQ0 must follow it), or -1 when it never does by itself. */
    long nextOutChangeNs(long nowNs);

    /** How many times OUT has risen since reset (PIIX3: counter 1's OUT requests a refresh cycle). */
    long outRisings(long nowNs);
}
