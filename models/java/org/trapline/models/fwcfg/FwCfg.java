package org.trapline.models.fwcfg;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.trapline.models.bus.DmaPort;
import org.trapline.models.bus.IoDevice;
import org.trapline.models.bus.Region;
import org.trapline.models.device.Inspectable;
import org.trapline.models.device.Quirk;

/**
 * QEMU's firmware configuration device, I/O-port form, as docs/specs/fw_cfg.rst specifies it: a
 * 16-bit Selector Register at offset 0 of the port block, the 8-bit Data Register at offset 1, and
 * the 64-bit big-endian DMA Address register in a block of its own ("Guest-side DMA Interface").
 * The items are the board's ({@link FwCfgItems}); this class keeps the selector, the data offset
 * and the DMA address, and moves bytes.
 */
public final class FwCfg implements Inspectable {
    /** fw_cfg.rst "Selector (Control) Register": Bit15 selects the architecture-specific items. */
    static final int ARCH_LOCAL = 0x8000;
    /** Bits 13-0 are the item's index; Bit14 (write mode) has no effect since QEMU v2.4. */
    static final int ENTRY_MASK = 0x3fff;
    /** FWCfgDmaAccess control bits (fw_cfg.rst "Guest-side DMA Interface"). */
    static final int DMA_CTL_ERROR = 0x01;
    static final int DMA_CTL_READ = 0x02;
    static final int DMA_CTL_SKIP = 0x04;
    static final int DMA_CTL_SELECT = 0x08;
    static final int DMA_CTL_WRITE = 0x10;
    /** The DMA Address register read back: "QEMU CFG" in big-endian format (fw_cfg.rst "Signature"). */
    static final long DMA_SIGNATURE = 0x51454d5520434647L;
    /** FWCfgDmaAccess: control (4), length (4), address (8), all big-endian. */
    static final int DMA_ACCESS_BYTES = 16;
    static final int DMA_ACCESS_LENGTH = 4;
    private static final int ZERO_CHUNK = 256;

    private final FwCfgItems items;
    private final DmaPort dma;
    private final boolean selectorReadsData;
    private final boolean rejectedWriteAdvances;
    private final byte[] access = new byte[DMA_ACCESS_BYTES];
    private final byte[] zeros = new byte[ZERO_CHUNK];
    private final byte[] status = new byte[4];
    private final IoDevice portBlock = new IoDevice() {
        @Override
        public long read(long offset, int size) {
            return readPort(offset, size);
        }

        @Override
        public void write(long offset, int size, long value) {
            writePort(size, value);
        }
    };
    private final IoDevice dmaBlock = new IoDevice() {
        @Override
        public long read(long offset, int size) {
            return readDmaRegister(offset, size);
        }

        @Override
        public void write(long offset, int size, long value) {
            writeDmaRegister(offset, size, value);
        }
    };

    private int selector;
    /** The selected item, or null when the selector names no item. */
    private FwCfgItem current;
    private int dataOffset;
    private long dmaAddress;
    private long unmodelledReads;
    private String lastUnmodelled;

    /**
     * @param items  the board's items
     * @param dma    the path to guest memory for the DMA interface
     * @param quirks the profile's quirks
     */
    public FwCfg(FwCfgItems items, DmaPort dma, Set<Quirk> quirks) {
        this.items = items;
        this.dma = dma;
        this.selectorReadsData = quirks.contains(FwCfgQuirks.SELECTOR_READS_DATA);
        this.rejectedWriteAdvances = quirks.contains(FwCfgQuirks.REJECTED_WRITE_ADVANCES_OFFSET);
        reset();
    }

    /** The quirks the qemu-pc profile switches on. */
    public static List<Quirk> qemuQuirks() {
        return FwCfgQuirks.all();
    }

    /** The selector and data ports: two bytes, the data register one above the selector. */
    public Region portRegion() {
        return Region.of("fwcfg", 2, 1, 4, portBlock, this);
    }

    /** The DMA Address register: eight bytes. */
    public Region dmaRegion() {
        return Region.of("fwcfg.dma", 8, 1, 4, dmaBlock, this);
    }

    /** A system reset selects the signature (QEMU hw/nvram/fw_cfg.c fw_cfg_reset). */
    public void reset() {
        select(FwCfgItems.SIGNATURE);
    }

    private void select(int key) {
        selector = key & 0xffff;
        dataOffset = 0;
        current = items.item(selector & (ARCH_LOCAL | ENTRY_MASK));
    }

    private long readPort(long offset, int size) {
        if (size != 1 || (offset == 0 && !selectorReadsData)) {
            // The selector is write only and the I/O data register 8 bits wide (fw_cfg.rst "Data Register").
            return 0;
        }
        return nextByte();
    }

