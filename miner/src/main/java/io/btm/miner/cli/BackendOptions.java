package io.btm.miner.cli;

import io.btm.miner.backend.TensorityBackend;
import io.btm.miner.backend.reference.ReferenceBackend;
import picocli.CommandLine.Option;

/** The backend a command computes with: {@code --backend}, and its device and batch settings. */
final class BackendOptions {
    enum Kind { reference }

    @Option(names = "--backend", defaultValue = "reference",
            description = "Tensority implementation: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Kind kind;

    @Option(names = "--threads", description = "CPU threads of the reference backend (default: all cores).")
    Integer threads;

    TensorityBackend open() {
        return new ReferenceBackend(threads == null ? Runtime.getRuntime().availableProcessors() : threads);
    }
}
