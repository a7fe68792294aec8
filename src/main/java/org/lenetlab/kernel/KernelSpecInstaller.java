package org.lenetlab.kernel;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import org.lenetlab.io.AtomicFiles;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Installs the kernelspec that lets Jupyter (Lab, Notebook, VS Code, nbclient) start our kernel: a directory
 * {@code <data dir>/kernels/<name>/} with {@code kernel.json} (the Java command line, display name "Java (LeNet
 * Lab)", language java, interrupt mode message), the two logos and, unless turned off, a class-data-sharing
 * archive that makes the kernel start faster ({@link ClassDataArchive}). {@code kernel.json} is written last and
 * atomically, so Jupyter never sees a half-installed kernel.
 *
 * <pre>{@code
 * KernelSpecInstaller.builder().heap("4g").build().install(JupyterPaths.userDataDir());
 * }</pre>
 */
public final class KernelSpecInstaller {
    /** Kernel name (the directory name; what {@code --kernel_name} and notebooks' metadata refer to). */
    public static final String DEFAULT_NAME = "lenetlab";
    /** The name Jupyter shows in its launcher and kernel menu. */
    public static final String DISPLAY_NAME = "Java (LeNet Lab)";
    /** Maximum heap by default, as {@code ./lenet} uses. */
    public static final String DEFAULT_HEAP = "4g";
    /** The kernel's main class; it takes the connection file as its only argument. */
    public static final String LAUNCHER_CLASS = "org.lenetlab.kernel.KernelLauncher";
    /**
     * The JIT setting of a quick kernel: C1 only. javac, which compiles every cell, then warms up without waiting
     * for C2 compilations that compete for the cores; see BENCHMARKS.md "Jupyter kernel".
     */
    public static final String QUICK_JIT = "-XX:TieredStopAtLevel=1";
    /**
     * The parallel collector, as {@code ./lenet} uses: every ND4J array holds a little native memory that only the
     * collection of its Java object frees, and with G1 those objects piled up in the old generation (training grew
     * by ~150 MiB per epoch); with this collector and {@link #COMPACT_HEAP_MIN_FREE} it stays flat (BENCHMARKS.md).
     */
    public static final String THROUGHPUT_GC = "-XX:+UseParallelGC";
    /**
     * A young generation of at most 64 MiB, as {@code ./lenet} caps it: training allocates small, short-lived objects
     * at a steady rate, and the collector's own sizing grew the young generation to hundreds of MiB of garbage
     * (30 epochs of LeNet-5 at two threads peaked at 947 MiB resident, 757 MiB with the cap; BENCHMARKS.md).
     */
    public static final String SMALL_YOUNG_GENERATION = "-XX:MaxNewSize=64m";
    /**
     * The heap committed stays within 10–30 % of what is live, as {@code ./lenet} keeps it: training LeNet-5 then
     * peaks at under 600 MiB resident instead of ~1 GiB (BENCHMARKS.md).
     */
    public static final String COMPACT_HEAP_MIN_FREE = "-XX:MinHeapFreeRatio=10";
    /** See {@link #COMPACT_HEAP_MIN_FREE}. */
    public static final String COMPACT_HEAP_MAX_FREE = "-XX:MaxHeapFreeRatio=30";
    /** The spec file Jupyter reads. */
    public static final String KERNEL_JSON = "kernel.json";

    private static final String ARCHIVE_OPTION = "-XX:SharedArchiveFile=";
    private static final Pattern KERNEL_NAME = Pattern.compile("[a-zA-Z0-9._-]+");
    private static final Pattern HEAP = Pattern.compile("[1-9][0-9]*[kKmMgGtT]?");

    private final String name;
    private final String heap;
    private final Path java;
    private final List<Path> classPath;
    private final Path home;
    private final boolean classDataSharing;
    private final List<String> extraJvmOptions;
    private final boolean quickJit;

    private KernelSpecInstaller(Builder b) {
        this.name = b.name;
        this.heap = b.heap;
        this.java = b.java.toAbsolutePath();
        this.classPath = b.classPath.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        this.home = b.home.toAbsolutePath().normalize();
        this.classDataSharing = b.classDataSharing;
        this.extraJvmOptions = b.extraJvmOptions;
        this.quickJit = b.quickJit;
    }

    /** @return a builder with this JVM's defaults: its java, its class path, {@code lenetlab.home} or the cwd */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the kernel name */
    public String name() {
        return name;
    }

