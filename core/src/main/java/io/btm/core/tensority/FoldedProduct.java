package io.btm.core.tensority;

/** One implementation of a chain step: A = fold(A × M_mᵀ), in place, over the cache's int16 rows. */
interface FoldedProduct {
    /**
     * @param a       the chain's matrix, row-major int8 values widened to int16; overwritten
     * @param rows    the cache, {@code rows[m·256 + k][j] = M_m[j][k]}
     * @param base    {@code m·256} for the step's matrix m
     * @param scratch a working buffer of {@link MatrixCache#MATRIX_SIZE} shorts, reused across steps
     */
    void multiply(short[] a, short[][] rows, int base, short[] scratch);

    /** int8(low byte + second byte) of a product entry, sign-extended for the next product. */
    static short fold(int product) {
        return (byte) ((product & 0xff) + ((product >> 8) & 0xff));
    }
}
