package org.trapline.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaEnumConstant;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.trapline.models.device.Quirk;

/** Every ledger entry is a behaviour of some model: a quirk no model code reads is a defect. */
class QuirkLedgerRulesTest {

    @Test
    void everyQuirkOfTheLedgerIsReadByAModel() {
        JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.trapline.models");
        List<String> enums = new ArrayList<>();
        for (JavaClass c : main) {
            if (isQuirkEnum(c)) {
                enums.add(c.getSimpleName());
            }
        }
        assertThat(enums).as("the quirk enums found").contains("PitQuirks", "RtcQuirks", "PicQuirks", "PciQuirks",
                "BoardQuirks", "AcpiQuirks");
        assertThat(unreadEntries(main)).as("ledger entries that no model code reads").isEmpty();
    }

    @Test
    void anEntryReadOnlyByItsOwnEnumIsFound() {
        JavaClasses fixture = new ClassFileImporter().importPackages("org.trapline.arch.fixture");
        assertThat(unreadEntries(fixture)).containsExactly("LedgerFixtureQuirks.READ_BY_ITSELF_ONLY",
                "LedgerFixtureQuirks.UNREAD");
    }

    /**
     * The constants of the {@link Quirk} enums in {@code classes} that no class outside the enum reads
     * (the enum's own methods, and the switch tables javac nests in it, do not count).
     */
    static List<String> unreadEntries(JavaClasses classes) {
        List<String> unread = new ArrayList<>();
        for (JavaClass c : classes) {
            if (!isQuirkEnum(c)) {
                continue;
            }
            for (JavaEnumConstant constant : c.getEnumConstants()) {
                boolean read = false;
                for (JavaFieldAccess access : c.getField(constant.name()).getAccessesToSelf()) {
                    String origin = access.getOriginOwner().getName();
                    boolean own = origin.equals(c.getName()) || origin.startsWith(c.getName() + "$");
                    read |= access.getAccessType() == JavaFieldAccess.AccessType.GET && !own;
                }
                if (!read) {
                    unread.add(c.getSimpleName() + "." + constant.name());
                }
            }
        }
        unread.sort(null);
        return unread;
    }

    private static boolean isQuirkEnum(JavaClass c) {
        return c.isEnum() && c.isAssignableTo(Quirk.class);
    }
}
