package org.trapline.models.machine;

import org.trapline.models.device.Inspectable;
import org.trapline.models.device.Quirk;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.trapline.models.acpi.AcpiQuirks;
import org.trapline.models.acpi.PmRegisters;
import org.trapline.models.bus.DmaPort;
import org.trapline.models.apm.ApmPorts;
import org.trapline.models.bus.IoDevice;
import org.trapline.models.bus.MmioBus;
import org.trapline.models.bus.PortIoBus;
import org.trapline.models.clock.Scheduler;
import org.trapline.models.clock.VirtualClock;
import org.trapline.models.cpuhp.CpuHotplug;
import org.trapline.models.cpuhp.CpuhpQuirks;
import org.trapline.models.pcihp.PciHotplug;
import org.trapline.models.pcihp.PcihpQuirks;
import org.trapline.models.smbus.Piix4Smbus;
import org.trapline.models.dma.DmaPair;
import org.trapline.models.dma.IsaDmaClient;
import org.trapline.models.fdc.FloppyMedium;
import org.trapline.models.fdc.Fdc82078;
import org.trapline.models.ide.AtaChannel;
import org.trapline.models.ide.AtaDisk;
import org.trapline.models.ide.BusMaster;
import org.trapline.models.ide.BusMasterBlock;
import org.trapline.models.ioapic.Ioapic82093;
import org.trapline.models.irq.ApicMessageSink;
import org.trapline.models.irq.IrqLine;
import org.trapline.models.lapic.LocalApic;
import org.trapline.models.lapic.MessageWindow;
import org.trapline.models.irq.IrqSink;
import org.trapline.models.bus.Region;
import org.trapline.models.memory.GuestMemory;
import org.trapline.models.memory.Rom;
import org.trapline.models.pci.PciFunction;
import org.trapline.models.pci.PciHost;
import org.trapline.models.pci.PirqRouter;
import org.trapline.models.pic.PicPair;
import org.trapline.models.rtc.Mc146818;
import org.trapline.models.rtc.RtcQuirks;
import org.trapline.models.pit.Pit8254;
import org.trapline.models.kbc.Kbc8042;
import org.trapline.models.lpt.ParallelPort;
import org.trapline.models.fwcfg.E820Entry;
import org.trapline.models.fwcfg.FwCfg;
import org.trapline.models.fwcfg.FwCfgItems;
import org.trapline.models.hpet.Hpet;
import org.trapline.models.sysctl.Port80;
import org.trapline.models.sysctl.Port92;
import org.trapline.models.uart.SerialLine;
import org.trapline.models.uart.Uart16550;

/**
 * Wires the PC board (i440FX host bridge, PIIX3 south bridge) the way QEMU 7.2's {@code -machine pc}
 * does, so that QEMU's object paths reach the same pins: the master 8259A is
 * {@code /machine/unattached/device[6]}, the slave {@code /machine/unattached/device[7]}.
 */
