// The workgroup chain kernel: the first GPU shape, a column of the product per work-item.
#include "tensority.h"

// One work-group of 256 per chain, work-item j owning column j: the shape for GPUs. Each
// work-item holds row j of the step's matrix in registers, and ROWS rows of A at a time are
// staged in local memory for all 256 work-items to read. Work-item j reads and writes only
// column j of A in global memory, so no global barrier is needed.
#ifndef ROWS
#define ROWS 16
#endif
__kernel __attribute__((reqd_work_group_size(DIM, 1, 1)))
void tensority_chain_workgroup(__global const short *cache,
                               __global const uchar *sequences,
                               __global char *chains) {
    const size_t chain = get_group_id(0);
    const int j = get_local_id(0);
    __global const uchar *sequence = sequences + chain * SEQUENCE;
    __global char *a = chains + chain * MATRIX;
    __local char rows[ROWS * DIM];

    __global const short *first = cache + (size_t) sequence[0] * MATRIX;
    for (int i = 0; i < DIM; i++) {
        a[i * DIM + j] = fold1(first[i * DIM + j]);
    }

    for (int step = 1; step < PRODUCTS; step++) {
        __global const short *m = cache + (size_t) sequence[step % SEQUENCE] * MATRIX;
        char mj[DIM];   // M[j][k] for every k: this work-item's column of the product
#pragma unroll 16
        for (int k = 0; k < DIM; k++) {
            mj[k] = (char) m[k * DIM + j];
        }
        for (int i0 = 0; i0 < DIM; i0 += ROWS) {
            for (int r = 0; r < ROWS; r++) {
                rows[r * DIM + j] = a[(i0 + r) * DIM + j];
            }
            barrier(CLK_LOCAL_MEM_FENCE);
            short acc[ROWS];
            for (int r = 0; r < ROWS; r++) {
                acc[r] = 0;
            }
            for (int k = 0; k < DIM; k++) {
                const short x = mj[k];
#pragma unroll
                for (int r = 0; r < ROWS; r++) {
                    acc[r] += rows[r * DIM + k] * x;
                }
            }
            for (int r = 0; r < ROWS; r++) {
                a[(i0 + r) * DIM + j] = fold1(acc[r]);
            }
            barrier(CLK_LOCAL_MEM_FENCE);
        }
    }
}