    private void writePort(int size, long value) {
        // A 16-bit write selects; a byte write is a data write, ignored since QEMU v2.4 (fw_cfg.rst).
        if (size == 2) {
            select((int) value);
        }
    }

    /** The next byte of the item, 00h once past its end (fw_cfg.rst "Data Register"). */
    private int nextByte() {
        if (current == null || dataOffset >= current.size()) {
            return 0;
        }
        noteRead(current);
        return current.byteAt(dataOffset++);
    }

    private void noteRead(FwCfgItem item) {
        if (!item.modelled()) {
            unmodelledReads++;
            lastUnmodelled = item.name();
        }
    }

    private long readDmaRegister(long offset, int size) {
        long value = 0;
        for (int i = size - 1; i >= 0; i--) {
            long at = offset + i;
            int b = at >= 0 && at < 8 ? (int) (DMA_SIGNATURE >>> (8 * (7 - at))) & 0xff : 0;
            value = value << 8 | b;
        }
        return value;
    }

    private void writeDmaRegister(long offset, int size, long value) {
        if (size != 4) {
            return;
        }
        // Each half arrives in big-endian byte order: the guest's first byte is the most significant.
        long half = Integer.reverseBytes((int) value) & 0xffffffffL;
        if (offset == 0) {
            dmaAddress = half << 32;
        } else if (offset == 4) {
            dmaAddress |= half;
            long at = dmaAddress;
            dmaAddress = 0; // "0 at startup and after an operation"
            transfer(at);
        }
    }

    private void transfer(long at) {
        dma.read(at, access, 0, DMA_ACCESS_BYTES);
        int control = beInt(access, 0);
        long length = beInt(access, 4) & 0xffffffffL;
        long address = beLong(access, 8);
        if ((control & DMA_CTL_SELECT) != 0) {
            select(control >>> 16);
        }
        boolean read = (control & DMA_CTL_READ) != 0;
        boolean write = !read && (control & DMA_CTL_WRITE) != 0;
        boolean skip = !read && !write && (control & DMA_CTL_SKIP) != 0;
        if (!read && !write && !skip) {
            length = 0;
        }
        int result = 0;
        while (length > 0 && result == 0) {
            long left = current == null ? 0 : current.size() - dataOffset;
            if (left <= 0) {
                // Past the end: a read gets zeros, a write cannot resize the item.
                if (read) {
                    fillZeros(address, length);
                } else if (write) {
                    result = DMA_CTL_ERROR;
                }
                address += length;
                length = 0;
            } else {
                int len = (int) Math.min(length, left);
                if (read) {
                    noteRead(current);
                    copyOut(address, len);
                    dataOffset += len;
                } else if (write) {
                    // No item on this board is writable: every write is rejected.
                    result = DMA_CTL_ERROR;
                    if (rejectedWriteAdvances) {
                        dataOffset += len;
                    }
                } else {
                    dataOffset += len;
                }
                address += len;
                length -= len;
            }
        }
        status[0] = 0;
        status[1] = 0;
        status[2] = 0;
        status[3] = (byte) result;
        dma.write(at, status, 0, 4);
    }

    private void copyOut(long address, int len) {
        byte[] data = current.bytes();
        if (data != null) {
            dma.write(address, data, dataOffset, len);
        } else {
            fillZeros(address, len);
        }
    }

    /** Zeros over {@code length} bytes, from a fixed buffer: nothing in proportion to the length. */
    private void fillZeros(long address, long length) {
        for (long done = 0; done < length; done += ZERO_CHUNK) {
            dma.write(address + done, zeros, 0, (int) Math.min(ZERO_CHUNK, length - done));
        }
    }

    private static int beInt(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | b[at + 3] & 0xff;
    }

    private static long beLong(byte[] b, int at) {
        return (long) beInt(b, at) << 32 | beInt(b, at + 4) & 0xffffffffL;
    }

    /** Reads that reached the contents of an item the model does not know (ACPI, SMBIOS, option ROMs). */
    public long unmodelledReads() {
        return unmodelledReads;
    }

    /** The name of the last unmodelled item read, or null. */
    public String lastUnmodelled() {
        return lastUnmodelled;
    }

    @Override
    public String deviceName() {
        return "fw_cfg";
    }

    @Override
    public Map<String, String> registers() {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("selector", String.format("%04x", selector));
        r.put("item", current == null ? "-" : current.name());
        r.put("offset", Integer.toString(dataOffset));
        r.put("dma-address", String.format("%016x", dmaAddress));
        return r;
    }
}