final class PcBoard {
    static final String PIC_MASTER_PATH = "/machine/unattached/device[6]";
    static final String PIC_SLAVE_PATH = "/machine/unattached/device[7]";
    /** QEMU resolves the partial path {@code ioapic} to the board's one IO-APIC ({@code /machine/ioapic} is no path). */
    static final String IOAPIC_PATH = "ioapic";
    /** The 82093AA's redirection table has 24 entries, one per input pin (82093AA §3.2.4). */
    static final int IOAPIC_PINS = 24;
    /** The IO-APIC's registers (QEMU: hw/i386/x86.c ioapic_init_gsi, IO_APIC_DEFAULT_ADDRESS). */
    static final long IOAPIC_BASE = 0xfec00000L;
    /** The PIIX3's slot on bus 0 and its PIRQRC[A:D] (82371SB 290550). */
    static final int PIIX3_SLOT = 1;
    static final int PIRQRC = 0x60;
    static final int ISA_IRQS = 16;
    static final int PIC_MASTER_PORT = 0x20;
    static final int PIC_SLAVE_PORT = 0xa0;
    /** PIIX3 ELCR1 and ELCR2. */
    static final int ELCR_PORT = 0x4d0;
    static final int PIT_PORT = 0x40;
    /** PIIX3 NMI Status and Control (port 61h). */
    static final int PORT_B = 0x61;
    static final int RTC_PORT = 0x70;
    static final int PCI_CONFIG_PORT = 0xcf8;
    /** The 8042's data and status/command ports. */
    static final int KBC_DATA_PORT = 0x60;
    static final int KBC_COMMAND_PORT = 0x64;
    /** System Control Port A (fast A20 and INIT). */
    static final int PORT92 = 0x92;
    /** The POST code port. */
    static final int POST_PORT = 0x80;
    /** The 8237A pair: controller 1 (channels 0-3), controller 2 (channels 4-7), the page register file. */
    static final int DMA1_PORT = 0x00;
    static final int DMA2_PORT = 0xc0;
    static final int DMA_PAGE_PORT = 0x80;
    static final int APM_PORT = 0xb2;
    static final int GPE0_PORT = 0xafe0;
    /** QEMU's PCI and CPU hotplug blocks (hw/acpi/piix4.c ACPI_PCIHP_ADDR_PIIX4, PIIX4_CPU_HOTPLUG_IO_BASE). */
    static final int PCIHP_PORT = 0xae00;
    static final int CPUHP_PORT = 0xaf00;
    /** Bus 0 slots 0 (i440FX) and 1 (PIIX): devices that cannot be unplugged. */
    static final int FIXED_PCI_SLOTS = 0b11;
    /** The floppy controller's block at 3F0h-3F7h and its interrupt, ISA IRQ 6. */
    static final int FDC_PORT = 0x3f0;
    static final int FDC_ISA_IRQ = 6;
    /**
     * The PIIX3 IDE function's two channels in compatibility mode: command blocks at 1F0h and 170h,
     * control blocks at 3F6h and 376h, ISA IRQ 14 and 15 (QEMU: hw/ide/piix.c pci_piix_init_ports).
     */
    static final int[] IDE_COMMAND_PORTS = {0x1f0, 0x170};
    static final int[] IDE_CONTROL_PORTS = {0x3f6, 0x376};
    static final int[] IDE_ISA_IRQS = {14, 15};
    /** The PIIX IDE function's BAR4, BMIBA (models/pci/PiixIde.java). */
    static final int BMIBA = 0x20;
    /** The ISA parallel ports by index, all on IRQ 7 (hw/char/parallel.c isa_parallel_io, the isairq property). */
    static final int[] PARALLEL_PORTS = {0x378, 0x278, 0x3bc};
    static final int PARALLEL_ISA_IRQ = 7;
    static final int FDC_DMA_CHANNEL = 2;
    /** QEMU's option ROM area: pc.rom, 128 KiB at C0000h (hw/i386/pc.c PC_ROM_MIN_VGA, PC_ROM_SIZE). */
    static final long OPTION_ROM_BASE = 0xc0000;
    static final long OPTION_ROM_SIZE = 0x20000;
    /** The firmware's last 128 KiB (at most) shows below 1 MiB too: the isa-bios alias (hw/i386/x86.c). */
    static final long ISA_BIOS_MAX = 0x20000;
    static final long ONE_MIB = 0x100000;
    static final int RTC_ISA_IRQ = 8;
    /** The HPET's block (hw/timer/hpet.h HPET_BASE) and the IO-APIC inputs its timers may take (pc_piix.c: 0x4, input 2). */
    static final long HPET_BASE = 0xfed00000L;
    static final long HPET_ROUTE_CAP = 0x4;
    static final int SCI_ISA_IRQ = 9;
    static final int KBD_ISA_IRQ = 1;
    static final int MOUSE_ISA_IRQ = 12;
    /** The ISA serial ports by index, as QEMU 7.2 places them (hw/char/serial-isa.c isa_serial_io, isa_serial_irq). */
    static final int[] SERIAL_PORTS = {0x3f8, 0x2f8, 0x3e8, 0x2e8};
    static final int[] SERIAL_ISA_IRQS = {4, 3, 4, 3};
    /** fw_cfg's selector/data ports and its DMA address register (hw/i386/fw_cfg.c FW_CFG_IO_BASE, +4). */
    static final int FW_CFG_PORT = 0x510;
    static final int FW_CFG_DMA_PORT = 0x514;
    /** QEMU maps the apic-msi region over everything else in system memory (target/i386/cpu-sysemu.c x86_cpu_apic_realize). */
    static final int LAPIC_PRIORITY = 0x1000;
    /** One boot CPU (no -smp). */
    static final int BOOT_CPUS = 1;
    /** AMD HyperTransport's reserved window, which QEMU puts in the e820 table for a 40-bit CPU (hw/i386/pc.c). */
    static final long AMD_HT_START = 0xfd00000000L;
    static final long AMD_HT_SIZE = 0x300000000L;
    /**
     * etc/smbios/smbios-tables measured at -m 128M (321 bytes, one RAM range) and 5000M (354): each
     * RAM range of the e820 table adds a 33-byte type 19 structure (hw/smbios/smbios.c smbios_get_tables).
     */
    static final int SMBIOS_TABLES_BASE = 288;
    static final int SMBIOS_TYPE19_BYTES = 33;

