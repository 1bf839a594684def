package org.trapline.models.apm;

import java.util.List;

import org.trapline.models.device.Quirk;

/** Where QEMU 7.2's APM ports (hw/isa/apm.c, hw/acpi/piix4.c) depart from the 82371AB PIIX4 datasheet (290562). */
public enum ApmQuirks implements Quirk {
    /** F1h and F0h written to APMC switch SCI_EN themselves and raise no SMI. */
    ACPI_ENABLE_COMMANDS("apm.acpi-enable-commands", "piix4-apm",
            "a write of F1h to APMC sets PMCNTRL SCI_EN and one of F0h clears it, at once and without an SMI, whatever "
                    + "APMC_EN says; any other value raises SMI while APMC_EN (DEVACTB bit 25) is set",
            "82371AB 290562 APMC (B2h): a write raises SMI# when APMC_EN is set, whatever the value, and the SMI "
                    + "handler gives the value its meaning (ACPI 1.0 §4.7.2.5: the handler sets SCI_EN on ACPI_ENABLE); "
                    + "QEMU hw/acpi/piix4.c apm_ctrl_changed calls acpi_pm1_cnt_update and returns before raising smi_irq"),
    /** APMC and APMS keep their values through a hard reset. */
    KEPT_ACROSS_RESET("apm.kept-across-reset", "piix4-apm",
            "APMC and APMS keep the values last written through a hard reset (outb 0xcf9 0x06)",
            "82371AB 290562 APMC, APMS: default value 00h, restored by a hard reset; QEMU hw/isa/apm.c gives the "
                    + "APM state no reset handler (only vmstate_apm), and hw/acpi/piix4.c piix4_pm_reset does not touch it"),
    /** A dword at B2h reaches APMC and APMS twice instead of B4h-B5h. */
    DWORD_WRAPS("apm.dword-wraps", "piix4-apm",
            "the bytes of a dword access at B2h beyond B3h reach APMC and APMS again (inl 0xb2 reads APMS:APMC twice, "
                    + "outl 0xb2 writes APMC twice, each write a command)",
            "82371AB 290562 APMC (B2h), APMS (B3h): two byte registers; B4h and B5h are not theirs; QEMU hw/isa/apm.c "
                    + "apm_ioport_readb/apm_ioport_writeb mask the offset to bit 0, and the memory core hands the 2-byte "
                    + "region all four bytes of a dword (softmmu/memory.c access_with_adjusted_size)");

    private final Entry entry;

    ApmQuirks(String id, String device, String behaviour, String citation) {
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
