package org.trapline.models.fdc;

/** The host's side of the controller's FIFO, as the floppy tests drive it: bytes out, bytes in, results. */
final class FdcFifo {
    private FdcFifo() {
    }

    static void out(Fdc82078 fdc, int... bytes) {
        for (int b : bytes) {
            fdc.write(Fdc82078.FIFO, 1, b);
        }
    }

    static int in(Fdc82078 fdc) {
        return (int) fdc.read(Fdc82078.FIFO, 1);
    }

    static int msr(Fdc82078 fdc) {
        return (int) fdc.read(Fdc82078.MSR, 1);
    }

    /** The seven result bytes of a data transfer command: ST0, ST1, ST2, C, H, R, N. */
    static int[] result(Fdc82078 fdc) {
        int[] r = new int[7];
        for (int i = 0; i < 7; i++) {
            r[i] = in(fdc);
        }
        return r;
    }

    /** SENSE INTERRUPT STATUS: ST0 and PCN. */
    static int[] sense(Fdc82078 fdc) {
        out(fdc, 0x08);
        return new int[] {in(fdc), in(fdc)};
    }
}
