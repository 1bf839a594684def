package org.trapline.models.machine;

/**
 * A drive on a PIIX IDE channel as the command line gives it ({@code -drive if=ide}, {@code -hda}..{@code -hdd},
 * {@code -device ide-hd}, {@code -cdrom}): its channel ({@code bus} 0 primary, 1 secondary) and {@code unit} (0
 * master, 1 slave), the raw image, whether it is a CD-ROM, whether it is read-only, the IDENTIFY strings
 * ({@code -global ide-hd.serial=}, {@code .model=}, {@code .ver=}; null for QEMU's defaults), and whether its write
 * cache is on ({@code cache=}).
 */
public record IdeDrive(int bus, int unit, String path, boolean cdrom, boolean readOnly, String serial, String model,
        String version, boolean writeCache) {
    public IdeDrive {
        if (bus < 0 || bus > 1 || unit < 0 || unit > 1) {
            throw new IllegalArgumentException("IDE drive at bus " + bus + " unit " + unit + ": the PIIX has buses 0-1,"
                    + " units 0-1");
        }
    }

    /** QEMU's index= numbering: index = 2 * bus + unit. */
    public int index() {
        return 2 * bus + unit;
    }

    /** A hard disk on its raw image with QEMU's default strings and its write cache on. */
    public static IdeDrive disk(int bus, int unit, String path) {
        return new IdeDrive(bus, unit, path, false, false, null, null, null, true);
    }

    public IdeDrive withStrings(String newSerial, String newModel, String newVersion) {
        return new IdeDrive(bus, unit, path, cdrom, readOnly, newSerial, newModel, newVersion, writeCache);
    }
}
