package org.trapline.models.machine;

import java.util.List;

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
 * @param pciCards        the PCI functions QEMU adds to bus 0 beside the board's own (its default VGA and
 *                        NIC, {@code -vga}, {@code -usb}, {@code -device}), placed
 */
public record MachineConfig(long ramBytes, long rtcBaseEpochSec, long maxRamBelow4g, byte[] bios, List<String> serial,
                            List<PciCard> pciCards) {
    public MachineConfig {
        serial = List.copyOf(serial);
        pciCards = List.copyOf(pciCards);
    }

    public static final long DEFAULT_RAM = 128L << 20;
    /** The size of SeaBIOS's bios-256k.bin, which QEMU 7.2's pc machine loads by default. */
    public static final int DEFAULT_BIOS_SIZE = 256 << 10;

    public static MachineConfig defaults() {
        return new MachineConfig(DEFAULT_RAM, 0, PcMemoryMap.DEFAULT_MAX_RAM_BELOW_4G, null, List.of(), List.of());
    }

    public MachineConfig withRam(long bytes) {
        return new MachineConfig(bytes, rtcBaseEpochSec, maxRamBelow4g, bios, serial, pciCards);
    }

    public MachineConfig withRtcBase(long epochSec) {
        return new MachineConfig(ramBytes, epochSec, maxRamBelow4g, bios, serial, pciCards);
    }

    public MachineConfig withSerial(List<String> backends) {
        return new MachineConfig(ramBytes, rtcBaseEpochSec, maxRamBelow4g, bios, backends, pciCards);
    }

    public MachineConfig withMaxRamBelow4g(long bytes) {
        return new MachineConfig(ramBytes, rtcBaseEpochSec, bytes, bios, serial, pciCards);
    }

    public MachineConfig withBios(byte[] image) {
        return new MachineConfig(ramBytes, rtcBaseEpochSec, maxRamBelow4g, image == null ? null : image.clone(), serial, pciCards);
    }

    public MachineConfig withPciCards(List<PciCard> cards) {
        return new MachineConfig(ramBytes, rtcBaseEpochSec, maxRamBelow4g, bios, serial, cards);
    }
}
