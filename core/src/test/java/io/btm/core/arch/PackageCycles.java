package io.btm.core.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

/**
 * The architecture rule every module keeps: no cycle between its packages. Each module's
 * {@code ArchitectureTest} extends this, so the rule runs on that module's own compiled classes.
 */
public abstract class PackageCycles {

    /** This module's main classes, as compiled into {@code target/classes}. */
    public static JavaClasses moduleClasses() {
        return new ClassFileImporter().importPath(Path.of("target", "classes"));
    }

    @Test
    void noPackageDependsOnAnotherThatDependsOnIt() {
        SlicesRuleDefinition.slices().matching("io.btm.(**)").should().beFreeOfCycles().check(moduleClasses());
    }
}
