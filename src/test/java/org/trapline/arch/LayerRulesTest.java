package org.trapline.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layer rules of DESIGN.md: the models stand on the JDK alone. */
class LayerRulesTest {
    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.trapline");
    }

    @Test
    void modelsDependOnTheJdkAndOnEachOtherOnly() {
        ArchRule rule = noClasses().that().resideInAPackage("org.trapline.models..")
                .should().dependOnClassesThat().resideOutsideOfPackages("org.trapline.models..", "java..")
                .because("the models are plain Java: JDK only, nothing of the harness, no libraries");
        rule.check(main);
    }

    @Test
    void modelsUseNoReflection() {
        noClasses().that().resideInAPackage("org.trapline.models..")
                .should().dependOnClassesThat().resideInAPackage("java.lang.reflect..")
                .because("no framework magic in the models")
                .check(main);
    }

    @Test
    void modelsKeepNoStaticMutableState() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields().that().areDeclaredInClassesThat()
                .resideInAPackage("org.trapline.models..").and().areStatic()
                .should().beFinal()
                .because("two machines in one JVM must never share state")
                .check(main);
    }

    @Test
    void theHarnessLayersPointDownward() {
        noClasses().that().resideInAnyPackage("org.trapline.trace..", "org.trapline.qtest..")
                .should().dependOnClassesThat().resideInAnyPackage("org.trapline.cli..", "org.trapline.runner..",
                        "org.trapline.target..")
                .check(main);
        noClasses().that().resideInAnyPackage("org.trapline.runner..", "org.trapline.target..")
                .should().dependOnClassesThat().resideInAPackage("org.trapline.cli..")
                .check(main);
    }

    @Test
    void theModelsPackagesPointOneWay() {
        slices().matching("org.trapline.models.(*)..").should().beFreeOfCycles()
                .because("devices import the leaf packages (bus, clock, irq, memory, device); the board assembles them")
                .check(main);
        noClasses().that().resideInAPackage("org.trapline.models..")
                .and().resideOutsideOfPackage("org.trapline.models.machine..")
                .should().dependOnClassesThat().resideInAPackage("org.trapline.models.machine..")
                .because("only the board knows the board: nothing imports machine back")
                .check(main);
    }
}
