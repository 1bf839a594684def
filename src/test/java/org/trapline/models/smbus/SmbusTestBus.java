package org.trapline.models.smbus;

import java.util.Set;

import org.trapline.models.device.Quirk;

/** A host controller driven through its register offsets, as a guest's driver would (Linux i2c-piix4). */
final class SmbusTestBus {
    final Piix4Smbus host;

    SmbusTestBus(Set<Quirk> quirks) {
        host = new Piix4Smbus(quirks);
    }

    static SmbusTestBus hardware() {
        return new SmbusTestBus(Set.of());
    }

    static SmbusTestBus qemu() {
        return new SmbusTestBus(Set.copyOf(SmbusQuirks.all()));
    }

    int in(int offset) {
        return host.readRegister(offset);
    }

    void out(int offset, int value) {
        host.writeRegister(offset, value);
    }

    /** Loads address and command, starts {@code protocol} with INTEREN set, and returns the status. */
    int run(int address7, boolean read, int command, int protocol) {
        out(Piix4Smbus.SMBHSTADD, address7 << 1 | (read ? 1 : 0));
        out(Piix4Smbus.SMBHSTCMD, command);
        out(Piix4Smbus.SMBHSTCNT, Piix4Smbus.START | protocol << 2 | Piix4Smbus.INTEREN);
        return in(Piix4Smbus.SMBHSTSTS);
    }

    void clear() {
        out(Piix4Smbus.SMBHSTSTS, 0xff);
    }
}
