package io.btm.miner.cli;

import sun.misc.Signal;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the miner with the JDK's signal chaining library preloaded. PoCL's LLVM installs its own
 * SIGSEGV and SIGBUS handlers (one-shot, {@code SA_RESETHAND}) over the JVM's, which uses those
 * signals itself, for safepoint polls and implicit null checks: two threads faulting at once then
 * kill the process with a bare "Segmentation fault". With {@code libjsig.so} preloaded, the JVM's
 * handlers stay in place and chain to the library's. The relaunch needs no flag from the user.
 */
public final class SignalChaining {
    private static final String PRELOAD = "LD_PRELOAD";

    private SignalChaining() {
    }

    /** The library to preload where this JVM runs without it (Linux only), else null. */
    public static Path missingLibrary() {
        Path library = Path.of(System.getProperty("java.home"), "lib", "libjsig.so");
        String preloaded = System.getenv(PRELOAD);
        boolean linux = System.getProperty("os.name").toLowerCase().contains("linux");
        if (!linux || !Files.isRegularFile(library) || (preloaded != null && preloaded.contains("libjsig"))) {
            return null;
        }
        return library;
    }

    /**
     * Runs {@code mainClass} with these arguments again in a JVM with the library preloaded;
     * forwards Ctrl-C and SIGTERM; returns its exit status.
     */
    public static int relaunch(Path library, Class<?> mainClass, String[] args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        Map<String, String> env = builder.environment();
        String preloaded = env.get(PRELOAD);
        env.put(PRELOAD, preloaded == null || preloaded.isBlank() ? library.toString() : library + ":" + preloaded);
        Process child = builder.start();
        for (String name : new String[]{"INT", "TERM"}) {
            Signal.handle(new Signal(name), signal -> child.destroy()); // SIGTERM: the child stops cleanly
        }
        return child.waitFor();
    }
}
