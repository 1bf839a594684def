package org.trapline.models.device;

/**
 * A named place where QEMU's model departs from the datasheet. The qemu-pc profile switches a
 * quirk on; the hardware profile never does. Every quirk cites the rule it breaks, so the set of
 * quirks is the ledger of where QEMU is not hardware-accurate.
 *
 * @param id        stable name, e.g. {@code pic.poll-no-ack}
 * @param device    the device it concerns
 * @param behaviour what QEMU does
 * @param citation  the datasheet or specification rule it departs from, and the QEMU source
 */
public record Quirk(String id, String device, String behaviour, String citation) {
}
