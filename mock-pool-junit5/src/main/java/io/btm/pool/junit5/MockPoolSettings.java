package io.btm.pool.junit5;

import io.btm.pool.model.Dialect;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How {@link MockPoolExtension} configures the pool it gives a test: on the test method, or on
 * its class for every method without one. Anything not set keeps the pool's default (see
 * {@code PoolConfig.builder()}).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Inherited
public @interface MockPoolSettings {

    /** The real pool family to imitate. */
    Dialect dialect() default Dialect.BTMCPOOL;

    /** The share target as pools send it, little-endian hex, e.g. {@code ffffffff} for every hash; empty for {@link #difficulty}. */
    String target() default "";

    /** The share difficulty in the dialect's DIFF1 convention, where no {@link #target} is given. */
    long difficulty() default 1;

    /** The network bits of the jobs; 0 for the pool's default (the genesis block's, out of reach). */
    long bits() default 0;

    /** Also serve the mock node (get-work / submit-work) on a free port. */
    boolean node() default false;
}
