package io.btm.core.tensority;

import java.time.Duration;

/**
 * A JVM that only lets the reference choose its product path, for {@link ProductPathLaunchTest}:
 * the choice is logged by {@link ProductPaths}; this prints how long it took.
 */
public final class PathDecision {
    private PathDecision() {
    }

    public static void main(String[] args) throws InterruptedException {
        long start = System.nanoTime();
        ProductPath path = Tensority.awaitPath(Duration.ofSeconds(60));
        System.out.printf("%s after %.1f s%n", path, (System.nanoTime() - start) / 1e9);
        System.exit(0);
    }
}
