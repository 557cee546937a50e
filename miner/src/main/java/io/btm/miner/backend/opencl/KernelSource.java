package io.btm.miner.backend.opencl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a device builds for a kernel shape: the shape's file of {@code kernels/} (or a kernel
 * developer's file in its place) and the reduction, with their {@code #include "…"} lines
 * resolved beside each file, since a program built from source strings has no include path; and
 * any {@code -D} definitions a developer adds to the build options.
 *
 * @param chainFile a file to build instead of the bundled chain kernel, or null
 * @param defines   extra definitions, each {@code NAME} or {@code NAME=VALUE}
 */
public record KernelSource(Path chainFile, List<String> defines) {
    public static final KernelSource BUNDLED = new KernelSource(null, List.of());
    static final String DIRECTORY = "kernels/";
    static final String REDUCE_FILE = "reduce.cl";
    private static final Pattern INCLUDE = Pattern.compile("(?m)^\\s*#\\s*include\\s+\"([^\"]+)\"\\s*$");
    private static final Pattern DEFINE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(=[^\\s\"']+)?");

    public KernelSource {
        defines = List.copyOf(defines);
        for (String define : defines) {
            if (!DEFINE.matcher(define).matches()) {
                throw new IllegalArgumentException("kernel definition '" + define + "': must be NAME or NAME=VALUE, without spaces or quotes");
            }
        }
    }

    /** The program's sources for a shape: its chain kernel, then the reduction. */
    String[] texts(KernelShape shape) {
        String chain = chainFile == null ? resolve(bundled(shape.sourceFile), null, new HashSet<>())
                : resolve(read(chainFile), chainFile.toAbsolutePath().getParent(), new HashSet<>());
        return new String[]{chain, resolve(bundled(REDUCE_FILE), null, new HashSet<>())};
    }

    /** The definitions as build options. */
    String options() {
        StringBuilder options = new StringBuilder();
        defines.forEach(define -> options.append(" -D").append(define));
        return options.toString();
    }

    /**
     * Replaces each include line by the named file, once (every header has a guard): from beside
     * the developer's file where it is there, else the bundled one.
     */
    private static String resolve(String text, Path directory, Set<String> included) {
        Matcher include = INCLUDE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (include.find()) {
            String name = include.group(1);
            String body = "";
            if (included.add(name)) {
                Path beside = directory == null ? null : directory.resolve(name);
                body = resolve(beside != null && Files.exists(beside) ? read(beside) : bundled(name), directory, included);
            }
            include.appendReplacement(out, Matcher.quoteReplacement(body));
        }
        include.appendTail(out);
        return out.toString();
    }

    private static String bundled(String name) {
        String resource = DIRECTORY + name;
        try (InputStream in = KernelSource.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from this build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("kernel source " + file + ": no such file");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
