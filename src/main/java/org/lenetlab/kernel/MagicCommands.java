package org.lenetlab.kernel;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.github.spencerpark.jupyter.kernel.magic.MagicParser;
import io.github.spencerpark.jupyter.kernel.util.GlobFinder;

/**
 * The kernel's magics, IJava's plus timing:
 * <ul>
 *   <li>{@code %classpath} shows the class path; {@code %classpath add PATH...} (or {@code %classpath PATH...})
 *       adds jars or class folders;</li>
 *   <li>{@code %jars GLOB...} adds the jars matching each glob ({@code lib/*.jar}, or {@code ~/jars/**}{@code /*.jar} for all folders below);</li>
 *   <li>{@code %load FILE} runs a {@code .java}/{@code .jsh} file, or the code cells of an {@code .ipynb}, in this
 *       session;</li>
 *   <li>{@code %maven GROUP:ARTIFACT:VERSION...} resolves artifacts with their dependencies and adds them
 *       ({@link MavenResolver}); {@code %maven --repo URL ...} and {@code %mavenRepo ID URL} add repositories;</li>
 *   <li>{@code %time CODE} and {@code %%time} run code and print its wall-clock and CPU time;</li>
 *   <li>{@code %lsmagic} lists them.</li>
 * </ul>
 * A magic stands on its own line; Java code before and after it runs in order. A failing magic is a cell error.
 */
final class MagicCommands {
    /** A line magic: {@code %name raw arguments}. */
    @FunctionalInterface
    interface LineMagic {
        JavaEvaluator.Result run(String rawArgs, List<String> args, CellContext cell) throws Exception;
    }

    /** A cell magic: {@code %%name raw arguments} on the first line, the body below. */
    @FunctionalInterface
    interface CellMagic {
        JavaEvaluator.Result run(String rawArgs, List<String> args, String body, CellContext cell) throws Exception;
    }

    private final KernelSession session;
    private final Map<String, LineMagic> lineMagics = new TreeMap<>();
    private final Map<String, CellMagic> cellMagics = new TreeMap<>();
    private MavenResolver resolver;

    MagicCommands(KernelSession session) {
        this.session = session;
        lineMagics.put("classpath", this::classpath);
        lineMagics.put("jars", this::jars);
        lineMagics.put("load", this::load);
        lineMagics.put("maven", this::maven);
        lineMagics.put("mavenRepo", this::mavenRepo);
        lineMagics.put("time", (raw, args, cell) -> timed(() -> session.runParts(raw, cell), cell));
        lineMagics.put("lsmagic", (raw, args, cell) -> {
            System.out.println("Line magics: " + String.join("  ", lineMagics.keySet().stream().map(n -> "%" + n)
                    .toList()));
            System.out.println("Cell magics: " + String.join("  ", cellMagics.keySet().stream().map(n -> "%%" + n)
                    .toList()));
            return JavaEvaluator.Result.NONE;
        });
        cellMagics.put("time", (raw, args, body, cell) -> timed(() -> session.runParts(body, cell), cell));
    }

    /** @return the names of the line magics, without {@code %} */
    List<String> lineMagicNames() {
        return List.copyOf(lineMagics.keySet());
    }

    /** @return the names of the cell magics, without {@code %%} */
    List<String> cellMagicNames() {
        return List.copyOf(cellMagics.keySet());
    }

    /**
     * @param line a line starting with {@code %}
     * @param cell the running cell
     * @return the magic's value or error
     */
    JavaEvaluator.Result runLineMagic(String line, CellContext cell) {
        String call = line.substring(1);
        String name = call.split("\\s+", 2)[0];
        String raw = call.substring(name.length()).strip();
        LineMagic magic = lineMagics.get(name);
        if (magic == null && name.startsWith("%")) {
            return unknown("%" + name, "a cell magic must be the first line of its cell");
        }
        if (magic == null) {
            return unknown("%" + name, "%lsmagic lists the magics");
        }
        return apply("%" + name, () -> magic.run(raw, Arguments.tokens(raw), cell));
    }

    /**
     * @param source a cell whose first line is {@code %%name args}
     * @param cell   the running cell
     * @return the magic's value or error
     */
    JavaEvaluator.Result runCellMagic(String source, CellContext cell) {
        String stripped = source.stripLeading();
        int newline = stripped.indexOf('\n');
        String first = newline < 0 ? stripped : stripped.substring(0, newline);
        String body = newline < 0 ? "" : stripped.substring(newline + 1);
        String call = first.substring(2).strip();
        String name = call.split("\\s+", 2)[0];
        String raw = call.substring(name.length()).strip();
        CellMagic magic = cellMagics.get(name);
        if (magic == null) {
            return unknown("%%" + name, lineMagics.containsKey(name) ? "%" + name + " is a line magic: write it "
                    + "with one %" : "%lsmagic lists the magics");
        }
        return apply("%%" + name, () -> magic.run(raw, Arguments.tokens(raw), body, cell));
    }

