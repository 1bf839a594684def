package org.trapline.models.machine;

import org.trapline.models.device.Inspectable;
import org.trapline.models.device.Quirk;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.trapline.models.bus.AddressSpace;
import org.trapline.models.bus.DmaPort;
import org.trapline.models.bus.MmioBus;
import org.trapline.models.bus.PortIoBus;
import org.trapline.models.bus.Region;
import org.trapline.models.clock.Scheduler;
import org.trapline.models.clock.VirtualClock;
import org.trapline.models.fwcfg.FwCfg;
import org.trapline.models.irq.InterruptAcknowledge;
import org.trapline.models.ioapic.Ioapic82093;
import org.trapline.models.irq.IrqLine;
import org.trapline.models.lapic.LocalApic;
import org.trapline.models.memory.GuestMemory;
import org.trapline.models.memory.Rom;
import org.trapline.models.pci.PciHost;
import org.trapline.models.pic.PicPair;
import org.trapline.models.pit.Pit8254;

/**
 * One assembled board: its clock, buses, RAM, interrupt wiring and devices. Built by a
 * {@link Profile}; driven by the harness through the buses, the GPIO inputs and the clock.
 */
public final class Machine {
    private final Profile profile;
    private final MachineConfig config;
    private final VirtualClock clock;
    private final Scheduler scheduler;
    private final PortIoBus io;
    private final MmioBus mmio;
    private final GuestMemory ram;
    private final PicPair pic;
    private final PciHost pci;
    private final Pit8254 pit;
    private final Map<String, GpioInputs> gpio;
    private final Map<String, GpioOutputs> gpioOut;
    private final List<Inspectable> devices;
    private final IrqLine[] isaIrq;
    /** The board's other devices' resets, in the order the board was assembled. */
    private final List<Runnable> deviceResets;
    private final List<Inspectable> timers;
    private final PcMemoryMap memoryMap;
    private final Rom bios;
    private final DmaPort dma;
    private FwCfg fwCfg;
    private FloppyBay floppyBay;
    private LocalApic lapic;
    private Ioapic82093 ioapic;

    Machine(Profile profile, MachineConfig config, VirtualClock clock, Scheduler scheduler, PortIoBus io, MmioBus mmio,
            GuestMemory ram, PicPair pic, PciHost pci, Pit8254 pit, Map<String, GpioInputs> gpio, Map<String, GpioOutputs> gpioOut,
            List<Inspectable> devices, List<Inspectable> timers, IrqLine[] isaIrq, List<Runnable> deviceResets,
            PcMemoryMap memoryMap, Rom bios) {
        this.profile = profile;
        this.config = config;
        this.clock = clock;
        this.scheduler = scheduler;
        this.io = io;
        this.mmio = mmio;
        this.ram = ram;
        this.pic = pic;
        this.pci = pci;
        this.pit = pit;
        this.gpio = Collections.unmodifiableMap(new LinkedHashMap<>(gpio));
        this.gpioOut = Collections.unmodifiableMap(new LinkedHashMap<>(gpioOut));
        this.devices = List.copyOf(devices);
        this.isaIrq = isaIrq.clone();
        this.deviceResets = List.copyOf(deviceResets);
        this.timers = List.copyOf(timers);
        this.memoryMap = memoryMap;
        this.bios = bios;
        this.dma = new DmaPort(mmio);
    }

    /** The board's fw_cfg device, or null on a board without one. */
    public FwCfg fwCfg() {
        return fwCfg;
    }

    void attachFwCfg(FwCfg device) {
        this.fwCfg = device;
    }

    /** The floppy drives' diskette slots, for media changes; null on a board without a floppy controller. */
    public FloppyBay floppyBay() {
        return floppyBay;
    }

    void attachFloppyBay(FloppyBay bay) {
        this.floppyBay = bay;
    }

