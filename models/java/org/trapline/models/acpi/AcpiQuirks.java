package org.trapline.models.acpi;

import java.util.List;

import org.trapline.models.device.Quirk;

/** Where QEMU 7.2's ACPI PM registers (hw/acpi/core.c) depart from the 82371AB PIIX4 datasheet (290562). */
public enum AcpiQuirks implements Quirk {
    /** TMROF_STS reads 1 from power-on until first cleared. */
    TMROF_STS_AT_RESET("acpi.tmrof-sts-at-reset", "piix4-pm",
            "PMSTS TMROF_STS reads 1 after reset, before the timer's bit 23 has ever toggled",
            "82371AB 290562 PMSTS (PMBA+00h): TMROF_STS defaults to 0 and is set when PMTMR bit 23 toggles; QEMU "
                    + "hw/acpi/core.c acpi_pm_tmr_reset leaves overflow_time 0, so acpi_pm1_evt_get_sts sets it at once"),
    /** PMEN and PMCNTRL keep bits the datasheet reserves. */
    RESERVED_BITS_KEPT("acpi.reserved-bits-kept", "piix4-pm",
            "PMEN keeps all 16 bits written, and PMCNTRL every bit but SUS_EN (write 0xffff: PMEN reads 0xffff, PMCNTRL 0xdfff)",
            "82371AB 290562 PMEN (PMBA+02h): only TMROF_EN, GBL_EN, PWRBTN_EN and RTC_EN; PMCNTRL (PMBA+04h): SCI_EN, "
                    + "BRLD_EN_BM, GBL_RLS (write-only) and SUS_TYP, the rest reserved; QEMU hw/acpi/core.c "
                    + "acpi_pm1_evt_write_en, acpi_pm1_cnt_write store the value whole"),
    /** An enabled event raises SCI even with SCI_EN clear. */
    SCI_WITHOUT_SCI_EN("acpi.sci-without-sci-en", "piix4-pm",
            "an event whose status and enable bits are set raises SCI (IRQ 9) whatever PMCNTRL SCI_EN says",
            "82371AB 290562 PMCNTRL SCI_EN: with SCI_EN=0 power management events raise SMI, not SCI; QEMU "
                    + "hw/acpi/core.c acpi_update_sci does not look at SCI_EN"),
    /** A narrow access inside PMCNTRL or PMTMR reaches the register from its first byte. */
    NARROW_ACCESS_FROM_REGISTER_START("acpi.narrow-access-from-register-start", "piix4-pm",
            "a byte access at PMSTS+1 or PMEN+1 reads 0 and writes nothing; one at PMCNTRL+1 or PMTMR+1..+3 reads the "
                    + "register's low byte, and a byte write at PMCNTRL+1 replaces the whole of PMCNTRL",
            "82371AB 290562 PM I/O registers: byte, word and dword accesses reach the bytes they address; QEMU "
                    + "hw/acpi/core.c acpi_pm_evt_ops, acpi_pm_cnt_ops, acpi_pm_tmr_ops (impl.min_access_size 2 and 4, "
                    + "their read and write handlers ignore the offset but for PMSTS/PMEN's switch)"),
    /** A 4-byte GPE0 block (GPE0_STS, GPE0_EN) at AFE0h, outside PMBA. */
    GPE0_BLOCK_AT_AFE0("acpi.gpe0-block-at-afe0", "piix4-pm",
            "a GPE0 block of 4 bytes sits at fixed port AFE0h whatever PMBA and PMIOSE say: bytes 0-1 status (a 1 "
                    + "written clears the bit), bytes 2-3 enable (read/write, every bit kept), all 00h after reset",
            "82371AB 290562 GPSTS (PMBA+0Ch) and GPEN (PMBA+0Eh): the general purpose event registers are inside "
                    + "the PMBA block, decoded only while PMIOSE is set; QEMU hw/acpi/piix4.c "
                    + "piix4_acpi_system_hot_add_init maps acpi-gpe0 at GPE_BASE 0xafe0 (GPE_LEN 4), "
                    + "hw/acpi/core.c acpi_gpe_ioport_writeb/readb, acpi_gpe_reset");

    private final Entry entry;

    AcpiQuirks(String id, String device, String behaviour, String citation) {
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
