package org.trapline.models.pci;

import static org.trapline.models.device.Inspectable.hex;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;

import org.trapline.models.bus.AddressSpace;
import org.trapline.models.bus.IoDevice;
import org.trapline.models.bus.PortIoBus;
import org.trapline.models.bus.Region;
import org.trapline.models.device.Inspectable;
import org.trapline.models.device.Quirk;

/**
 * The i440FX host bridge's PCI configuration mechanism #1 (PCI Local Bus 3.0, §3.2.2.3.2) at
 * 0xCF8 (CONFIG_ADDRESS) and 0xCFC-0xCFF (CONFIG_DATA), with the PIIX3 Reset Control register at
 * 0xCF9 between them, and the functions of bus 0 behind it.
 */
public final class PciHost {
    public static final int CONFIG_ADDRESS_PORT = 0xcf8;
    public static final int CONFIG_DATA_PORT = 0xcfc;

    private final Set<Quirk> quirks;
    private final Bus0 bus = new Bus0();
    private final ConfigMechanism mechanism;
    private I440fxPmc hostBridge;
    private Piix4Pm powerManagement;
    private final Inspectable configRegisters = new ConfigRegisters();

    public PciHost(Set<Quirk> quirks) {
        this.quirks = Set.copyOf(quirks);
        this.mechanism = new ConfigMechanism(bus, this.quirks);
        this.mechanism.onHardReset(this::reset);
    }

    /**
     * Who answers a hard reset requested through RC (RCPU=1, SRST=1): the board installs its own
     * reset here, which must call {@link #reset()}. Until then the host resets itself alone.
     */
    public void onHardReset(Runnable boardReset) {
        mechanism.onHardReset(boardReset);
    }

    /**
     * PCIRST#: CONFIG_ADDRESS, RC and every function back to their defaults, or, under quirk
     * {@link PciQuirks#RESET_KEEPS_DEVICE_REGISTERS}, the functions as QEMU resets them.
     */
    public void reset() {
        boolean asQemu = quirks.contains(PciQuirks.RESET_KEEPS_DEVICE_REGISTERS);
        for (PciFunction f : bus.functions()) {
            if (asQemu) {
                f.resetAsQemu();
            } else {
                f.reset();
            }
        }
        mechanism.reset();
    }

    /** Maps CONFIG_ADDRESS, RC and CONFIG_DATA at {@code base}-{@code base+7} (the PC: 0xCF8). */
    public void attach(PortIoBus io, int base) {
        mechanism.attach(io, base, configRegisters);
    }

    /**
     * Plugs the i440FX/PIIX functions of the PC board: 00:00.0, 00:01.0, 00:01.1, 00:01.3, for a
     * board with {@code ramBytes} of RAM.
     */
    public void populatePcBoard(long ramBytes) {
        hostBridge = new I440fxPmc(quirks, ramBytes);
        plug(hostBridge);
        plug(Piix3Isa.create(quirks));
        plug(PiixIde.create(quirks));
        powerManagement = Piix4Pm.create(quirks);
        plug(powerManagement);
    }

    /**
     * Lets the host bridge route the legacy area A0000h-FFFFFh of {@code system} between
     * {@code dram} and the {@code pci} memory space (PAM0-PAM6 and SMRAM of the 82441FX).
     */
    public void routeMemory(AddressSpace system, IoDevice dram, AddressSpace pci) {
        if (hostBridge == null) {
            throw new IllegalStateException("no host bridge plugged");
        }
        hostBridge.routeMemory(system, dram, pci);
    }

    /**
     * Places the PIIX4's power management I/O {@code registers} (laid out at their offsets within
     * the 64-byte block) in {@code io} at PMBA, while PMREGMISC's PMIOSE is set.
     */
    public void decodePmba(AddressSpace io, Region[] registers) {
        if (powerManagement == null) {
            throw new IllegalStateException("no PIIX4 power management function plugged");
        }
        powerManagement.decodePmba(io, registers);
    }

    /**
     * Gives 00:01.3 its SMBus host registers: they appear at {@code base.applyAsLong(SMBBA)} while
     * SMBHSTCFG bit 0 (SMB_HST_EN) is set, and follow both as they are written.
     */
    public void decodeSmbba(AddressSpace io, Region registers, java.util.function.LongUnaryOperator base) {
        if (powerManagement == null) {
            throw new IllegalStateException("no PIIX4 power management function plugged");
        }
        powerManagement.decodeSmbba(io, registers, base);
    }

    /**
     * The board is assembled: 00:01.3 records which legacy ports decode ({@code ioPresent} answers for
     * an I/O address), as QEMU's machine-ready notifier does.
     */
    public void machineReady(IntPredicate ioPresent) {
        if (powerManagement != null) {
            powerManagement.machineReady(ioPresent);
        }
    }

    /** 00:01.3's APMC_EN (DEVACTB bit 25): whether a write to the APM control port raises SMI#. */
    public boolean apmcEnabled() {
        return powerManagement != null && powerManagement.apmcEnabled();
    }

    /**
     * Plugs the add-in function {@code card} names (std VGA, cirrus, e1000, PIIX3 UHCI), in
     * configuration space only; its devfn must be free.
     */
    public void plugCard(PciCard card) {
        plug(PciCards.create(card, quirks));
    }

    /** Plugs a function into bus 0; its devfn must be free. */
    public void plug(PciFunction function) {
        bus.plug(function);
    }

    /** The function at 00:device.function, or null. */
    public PciFunction function(int device, int function) {
        return bus.function(device << 3 | function);
    }

    /** CONFIG_ADDRESS as it reads back. */
    public long configAddress() {
        return mechanism.confadd();
    }

    /** The PIIX3 Reset Control register at 0xCF9. */
    public int resetControl() {
        return mechanism.resetControl();
    }

    /** How many writes to RC asked for a reset, hard or soft (RCPU=1). */
    public long resetRequests() {
        return mechanism.resetRequests();
    }

    /** The functions of bus 0. */
    public List<Inspectable> functions() {
        return new ArrayList<>(bus.functions());
    }

    /** What a report can show: the host bridge's own registers, then every function of bus 0. */
    public List<Inspectable> devices() {
        List<Inspectable> all = new ArrayList<>();
        all.add(configRegisters);
        all.addAll(bus.functions());
        return all;
    }

    /**
     * CONFIG_ADDRESS and the PIIX3's RC, as a report shows them; an access to the configuration
     * ports reaches these and the function CONFIG_ADDRESS selects, if one answers.
     */
    private final class ConfigRegisters implements Inspectable {
        @Override
        public String deviceName() {
            return "pci-host";
        }

        @Override
        public Map<String, String> registers() {
            Map<String, String> r = new LinkedHashMap<>();
            r.put("CONFIG_ADDRESS", String.format("0x%08x", mechanism.confadd()));
            r.put("RC", hex(mechanism.resetControl()));
            return r;
        }

        @Override
        public List<Inspectable> parts() {
            List<Inspectable> reached = new ArrayList<>(2);
            reached.add(this);
            long address = mechanism.confadd();
            if ((address & ConfigMechanism.ENABLE) != 0 && ((address >>> 16) & 0xff) == 0) {
                PciFunction selected = bus.function((int) (address >>> 8) & 0xff);
                if (selected != null) {
                    reached.add(selected);
                }
            }
            return reached;
        }
    }

    public static List<Quirk> qemuQuirks() {
        return PciQuirks.all();
    }

    /** The departures of the add-in functions' configuration space (e1000, PIIX3 UHCI). */
    public static List<Quirk> addInQuirks() {
        return PciDeviceQuirks.all();
    }
}
