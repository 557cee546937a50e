package io.btm.core.tensority;

import java.util.Arrays;

import static io.btm.core.tensority.MatrixCache.DIM;

/**
 * The product in plain loops: two rows of A and four rows of Mᵀ per pass, so each loaded row serves
 * twice and each accumulator load four times (measured best on C2's auto-vectorizer); 16-bit lanes
 * wrap exactly as the kept bits do.
 */
final class ScalarProduct implements FoldedProduct {
    static final ScalarProduct INSTANCE = new ScalarProduct();

    private ScalarProduct() {
    }

    @Override
    public void multiply(short[] a, short[][] rows, int base, short[] scratch) {
        short[] acc0 = new short[DIM];
        short[] acc1 = new short[DIM];
        for (int i = 0; i < DIM; i += 2) {
            int r0 = i * DIM;
            int r1 = r0 + DIM;
            Arrays.fill(acc0, (short) 0);
            Arrays.fill(acc1, (short) 0);
            for (int k = 0; k < DIM; k += 4) {
                short a0 = a[r0 + k], a1 = a[r0 + k + 1], a2 = a[r0 + k + 2], a3 = a[r0 + k + 3];
                short b0 = a[r1 + k], b1 = a[r1 + k + 1], b2 = a[r1 + k + 2], b3 = a[r1 + k + 3];
                short[] m0 = rows[base + k], m1 = rows[base + k + 1], m2 = rows[base + k + 2], m3 = rows[base + k + 3];
                for (int j = 0; j < DIM; j++) {
                    short x0 = m0[j], x1 = m1[j], x2 = m2[j], x3 = m3[j];
                    acc0[j] = (short) (acc0[j] + a0 * x0 + a1 * x1 + a2 * x2 + a3 * x3);
                    acc1[j] = (short) (acc1[j] + b0 * x0 + b1 * x1 + b2 * x2 + b3 * x3);
                }
            }
            for (int j = 0; j < DIM; j++) {
                a[r0 + j] = FoldedProduct.fold(acc0[j]);
                a[r1 + j] = FoldedProduct.fold(acc1[j]);
            }
        }
    }
}