    /**
     * What an installation did.
     *
     * @param directory  the kernelspec directory
     * @param kernelJson the spec written
     * @param archive    how class-data sharing went, e.g. "archive created (38 MiB)", or why it is off
     */
    public record Installation(Path directory, JsonObject kernelJson, String archive) {
    }

    /**
     * Installs (or replaces) the kernelspec under a Jupyter data directory.
     *
     * @param dataDir e.g. {@link JupyterPaths#userDataDir()}
     * @return what was installed
     * @throws IOException if a file cannot be written (nothing half-written is left behind)
     */
    public Installation install(Path dataDir) throws IOException {
        Path dir = JupyterPaths.kernelDir(dataDir, name);
        Files.createDirectories(dir);
        AtomicFiles.write(dir.resolve("logo-32x32.png"), out -> out.write(KernelLogo.png(32)));
        AtomicFiles.write(dir.resolve("logo-64x64.png"), out -> out.write(KernelLogo.png(64)));
        String archiveNote;
        ClassDataArchive archive = null;
        if (classDataSharing) {
            ClassDataArchive candidate = new ClassDataArchive(dir, java, classPath, jvmOptions());
            try {
                archiveNote = candidate.create();
                archive = candidate;
            } catch (IOException | IllegalStateException e) {
                archiveNote = "class-data sharing off: " + e.getMessage();
                ClassDataArchive.remove(dir); // an older archive would not match this class path either
            }
        } else {
            ClassDataArchive.remove(dir);
            archiveNote = "class-data sharing off (--no-cds)";
        }
        JsonObject json = kernelJson(archive);
        byte[] bytes = (new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(json) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(dir.resolve(KERNEL_JSON), out -> out.write(bytes));
        return new Installation(dir, json, archiveNote);
    }

    /**
     * Whether a kernelspec of this name under {@code dataDir} can start the kernel as it is built now: its Java
     * exists, its class path is this installer's (a rebuild that changed the dependencies makes it stale) and the
     * class-data archive it names exists. Its heap and other options may differ: they are the user's choice, kept
     * by {@code ./lenet lab}.
     *
     * @param dataDir a Jupyter data directory
     * @return whether it is usable as it is
     */
    public boolean isUsable(Path dataDir) {
        Path spec = JupyterPaths.kernelDir(dataDir, name).resolve(KERNEL_JSON);
        if (!Files.isRegularFile(spec)) {
            return false;
        }
        try {
            JsonArray argv = JsonParser.parseString(Files.readString(spec, StandardCharsets.UTF_8)).getAsJsonObject()
                    .getAsJsonArray("argv");
            List<String> args = argv.asList().stream().map(e -> e.getAsString()).toList();
            int cp = args.indexOf("-cp");
            if (args.isEmpty() || !Files.isExecutable(Path.of(args.get(0))) || cp < 0 || cp + 1 >= args.size()) {
                return false;
            }
            List<Path> installedPath = new ArrayList<>(parseClassPath(args.get(cp + 1)));
            installedPath.removeIf(p -> p.getFileName().toString().equals(ClassDataArchive.BOOTSTRAP_JAR));
            if (!Set.copyOf(installedPath).equals(Set.copyOf(classPath)) || installedPath.size() != classPath.size()) {
                return false;
            }
            for (String arg : args) {
                if (arg.startsWith(ARCHIVE_OPTION) && !Files.isRegularFile(Path.of(arg.substring(ARCHIVE_OPTION.length())))) {
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The spec's content.
     *
     * @param archive the class-data archive to use, or {@code null} to start without one
     * @return {@code kernel.json}'s JSON
     */
    JsonObject kernelJson(ClassDataArchive archive) {
        JsonArray argv = new JsonArray();
        argv.add(java.toString());
        jvmOptions().forEach(argv::add);
        List<Path> path = classPath;
        if (archive != null) {
            archive.runtimeOptions().forEach(argv::add);
            path = archive.runtimeClassPath();
        }
        argv.add("-cp");
        argv.add(String.join(File.pathSeparator, path.stream().map(Path::toString).toList()));
        argv.add(LAUNCHER_CLASS);
        argv.add("{connection_file}");
        JsonObject json = new JsonObject();
        json.add("argv", argv);
        json.addProperty("display_name", DISPLAY_NAME);
        json.addProperty("language", "java");
        json.addProperty("interrupt_mode", "message");
        JsonObject metadata = new JsonObject();
        metadata.addProperty("debugger", false);
        json.add("metadata", metadata);
        return json;
    }

    /** Options of both the kernel and the archive's training run (the archive requires them to match). */
    private List<String> jvmOptions() {
        List<String> options = new ArrayList<>(List.of("-Xmx" + heap, THROUGHPUT_GC, SMALL_YOUNG_GENERATION,
                COMPACT_HEAP_MIN_FREE, COMPACT_HEAP_MAX_FREE,
                "-Djava.awt.headless=true", "-Dlenetlab.home=" + home));
        if (quickJit) {
            options.add(QUICK_JIT);
        }
        options.addAll(extraJvmOptions);
        return options;
    }

    /** Sets up a {@link KernelSpecInstaller}. */
    public static final class Builder {
        private String name = DEFAULT_NAME;
        private String heap = DEFAULT_HEAP;
        private Path java = Path.of(System.getProperty("java.home"), "bin",
                System.getProperty("os.name", "").startsWith("Windows") ? "java.exe" : "java");
        private List<Path> classPath = parseClassPath(System.getProperty("java.class.path"));
        private Path home = Path.of(System.getProperty("lenetlab.home", System.getProperty("user.dir")));
        private boolean classDataSharing = true;
        private List<String> extraJvmOptions = List.of();
        private boolean quickJit = true;

        private Builder() {
        }

        /**
         * @param on C1 only ({@link #QUICK_JIT}, the default: fastest start and cell compilation), or {@code false}
         *           for the full tiered JIT (C2 too: slower start, faster long-running pure-Java code)
         * @return this
         */
        public Builder quickJit(boolean on) {
            this.quickJit = on;
            return this;
        }

        /**
         * @param options further JVM options for the kernel, e.g. {@code -XX:ActiveProcessorCount=2}; the
         *                class-data archive is made with them too
         * @return this
         */
        public Builder jvmOptions(List<String> options) {
            for (String option : options) {
                if (!option.startsWith("-") || option.startsWith("-cp") || option.startsWith("-classpath")
                        || option.startsWith("--class-path") || option.startsWith("-Xmx")) {
                    throw new IllegalArgumentException("--java-option '" + option + "': give a JVM option starting "
                            + "with '-' other than the class path and -Xmx (use --heap for the heap)");
                }
            }
            this.extraJvmOptions = List.copyOf(options);
            return this;
        }

        /**
         * @param name the kernel name: letters, digits, {@code . _ -}
         * @return this
         */
        public Builder name(String name) {
            if (name == null || !KERNEL_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("--name '" + name + "': a kernel name may only contain letters, "
                        + "digits, '.', '_' and '-' (e.g. lenetlab)");
            }
            this.name = name;
            return this;
        }

        /**
         * @param heap maximum heap as {@code -Xmx} takes it, e.g. {@code 4g} or {@code 2048m}
         * @return this
         */
        public Builder heap(String heap) {
            if (heap == null || !HEAP.matcher(heap).matches()) {
                throw new IllegalArgumentException("--heap '" + heap + "': give a size like 4g, 6g or 2048m");
            }
            this.heap = heap;
            return this;
        }

        /**
         * @param java the {@code java} executable the kernel runs on
         * @return this
         */
        public Builder java(Path java) {
            if (!Files.isExecutable(java)) {
                throw new IllegalArgumentException("no executable java at " + java);
            }
            this.java = java;
            return this;
        }

        /**
         * @param classPath the kernel's class path: the library's classes and its runtime dependencies
         * @return this
         */
        public Builder classPath(List<Path> classPath) {
            if (classPath.isEmpty()) {
                throw new IllegalArgumentException("the kernel's class path is empty");
            }
            this.classPath = List.copyOf(classPath);
            return this;
        }

        /**
         * @param home the LeNet Lab checkout (for notebooks and data), passed as {@code lenetlab.home}
         * @return this
         */
        public Builder home(Path home) {
            this.home = Objects.requireNonNull(home, "home");
            return this;
        }

        /**
         * @param on whether to create and use a class-data-sharing archive (faster kernel start)
         * @return this
         */
        public Builder classDataSharing(boolean on) {
            this.classDataSharing = on;
            return this;
        }

        /** @return the installer */
        public KernelSpecInstaller build() {
            return new KernelSpecInstaller(this);
        }
    }

    /**
     * @param classPath a class path string
     * @return its non-empty entries
     */
    public static List<Path> parseClassPath(String classPath) {
        List<Path> entries = new ArrayList<>();
        for (String entry : classPath.split(Pattern.quote(File.pathSeparator))) {
            if (!entry.isBlank()) {
                entries.add(Path.of(entry));
            }
        }
        return entries;
    }
}
