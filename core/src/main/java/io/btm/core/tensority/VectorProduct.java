package io.btm.core.tensority;

import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;

import static io.btm.core.tensority.MatrixCache.DIM;

/**
 * The product on the Vector API: a block of 4 rows of A × 4 vectors of columns (16 accumulators,
 * all in registers on AVX-512), so each row of Mᵀ loaded serves 4 rows and each broadcast of A
 * 4 vectors. Raw 16-bit sums go to the scratch buffer, {@link #K_STEP} k at a time, and each block
 * of 4 rows is folded once its sums are complete: folding inside the block would need more
 * registers than there are. 16-bit lanes wrap exactly as the kept bits do.
 *
 * <p>Loaded only where the module is present ({@link ProductPaths}); everything in
 * {@link #accumulate} must inline into it for C2 to keep the vectors in registers.
 */
final class VectorProduct implements FoldedProduct {
    static final VectorProduct INSTANCE = new VectorProduct();
    private static final VectorSpecies<Short> SPECIES = ShortVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final int ROWS = 4;
    private static final int BLOCK = 4 * LANES;
    /**
     * k per call of {@link #accumulate}: so few loop turns a call that C2 compiles the method as a
     * whole before its loop asks for an on-stack-replacement compile. JDK 17's C2 compiled the
     * 256-k loop on stack replacement with vectors it could not keep in registers in about one
     * launch in five (2.4–7 ms a product against 0.17, for the JVM's life); the price is one load
     * and store of the accumulators every 32 k.
     */
    private static final int K_STEP = 32;
    private static final short LOW_BYTE = 0xff;

    private VectorProduct() {
    }

    /** The vector width this JVM chose, for logs: e.g. "512-bit". */
    static String width() {
        return SPECIES.vectorBitSize() + "-bit";
    }

    @Override
    public void multiply(short[] a, short[][] rows, int base, short[] scratch) {
        for (int i = 0; i < DIM; i += ROWS) {
            Arrays.fill(scratch, i * DIM, (i + ROWS) * DIM, (short) 0);
            for (int j = 0; j < DIM; j += BLOCK) {
                for (int k = 0; k < DIM; k += K_STEP) {
                    accumulate(a, rows, base, scratch, i * DIM, j, k);
                }
            }
            fold(scratch, a, i * DIM);
        }
    }

    /**
     * Adds rows r0..r0+3 of A × columns j..j+BLOCK of Mᵀ, for k in [k0, k0 + K_STEP), to the raw
     * sums in the scratch buffer.
     */
    private static void accumulate(short[] a, short[][] rows, int base, short[] scratch, int r0, int j, int k0) {
        int r1 = r0 + DIM;
        int r2 = r1 + DIM;
        int r3 = r2 + DIM;
        ShortVector c00 = ShortVector.fromArray(SPECIES, scratch, r0 + j);
        ShortVector c01 = ShortVector.fromArray(SPECIES, scratch, r0 + j + LANES);
        ShortVector c02 = ShortVector.fromArray(SPECIES, scratch, r0 + j + 2 * LANES);
        ShortVector c03 = ShortVector.fromArray(SPECIES, scratch, r0 + j + 3 * LANES);
        ShortVector c10 = ShortVector.fromArray(SPECIES, scratch, r1 + j);
        ShortVector c11 = ShortVector.fromArray(SPECIES, scratch, r1 + j + LANES);
        ShortVector c12 = ShortVector.fromArray(SPECIES, scratch, r1 + j + 2 * LANES);
        ShortVector c13 = ShortVector.fromArray(SPECIES, scratch, r1 + j + 3 * LANES);
        ShortVector c20 = ShortVector.fromArray(SPECIES, scratch, r2 + j);
        ShortVector c21 = ShortVector.fromArray(SPECIES, scratch, r2 + j + LANES);
        ShortVector c22 = ShortVector.fromArray(SPECIES, scratch, r2 + j + 2 * LANES);
        ShortVector c23 = ShortVector.fromArray(SPECIES, scratch, r2 + j + 3 * LANES);
        ShortVector c30 = ShortVector.fromArray(SPECIES, scratch, r3 + j);
        ShortVector c31 = ShortVector.fromArray(SPECIES, scratch, r3 + j + LANES);
        ShortVector c32 = ShortVector.fromArray(SPECIES, scratch, r3 + j + 2 * LANES);
        ShortVector c33 = ShortVector.fromArray(SPECIES, scratch, r3 + j + 3 * LANES);
        for (int k = k0; k < k0 + K_STEP; k++) {
            short[] m = rows[base + k];
            ShortVector m0 = ShortVector.fromArray(SPECIES, m, j);
            ShortVector m1 = ShortVector.fromArray(SPECIES, m, j + LANES);
            ShortVector m2 = ShortVector.fromArray(SPECIES, m, j + 2 * LANES);
            ShortVector m3 = ShortVector.fromArray(SPECIES, m, j + 3 * LANES);
            short x0 = a[r0 + k], x1 = a[r1 + k], x2 = a[r2 + k], x3 = a[r3 + k];
            c00 = c00.add(m0.mul(x0));
            c01 = c01.add(m1.mul(x0));
            c02 = c02.add(m2.mul(x0));
            c03 = c03.add(m3.mul(x0));
            c10 = c10.add(m0.mul(x1));
            c11 = c11.add(m1.mul(x1));
            c12 = c12.add(m2.mul(x1));
            c13 = c13.add(m3.mul(x1));
            c20 = c20.add(m0.mul(x2));
            c21 = c21.add(m1.mul(x2));
            c22 = c22.add(m2.mul(x2));
            c23 = c23.add(m3.mul(x2));
            c30 = c30.add(m0.mul(x3));
            c31 = c31.add(m1.mul(x3));
            c32 = c32.add(m2.mul(x3));
            c33 = c33.add(m3.mul(x3));
        }
        c00.intoArray(scratch, r0 + j);
        c01.intoArray(scratch, r0 + j + LANES);
        c02.intoArray(scratch, r0 + j + 2 * LANES);
        c03.intoArray(scratch, r0 + j + 3 * LANES);
        c10.intoArray(scratch, r1 + j);
        c11.intoArray(scratch, r1 + j + LANES);
        c12.intoArray(scratch, r1 + j + 2 * LANES);
        c13.intoArray(scratch, r1 + j + 3 * LANES);
        c20.intoArray(scratch, r2 + j);
        c21.intoArray(scratch, r2 + j + LANES);
        c22.intoArray(scratch, r2 + j + 2 * LANES);
        c23.intoArray(scratch, r2 + j + 3 * LANES);
        c30.intoArray(scratch, r3 + j);
        c31.intoArray(scratch, r3 + j + LANES);
        c32.intoArray(scratch, r3 + j + 2 * LANES);
        c33.intoArray(scratch, r3 + j + 3 * LANES);
    }

    /** Rows r0..r0+3 of A = int8(low byte + second byte) of their raw sums, sign-extended by a shift up and back. */
    private static void fold(short[] scratch, short[] a, int r0) {
        for (int n = r0; n < r0 + ROWS * DIM; n += LANES) {
            ShortVector p = ShortVector.fromArray(SPECIES, scratch, n);
            ShortVector sum = p.and(LOW_BYTE).add(p.lanewise(VectorOperators.LSHR, 8).and(LOW_BYTE));
            sum.lanewise(VectorOperators.LSHL, 8).lanewise(VectorOperators.ASHR, 8).intoArray(a, n);
        }
    }
}
