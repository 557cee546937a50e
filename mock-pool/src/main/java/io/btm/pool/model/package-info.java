/**
 * The mock pool's documented value types: its configuration, the dialects it speaks, the verdicts
 * and records of shares, its stats, the sessions it holds and the faults a test can inject.
 */
package io.btm.pool.model;
