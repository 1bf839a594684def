package org.trapline.models.machine;

import java.io.File;

import org.trapline.models.fdc.Fdc82078;
import org.trapline.models.fdc.FloppyGeometry;

/**
 * The board's floppy drives as an operator reaches them: a diskette goes in, a diskette comes out. It is
 * what QEMU's monitor does with {@code blockdev-change-medium} and {@code eject} on a floppy drive, which
 * has no tray, so either ends in the drive's media-change callback (QEMU 7.2 hw/block/fdc.c fd_change_cb).
 */
public final class FloppyBay {
    private final Fdc82078 fdc;

    FloppyBay(Fdc82078 fdc) {
        this.fdc = fdc;
    }

    /**
     * Puts the raw image at {@code path} into the drive at {@code unit}, read on demand as a diskette from
     * the command line is.
     *
     * @return null when done, else the sentence saying why not (no such drive, no such file, no diskette size)
     */
    public String insert(int unit, String path, boolean readOnly) {
        File f = new File(path);
        if (!f.isFile() || !f.canRead()) {
            return "Could not open '" + path + "': No such file or directory";
        }
        long bytes = f.length();
        if (bytes % FloppyImage.SECTOR_BYTES != 0 || FloppyGeometry.ofImageSectors(bytes / FloppyImage.SECTOR_BYTES) == null) {
            return "floppy image " + path + ": " + bytes + " bytes is no diskette format (QEMU 7.2's sizes: "
                    + FloppyGeometry.knownSizes() + ")";
        }
        return fdc.insertDiskette(unit, new FloppyImage(path), readOnly) ? null : "no floppy drive at unit " + unit;
    }

    /** Takes the diskette out of the drive at {@code unit}; null when done, else why not. */
    public String eject(int unit) {
        return fdc.ejectDiskette(unit) ? null : "no floppy drive at unit " + unit;
    }
}
