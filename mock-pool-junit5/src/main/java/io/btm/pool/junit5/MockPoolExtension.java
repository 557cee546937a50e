package io.btm.pool.junit5;

import io.btm.core.difficulty.ShareTarget;
import io.btm.pool.MockPool;
import io.btm.pool.model.PoolConfig;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

import java.math.BigInteger;

/**
 * Gives a test method a started {@link MockPool} as a parameter, configured by the
 * {@link MockPoolSettings} on the method or its class, and closes it when the method ends, passed
 * or failed. Every method gets a pool of its own on free loopback ports.
 *
 * <pre>{@code
 * @ExtendWith(MockPoolExtension.class)
 * class MinerTest {
 *     @Test
 *     @MockPoolSettings(target = "ffffffff")
 *     void everyShareIsAccepted(MockPool pool) throws InterruptedException {
 *         // point the miner at 127.0.0.1:pool.stratumPort(), then
 *         assertThat(pool.takeShare(Duration.ofSeconds(30)).verdict()).isEqualTo(Verdict.ACCEPTED);
 *     }
 * }
 * }</pre>
 */
public final class MockPoolExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MockPoolExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == MockPool.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        // Stored in the method's context, so JUnit closes it when the method ends.
        return extension.getStore(NAMESPACE).getOrComputeIfAbsent(StartedPool.class,
                key -> new StartedPool(MockPool.start(config(extension))), StartedPool.class).pool();
    }

    private static PoolConfig config(ExtensionContext extension) {
        MockPoolSettings settings = extension.getTestMethod()
                .flatMap(method -> AnnotationSupport.findAnnotation(method, MockPoolSettings.class))
                .or(() -> extension.getTestClass().flatMap(type -> AnnotationSupport.findAnnotation(type, MockPoolSettings.class)))
                .orElse(null);
        PoolConfig.Builder config = PoolConfig.builder();
        if (settings == null) {
            return config.build();
        }
        config.dialect(settings.dialect()).difficulty(BigInteger.valueOf(settings.difficulty()));
        if (!settings.target().isEmpty()) {
            config.target(ShareTarget.parseHex(settings.target()));
        }
        if (settings.bits() != 0) {
            config.chain(PoolConfig.INITIAL_SEED, settings.bits(), PoolConfig.builder().build().startHeight());
        }
        if (settings.node()) {
            config.node(0);
        }
        return config.build();
    }

    /** The store's handle on a pool: JUnit calls {@link #close} when the test method's context ends. */
    private record StartedPool(MockPool pool) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            pool.close();
        }
    }
}
