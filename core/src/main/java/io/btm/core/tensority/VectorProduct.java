package io.btm.core.tensority;

import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import static io.btm.core.tensority.MatrixCache.DIM;
import static io.btm.core.tensority.MatrixCache.MATRIX_SIZE;

/**
 * The product on the Vector API: a block of 4 rows of A × 4 vectors of columns (16 accumulators,
 * all in registers on AVX-512), so each row of Mᵀ loaded serves 4 rows and each broadcast of A
 * 4 vectors. Raw 16-bit sums go to the scratch buffer and are folded in a separate pass: folding
 * inside the block would need more registers than there are. 16-bit lanes wrap exactly as the kept
 * bits do.
 *
 * <p>Loaded only where the module is present ({@link ProductPaths}); everything here must inline
 * into {@link #multiply} for C2 to keep the vectors in registers.
 */
final class VectorProduct implements FoldedProduct {
    static final VectorProduct INSTANCE = new VectorProduct();
    private static final VectorSpecies<Short> SPECIES = ShortVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final int BLOCK = 4 * LANES;
    private static final short LOW_BYTE = 0xff;

    private VectorProduct() {
    }

    /** The vector width this JVM chose, for logs: e.g. "512-bit". */
    static String width() {
        return SPECIES.vectorBitSize() + "-bit";
    }

    @Override
    public void multiply(short[] a, short[][] rows, int base, short[] scratch) {
        for (int i = 0; i < DIM; i += 4) {
            int r0 = i * DIM;
            int r1 = r0 + DIM;
            int r2 = r1 + DIM;
            int r3 = r2 + DIM;
            for (int j = 0; j < DIM; j += BLOCK) {
                ShortVector c00 = ShortVector.zero(SPECIES), c01 = c00, c02 = c00, c03 = c00;
                ShortVector c10 = c00, c11 = c00, c12 = c00, c13 = c00;
                ShortVector c20 = c00, c21 = c00, c22 = c00, c23 = c00;
                ShortVector c30 = c00, c31 = c00, c32 = c00, c33 = c00;
                for (int k = 0; k < DIM; k++) {
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
        }
        // fold: int8(low byte + second byte), sign-extended to 16 bits by a shift up and back
        for (int n = 0; n < MATRIX_SIZE; n += LANES) {
            ShortVector p = ShortVector.fromArray(SPECIES, scratch, n);
            ShortVector sum = p.and(LOW_BYTE).add(p.lanewise(VectorOperators.LSHR, 8).and(LOW_BYTE));
            sum.lanewise(VectorOperators.LSHL, 8).lanewise(VectorOperators.ASHR, 8).intoArray(a, n);
        }
    }
}
