package org.trapline.models.apm;

import static org.trapline.models.device.Inspectable.hex;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.trapline.models.bus.IoDevice;
import org.trapline.models.bus.Region;
import org.trapline.models.device.Inspectable;
import org.trapline.models.device.Quirk;

/**
 * The PIIX4's Advanced Power Management ports (82371AB 290562, APMC at B2h, APMS at B3h): two
 * read/write bytes through which software and the SMI handler talk. A write to APMC raises SMI#
 * while APMC_EN (function 3 DEVACTB bit 25) is set; APMS is a scratchpad with no side effect.
 * There is no processor to take the SMI, so each one is counted and handed to a listener.
 */
public final class ApmPorts implements Inspectable {
    static final int APMC = 0;
    static final int APMS = 1;
    /** The values QEMU's firmware (SeaBIOS) writes for ACPI_ENABLE and ACPI_DISABLE (its FADT). */
    static final int ACPI_ENABLE = 0xf1;
    static final int ACPI_DISABLE = 0xf0;

    /** What QEMU does in place of an SMI handler for ACPI_ENABLE / ACPI_DISABLE: SCI_EN on or off. */
    public interface SciEnable {
        void set(boolean on);
    }

    private final BooleanSupplier apmcEnabled;
    private final SciEnable sciEnable;
    private final boolean acpiCommands;
    private final boolean keptAcrossReset;
    private final boolean dwordWraps;
    private Runnable smiListener = () -> { };
    private int apmc;
    private int apms;
    private long smis;

    /**
     * @param apmcEnabled reads APMC_EN (DEVACTB bit 25) in the PCI function's configuration space
     * @param sciEnable   PMCNTRL's SCI_EN, used only under {@link ApmQuirks#ACPI_ENABLE_COMMANDS}
     */
    public ApmPorts(Set<Quirk> quirks, BooleanSupplier apmcEnabled, SciEnable sciEnable) {
        this.apmcEnabled = apmcEnabled;
        this.sciEnable = sciEnable;
        this.acpiCommands = quirks.contains(ApmQuirks.ACPI_ENABLE_COMMANDS);
        this.keptAcrossReset = quirks.contains(ApmQuirks.KEPT_ACROSS_RESET);
        this.dwordWraps = quirks.contains(ApmQuirks.DWORD_WRAPS);
    }

    /** Called on each SMI# an APMC write raises. */
    public void onSmi(Runnable listener) {
        this.smiListener = listener;
    }

    /**
     * The two ports, byte registers; wider accesses are split by the bus. The datasheet's block is
     * two bytes wide, a dword's upper half going to B4h-B5h; QEMU's bus hands the region the whole
     * dword, and the decode folds it back (ApmQuirks.DWORD_WRAPS).
     */
    public Region region() {
        return Region.of("apm-io", 2, 1, 1, new Decode(), this);
    }

    /** A hard reset: both registers back to their default 00h (82371AB APMC, APMS). */
    public void reset() {
        if (keptAcrossReset) {
            return;
        }
        apmc = 0;
        apms = 0;
    }

    public int apmc() {
        return apmc;
    }

    public int apms() {
        return apms;
    }

    /** SMIs raised since power-on. */
    public long smiCount() {
        return smis;
    }

    private void writeApmc(int value) {
        apmc = value;
        if (acpiCommands && (value == ACPI_ENABLE || value == ACPI_DISABLE)) {
            sciEnable.set(value == ACPI_ENABLE);
            return;
        }
        if (apmcEnabled.getAsBoolean()) {
            smis++;
            smiListener.run();
        }
    }

    private final class Decode implements IoDevice {
        /** Under QEMU, the bytes of a dword past B3h fold back onto the two ports. */
        private long port(long offset) {
            return dwordWraps ? offset & 1 : offset;
        }

        @Override
        public long read(long at, int size) {
            long offset = port(at);
            return offset == APMC ? apmc : offset == APMS ? apms : 0xff;
        }

        @Override
        public void write(long at, int size, long value) {
            long offset = port(at);
            if (offset == APMC) {
                writeApmc((int) value & 0xff);
            } else if (offset == APMS) {
                apms = (int) value & 0xff;
            }
        }
    }

    @Override
    public String deviceName() {
        return "piix4-apm";
    }

    @Override
    public Map<String, String> registers() {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("APMC", hex(apmc));
        r.put("APMS", hex(apms));
        r.put("SMI", Long.toString(smis));
        return r;
    }
}
