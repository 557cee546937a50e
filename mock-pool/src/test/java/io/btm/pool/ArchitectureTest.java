package io.btm.pool;

import io.btm.core.arch.PackageCycles;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The package rule of {@link PackageCycles}, and the facade's: internals never call it, value types stand alone. */
class ArchitectureTest extends PackageCycles {

    @Test
    void internalsServeTheFacadeThroughTheirOwnInterfacesAndNeverCallIt() {
        noClasses().that().resideInAPackage("io.btm.pool.internal..")
                .should().dependOnClassesThat().resideInAPackage("io.btm.pool")
                .check(moduleClasses());
    }

    @Test
    void theValueTypesDependOnNothingElseOfThePool() {
        noClasses().that().resideInAPackage("io.btm.pool.model")
                .should().dependOnClassesThat().resideInAnyPackage("io.btm.pool", "io.btm.pool.internal..")
                .check(moduleClasses());
    }
}