    /**
     * The boot processor's local APIC (APIC ID 0): the sink of interrupt messages (the IO-APIC's, MSI
     * writes), the source of EOI broadcasts ({@link LocalApic#setEoiListener}).
     */
    public LocalApic lapic() {
        return lapic;
    }

    /** The CPU's INTR pin and INTA cycle: the local APIC, which passes the 8259A pair's through LINT0 (ExtINT). */
    public InterruptAcknowledge interruptController() {
        return lapic;
    }

    void attachLapic(LocalApic device) {
        this.lapic = device;
    }

    /** The board's IO-APIC: the local APIC's EOI broadcast goes to it. */
    public Ioapic82093 ioapic() {
        return ioapic;
    }

    void attachIoapic(Ioapic82093 device) {
        this.ioapic = device;
    }

    /** The bus masters' path to guest memory, through the memory bus. */
    public DmaPort dma() {
        return dma;
    }

    /** Where RAM lies below and above 4 GiB. */
    public PcMemoryMap memoryMap() {
        return memoryMap;
    }

    /** The firmware ROM at the top of 4 GiB (and its alias below 1 MiB). */
    public Rom bios() {
        return bios;
    }

    public Profile profile() {
        return profile;
    }

    public Set<Quirk> quirks() {
        return profile.quirks();
    }

    public MachineConfig config() {
        return config;
    }

    public VirtualClock clock() {
        return clock;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    public PortIoBus io() {
        return io;
    }

    public MmioBus mmio() {
        return mmio;
    }

    public GuestMemory ram() {
        return ram;
    }

    /** The 8259A pair, whose INT reaches the CPU through the local APIC's LINT0 ({@link #interruptController}). */
    public PicPair pic() {
        return pic;
    }

    /** The PCI host bridge: configuration mechanism #1, the PIIX3 Reset Control register and bus 0. */
    public PciHost pci() {
        return pci;
    }

    /**
     * A hard reset of the board (PIIX3 PCIRST#/RSTDRV, as RC with RCPU=1 and SRST=1 asserts it):
     * every device returns to its power-on state. RAM keeps its contents and the lines driven into
     * the board keep their levels.
     */
    public void reset() {
        pic.reset();
        pci.reset();
        for (Runnable reset : deviceResets) {
            reset.run();
        }
    }

    /** The 8254 interval timer, with port 61h. */
    public Pit8254 pit() {
        return pit;
    }

    /** ISA interrupt line {@code n} (0-15): into the 8259A pair and the IO-APIC input {@code n}. */
    public IrqLine isaIrq(int n) {
        return isaIrq[n];
    }

    /** The GPIO inputs of the object at a QEMU object path, or null when the board has none there. */
    public GpioInputs gpio(String path) {
        return gpio.get(path);
    }

    /** The GPIO outputs of the object at a QEMU object path, or null when it has none. */
    public GpioOutputs gpioOutputs(String path) {
        return gpioOut.get(path);
    }

    public Set<String> gpioPaths() {
        return gpio.keySet();
    }

    /** The devices an access at I/O port {@code port} reaches, for a divergence report: the bus says. */
    public List<Inspectable> devicesAtPort(long port) {
        return ownersAt(io, port);
    }

    /** The devices an access at physical address {@code address} reaches (none for RAM, ROM and holes). */
    public List<Inspectable> devicesAtAddress(long address) {
        return ownersAt(mmio, address);
    }

    private static List<Inspectable> ownersAt(AddressSpace space, long address) {
        Region region = space.regionAt(address);
        while (region != null && region.owner() == null && region.device() instanceof AddressSpace inner) {
            address = region.offsetOf(address);
            space = inner;
            region = space.regionAt(address);
        }
        return region == null || region.owner() == null ? List.of() : region.owner().parts();
    }

    /** The devices that keep time (the 8254 and the RTC): what a step of the clock reaches. */
    public List<Inspectable> timers() {
        return timers;
    }

    /** Every device whose registers a report can show, in board order. */
    public List<Inspectable> devices() {
        return devices;
    }
}
