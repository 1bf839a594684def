package org.trapline.models.device;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A named place where QEMU's model departs from the datasheet. The qemu-pc profile switches a
 * quirk on; the hardware profile never does. Every quirk cites the rule it breaks, so the set of
 * quirks is the ledger of where QEMU is not hardware-accurate.
 *
 * <p>Each device states its quirks as one enum implementing this interface; the ledger is built from
 * the enums' values. A quirk that is modelled only on top of others says so in {@link #requires()}.
 */
public interface Quirk {

    /** What the ledger shows of a quirk. */
    Entry entry();

    /** Stable name, e.g. {@code pic.poll-no-ack}. */
    default String id() {
        return entry().id();
    }

    /** The device it concerns. */
    default String device() {
        return entry().device();
    }

    /** What QEMU does. */
    default String behaviour() {
        return entry().behaviour();
    }

    /** The datasheet or specification rule it departs from, and the QEMU source. */
    default String citation() {
        return entry().citation();
    }

    /** The quirks this one is modelled on top of: a set that switches it on must switch them on too. */
    default Set<Quirk> requires() {
        return Set.of();
    }

    /**
     * The ledger's text of one quirk.
     *
     * @param id        stable name, e.g. {@code pic.poll-no-ack}
     * @param device    the device it concerns
     * @param behaviour what QEMU does
     * @param citation  the datasheet or specification rule it departs from, and the QEMU source
     */
    record Entry(String id, String device, String behaviour, String citation) {
    }

    /**
     * Checks that every quirk in {@code quirks} has what it {@link #requires()}.
     *
     * @throws IllegalArgumentException naming each quirk and the ones it lacks
     */
    static void requireCoherent(Collection<? extends Quirk> quirks) {
        StringBuilder missing = new StringBuilder();
        for (Quirk q : quirks) {
            List<String> lacks = q.requires().stream().filter(r -> !quirks.contains(r)).map(Quirk::id).sorted().toList();
            if (!lacks.isEmpty()) {
                missing.append(missing.length() == 0 ? "" : "; ").append(q.id()).append(" needs ")
                        .append(String.join(", ", lacks));
            }
        }
        if (missing.length() > 0) {
            throw new IllegalArgumentException("incoherent quirks: " + missing);
        }
    }

    /** {@code quirks} with everything they require, transitively, in first-seen order. */
    static Set<Quirk> closure(Collection<? extends Quirk> quirks) {
        Set<Quirk> all = new LinkedHashSet<>();
        Deque<Quirk> todo = new ArrayDeque<>(quirks);
        while (!todo.isEmpty()) {
            Quirk q = todo.removeFirst();
            if (all.add(q)) {
                todo.addAll(q.requires());
            }
        }
        return all;
    }
}
