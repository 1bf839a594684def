package org.trapline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.trapline.models.machine.Profile;
import org.trapline.models.device.Quirk;

class QuirksCommandTest {
    @Test
    void theLedgerListsEveryQuirkOfQemuPcWithItsCitation() {
        CliRun run = CliRun.of("quirks");
        assertThat(run.status()).isZero();
        for (Quirk q : Profile.QEMU_PC.quirks()) {
            assertThat(run.out()).contains(q.id(), q.behaviour(), q.citation());
        }
        assertThat(run.out()).endsWith(Profile.QEMU_PC.quirks().size() + " quirks" + System.lineSeparator());
    }

    @Test
    void everyQuirkIsNamedOnceAndCitesARule() {
        assertThat(Profile.QEMU_PC.quirks()).extracting(Quirk::id).doesNotHaveDuplicates()
                .allMatch(id -> id.matches("[a-z0-9-]+(\\.[a-z0-9-]+)+"));
        assertThat(Profile.QEMU_PC.quirks()).allSatisfy(q -> {
            assertThat(q.behaviour()).isNotBlank();
            assertThat(q.citation()).isNotBlank();
        });
        assertThat(Profile.HARDWARE.quirks()).isEmpty();
    }

    @Test
    void withoutACommandTheCliSaysWhichExistAndExitsTwo() {
        CliRun run = CliRun.of();
        assertThat(run.status()).isEqualTo(Main.UNUSABLE);
        assertThat(run.err()).contains("name a command: replay, record, diff, quirks, lspci, probe, costs or serve");
        assertThat(CliRun.of("bogus").status()).isEqualTo(Main.UNUSABLE);
    }
}
