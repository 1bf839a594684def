package org.trapline.discovery;

import org.trapline.target.TargetException;

/**
 * One ATA channel as libata probes it (drivers/ata/libata-sff.c ata_devchk): select the master
 * (Device register 0A0h), then write 55h/AAh, AAh/55h and 55h/AAh to Sector Count and LBA Low
 * and read them back: only a device that is there keeps its registers (ATA/ATAPI-6 §7.1, a
 * device not present does not drive the bus). The Status register says whether the channel
 * decodes at all: a floating bus reads FFh.
 */
final class IdeProbe implements IsaProbe {
    private static final int SECTOR_COUNT = 2;
    private static final int LBA_LOW = 3;
    private static final int DEVICE = 6;
    private static final int STATUS = 7;

    private final String name;
    private final int base;
    private final int control;

    IdeProbe(String name, int base, int control) {
        this.name = name;
        this.base = base;
        this.control = control;
    }

    @Override
    public String subject() {
        return String.format("%s ATA channel at %Xh/%Xh", name, base, control);
    }

    @Override
    public Finding run(GuestPorts ports) throws TargetException {
        ports.outb(base + DEVICE, 0xa0);
        int status = ports.inb(base + STATUS);
        int alternate = ports.inb(control);
        if (status == 0xff && alternate == 0xff) {
            return Finding.absent("Status and Alternate Status read FFh (nothing decodes the channel)");
        }
        ports.outb(base + SECTOR_COUNT, 0x55);
        ports.outb(base + LBA_LOW, 0xaa);
        ports.outb(base + SECTOR_COUNT, 0xaa);
        ports.outb(base + LBA_LOW, 0x55);
        ports.outb(base + SECTOR_COUNT, 0x55);
        ports.outb(base + LBA_LOW, 0xaa);
        int count = ports.inb(base + SECTOR_COUNT);
        int low = ports.inb(base + LBA_LOW);
        boolean device = count == 0x55 && low == 0xaa;
        return Finding.found(String.format("channel decodes (Status %02xh, Alternate Status %02xh); master: %s", status,
                alternate, device ? "a device keeps 55h/AAh" : String.format("no device (read %02xh/%02xh)", count, low)));
    }
}
