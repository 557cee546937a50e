package io.btm.bench;

import io.btm.core.difficulty.Difficulty;
import io.btm.core.difficulty.ShareTarget;
import io.btm.core.stratum.Job;
import io.btm.core.stratum.StratumMessage;
import io.btm.core.tensority.MatrixCacheStore;
import io.btm.core.stratum.wire.StratumEncoder;
import io.btm.pool.MockPool;
import io.btm.pool.internal.engine.JobBoard;
import io.btm.pool.internal.engine.ShareValidator;
import io.btm.pool.model.PoolConfig;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The mock pool's two costs: shares verified per second (a full reference hash each, on both
 * cores, on the product path the pool selects: the vector one once its warm-up has proved it), and
 * the time from a new job to its arrival at 1,000 logged-in sessions on loopback.
 * Run with {@code ci/bench.sh PoolBenchmark}.
 */
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
public class PoolBenchmark {
    private static final int SESSIONS = 1000;

    @State(Scope.Benchmark)
    public static class Validation {
        final ShareValidator validator = new ShareValidator(new MatrixCacheStore(1));
        final AtomicLong nonces = new AtomicLong();
        Job job;
        BigInteger blockBound;

        @Setup
        public void issueJob() {
            job = new JobBoard(PoolConfig.INITIAL_SEED, PoolConfig.GENESIS_BITS, 1000, Long::toString).current()
                    .forSession(1L << 40, ShareTarget.parseHex("ffffffff"));
            blockBound = Difficulty.compactToBig(job.template().bits());
            validator.validate(job, job.target().value(), blockBound, 0, null); // builds the cache outside the measurement
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(2)
    public Object sharesVerified(Validation state) {
        return state.validator.validate(state.job, state.job.target().value(), state.blockBound, state.nonces.incrementAndGet(), null);
    }

    @State(Scope.Benchmark)
    public static class ThousandSessions {
        MockPool pool;
        EventLoopGroup clients;
        final List<Channel> channels = new ArrayList<>();
        // Swapped per broadcast by the benchmark thread; counted down by client event loops.
        final AtomicReference<CountDownLatch> jobsSeen = new AtomicReference<>(new CountDownLatch(SESSIONS));

        @Setup
        public void connect() throws InterruptedException {
            pool = MockPool.start(PoolConfig.builder().target(ShareTarget.parseHex("ffffffff")).build());
            clients = new NioEventLoopGroup(2);
            Bootstrap bootstrap = new Bootstrap().group(clients).channel(NioSocketChannel.class).handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(new LineBasedFrameDecoder(64 * 1024), StratumEncoder.LINES,
                            new SimpleChannelInboundHandler<Object>() {
                                @Override
                                protected void channelRead0(ChannelHandlerContext ctx, Object line) {
                                    jobsSeen.get().countDown(); // the login reply, then each job
                                }
                            });
                }
            });
            for (int i = 0; i < SESSIONS; i++) {
                Channel channel = bootstrap.connect("127.0.0.1", pool.stratumPort()).sync().channel();
                channel.writeAndFlush(StratumMessage.request(1, "login", StratumMessage.object().put("login", "bench." + i)));
                channels.add(channel);
            }
            if (!jobsSeen.get().await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not every session logged in");
            }
        }

        @TearDown
        public void close() {
            channels.forEach(Channel::close);
            clients.shutdownGracefully();
            pool.close();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void jobBroadcastTo1000Sessions(ThousandSessions state) throws InterruptedException {
        CountDownLatch seen = new CountDownLatch(SESSIONS);
        state.jobsSeen.set(seen);
        state.pool.newJob();
        if (!seen.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("a session missed the job");
        }
    }
}
