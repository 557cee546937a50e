package io.btm.core.arch;

/** This module keeps the package rule of {@link PackageCycles}. */
class ArchitectureTest extends PackageCycles {
}