    private PcBoard() {
    }

    static Machine assemble(Profile profile, MachineConfig config) {
        return assemble(profile, config, message -> { });
    }

    /**
     * The board with {@code apicBus} receiving the IO-APIC's interrupt messages (the local APIC's
     * side of the FEExxxxxh window); without a local APIC they go nowhere.
     */
    static Machine assemble(Profile profile, MachineConfig config, ApicMessageSink apicBus) {
        Set<Quirk> quirks = profile.quirks();
        VirtualClock clock = new VirtualClock();
        Scheduler scheduler = new Scheduler(clock);
        PortIoBus io = new PortIoBus();
        MmioBus mmio = new MmioBus();
        if (quirks.contains(BoardQuirks.IO_PAST_END_READS_ZERO)) {
            io.setPastEndByte(0);
        }
        if (quirks.contains(BoardQuirks.QEMU_ACCESS_SPLITTING)) {
            io.setQemuSplitting(true);
            mmio.setQemuSplitting(true);
        }
        PcMemoryMap memoryMap = PcMemoryMap.of(config.ramBytes(), config.maxRamBelow4g());
        GuestMemory ram = new GuestMemory(memoryMap.ramBytes());
        MmioBus pciMemory = new MmioBus("pci memory space");
        Rom bios = mapMemory(quirks, memoryMap, config.bios(), mmio, ram, pciMemory);
        List<Inspectable> devices = new ArrayList<>();
        Map<String, GpioInputs> gpio = new LinkedHashMap<>();

        PicPair pic = new PicPair(quirks);
        pic.attach(io, PIC_MASTER_PORT, PIC_SLAVE_PORT, ELCR_PORT);
        devices.addAll(pic.chips());
        GpioInputs masterInputs = new GpioInputs(PIC_MASTER_PATH, pic.masterInputs());
        pic.wireCascade(masterInputs.pin(2));
        gpio.put(PIC_MASTER_PATH, masterInputs);
        gpio.put(PIC_SLAVE_PATH, new GpioInputs(PIC_SLAVE_PATH, pic.slaveInputs()));
        Map<String, GpioOutputs> gpioOut = new LinkedHashMap<>();
        gpioOut.put(PIC_MASTER_PATH, new GpioOutputs(PIC_MASTER_PATH, pic.masterInt()));
        gpioOut.put(PIC_SLAVE_PATH, new GpioOutputs(PIC_SLAVE_PATH, pic.slaveInt()));

        // The boot processor's local APIC, APIC ID 0, its register page at FEE00000h over the interrupt message
        // window FEE00000h-FEEFFFFFh (SDM Vol. 3A 10.4.1, 10.11.1). LINT0 is the 8259A pair's INT and an ExtINT
        // acknowledge runs the pair's INTA cycle (virtual wire mode, as QEMU's pic_irq_request delivers it).
        LocalApic lapic = new LocalApic(0, quirks, pic, scheduler);
        pic.masterInt().connect(lapic.lint0());
        MessageWindow messageWindow = new MessageWindow(quirks, lapic);
        mmio.map(messageWindow.region().at(LocalApic.DEFAULT_BASE).withPriority(LAPIC_PRIORITY));
        mmio.map(lapic.pageRegion().at(LocalApic.DEFAULT_BASE).withPriority(LAPIC_PRIORITY + 1));
        devices.add(lapic);

        // The 82093AA at FEC00000h, its inputs GSI 0-23: ISA IRQ n arrives on input n, as on QEMU's board
        // (hw/i386/x86.c gsi_handler); its messages go to the APIC bus, an ExtINT to the 8259A pair.
        // The local APIC takes the messages; apicBus, given by a caller, hears them too.
        Ioapic82093 ioapic = new Ioapic82093(scheduler, quirks, message -> {
            lapic.deliver(message);
            apicBus.deliver(message);
        });
        lapic.setEoiListener(ioapic);
        ioapic.onExtInt(pic);
        mmio.map(ioapic.region().at(IOAPIC_BASE));
        devices.add(ioapic);
        IrqSink[] gsi = ioapic.inputs();
        GpioInputs ioapicInputs = new GpioInputs(IOAPIC_PATH, gsi);
        gpio.put(IOAPIC_PATH, ioapicInputs);
        IrqLine[] isaIrq = isaIrqs(masterInputs, gpio.get(PIC_SLAVE_PATH), ioapicInputs);

        PciHost pci = new PciHost(quirks);
        pci.attach(io, PCI_CONFIG_PORT);
        pci.populatePcBoard(memoryMap.ramBytes());
        // The PIIX3 steers PIRQA#-D# to ISA IRQs by PIRQRC (60h-63h of 00:01.0; QEMU: hw/isa/piix3.c, no PIRQ on
        // IO-APIC inputs 16-23). No function on this board raises INTx yet; a PIRQRC write re-routes all the same.
        PciFunction isaBridge = pci.function(PIIX3_SLOT, 0);
        PirqRouter pirqRouter = new PirqRouter(quirks, n -> (int) isaBridge.read(PIRQRC + n, 1), isaIrq);
        isaBridge.onWrite(PIRQRC, PirqRouter.PIRQS, pirqRouter::pirqrcWritten);
        pci.routeMemory(mmio, ram, pciMemory);
        // The functions the command line adds (std VGA, cirrus, e1000, PIIX3 UHCI) at the devfns QEMU gives them
        // (MachineArgs places them): configuration space only, nothing decodes behind their BARs.
        config.pciCards().forEach(pci::plugCard);
        // The PIIX4's PM I/O registers at PMBA; SCI on ISA IRQ 9 (QEMU: pc_piix.c piix4_pm_init with gsi[9]).
        PmRegisters pm = new PmRegisters(scheduler, quirks, isaIrq[SCI_ISA_IRQ]);
        pci.decodePmba(io, pm.regions());
        if (quirks.contains(AcpiQuirks.GPE0_BLOCK_AT_AFE0)) {
            io.map(pm.gpe0Region().at(GPE0_PORT)); // QEMU: piix4.c GPE_BASE, outside PMBA
        }
        // QEMU's paravirtual hotplug blocks, beside GPE0 (piix4.c piix4_acpi_system_hot_add_init); none on a real board.
        if (quirks.contains(PcihpQuirks.BLOCK_AT_AE00)) {
            PciHotplug pcihp = new PciHotplug(FIXED_PCI_SLOTS);
            io.map(pcihp.region().at(PCIHP_PORT));
            devices.add(pcihp);
        }
        if (quirks.contains(CpuhpQuirks.BLOCK_AT_AF00)) {
            CpuHotplug cpuhp = new CpuHotplug(quirks, BOOT_CPUS);
            cpuhp.attach(io, CPUHP_PORT);
            devices.add(cpuhp);
        }
        devices.addAll(pci.devices());

        List<Runnable> deviceResets = new ArrayList<>();
        deviceResets.add(lapic::reset);
        deviceResets.add(ioapic::reset);

        // The PIIX4's SMBus host at SMBBA while SMBHSTCFG SMB_HST_EN, with 8 SPD EEPROMs at 50h-57h
        // (QEMU: pc_piix.c smb_io_base 0xb100 and smbus_eeprom_init(smbus, 8, NULL, 0)).
        Piix4Smbus smbus = new Piix4Smbus(quirks);
        pci.decodeSmbba(io, smbus.region(), smbus::baseOf);
        devices.add(smbus);
        deviceResets.add(smbus::reset);

        // The APM ports at B2h-B3h, decoded by 00:01.3 (QEMU: hw/isa/apm.c apm_init from piix4_pm_realize);
        // QEMU's ACPI_ENABLE/ACPI_DISABLE commands reach PMCNTRL.
        ApmPorts apm = new ApmPorts(quirks, pci::apmcEnabled, pm::setSciEn);
        io.map(apm.region().at(APM_PORT));
        devices.add(apm);
        deviceResets.add(apm::reset);

        // The RTC at 0x70-0x71 on ISA IRQ 8 (QEMU: hw/i386/pc.c pc_basic_device_init, through the
        // HPET's legacy input, which passes IRQ 8 on while the HPET is not in legacy mode).
        IrqLine rtcIrq = new IrqLine("rtc.irq");
        Mc146818 rtc = new Mc146818(scheduler, quirks, rtcIrq, config.rtcBaseEpochSec());
        // The diskettes, opened here: QEMU's CMOS bytes 10h and 14h name the drive types they make.
        FloppyMedium[] floppyMedia = new FloppyMedium[2];
        boolean[] floppyProtected = new boolean[2];
        boolean[] floppyDrive = new boolean[2];
        for (FloppyDisk disk : config.floppies()) {
            floppyDrive[disk.unit()] = true;
            if (disk.hasDiskette()) {
                floppyMedia[disk.unit()] = disk.path().equals(FloppyDisk.NULL_CO) ? new ZeroDiskette(disk.zeroBytes())
                        : new FloppyImage(disk.path());
            }
            floppyProtected[disk.unit()] = disk.readOnly();
        }
        if (quirks.contains(RtcQuirks.CMOS_PRESET)) {
            PcCmos.fill(rtc, memoryMap, floppyMedia, floppyDrive);
        }
        rtc.attach(io, RTC_PORT);
        if (quirks.contains(BoardQuirks.QTEST_EVENT_THROTTLE)) {
            rtc.onTimeSet(new EventThrottle(scheduler)::event);
        }
        devices.add(pm);
        deviceResets.add(pm::reset);
        devices.add(rtc);
        deviceResets.add(rtc::reset);

        // The 8254 at 0x40-0x43 with port 61h; OUT0 is ISA IRQ0 (QEMU: through the HPET's legacy input,
        // passed on while the HPET is not in legacy mode).
        IrqLine pitOut0 = new IrqLine("pit.out0");
        Pit8254 pit = new Pit8254(scheduler, quirks, pitOut0);
        pit.attach(io, PIT_PORT, PORT_B);
        devices.add(pit);
        deviceResets.add(pit::reset);

        // The HPET at FED00000h (pc_basic_device_init): output n drives GSI n, the ISA line n below 16 and
        // IO-APIC input n up to 23 (x86.c gsi_handler); the PIT's OUT0 and the RTC's IRQ reach IRQ0 and IRQ8
        // through its legacy inputs, and it holds the PIT's IRQ0 off in legacy replacement (pit_enabled).
        IrqLine[] hpetOutputs = new IrqLine[Hpet.OUTPUTS];
        for (int n = 0; n < Hpet.OUTPUTS; n++) {
            hpetOutputs[n] = n < ISA_IRQS ? isaIrq[n] : new IrqLine("hpet.out" + n);
            if (n >= ISA_IRQS && n < IOAPIC_PINS) {
                hpetOutputs[n].connect(ioapicInputs.pin(n));
            }
        }
        Hpet hpet = new Hpet(scheduler, quirks, hpetOutputs, pit::irqControl, new DmaPort(mmio), HPET_ROUTE_CAP);
        pitOut0.connect(hpet.pitInput());
        rtcIrq.connect(hpet.rtcInput());
        mmio.map(hpet.region().at(HPET_BASE));
        devices.add(hpet);

        // The 8042 at 0x60/0x64, keyboard on ISA IRQ 1, mouse on ISA IRQ 12 (QEMU: hw/i386/pc.c pc_superio_init,
        // hw/input/pckbd.c i8042_realizefn); port 92h beside it; port 80h (pc_basic_device_init's ioport80).
        Kbc8042 kbc = new Kbc8042(quirks, isaIrq[KBD_ISA_IRQ], isaIrq[MOUSE_ISA_IRQ]);
        kbc.attach(io, KBC_DATA_PORT, KBC_COMMAND_PORT);
        devices.add(kbc);
        deviceResets.add(kbc::reset);
        Port92 port92 = new Port92(quirks);
        port92.attach(io, PORT92);
        devices.add(port92);
        deviceResets.add(port92::reset);
        Port80 port80 = new Port80(quirks);
        port80.attach(io, POST_PORT);
        devices.add(port80);

        // The 8237A pair at 00h-0Fh and C0h-DFh, the page registers at 81h-8Fh (QEMU: hw/isa/piix3.c
        // i8257_dma_init, no high page registers); transfers reach guest memory through the memory bus.
        DmaPair dma = new DmaPair(quirks, new DmaPort(mmio));
        dma.attach(io, DMA1_PORT, DMA2_PORT, DMA_PAGE_PORT);
        devices.addAll(dma.devices());
        deviceResets.add(dma::reset);
        // The 16550A UARTs, one per -serial index that is not 'none', up to four (hw/i386/pc.c pc_superio_init,
        // serial_hds_isa_init): COM1 3F8h IRQ4, COM2 2F8h IRQ3, COM3 3E8h IRQ4, COM4 2E8h IRQ3.
        List<Inspectable> timed = new ArrayList<>(List.of(pit, rtc, pm, hpet, lapic));
        List<String> serial = config.serial();
        for (int n = 0; n < Math.min(serial.size(), SERIAL_PORTS.length); n++) {
            String backend = serial.get(n);
            if (backend.equals("none")) {
                continue;
            }
            SerialLine line = backend.startsWith("file:") ? new SerialFile(backend.substring(5)) : SerialLine.discard();
            Uart16550 uart = new Uart16550("com" + (n + 1), scheduler, quirks, isaIrq[SERIAL_ISA_IRQS[n]], line);
            uart.attach(io, SERIAL_PORTS[n]);
            devices.add(uart);
            deviceResets.add(uart::reset);
            timed.add(uart);
        }
        // fw_cfg at 0x510 with its DMA register at 0x514 over system memory (hw/i386/fw_cfg.c fw_cfg_arch_create).
        FwCfg fwCfg = new FwCfg(fwCfgItems(config, memoryMap), new DmaPort(mmio), quirks);
        io.map(fwCfg.portRegion().at(FW_CFG_PORT));
        io.map(fwCfg.dmaRegion().at(FW_CFG_DMA_PORT));
        devices.add(fwCfg);
        deviceResets.add(fwCfg::reset);

        // The floppy controller at 3F0h on ISA IRQ 6 and DMA channel 2 (QEMU: hw/i386/pc.c pc_superio_init,
        // hw/block/fdc-isa.c isabus_fdc_realize), a drive per -drive if=floppy with its image read on demand.
        Fdc82078 fdc = new Fdc82078(scheduler, quirks, isaIrq[FDC_ISA_IRQ], floppyMedia, floppyDrive, floppyProtected,
                new Fdc82078.DmaRequest() {
            @Override
            public void hold() {
                dma.holdDreq(FDC_DMA_CHANNEL);
            }

            @Override
            public void release() {
                dma.releaseDreq(FDC_DMA_CHANNEL);
            }
        });
        dma.registerChannel(FDC_DMA_CHANNEL, new IsaDmaClient() {
            @Override
            public int ioRead() {
                return fdc.dmaRead();
            }

            @Override
            public void ioWrite(int value) {
                fdc.dmaWrite(value);
            }

            @Override
            public boolean inTransfer() {
                return fdc.dmaTransferInProgress();
            }

            @Override
            public void verifyCycle() {
                fdc.dmaVerify();
            }

            @Override
            public void cycleEnd(boolean terminalCount) {
                fdc.dmaCycleEnd(terminalCount);
            }
        });
        fdc.attach(io, FDC_PORT);
        devices.add(fdc);
        deviceResets.add(fdc::reset);

        // The PIIX3 IDE channels with the disks attached to them. The function's programming interface (80h) keeps
        // both in compatibility mode and it has no BARs 0-3, so the legacy ports always decode (models/pci/PiixIde.java;
        // QEMU: hw/ide/piix.c pci_piix_init_ports registers them on the ISA space whatever the PCI Command register).
        // Their bus masters sit behind BMIBA (BAR4) while the function's I/O Space Enable is set.
        AtaDisk[][] ideDisks = ideDisks(config);
        BusMaster[] busMasters = new BusMaster[IDE_COMMAND_PORTS.length];
        for (int n = 0; n < IDE_COMMAND_PORTS.length; n++) {
            busMasters[n] = new BusMaster(n == 0 ? "bm-primary" : "bm-secondary", quirks, new DmaPort(mmio));
        }
        BusMasterBlock bmdma = new BusMasterBlock(quirks, busMasters[0], busMasters[1]);
        pci.function(1, 1).decodeBar(BMIBA, io, bmdma.region());
        devices.add(bmdma);
        for (int n = 0; n < IDE_COMMAND_PORTS.length; n++) {
            AtaChannel ide = new AtaChannel(n == 0 ? "ide-primary" : "ide-secondary", quirks, isaIrq[IDE_ISA_IRQS[n]],
                    ideDisks[n], busMasters[n]);
            io.map(ide.commandBlock().at(IDE_COMMAND_PORTS[n]));
            io.map(ide.controlBlock().at(IDE_CONTROL_PORTS[n]));
            devices.add(ide);
            deviceResets.add(ide::reset);
        }

        // The parallel ports, one per -parallel backend (or LPT1 on QEMU's console without -nodefaults), at 378h,
        // 278h, 3BCh on IRQ 7 (hw/char/parallel-isa.c parallel_hds_isa_init, hw/char/parallel.c).
        List<String> parallel = config.parallel();
        for (int n = 0; n < Math.min(parallel.size(), PARALLEL_PORTS.length); n++) {
            ParallelPort lpt = new ParallelPort("lpt" + (n + 1), quirks, isaIrq[PARALLEL_ISA_IRQ]);
            io.map(lpt.region().at(PARALLEL_PORTS[n]));
            devices.add(lpt);
            deviceResets.add(lpt::reset);
        }

        // QEMU's machine-ready notifier fills the PIIX4's DEVRESA/DEVRESC in from the ports that decode.
        pci.machineReady(port -> io.regionAt(port) != null);
        Machine machine = new Machine(profile, config, clock, scheduler, io, mmio, ram, pic, pci, pit, gpio, gpioOut,
                devices, timed, isaIrq, deviceResets, memoryMap, bios);
        // RC (in the pci package) asks for the reset; the board, which knows every device, does it. QEMU resets
        // the HPET first (the system bus lists it before the host bridge), so its re-enable of the PIT's IRQ0
        // (hpet_reset, pit_enabled) drives the line before the 8259A and the 8254 are reset.
        Runnable boardReset = () -> {
            hpet.reset();
            machine.reset();
        };
        pci.onHardReset(boardReset);
        // Likewise the 8042's reset line and port 92h's fast INIT, where they reset the board.
        kbc.onBoardReset(boardReset);
        port92.onBoardReset(boardReset);
        machine.attachFwCfg(fwCfg);
        machine.attachFloppyBay(new FloppyBay(fdc));
        machine.attachLapic(lapic);
        machine.attachIoapic(ioapic);
        return machine;
    }

