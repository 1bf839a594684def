package org.trapline.discovery;

import org.trapline.target.Reply;
import org.trapline.target.Target;
import org.trapline.target.TargetException;

/**
 * The port accesses a guest's discovery code makes, sent to any target as qtest commands: the
 * model and a live QEMU are probed by the same sequence, access for access.
 */
public final class GuestPorts {
    private final Target target;
    private long accesses;

    public GuestPorts(Target target) {
        this.target = target;
    }

    public int inb(int port) throws TargetException {
        return (int) read("inb", port);
    }

    public int inw(int port) throws TargetException {
        return (int) read("inw", port);
    }

    public long inl(int port) throws TargetException {
        return read("inl", port);
    }

    public void outb(int port, int value) throws TargetException {
        write("outb", port, value & 0xff);
    }

    public void outw(int port, int value) throws TargetException {
        write("outw", port, value & 0xffff);
    }

    public void outl(int port, long value) throws TargetException {
        write("outl", port, value & 0xffff_ffffL);
    }

    /** A dword read of guest physical memory (an MMIO register). */
    public long readl(long address) throws TargetException {
        return readAt("readl", address);
    }

    public void writel(long address, long value) throws TargetException {
        writeAt("writel", address, value & 0xffff_ffffL);
    }

    /** How many port accesses were made. */
    public long accesses() {
        return accesses;
    }

    /** The target's name, for reports. */
    public String targetName() {
        return target.name();
    }

    private long read(String op, int port) throws TargetException {
        return readAt(op, port);
    }

    private long readAt(String op, long port) throws TargetException {
        String command = op + " 0x" + Long.toHexString(port);
        Reply reply = send(command);
        String response = reply.response();
        if (!response.startsWith("OK 0x")) {
            throw new TargetException(target.name() + " answered '" + response + "' to '" + command + "'");
        }
        try {
            return Long.parseLong(response.substring(5).trim(), 16);
        } catch (NumberFormatException e) {
            throw new TargetException(target.name() + " answered '" + response + "' to '" + command + "'");
        }
    }

    private void write(String op, int port, long value) throws TargetException {
        writeAt(op, port, value);
    }

    private void writeAt(String op, long port, long value) throws TargetException {
        String command = op + " 0x" + Long.toHexString(port) + " 0x" + Long.toHexString(value);
        Reply reply = send(command);
        if (!reply.ok()) {
            throw new TargetException(target.name() + " answered '" + reply.response() + "' to '" + command + "'");
        }
    }

    private Reply send(String command) throws TargetException {
        accesses++;
        return target.send(command);
    }
}
