package org.trapline.models.pit;

import org.trapline.models.bus.IoDevice;

/**
 * Port 61h, the PIIX3's NMI Status and Control register (NMISC; "system control port B" of the PC/AT),
 * as far as the timer is concerned. PIIX3 290550: bit 0 Timer Counter 2 Enable (GATE2, R/W), bit 1
 * Speaker Data Enable (R/W), bit 2 PCI SERR# Enable (R/W), bit 3 IOCHK# NMI Enable (R/W), bit 4 Refresh
 * Cycle Toggle (RO), bit 5 Timer Counter 2 OUT Status (RO), bits 6-7 IOCHK# and SERR# NMI source status
 * (RO; no source is modelled, so 0). Default after reset: 00h. QEMU's board answers it from
 * hw/audio/pcspk.c.
 */
final class PortB implements IoDevice {
    private static final int GATE2 = 0x01;
    private static final int SPEAKER_DATA = 0x02;
    private static final int NMI_ENABLES = 0x0c;
    private static final int REFRESH_TOGGLE = 0x10;
    private static final int OUT2 = 0x20;

    private final Pit8254 pit;
    private final boolean nmiEnablesNotStored;
    private final boolean refreshTogglesOnRead;
    /** The read/write bits 1-3 (bit 0 lives in counter 2 as its GATE). */
    private int stored;
    private boolean toggle;

    PortB(Pit8254 pit, boolean nmiEnablesNotStored, boolean refreshTogglesOnRead) {
        this.pit = pit;
        this.nmiEnablesNotStored = nmiEnablesNotStored;
        this.refreshTogglesOnRead = refreshTogglesOnRead;
    }

    /** Hardware: NMISC resets to 00h. QEMU's pcspk has no reset: the speaker bit and the toggle stay. */
    void reset() {
        if (!refreshTogglesOnRead) {
            stored = 0;
        }
    }

    @Override
    public long read(long offset, int size) {
        if (refreshTogglesOnRead) {
            toggle = !toggle;
        }
        return peek();
    }

    /** The value a read returns, without the read's side effect. */
    int peek() {
        boolean refresh = refreshTogglesOnRead ? toggle : pit.refreshToggle();
        return (pit.gate2() ? GATE2 : 0) | stored | (refresh ? REFRESH_TOGGLE : 0) | (pit.out2() ? OUT2 : 0);
    }

    @Override
    public void write(long offset, int size, long value) {
        int v = (int) value;
        stored = v & (nmiEnablesNotStored ? SPEAKER_DATA : SPEAKER_DATA | NMI_ENABLES);
        pit.setGate2((v & GATE2) != 0);
    }

    boolean gate2() {
        return pit.gate2();
    }
}
