package org.trapline.models.ide;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.trapline.models.device.Quirk;

/**
 * A CD-ROM driven as a host driver would over the task file (ATA/ATAPI-6 clause 9, PACKET PIO data-in
 * protocol), with a channel's interrupt line reduced to a counter of the device's INTRQ assertions.
 */
final class AtapiRig implements AtapiHost {
    /** One DRQ block: the interrupt reason and byte count the device gave for it, and the interrupts before it. */
    record Block(int reason, int byteCount, int interrupts) {
    }

    /** What a packet command came to: the data, its blocks, and the registers at the end. */
    record Outcome(byte[] data, List<Block> blocks, int status, int error, int reason, int interrupts) {
        int senseKey() {
            return error >> 4;
        }
    }

    final AtapiDevice dev;
    int interrupts;
    int dmaRequests;

    AtapiRig(CdMedium medium, Set<Quirk> quirks) {
        dev = new AtapiDevice("cd", medium, "QM00003", quirks, this);
    }

    static AtapiRig qemu(CdMedium medium) {
        return new AtapiRig(medium, Set.copyOf(AtapiQuirks.all()));
    }

    static AtapiRig hardware(CdMedium medium) {
        return new AtapiRig(medium, Set.of());
    }

    /** An image of {@code blocks} blocks, byte i of block L being tools/ide/make-iso.sh's pattern. */
    static byte[] image(int blocks) {
        byte[] b = new byte[blocks * CdMedium.BLOCK];
        for (int lba = 0; lba < blocks; lba++) {
            for (int i = 0; i < CdMedium.BLOCK; i++) {
                b[lba * CdMedium.BLOCK + i] = (byte) (lba * 16 + i);
            }
            b[lba * CdMedium.BLOCK] = (byte) (lba >> 24);
            b[lba * CdMedium.BLOCK + 1] = (byte) (lba >> 16);
            b[lba * CdMedium.BLOCK + 2] = (byte) (lba >> 8);
            b[lba * CdMedium.BLOCK + 3] = (byte) lba;
        }
        return b;
    }

    @Override
    public void interrupt() {
        interrupts++;
    }

    @Override
    public void dmaRequest() {
        dmaRequests++;
    }

    int reg(int r) {
        return dev.taskFileRead(r, false);
    }

    /** Writes Features, the byte count limit and PACKET, then the packet in six words. */
    void sendPacket(int features, int byteCountLimit, int... cdb) {
        byte[] p = new byte[12];
        for (int i = 0; i < cdb.length; i++) {
            p[i] = (byte) cdb[i];
        }
        dev.taskFileWrite(AtapiDevicePort.FEATURES, features);
        dev.taskFileWrite(AtapiDevicePort.LBA_MID, byteCountLimit & 0xff);
        dev.taskFileWrite(AtapiDevicePort.LBA_HIGH, byteCountLimit >> 8);
        dev.command(AtapiDevice.PACKET);
        for (int i = 0; i < 12; i += 2) {
            dev.dataWrite16(p[i] & 0xff | (p[i + 1] & 0xff) << 8);
        }
    }

    /** A PIO packet command with word reads of every DRQ block; at most {@code maxBlocks} blocks. */
    Outcome packet(int byteCountLimit, int... cdb) {
        interrupts = 0;
        sendPacket(0, byteCountLimit, cdb);
        return drain(1000);
    }

    Outcome drain(int maxBlocks) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        List<Block> blocks = new ArrayList<>();
        int seen = 0;
        while ((dev.status() & AtapiDevice.DRQ) != 0 && blocks.size() < maxBlocks) {
            int n = reg(AtapiDevicePort.LBA_MID) | reg(AtapiDevicePort.LBA_HIGH) << 8;
            blocks.add(new Block(reg(AtapiDevicePort.SECTOR_COUNT) & 3, n, interrupts - seen));
            seen = interrupts;
            for (int i = 0; i < n; i += 2) {
                int w = dev.dataRead16();
                data.write(w);
                if (i + 1 < n) {
                    data.write(w >> 8);
                }
                if ((dev.status() & AtapiDevice.DRQ) == 0) {
                    break;
                }
            }
        }
        return new Outcome(data.toByteArray(), blocks, dev.status(), reg(AtapiDevicePort.ERROR),
                reg(AtapiDevicePort.SECTOR_COUNT) & 3, interrupts);
    }

    /** REQUEST SENSE with an 18-byte allocation: {key, asc, ascq}. */
    int[] sense() {
        byte[] s = packet(0xfffe, 0x03, 0, 0, 0, 18).data();
        return new int[] {s[2] & 0x0f, s[12] & 0xff, s[13] & 0xff};
    }
}
