package io.btm.core.launch;

import sun.misc.Signal;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.ToIntFunction;

/**
 * Runs a jar's command in a JVM set up as the command {@linkplain Needs needs}, relaunching this one
 * where it is not, so that {@code java -jar} needs no flag from the user:
 * <ul>
 *   <li><b>The Vector API</b> ({@code --add-modules jdk.incubator.vector}): the reference's fast
 *       product path, for the miner's CPU re-check of every share and the pool's verification.</li>
 *   <li><b>Signal chaining</b> (Linux): the JDK's {@code libjsig.so} preloaded. PoCL's LLVM installs
 *       its own SIGSEGV and SIGBUS handlers (one-shot, {@code SA_RESETHAND}) over the JVM's, which
 *       uses those signals itself, for safepoint polls and implicit null checks: two threads
 *       faulting at once then kill the process with a bare "Segmentation fault". With the library
 *       preloaded, the JVM's handlers stay in place and chain to the library's.</li>
 * </ul>
 * One command stays one process to whoever runs it: the child is told its parent's pid and stops as
 * on SIGTERM when the parent is gone, however it went ({@code kill -9}, the OOM killer, a container
 * stop), so it never runs on unseen and holds no port a restart needs.
 */
public final class JvmRelaunch {
    private static final String PRELOAD = "LD_PRELOAD";
    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    /** Set on the relaunched child: the pid of the JVM that started it. */
    static final String PARENT_PID = "btm.parent-pid";
    /** How long the child may take to stop cleanly once its parent is gone, before it halts. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private JvmRelaunch() {
    }

    /** What a command's JVM needs beyond the JDK's defaults. */
    public enum Needs {
        /** The reference's vector product path. */
        VECTOR_API,
        /** That, and signal chaining for native libraries that install signal handlers of their own (PoCL's). */
        VECTOR_API_AND_SIGNAL_CHAINING
    }

    /**
     * A jar's {@code main}: the command's exit status, run here if this JVM is set up, else in a
     * relaunched one (whose own {@code main} comes back here and runs it).
     */
    public static int run(Class<?> mainClass, String[] args, Needs needs, ToIntFunction<String[]> command) throws Exception {
        stopWithParent();
        if (System.getProperty(PARENT_PID) != null || (signalChainingLibrary(needs).isEmpty() && vectorModulePresent())) {
            return command.applyAsInt(args); // relaunched already, or nothing to add
        }
        return relaunch(mainClass, args, needs);
    }

    /** The library to preload where the command needs it and this JVM runs without it (Linux only). */
    private static Optional<Path> signalChainingLibrary(Needs needs) {
        if (needs != Needs.VECTOR_API_AND_SIGNAL_CHAINING) {
            return Optional.empty();
        }
        Path library = Path.of(System.getProperty("java.home"), "lib", "libjsig.so");
        String preloaded = System.getenv(PRELOAD);
        boolean linux = System.getProperty("os.name").toLowerCase().contains("linux");
        if (!linux || !Files.isRegularFile(library) || (preloaded != null && preloaded.contains("libjsig"))) {
            return Optional.empty();
        }
        return Optional.of(library);
    }

    private static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    /** Runs {@code mainClass} with these arguments again, set up; forwards Ctrl-C and SIGTERM; returns its exit status. */
    private static int relaunch(Class<?> mainClass, String[] args, Needs needs) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        if (!vectorModulePresent()) {
            command.add("--add-modules=" + VECTOR_MODULE);
        }
        command.add("-D" + PARENT_PID + "=" + ProcessHandle.current().pid());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        Optional<Path> library = signalChainingLibrary(needs);
        if (library.isPresent()) {
            Map<String, String> env = builder.environment();
            String preloaded = env.get(PRELOAD);
            env.put(PRELOAD, preloaded == null || preloaded.isBlank() ? library.get().toString() : library.get() + ":" + preloaded);
        }
        Process child = builder.start();
        for (String name : new String[]{"INT", "TERM"}) {
            Signal.handle(new Signal(name), signal -> child.destroy()); // SIGTERM: the child stops cleanly
        }
        return child.waitFor();
    }

    /**
     * In a relaunched child: once the parent is gone, raises SIGTERM on this process, so the command
     * stops as it does on SIGTERM, and halts it should that take longer than {@link #STOP_GRACE}.
     * Does nothing in a JVM that was not relaunched.
     */
    private static void stopWithParent() {
        String parent = System.getProperty(PARENT_PID);
        if (parent == null) {
            return;
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(Long.parseLong(parent));
        CompletableFuture<?> gone = handle.isPresent() ? handle.get().onExit() : CompletableFuture.completedFuture(null);
        gone.thenRun(() -> {
            Signal.raise(new Signal("TERM"));
            Thread halt = new Thread(() -> {
                try {
                    Thread.sleep(STOP_GRACE.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
                Runtime.getRuntime().halt(143);
            }, "halt-without-parent");
            halt.setDaemon(true); // a clean stop exits first
            halt.start();
        });
    }
}