    /** The board's fw_cfg items: its RAM, one CPU, the e820 table as pc_memory_init adds it, -uuid and -boot. */
    private static FwCfgItems fwCfgItems(MachineConfig config, PcMemoryMap map) {
        List<E820Entry> e820 = new ArrayList<>();
        e820.add(new E820Entry(AMD_HT_START, AMD_HT_SIZE, E820Entry.RESERVED));
        e820.add(new E820Entry(0, map.ramBelow4g(), E820Entry.RAM));
        if (map.ramAbove4g() > 0) {
            e820.add(new E820Entry(PcMemoryMap.FOUR_GIB, map.ramAbove4g(), E820Entry.RAM));
        }
        int smbios = SMBIOS_TABLES_BASE + SMBIOS_TYPE19_BYTES * (e820.size() - 1);
        return FwCfgItems.pc(config.ramBytes(), BOOT_CPUS, e820, smbios, config.boot());
    }

    /**
     * The 16 ISA interrupt lines. Each drives the 8259A input of its number (IRQ0-7 the master's
     * IR0-7, IRQ8-15 the slave's IR0-7) and the IO-APIC input of the same number, the PIC first,
     * as QEMU's PC routes its GSIs (hw/i386/x86.c gsi_handler).
     */
    private static IrqLine[] isaIrqs(GpioInputs master, GpioInputs slave, GpioInputs ioapic) {
        IrqLine[] lines = new IrqLine[ISA_IRQS];
        for (int n = 0; n < ISA_IRQS; n++) {
            lines[n] = new IrqLine("irq" + n);
            lines[n].connect(n < 8 ? master.pin(n) : slave.pin(n - 8));
            lines[n].connect(ioapic.pin(n));
        }
        return lines;
    }

