package io.btm.core.tensority;

import io.btm.core.util.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.btm.core.tensority.MatrixCache.DIM;
import static io.btm.core.tensority.MatrixCache.MATRIX_SIZE;

/**
 * Which {@link ProductPath} the reference uses. The scalar loop from the start; the vector path
 * once a warm-up on a thread of its own has shown, on this JVM, that it gives the scalar loop's
 * result on a pseudo-random product and is compiled to vector instructions (at least
 * {@link #MIN_SPEED_UP} times as fast). The Vector API falls back to plain Java, hundreds of times
 * slower, where C2 does not intrinsify it; that must never become the reference's speed.
 *
 * <p>Thread-safe: the selection is one volatile write.
 */
final class ProductPaths {
    private static final Logger LOG = LoggerFactory.getLogger(ProductPaths.class);
    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final double MIN_SPEED_UP = 1.5;
    /** Turns of both paths before the first comparison: enough for C2 to have compiled both. */
    private static final int MIN_TURNS = 20;
    private static final long WARM_UP_MILLIS = 30_000;
    private static final long RETRY_MILLIS = 60_000;
    private static final int ATTEMPTS = 5;

    private static volatile FoldedProduct selected = ScalarProduct.INSTANCE;
    private static volatile String why = "warming up";
    /** Open once the first warm-up has decided, either way. */
    private static final CountDownLatch FIRST_DECISION = new CountDownLatch(1);

    static {
        if (vectorModulePresent()) {
            Thread warmUp = DaemonThreads.named("tensority-warm-up").newThread(ProductPaths::tryVector);
            warmUp.setPriority(Thread.MIN_PRIORITY);
            warmUp.start();
        } else {
            why = "the JVM runs without --add-modules " + VECTOR_MODULE;
            FIRST_DECISION.countDown();
        }
    }

    /** Waits, up to the timeout, until the first warm-up has decided; the path in use then. */
    static ProductPath awaitFirstDecision(Duration timeout) throws InterruptedException {
        FIRST_DECISION.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return path();
    }

    private ProductPaths() {
    }

    static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    static FoldedProduct selected() {
        return selected;
    }

    static ProductPath path() {
        return selected == ScalarProduct.INSTANCE ? ProductPath.SCALAR : ProductPath.VECTOR;
    }

    /** Why the scalar loop is in use, or which vector width is: for logs. */
    static String describe() {
        return path() == ProductPath.VECTOR ? "vector (" + why + ")" : "scalar (" + why + ")";
    }

    static FoldedProduct of(ProductPath path) {
        if (!path.available()) {
            throw new IllegalStateException("the " + path + " product path needs --add-modules " + VECTOR_MODULE);
        }
        return path == ProductPath.SCALAR ? ScalarProduct.INSTANCE : vector();
    }

    /** Loaded by name: the class links against the incubator module, which may be absent. */
    private static FoldedProduct vector() {
        try {
            return (FoldedProduct) Class.forName(ProductPaths.class.getPackageName() + ".VectorProduct")
                    .getDeclaredField("INSTANCE").get(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("the vector product path cannot load: " + e, e);
        }
    }

    /**
     * The warm-up thread: {@link #proveVector} in windows of {@link #WARM_UP_MILLIS}, a pause
     * between them, so that a machine too busy for C2 to compile the vector path in one window is
     * not kept busier by the warm-up.
     */
    private static void tryVector() {
        try {
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                if (proveVector(Duration.ofMillis(WARM_UP_MILLIS))) {
                    return;
                }
                LOG.warn("Tensority reference: {}; the scalar loop until a later try ({} of {})", why, attempt, ATTEMPTS);
                FIRST_DECISION.countDown();
                Thread.sleep(RETRY_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IllegalStateException ruledOut) {
            // logged where it was found; the scalar loop stays
        }
    }

    /**
     * Runs the two paths in turns on the same pseudo-random product until the vector one has been
     * exact every time and, at its best, {@link #MIN_SPEED_UP} times as fast as the loop at its best
     * (turns, so that a busy machine slows both alike), then selects it; or until the window closes.
     * A vector product that differs from the loop's, or fails, rules the vector path out for good.
     *
     * @return whether the vector path is selected now
     */
    static boolean proveVector(Duration window) {
        if (path() == ProductPath.VECTOR) {
            return true;
        }
        try {
            FoldedProduct vector = vector();
            SplittableRandom random = new SplittableRandom(1);
            short[][] rows = new short[DIM][DIM];
            for (short[] row : rows) {
                for (int j = 0; j < DIM; j++) {
                    row[j] = (short) (random.nextInt(256) - 128);
                }
            }
            short[] a = new short[MATRIX_SIZE];
            for (int n = 0; n < MATRIX_SIZE; n++) {
                a[n] = (short) (random.nextInt(256) - 128);
            }
            short[] scratch = new short[MATRIX_SIZE];
            short[] expected = a.clone();
            ScalarProduct.INSTANCE.multiply(expected, rows, 0, scratch);
            long scalarNanos = Long.MAX_VALUE;
            long vectorNanos = Long.MAX_VALUE;
            long deadline = System.nanoTime() + window.toNanos();
            for (int turn = 0; System.nanoTime() < deadline; turn++) {
                scalarNanos = Math.min(scalarNanos, time(ScalarProduct.INSTANCE, a, rows, scratch, null));
                vectorNanos = Math.min(vectorNanos, time(vector, a, rows, scratch, expected));
                if (turn >= MIN_TURNS && vectorNanos * MIN_SPEED_UP <= scalarNanos) {
                    why = VectorProduct.width() + ", " + String.format("%.1f", scalarNanos / (double) vectorNanos)
                            + "× the scalar loop";
                    selected = vector;
                    LOG.info("Tensority reference: vector product path, {}", why);
                    FIRST_DECISION.countDown();
                    return true;
                }
            }
            why = "the vector product is not compiled to vector instructions here yet (" + vectorNanos / 1000
                    + " µs a product against the loop's " + scalarNanos / 1000 + ")";
            return false;
        } catch (WrongProduct e) {
            why = "the vector product differs from the scalar loop";
            LOG.error("Tensority reference: {}; staying on the scalar loop", why);
        } catch (RuntimeException | LinkageError e) {
            why = "the vector product failed: " + e;
            LOG.warn("Tensority reference: {}; staying on the scalar loop", why);
        }
        FIRST_DECISION.countDown();
        throw new IllegalStateException(why);
    }

    /** Thrown where the vector path's product is not the loop's: a bug, never a reason to retry. */
    private static final class WrongProduct extends RuntimeException {
        WrongProduct() {
            super(null, null, false, false);
        }
    }

    /** One product's time; checked against {@code expected} unless that is null. */
    private static long time(FoldedProduct product, short[] a, short[][] rows, short[] scratch, short[] expected) {
        short[] got = a.clone();
        long start = System.nanoTime();
        product.multiply(got, rows, 0, scratch);
        long nanos = System.nanoTime() - start;
        if (expected != null && !Arrays.equals(got, expected)) {
            throw new WrongProduct();
        }
        return nanos;
    }
}
