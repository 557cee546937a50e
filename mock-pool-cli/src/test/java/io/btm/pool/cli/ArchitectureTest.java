package io.btm.pool.cli;

import io.btm.core.arch.PackageCycles;

/** This module keeps the package rule of {@link PackageCycles}. */
class ArchitectureTest extends PackageCycles {
}
