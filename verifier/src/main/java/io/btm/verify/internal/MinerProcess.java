package io.btm.verify.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The miner under test as a child process, its output in a log file. Stopped as a person would:
 * SIGTERM to it and everything it started, then SIGKILL after a grace period.
 */
public final class MinerProcess implements AutoCloseable {
    private static final long GRACE_SECONDS = 5;
    private final Process process;
    private final Path log;

    private MinerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static MinerProcess start(List<String> command, Path log) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            return new MinerProcess(process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the miner (" + String.join(" ", command) + "): " + e.getMessage(), e);
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** The exit status if it has ended, else null. */
    public Integer exitStatus() {
        return process.isAlive() ? null : process.exitValue();
    }

    @Override
    public void close() {
        List<ProcessHandle> family = process.descendants().toList();
        process.destroy();
        family.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(GRACE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            for (ProcessHandle member : family) {
                member.onExit().completeOnTimeout(null, GRACE_SECONDS, TimeUnit.SECONDS).join();
                member.destroyForcibly();
            }
            process.waitFor(GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            family.forEach(ProcessHandle::destroyForcibly);
            Thread.currentThread().interrupt();
        }
    }
}
