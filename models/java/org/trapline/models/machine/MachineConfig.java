package org.trapline.models.machine;

import java.util.List;

import org.trapline.models.fwcfg.BootOptions;
import org.trapline.models.pci.PciCard;

/**
 * What the board is built with: the facts a machine's command line gives QEMU.
 *
 * @param ramBytes        guest RAM ({@code -m}), 128 MiB unless told
 * @param rtcBaseEpochSec the RTC's start, seconds since 1970-01-01 UTC ({@code -rtc base=})
 * @param maxRamBelow4g   {@code -machine max-ram-below-4g=}: where RAM below 4 GiB must stop
 * @param bios            the firmware image QEMU loads ({@code bios-256k.bin}, or {@code -bios}),
 *                        or null when it could not be found: the ROM is then absent and a read of
 *                        it is reported by the harness rather than answered
 * @param serial          the {@code -serial} backends in order, one per ISA serial port index (COM1 first):
 *                        {@code none} (no port at that index), {@code null}, {@code vc} (QEMU's default
 *                        console, which sends nothing back), or {@code file:PATH}
 * @param boot            what {@code -uuid} and {@code -boot} tell the firmware through fw_cfg
 * @param parallel        the parallel ports' backends in order (LPT1 first), one per port QEMU creates:
 *                        {@code null} or {@code vc} (QEMU's default console); {@code -parallel none} adds none
 * @param floppies        the diskettes in the floppy drives ({@code -drive if=floppy}, {@code -fda}, {@code -fdb})
 * @param pciCards        the PCI functions QEMU adds to bus 0 beside the board's own (its default VGA and
 *                        NIC, {@code -usb}, {@code -device}), in the order QEMU places them
 * @param ideDrives       the drives on the PIIX IDE channels ({@code -drive if=ide}, {@code -hda}..{@code -hdd},
 *                        {@code -device ide-hd}, {@code -cdrom})
 */
public record MachineConfig(long ramBytes, long rtcBaseEpochSec, long maxRamBelow4g, byte[] bios, List<String> serial, BootOptions boot, List<String> parallel, List<FloppyDisk> floppies, List<PciCard> pciCards, List<IdeDrive> ideDrives) {
    public MachineConfig {
        ideDrives = List.copyOf(ideDrives);
        serial = List.copyOf(serial);
        parallel = List.copyOf(parallel);
        floppies = List.copyOf(floppies);
        pciCards = List.copyOf(pciCards);
    }

    public static final long DEFAULT_RAM = 128L << 20;
    /** The size of SeaBIOS's bios-256k.bin, which QEMU 7.2's pc machine loads by default. */
    public static final int DEFAULT_BIOS_SIZE = 256 << 10;

    public static MachineConfig defaults() {
        return new MachineConfig(DEFAULT_RAM, 0, PcMemoryMap.DEFAULT_MAX_RAM_BELOW_4G, null, List.of(), BootOptions.defaults(), List.of(), List.of(), List.of(), List.of());
    }

    public MachineConfig withRam(long bytes) {
        return new MachineConfig(bytes, rtcBaseEpochSec, maxRamBelow4g, bios, serial, boot, parallel, floppies, pciCards, ideDrives);
    }

    public MachineConfig withRtcBase(long epochSec) {
        return new MachineConfig(ramBytes, epochSec, maxRamBelow4g, bios, serial, boot, parallel, floppies, pciCards, ideDrives);
    }

    public MachineConfig withMaxRamBelow4g(long bytes) {
        return new MachineConfig(ramBytes, rtcBaseEpochSec, bytes, bios, serial, boot, parallel, floppies, pciCards, ideDrives);
    }

    public MachineConfig withBios(byte[] image) {
        return new MachineConfig(ramBytes, rtcBaseEpochSec, maxRamBelow4g, image == null ? null : image.clone(), serial, boot, parallel, floppies, pciCards, ideDrives);
    }

    public MachineConfig withSerial(List<String> backends) {
        return new MachineConfig(ramBytes, rtcBaseEpochSec, maxRamBelow4g, bios, backends, boot, parallel, floppies, pciCards, ideDrives);
    }

    public MachineConfig withBoot(BootOptions options) {
        return new MachineConfig(ramBytes, rtcBaseEpochSec, maxRamBelow4g, bios, serial, options, parallel, floppies, pciCards, ideDrives);
    }

    public MachineConfig withParallel(List<String> backends) {
        return new MachineConfig(ramBytes, rtcBaseEpochSec, maxRamBelow4g, bios, serial, boot, backends, floppies, pciCards, ideDrives);
    }

    public MachineConfig withFloppies(List<FloppyDisk> disks) {
        return new MachineConfig(ramBytes, rtcBaseEpochSec, maxRamBelow4g, bios, serial, boot, parallel, disks, pciCards, ideDrives);
    }

    public MachineConfig withIdeDrives(List<IdeDrive> drives) {
        return new MachineConfig(ramBytes, rtcBaseEpochSec, maxRamBelow4g, bios, serial, boot, parallel, floppies, pciCards, drives);
    }

    public MachineConfig withPciCards(List<PciCard> cards) {
        return new MachineConfig(ramBytes, rtcBaseEpochSec, maxRamBelow4g, bios, serial, boot, parallel, floppies, cards, ideDrives);
    }
}
