package io.btm.core.tensority;

/**
 * How the reference computes a chain's folded products, A = fold(A × Mᵀ): both exact, on every
 * golden vector; {@link Tensority#hash(byte[], MatrixCache)} uses the fastest one this JVM runs
 * well ({@link Tensority#path()}).
 */
public enum ProductPath {
    /** Plain loops that C2 auto-vectorizes: runs everywhere. */
    SCALAR,
    /**
     * The Vector API ({@code jdk.incubator.vector}): 4 rows of A × 4 vectors of columns in
     * registers. Needs the JVM flag {@code --add-modules jdk.incubator.vector}.
     */
    VECTOR;

    /** Whether this JVM can run the path at all (the vector one needs its module). */
    public boolean available() {
        return this == SCALAR || ProductPaths.vectorModulePresent();
    }
}
