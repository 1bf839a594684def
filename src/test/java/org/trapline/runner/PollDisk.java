package org.trapline.runner;

import java.util.ArrayList;
import java.util.List;

import org.trapline.qtest.QtestCommand;
import org.trapline.qtest.QtestReplies;
import org.trapline.qtest.QtestSyntaxException;
import org.trapline.target.PollRegisters;
import org.trapline.target.PollRule;
import org.trapline.target.Reply;
import org.trapline.target.Target;
import org.trapline.target.TargetException;

/**
 * A test device on the primary ATA ports: READ SECTORS (20h) of one sector, whose status reads
 * answer D0h (BSY, DRDY, DSC) {@code busyReads} times, the last of them followed by the completion, then 58h
 * (DRDY, DSC, DRQ) until the sector's 256 words are read, then 50h; completion raises IRQ 14 and a
 * Status read lowers it (ATA/ATAPI-6 5.2, 7.15.6). Its faults are knobs: no interrupt, one more,
 * another final status. It declares the Status register a poll register, unless told not to.
 */
final class PollDisk implements Target, PollRegisters {
    static final PollRule STATUS = new PollRule("ATA Status", "ide-primary", 0x1f7, 1, 0x80, 0x80);
    static final int BUSY = 0xd0, DATA_READY = 0x58, DONE = 0x50;

    private final int busyReads;
    private final boolean declaresPolls;
    private final byte[] sector;
    private boolean raises = true;
    private boolean extraEdge;
    private int readyStatus = DATA_READY;
    private int status = DONE;
    private int busyLeft = -1;
    private int word = 256;
    private boolean irq;
    private final List<String> window = new ArrayList<>();

    PollDisk(int busyReads, boolean declaresPolls, byte[] sector) {
        this.busyReads = busyReads;
        this.declaresPolls = declaresPolls;
        this.sector = sector.clone();
    }

    static PollDisk of(int busyReads) {
        return new PollDisk(busyReads, true, new byte[512]);
    }

    PollDisk withoutInterrupt() {
        raises = false;
        return this;
    }

    PollDisk withExtraEdge() {
        extraEdge = true;
        return this;
    }

    PollDisk readyStatus(int value) {
        readyStatus = value;
        return this;
    }

    @Override
    public PollRule pollRule(int port, int size) {
        return declaresPolls && port == STATUS.port() && size == 1 ? STATUS : null;
    }

    @Override
    public String worksOn(int port) {
        return declaresPolls && (port >= 0x1f0 && port <= 0x1f7 || port == 0x3f6) ? "ide-primary" : null;
    }

    @Override
    public Reply send(String line) throws TargetException {
        QtestCommand command;
        try {
            command = QtestCommand.parse(line);
        } catch (QtestSyntaxException e) {
            throw new TargetException(e.getMessage());
        }
        String response = QtestReplies.OK;
        if (command instanceof QtestCommand.PortWrite w && w.port() == 0x1f7 && w.value() == 0x20) {
            status = BUSY;
            busyLeft = busyReads;
            if (busyLeft == 0) {
                complete();
            }
        } else if (command instanceof QtestCommand.PortRead r && r.port() == 0x1f7) {
            // a Status read clears a pending interrupt; QEMU completes, at the earliest, right after a read
            response = QtestReplies.portValue(status);
            edge(false);
            if (status == BUSY && --busyLeft == 0) {
                complete();
            }
        } else if (command instanceof QtestCommand.PortRead r && r.port() == 0x3f6) {
            response = QtestReplies.portValue(status);
        } else if (command instanceof QtestCommand.PortRead r && r.port() == 0x1f0) {
            int value = 0;
            if (status == readyStatus && word < 256) {
                value = sector[2 * word] & 0xff | (sector[2 * word + 1] & 0xff) << 8;
                if (++word == 256) {
                    status = DONE;
                }
            }
            response = QtestReplies.portValue(value);
        } else if (command instanceof QtestCommand.PortRead) {
            response = QtestReplies.portValue(0);
        }
        Reply reply = new Reply(response, window);
        window.clear();
        return reply;
    }

    private void complete() {
        status = readyStatus;
        word = 0;
        if (raises) {
            edge(true);
        }
        if (extraEdge) {
            edge(false);
            edge(true);
        }
    }

    private void edge(boolean high) {
        if (irq != high) {
            irq = high;
            window.add(high ? "IRQ raise 14" : "IRQ lower 14");
        }
    }

    @Override
    public String name() {
        return "poll-disk";
    }

    @Override
    public void close() {
    }
}