    private static JavaEvaluator.Result unknown(String what, String hint) {
        String message = what + " is not a magic of this kernel; " + hint;
        return JavaEvaluator.Result.failed(new CellError("UnknownMagic", message, List.of("UnknownMagic: " + message)));
    }

    private interface MagicCall {
        JavaEvaluator.Result call() throws Exception;
    }

    private static JavaEvaluator.Result apply(String what, MagicCall call) {
        try {
            return call.call();
        } catch (MagicException e) {
            return JavaEvaluator.Result.failed(new CellError("MagicError", what + ": " + e.getMessage(),
                    List.of("MagicError: " + what + ": " + e.getMessage())));
        } catch (Exception e) {
            String message = what + ": " + e;
            return JavaEvaluator.Result.failed(new CellError(e.getClass().getSimpleName(), message,
                    List.of(message)));
        }
    }

    /** A magic's own error: its message is shown as it is. */
    static final class MagicException extends Exception {
        private static final long serialVersionUID = 1L;

        MagicException(String message) {
            super(message);
        }
    }

    // ------------------------------------------------------------------ the magics

    private JavaEvaluator.Result classpath(String raw, List<String> args, CellContext cell) throws MagicException {
        List<String> paths = !args.isEmpty() && args.get(0).equals("add") ? args.subList(1, args.size()) : args;
        if (paths.isEmpty()) {
            if (!args.isEmpty()) {
                throw new MagicException("give the jars or folders to add, e.g. %classpath add lib/extra.jar");
            }
            for (String entry : session.classPath()) {
                System.out.println(entry);
            }
            return JavaEvaluator.Result.NONE;
        }
        List<Path> entries = new ArrayList<>();
        for (String p : paths) {
            Path path = Paths.resolve(p);
            if (!Files.exists(path)) {
                throw new MagicException(path + " does not exist");
            }
            entries.add(path);
        }
        session.addToClasspath(entries);
        System.out.println("Added to the class path: " + String.join(", ", entries.stream().map(Path::toString)
                .toList()));
        return JavaEvaluator.Result.NONE;
    }

    private JavaEvaluator.Result jars(String raw, List<String> args, CellContext cell) throws Exception {
        if (args.isEmpty()) {
            throw new MagicException("give one or more globs, e.g. %jars lib/*.jar");
        }
        List<Path> jars = new ArrayList<>();
        for (String glob : args) {
            List<Path> matched = new ArrayList<>();
            try {
                for (Path p : new GlobFinder(Paths.expandHome(glob)).computeMatchingFiles()) {
                    if (p.getFileName().toString().endsWith(".jar")) {
                        matched.add(p.toAbsolutePath().normalize());
                    }
                }
            } catch (java.nio.file.NoSuchFileException e) {
                throw new MagicException("no jar matches " + glob + ": " + e.getFile() + " does not exist");
            }
            if (matched.isEmpty()) {
                throw new MagicException("no jar matches " + glob + " (relative to "
                        + Path.of("").toAbsolutePath() + ")");
            }
            jars.addAll(matched);
        }
        session.addToClasspath(jars);
        System.out.println("Added " + jars.size() + (jars.size() == 1 ? " jar" : " jars") + " to the class path");
        return JavaEvaluator.Result.NONE;
    }

    private synchronized MavenResolver resolver() throws MagicException {
        if (resolver == null) {
            try {
                resolver = new MavenResolver(session.options().effectiveMavenLocalRepository(),
                        session.options().mavenRepositories());
            } catch (LinkageError e) {
                throw new MagicException("Maven's resolver is not on the kernel's class path (" + e.getMessage()
                        + "); add jars with %jars instead");
            }
        }
        return resolver;
    }

