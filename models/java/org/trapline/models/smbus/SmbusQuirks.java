package org.trapline.models.smbus;

import java.util.List;

import org.trapline.models.device.Quirk;

/** Where QEMU 7.2's PIIX4 SMBus host (hw/i2c/pm_smbus.c, hw/acpi/piix4.c) departs from the 82371AB datasheet (290562). */
public enum SmbusQuirks implements Quirk {
    /** A 64-byte block at SMBBA & FFC0h. */
    BLOCK_64_BYTES("smbus.block-64-bytes", "piix4-smbus",
            "the SMBus registers take 64 bytes at SMBBA with bits 5:4 ignored (SMBBA B110h decodes at B100h); offsets "
                    + "0Eh-3Fh read 00h",
            "82371AB 290562 SMBBA (function 3, 90h): bits 15:4 place a 16-byte I/O block; QEMU hw/i2c/pm_smbus.c "
                    + "pm_smbus_init (a 64-byte region), hw/acpi/piix4.c smbus_io_space_update (smb_io_base & 0xffc0)"),
    /** With INTEREN clear, the transaction runs at the next SMBHSTSTS read. */
    START_ON_STATUS_READ("smbus.start-on-status-read", "piix4-smbus",
            "START with INTEREN clear only sets HOST_BUSY; the transaction runs when SMBHSTSTS is next read, that read "
                    + "returning the busy status and the one after it the outcome",
            "82371AB 290562 SMBHSTCNT START: the host controller starts the command at once and HOST_BUSY clears when "
                    + "it ends, whether or not INTEREN asks for an interrupt; QEMU hw/i2c/pm_smbus.c "
                    + "smb_transaction_start (start_transaction_on_status_read, an AMIBIOS workaround), smb_ioport_readb"),
    /** START runs while INTER or FAILED is still set; only DEV_ERR holds it back. */
    START_DESPITE_PENDING_STATUS("smbus.start-despite-pending-status", "piix4-smbus",
            "START runs the transaction while INTER, BUS_ERR or FAILED from the last one is still set in SMBHSTSTS "
                    + "(only DEV_ERR holds it back), the new outcome ORed in beside the old",
            "82371AB 290562 §11.5.4.1 SMBus Host Interface: the SMBus controller does not respond to the START bit "
                    + "unless all interrupt status bits in SMBHSTSTS have been cleared; QEMU hw/i2c/pm_smbus.c "
                    + "smb_transaction (tests STS_DEV_ERR alone)"),
    /** The ICH's auxiliary control register and 32-byte buffer semantics. */
    ICH_BLOCK_BUFFER("smbus.ich-block-buffer", "piix4-smbus",
            "offset 0Dh is the ICH's SMBAUXCTL, reading 02h (the 32-byte buffer on, E32B); the block pointer restarts at "
                    + "START, not on a read of SMBHSTCNT; a block write fails (DEV_ERR) unless exactly SMBHSTDAT0 bytes were "
                    + "written to SMBBLKDAT; reading the last byte of a block read ends it; with E32B cleared blocks move a "
                    + "byte at a time under BYTE_DONE_STS (status bit 7)",
            "82371AB 290562 SMBBLKDAT (07h): a 32-byte array whose pointer is reset by a read of SMBHSTCNT; 0Dh is "
                    + "SMBSLVDAT's high byte; status bits 7:5 reserved; QEMU hw/i2c/pm_smbus.c smb_ioport_readb/writeb "
                    + "(SMBAUXCTL, AUX_BLK), smb_transaction, pm_smbus_init with force_aux_blk from piix4_pm_realize"),
    /** Protocol 110b runs an I2C block read. */
    I2C_BLOCK_READ("smbus.i2c-block-read", "piix4-smbus",
            "SMB_CMD_PROT 110b runs the ICH's I2C block read (SMBHSTDAT1 as the offset, one byte at a time)",
            "82371AB 290562 SMBHSTCNT SMB_CMD_PROT: 000 quick, 001 byte, 010 byte data, 011 word data, 101 block; the "
                    + "other values are reserved (the host reports DEV_ERR for an illegal command); QEMU "
                    + "hw/i2c/pm_smbus.c smb_transaction PROT_I2C_BLOCK_READ"),
    /** The host registers keep their values through a hard reset. */
    KEPT_ACROSS_RESET("smbus.kept-across-reset", "piix4-smbus",
            "SMBHSTSTS, SMBHSTCNT, SMBHSTCMD, SMBHSTADD, SMBHSTDAT0/1 and the block buffer keep their values through a "
                    + "hard reset (outb 0xcf9 0x06); the EEPROMs are reset all the same",
            "82371AB 290562 SMBus I/O registers: default 00h after reset; QEMU hw/i2c/pm_smbus.c pm_smbus_reset is "
                    + "called by ICH9 only: hw/acpi/piix4.c piix4_pm_reset never resets the SMBus host"),
    /** A board reset gives the EEPROMs back the contents they were created with. */
    EEPROM_CONTENTS_RESTORED_AT_RESET("smbus.eeprom-contents-restored-at-reset", "piix4-smbus",
            "a hard reset (outb 0xcf9 0x06) puts every SPD EEPROM back to its contents at creation (all 00h on the pc "
                    + "board) and its address counter to 0: bytes written before the reset read 00h after it",
            "SPD EEPROMs (24C02-type serial EEPROMs) are non-volatile and have no reset input: a board reset, which "
                    + "does not remove their supply, changes neither their contents nor their address counter; QEMU "
                    + "hw/i2c/smbus_eeprom.c smbus_eeprom_reset (init_data copied back, offset 0; its comment "
                    + "grants a real EEPROM does not do this)"),
    /** Address 00h is a broadcast that every EEPROM acknowledges. */
    GENERAL_CALL_REACHES_EVERY_EEPROM("smbus.general-call-reaches-every-eeprom", "piix4-smbus",
            "a transaction to address 00h (the general call) is acknowledged by every EEPROM on the bus: bytes sent go to "
                    + "all eight of them and bytes read are FFh",
            "SMBus 2.0 §5.5.1 and the SPD EEPROMs' (24C02) device addressing: a device that does not take the general "
                    + "call does not acknowledge address 00h, so the host reports DEV_ERR; QEMU hw/i2c/core.c "
                    + "i2c_start_transfer (address 0 is a broadcast to the bus's devices), i2c_send, i2c_recv"),
    /** KILL leaves an I2C block read's devices addressed, and the next transaction goes to them. */
    KILL_LEAVES_BUS_ADDRESSED("smbus.kill-leaves-bus-addressed", "piix4-smbus",
            "KILL during an I2C block read does not release the bus: the next transaction, whatever its address, is a "
                    + "repeated start to the devices that read addressed, and they acknowledge it",
            "82371AB 290562 SMBHSTCNT KILL: stops the transaction in progress (the host releases the bus, FAILED set); "
                    + "QEMU hw/i2c/pm_smbus.c smb_ioport_writeb (CTL_KILL sets op_done and leaves in_i2c_block_read and "
                    + "the transfer open), hw/i2c/core.c i2c_do_start_transfer (no rescan while current_devs is not empty)");

    private final Entry entry;

    SmbusQuirks(String id, String device, String behaviour, String citation) {
        this.entry = new Entry(id, device, behaviour, citation);
    }

    @Override
    public Entry entry() {
        return entry;
    }

    public static List<Quirk> all() {
        return List.of(values());
    }
}
