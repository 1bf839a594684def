package org.trapline.models.machine;

import org.trapline.models.device.Quirk;
import org.trapline.models.fwcfg.FwCfg;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.trapline.models.acpi.AcpiQuirks;
import org.trapline.models.cpuhp.CpuhpQuirks;
import org.trapline.models.pcihp.PcihpQuirks;
import org.trapline.models.smbus.SmbusQuirks;
import org.trapline.models.dma.DmaPair;
import org.trapline.models.apm.ApmQuirks;
import org.trapline.models.fdc.Fdc82078;
import org.trapline.models.ioapic.Ioapic82093;
import org.trapline.models.irq.ApicMessageSink;
import org.trapline.models.ide.AtaChannel;
import org.trapline.models.lapic.LapicQuirks;
import org.trapline.models.pci.I440fxMemoryQuirks;
import org.trapline.models.pci.PciHost;
import org.trapline.models.pci.PirqRouter;
import org.trapline.models.pic.PicPair;
import org.trapline.models.rtc.RtcQuirks;
import org.trapline.models.hpet.Hpet;
import org.trapline.models.pit.Pit8254;
import org.trapline.models.kbc.Kbc8042;
import org.trapline.models.lpt.ParallelPort;
import org.trapline.models.sysctl.Port92;
import org.trapline.models.uart.Uart16550;

/**
 * How a machine is assembled. {@code hardware}: every device as its datasheet says.
 * {@code qemu-pc}: QEMU 7.2's {@code -machine pc} board, with each of QEMU's departures from the
 * datasheets switched on as a named {@link Quirk}.
 */
public enum Profile {
    HARDWARE("hardware"),
    QEMU_PC("qemu-pc");

    private final String id;

    Profile(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<Profile> byId(String id) {
        for (Profile p : values()) {
            if (p.id.equals(id)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public static List<String> ids() {
        List<String> ids = new ArrayList<>();
        for (Profile p : values()) {
            ids.add(p.id);
        }
        return ids;
    }

    /** The quirks this profile switches on, in ledger order. */
    public Set<Quirk> quirks() {
        if (this == HARDWARE) {
            return Set.of();
        }
        Set<Quirk> all = new LinkedHashSet<>(BoardQuirks.qemuQuirks());
        all.addAll(PcMemoryQuirks.all());
        all.addAll(PicPair.qemuQuirks());
        all.addAll(PciHost.qemuQuirks());
        all.addAll(PciHost.addInQuirks());
        all.addAll(I440fxMemoryQuirks.all());
        all.addAll(AcpiQuirks.all());
        all.addAll(PcihpQuirks.all());
        all.addAll(CpuhpQuirks.all());
        all.addAll(SmbusQuirks.all());
        all.addAll(ApmQuirks.all());
        all.addAll(RtcQuirks.all());
        all.addAll(Pit8254.qemuQuirks());
        all.addAll(Hpet.qemuQuirks());
        all.addAll(Kbc8042.qemuQuirks());
        all.addAll(Port92.qemuQuirks());
        all.addAll(DmaPair.qemuQuirks());
        all.addAll(Uart16550.qemuQuirks());
        all.addAll(FwCfg.qemuQuirks());
        all.addAll(Fdc82078.qemuQuirks());
        all.addAll(AtaChannel.qemuQuirks());
        all.addAll(ParallelPort.qemuQuirks());
        all.addAll(LapicQuirks.all());
        all.addAll(Ioapic82093.qemuQuirks());
        all.addAll(PirqRouter.qemuQuirks());
        Quirk.requireCoherent(all);
        return Collections.unmodifiableSet(all);
    }

    public Machine build(MachineConfig config) {
        return PcBoard.assemble(this, config);
    }

    /** The board with {@code apicBus} receiving the interrupt messages of its IO-APIC. */
    public Machine build(MachineConfig config, ApicMessageSink apicBus) {
        return PcBoard.assemble(this, config, apicBus);
    }

    @Override
    public String toString() {
        return id;
    }
}