    private JavaEvaluator.Result maven(String raw, List<String> args, CellContext cell) throws MagicException {
        List<String> coordinates = new ArrayList<>();
        MavenResolver maven = resolver();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--repo")) {
                if (i + 1 >= args.size()) {
                    throw new MagicException("--repo needs a URL, e.g. %maven --repo https://jitpack.io g:a:v");
                }
                String url = args.get(++i);
                maven.addRepository("repo-" + Integer.toHexString(url.hashCode()), url);
            } else {
                coordinates.add(args.get(i));
            }
        }
        if (coordinates.isEmpty()) {
            throw new MagicException("give artifacts as group:artifact:version, e.g. "
                    + "%maven org.apache.commons:commons-math3:3.6.1");
        }
        List<Path> files = maven.resolve(coordinates, System.out::println);
        java.util.Set<String> onClassPath = new java.util.HashSet<>();
        for (String entry : session.classPath()) {
            onClassPath.add(Path.of(entry).getFileName().toString());
        }
        List<Path> fresh = new ArrayList<>();
        List<String> present = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (onClassPath.contains(name)) {
                present.add(name);
            } else {
                fresh.add(f);
            }
        }
        session.addToClasspath(fresh);
        System.out.println("Added " + fresh.size() + (fresh.size() == 1 ? " jar" : " jars") + ": "
                + String.join(", ", fresh.stream().map(p -> p.getFileName().toString()).toList())
                + (present.isEmpty() ? "" : " (already on the class path: " + String.join(", ", present) + ")"));
        return JavaEvaluator.Result.NONE;
    }

    private JavaEvaluator.Result mavenRepo(String raw, List<String> args, CellContext cell) throws MagicException {
        MavenResolver maven = resolver();
        if (args.isEmpty()) {
            maven.repositories().forEach(System.out::println);
            return JavaEvaluator.Result.NONE;
        }
        if (args.size() != 2) {
            throw new MagicException("give an id and a URL, e.g. %mavenRepo jitpack https://jitpack.io");
        }
        maven.addRepository(args.get(0), args.get(1));
        System.out.println("Repositories: " + String.join("; ", maven.repositories()));
        return JavaEvaluator.Result.NONE;
    }

    private JavaEvaluator.Result load(String raw, List<String> args, CellContext cell) throws Exception {
        if (args.size() != 1) {
            throw new MagicException("give one file: %load helpers.jsh, %load Code.java or %load other.ipynb");
        }
        Path file = Paths.resolve(args.get(0));
        if (!Files.isRegularFile(file)) {
            throw new MagicException(file + " is not a file");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<String> cells = name.endsWith(".ipynb") ? codeCells(file, text) : List.of(text);
        JavaEvaluator.Result last = JavaEvaluator.Result.NONE;
        for (int i = 0; i < cells.size(); i++) {
            String code = cells.get(i);
            last = CellSource.isCellMagic(code) ? runCellMagic(code, cell) : session.runParts(code, cell);
            if (last.failed()) {
                CellError e = last.error();
                List<String> trace = new ArrayList<>();
                String where = cells.size() > 1 ? file + ", code cell " + (i + 1) : file.toString();
                trace.add("in " + where + ":");
                trace.addAll(e.traceback());
                return JavaEvaluator.Result.failed(new CellError(e.name(), e.value() + " (in " + where + ")", trace));
            }
        }
        return last;
    }

    /** @return the sources of the code cells of a notebook (nbformat 4) */
    static List<String> codeCells(Path file, String json) throws MagicException {
        JsonElement root;
        try {
            root = JsonParser.parseString(json);
        } catch (RuntimeException e) {
            throw new MagicException(file + " is not a notebook: " + e.getMessage());
        }
        if (!root.isJsonObject() || !root.getAsJsonObject().has("cells")) {
            throw new MagicException(file + " is not a notebook (nbformat 4): it has no \"cells\"");
        }
        List<String> sources = new ArrayList<>();
        for (JsonElement c : root.getAsJsonObject().getAsJsonArray("cells")) {
            JsonObject cell = c.getAsJsonObject();
            if (!"code".equals(cell.get("cell_type").getAsString())) {
                continue;
            }
            JsonElement source = cell.get("source");
            if (source == null) {
                continue;
            }
            if (source.isJsonArray()) {
                StringBuilder sb = new StringBuilder();
                for (JsonElement line : (JsonArray) source) {
                    sb.append(line.getAsString());
                }
                sources.add(sb.toString());
            } else {
                sources.add(source.getAsString());
            }
        }
        return sources;
    }

    /** Runs code and prints its CPU time (all threads of the JVM: DL4J trains on several) and wall-clock time. */
    private static JavaEvaluator.Result timed(MagicCall code, CellContext cell) throws Exception {
        long cpu0 = processCpuNanos();
        long wall0 = System.nanoTime();
        JavaEvaluator.Result r = code.call();
        long wall = System.nanoTime() - wall0;
        long cpu = processCpuNanos() - cpu0;
        cell.output().write(OutputSink.Stream.STDOUT, (cpu >= 0 ? "CPU time: " + duration(cpu) + ", " : "")
                + "Wall time: " + duration(wall) + "\n");
        return r;
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    static String duration(long nanos) {
        if (nanos < 1_000_000L) {
            return String.format(Locale.ROOT, "%.0f µs", nanos / 1e3);
        }
        if (nanos < 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    /** Magic arguments split as IJava splits them (whitespace, quotes). */
    private static final class Arguments extends MagicParser {
        static List<String> tokens(String raw) {
            return raw.isBlank() ? List.of() : MagicParser.split(raw);
        }
    }

    /** Paths as the user types them: {@code ~} is the home folder, relative paths start at the kernel's folder. */
    static final class Paths {
        private Paths() {
        }

        static String expandHome(String path) {
            if (path.equals("~") || path.startsWith("~/")) {
                return System.getProperty("user.home") + path.substring(1);
            }
            return path;
        }

        static Path resolve(String path) {
            return Path.of(expandHome(path)).toAbsolutePath().normalize();
        }
    }
}
