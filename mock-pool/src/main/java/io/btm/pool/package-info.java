/**
 * The mock pool's entry point: {@link io.btm.pool.MockPool}, embedded in a test or run by the CLI jar.
 * Its value types are in {@link io.btm.pool.model}; everything under {@code internal} may change.
 */
package io.btm.pool;
