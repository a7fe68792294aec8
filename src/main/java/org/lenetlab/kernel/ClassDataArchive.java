package org.lenetlab.kernel;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.lenetlab.io.AtomicFiles;

/**
 * An application class-data-sharing archive (AppCDS, JEP 350) for the kernel: the JDK, JShell, javac, ZeroMQ and
 * library classes a kernel session loads, parsed and verified once at install time and mapped into memory at
 * every kernel start instead of being loaded again.
 *
 * <p>The JVM archives classes from jar files only and refuses to dump with a class directory on the class path,
 * but it accepts a run-time class path that extends the dump-time one. So the archive is dumped with the
 * dependency jars plus a tiny bootstrap jar (this package's {@link ArchiveTrainingRun}), and the kernel runs with
 * that same prefix followed by the class directories ({@code target/classes}): the library's own classes stay live
 * (a rebuild is picked up without reinstalling) while everything else comes from the archive. If the archive is
 * missing or stale (a jar changed, another JDK), the JVM says so on the kernel's stderr and starts without it.
 */
final class ClassDataArchive {
    /** The archive file in the kernelspec directory. */
    static final String ARCHIVE = "lenetlab.jsa";
    /** The bootstrap jar in the kernelspec directory. */
    static final String BOOTSTRAP_JAR = "lenetlab-cds-bootstrap.jar";

    private static final long DUMP_TIMEOUT_SECONDS = 300;

    private final Path dir;
    private final Path java;
    private final List<Path> jars = new ArrayList<>();
    private final List<Path> directories = new ArrayList<>();
    private final List<String> jvmOptions;

    /**
     * @param dir        the kernelspec directory the archive lives in
     * @param java       the java executable the kernel runs on (the archive is only valid for that JDK)
     * @param classPath  the kernel's class path
     * @param jvmOptions the kernel's other JVM options (the training run uses the same)
     */
    ClassDataArchive(Path dir, Path java, List<Path> classPath, List<String> jvmOptions) {
        this.dir = dir;
        this.java = java;
        for (Path entry : classPath) {
            (Files.isDirectory(entry) ? directories : jars).add(entry);
        }
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /** @return the archive file */
    Path archive() {
        return dir.resolve(ARCHIVE);
    }

    /** @return whether the archive and its bootstrap jar are in place */
    boolean exists() {
        return Files.isRegularFile(archive()) && Files.isRegularFile(dir.resolve(BOOTSTRAP_JAR));
    }

    /** @return the options that make the kernel use the archive */
    List<String> runtimeOptions() {
        return List.of("-XX:SharedArchiveFile=" + archive()); // KernelSpecInstaller.isUsable looks for this option
    }

    /** @return dependency jars, the bootstrap jar, then the class directories */
    List<Path> runtimeClassPath() {
        List<Path> path = new ArrayList<>(dumpClassPath());
        path.addAll(directories);
        return path;
    }

    private List<Path> dumpClassPath() {
        List<Path> path = new ArrayList<>(jars);
        path.add(dir.resolve(BOOTSTRAP_JAR));
        return path;
    }

    /**
     * Creates the archive: writes the bootstrap jar, runs a short kernel session in a JVM that dumps the classes it
     * loaded at exit, then checks that a JVM with the kernel's class path accepts the archive.
     *
     * @return a short description, e.g. "archive created: 41 MiB, 9.8 s"
     * @throws IOException           if a file cannot be written
     * @throws IllegalStateException if the training run or the check fails (the caller then installs without it)
     */
    String create() throws IOException {
        long start = System.nanoTime();
        writeBootstrapJar();
        Path partial = dir.resolve("." + ARCHIVE + ".part");
        Files.deleteIfExists(partial);
        Path trainingLog = Files.createTempFile("lenetlab-cds-kernel", ".log");
        try {
            List<String> dump = new ArrayList<>();
            dump.add(java.toString());
            dump.addAll(jvmOptions);
            dump.add("-XX:ArchiveClassesAtExit=" + partial);
            dump.add("-Xlog:cds=off");
            dump.add("-Xlog:cds+dynamic=off");
            dump.add("-Dlenetlab.kernel.log=" + trainingLog); // not the user's kernel log
            dump.add("-cp");
            dump.add(join(dumpClassPath()));
            dump.add(ArchiveTrainingRun.class.getName());
            dump.add(join(directories));
            run(dump, "the training run of the class-data archive");
            if (!Files.isRegularFile(partial)) {
                throw new IllegalStateException("the training run ended but the JVM wrote no archive");
            }
            List<String> check = new ArrayList<>();
            check.add(java.toString());
            check.addAll(jvmOptions);
            check.add("-XX:SharedArchiveFile=" + partial);
            check.add("-Xshare:on");
            check.add("-cp");
            check.add(join(runtimeClassPath()));
            check.add("-version");
            run(check, "the check that the kernel's JVM accepts the archive");
            Files.move(partial, archive(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
            Files.deleteIfExists(trainingLog);
        }
        return String.format(Locale.ROOT, "class-data archive created: %d MiB in %.1f s (%s)",
                Files.size(archive()) >> 20, (System.nanoTime() - start) / 1e9, archive());
    }

    /** Deletes an archive left by an earlier installation. */
    static void remove(Path dir) throws IOException {
        Files.deleteIfExists(dir.resolve(ARCHIVE));
        Files.deleteIfExists(dir.resolve(BOOTSTRAP_JAR));
    }

    /** The training run's classes, copied from wherever they were loaded. */
    private void writeBootstrapJar() throws IOException {
        List<String> classes = new ArrayList<>(List.of(ArchiveTrainingRun.class.getName()));
        for (Class<?> nested : ArchiveTrainingRun.class.getDeclaredClasses()) {
            classes.add(nested.getName());
        }
        AtomicFiles.write(dir.resolve(BOOTSTRAP_JAR), out -> {
            JarOutputStream jar = new JarOutputStream(out);
            for (String name : classes) {
                String resource = name.replace('.', '/') + ".class";
                try (InputStream in = ClassDataArchive.class.getClassLoader().getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IOException("cannot find " + resource + " on the class path");
                    }
                    jar.putNextEntry(new JarEntry(resource));
                    in.transferTo(jar);
                    jar.closeEntry();
                }
            }
            jar.finish();
        });
    }

    private void run(List<String> command, String what) throws IOException {
        Path log = Files.createTempFile("lenetlab-cds", ".log");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean done;
            try {
                done = p.waitFor(DUMP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IllegalStateException(what + " was interrupted", e);
            }
            if (!done) {
                p.destroyForcibly();
                throw new IllegalStateException(what + " did not finish within " + DUMP_TIMEOUT_SECONDS + " s");
            }
            if (p.exitValue() != 0) {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                throw new IllegalStateException(what + " failed (exit " + p.exitValue() + "): "
                        + String.join(" | ", lines.subList(Math.max(0, lines.size() - 8), lines.size())));
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static String join(List<Path> path) {
        return String.join(File.pathSeparator, path.stream().map(Path::toString).toList());
    }
}
