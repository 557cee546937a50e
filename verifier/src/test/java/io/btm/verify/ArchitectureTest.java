package io.btm.verify;

import io.btm.core.arch.PackageCycles;

/** This module keeps the package rule of {@link PackageCycles}. */
class ArchitectureTest extends PackageCycles {
}