    /**
     * The physical memory map of QEMU 7.2's pc machine (hw/i386/pc.c pc_memory_init, x86.c
     * x86_bios_rom_init): RAM from 0 and from 4 GiB at priority 0; the PCI bus under all of it at
     * priority -1, which is the PCI hole where no RAM lies; on the PCI bus the firmware at the top
     * of 4 GiB, its isa-bios alias ending at 1 MiB and the option ROM area at C0000h, at priority
     * 1 over anything a BAR maps; and over RAM's legacy area the i440FX's PAM and SMRAM routing,
     * which the host bridge installs.
     */
    private static Rom mapMemory(Set<Quirk> quirks, PcMemoryMap map, byte[] image, MmioBus system, GuestMemory ram,
                                 MmioBus pci) {
        if (map.ramBelow4g() > 0) {
            system.map(Region.storage("ram-below-4g", map.ramBelow4g(), ram));
        }
        if (map.ramAbove4g() > 0) {
            system.map(Region.storage("ram-above-4g", map.ramAbove4g(), ram).at(PcMemoryMap.FOUR_GIB)
                    .from(map.ramBelow4g()));
        }
        system.mapSpace("pci-hole", pci, 0, Long.MAX_VALUE, -1);
        if (quirks.contains(PcMemoryQuirks.EMPTY_PCI_WINDOW_SHOWS_RAM)) {
            pci.setTransparent(true);
        }
        if (quirks.contains(BoardQuirks.UNASSIGNED_MEMORY_READS_ZERO)) {
            system.setUnclaimedByte(0);
            pci.setUnclaimedByte(0);
        }
        Rom bios = image == null ? Rom.absent(MachineConfig.DEFAULT_BIOS_SIZE) : Rom.of(image);
        pci.map(Region.storage("pc.bios", bios.size(), bios).at(PcMemoryMap.FOUR_GIB - bios.size()));
        long isaBios = Math.min(bios.size(), ISA_BIOS_MAX);
        pci.map(Region.storage("isa-bios", isaBios, bios).at(ONE_MIB - isaBios).from(bios.size() - isaBios)
                .withPriority(1));
        if (quirks.contains(PcMemoryQuirks.OPTION_ROM_AREA_READS_ZERO)) {
            pci.map(Region.storage("pc.rom", OPTION_ROM_SIZE, Rom.of(new byte[(int) OPTION_ROM_SIZE]))
                    .at(OPTION_ROM_BASE).withPriority(1));
        }
        return bios;
    }

    /**
     * The hard disks of each channel, their images opened here. QEMU numbers its IDE drives' default serials
     * QM00001-QM00004 in the order of the slots (hw/ide/core.c ide_init1: primary master first). A CD-ROM's slot is
     * left empty until the ATAPI device is modelled (TODO: attach it there).
     */
    private static AtaDisk[][] ideDisks(MachineConfig config) {
        AtaDisk[][] disks = new AtaDisk[2][2];
        for (IdeDrive d : config.ideDrives()) {
            if (d.cdrom()) {
                continue; // TODO(atapi): an ATAPI CD-ROM in this slot
            }
            String serial = d.serial() != null ? d.serial() : String.format("QM%05d", d.index() + 1);
            disks[d.bus()][d.unit()] = AtaDisk.of(new RawImage(d.path()), serial,
                    d.version() != null ? d.version() : AtaDisk.DEFAULT_FIRMWARE,
                    d.model() != null ? d.model() : AtaDisk.DEFAULT_MODEL, d.writeCache());
        }
        return disks;
    }
}
