package org.trapline.target;

import java.util.ArrayList;
import java.util.List;

import org.trapline.models.machine.Machine;
import org.trapline.models.pci.PciFunction;

/**
 * The poll registers of the PC board's IDE function (00:01.1), as {@link ModelTarget} declares
 * them for a replay (docs/polls.md). The ATA channels sit at the compatibility-mode addresses of
 * the 82371SB (programming interface 80h: primary 1F0h-1F7h and 3F6h, secondary 170h-177h and
 * 376h); the bus master's registers follow BMIBA, BAR4 of 00:01.1, wherever the guest put it.
 */
final class PcPollRules implements PollRegisters {
    static final String PRIMARY = "ide-primary";
    static final String SECONDARY = "ide-secondary";
    private static final int PRIMARY_COMMAND = 0x1f0, SECONDARY_COMMAND = 0x170;
    private static final int PRIMARY_CONTROL = 0x3f6, SECONDARY_CONTROL = 0x376;
    private static final List<String> CHANNELS = List.of(PRIMARY, SECONDARY);
    private static final int STATUS = 7;
    private static final int COMMAND_BLOCK_LENGTH = 8;
    /** ATA/ATAPI-6 7.15.6 (Status) and 7.2 (Alternate Status): BSY, bit 7, set while the device owns the registers. */
    static final int BSY = 0x80;
    /**
     * SFF-8038i 3.0 (Bus Master IDE Status Register): bit 0 Bus Master IDE Active, bit 2 Interrupt.
     * Active with no Interrupt yet means the transfer goes on; Active clear, or Interrupt set, ends the wait.
     */
    static final int BMIS_ACTIVE = 0x01, BMIS_INTERRUPT = 0x04;
    /** BMIS of channel n at BMIBA + 2 + 8n; each channel's bus-master block is 8 bytes. */
    private static final int BMIS = 2, BM_CHANNEL_LENGTH = 8, BM_LENGTH = 16;
    /** BMIBA, 20h; Command, 04h, bit 0 I/O Space (PCI 3.0 6.2.2, 6.2.5.1). */
    private static final int BMIBA = 0x20, PCI_COMMAND = 0x04, IO_SPACE = 0x1;
    private static final int IO_LIMIT = 0x10000;

    private final PciFunction ide;
    private final List<PollRule> ataStatus = new ArrayList<>(2);
    private final List<PollRule> ataAltStatus = new ArrayList<>(2);

    PcPollRules(Machine machine) {
        this.ide = machine.pci().function(1, 1);
        for (int n = 0; n < 2; n++) {
            ataStatus.add(new PollRule("ATA Status", CHANNELS.get(n), commandBlock(n) + STATUS, 1, BSY, BSY));
            ataAltStatus.add(new PollRule("ATA Alternate Status", CHANNELS.get(n), controlBlock(n), 1, BSY, BSY));
        }
    }

    @Override
    public PollRule pollRule(int port, int size) {
        if (size != 1) {
            return null;
        }
        for (int n = 0; n < 2; n++) {
            if (port == ataStatus.get(n).port()) {
                return ataStatus.get(n);
            }
            if (port == ataAltStatus.get(n).port()) {
                return ataAltStatus.get(n);
            }
        }
        int base = (port & (BM_CHANNEL_LENGTH - 1)) == BMIS ? busMasterBase() : -1;
        if (base >= 0 && port >= base && port < base + BM_LENGTH) {
            String channel = CHANNELS.get((port - base) / BM_CHANNEL_LENGTH);
            return new PollRule("BMIS", channel, port, 1, BMIS_ACTIVE | BMIS_INTERRUPT, BMIS_ACTIVE);
        }
        return null;
    }

    @Override
    public String worksOn(int port) {
        for (int n = 0; n < 2; n++) {
            if (port >= commandBlock(n) && port < commandBlock(n) + COMMAND_BLOCK_LENGTH
                    || port == controlBlock(n)) {
                return CHANNELS.get(n);
            }
        }
        int base = busMasterBase();
        if (base >= 0 && port >= base && port < base + BM_LENGTH) {
            return CHANNELS.get((port - base) / BM_CHANNEL_LENGTH);
        }
        return null;
    }

    private static int commandBlock(int n) {
        return n == 0 ? PRIMARY_COMMAND : SECONDARY_COMMAND;
    }

    private static int controlBlock(int n) {
        return n == 0 ? PRIMARY_CONTROL : SECONDARY_CONTROL;
    }

    /**
     * Where BMIBA decodes now, or -1: I/O Space enabled, a base other than 0 whose 16 bytes fit
     * the I/O space, as a BAR decodes on this board.
     */
    private int busMasterBase() {
        if (ide == null || (ide.read(PCI_COMMAND, 2) & IO_SPACE) == 0) {
            return -1;
        }
        long base = ide.read(BMIBA, 4) & 0xffff_fff0L;
        return base != 0 && base + BM_LENGTH <= IO_LIMIT ? (int) base : -1;
    }
}
