package org.lenetlab.kernel;

import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the class path for JShell's compiler: jars through a {@link JarIndex} each, directories through a javac file
 * manager of their own, in class-path order (the first file of a class wins, as in javac). The kernel's jars are
 * indexed on a background thread from the start, while JShell itself starts, so the first compilation — the start-up
 * imports — finds most of them done; javac would index them all then, one after another. Jars added later
 * ({@code %jars}, {@code %maven}) are indexed when first listed.
 */
final class ClassPathIndex implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(ClassPathIndex.class);

    private final Map<Path, FutureTask<JarIndex>> jars = new ConcurrentHashMap<>();
    private final Map<Path, StandardJavaFileManager> directories = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * Starts indexing the jars among these entries on a daemon thread.
     *
     * @param classPath class-path entries, e.g. the kernel's {@code java.class.path}
     */
    void prefetch(List<Path> classPath) {
        Thread t = new Thread(() -> {
            for (Path entry : classPath) {
                if (closed) {
                    return;
                }
                if (isArchive(entry)) {
                    JarIndex jar = jar(entry);
                    if (closed && jar != null) {
                        closeQuietly(jar); // closed while it was being made
                    }
                }
            }
        }, "lenetlab-classpath-index");
        t.setDaemon(true);
        t.start();
    }

    /** @return the entries of a class path string, e.g. {@code java.class.path} */
    static List<Path> entries(String classPath) {
        List<Path> entries = new ArrayList<>();
        for (String s : classPath.split(File.pathSeparator)) {
            if (!s.isBlank()) {
                entries.add(Path.of(s));
            }
        }
        return entries;
    }

    /**
     * Lists a package over a class path, as {@code JavaFileManager.list} does for {@link StandardLocation#CLASS_PATH}.
     *
     * @param classPath   the entries, in order
     * @param packageName the package, {@code ""} for the unnamed one
     * @param kinds       the kinds of file wanted
     * @param recurse     whether subpackages count too
     * @return the files, class-path order
     * @throws IOException if a directory cannot be listed
     */
    List<JavaFileObject> list(Iterable<? extends Path> classPath, String packageName, Set<JavaFileObject.Kind> kinds,
                              boolean recurse) throws IOException {
        List<JavaFileObject> out = new ArrayList<>();
        for (Path entry : classPath) {
            if (jars.containsKey(entry) || isArchive(entry)) {
                JarIndex jar = jar(entry);
                if (jar != null) {
                    jar.list(packageName, kinds, recurse, out);
                }
            } else if (directories.containsKey(entry) || Files.isDirectory(entry)) {
                for (JavaFileObject f : directory(entry).list(StandardLocation.CLASS_PATH, packageName, kinds,
                        recurse)) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    private static boolean isArchive(Path entry) {
        return Files.isRegularFile(entry);
    }

    /** @return the jar's index, made by this thread unless another is making it; null if it cannot be read */
    private JarIndex jar(Path entry) {
        FutureTask<JarIndex> task = jars.computeIfAbsent(entry, p -> new FutureTask<>(() -> openOrSkip(p)));
        task.run(); // does nothing when done or running elsewhere
        try {
            return task.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("indexing " + entry + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** @return the jar's index, or null (with one warning, as javac skips such an entry) if it cannot be read */
    private static JarIndex openOrSkip(Path jar) {
        try {
            return JarIndex.open(jar);
        } catch (IOException e) {
            LOG.warn("class path entry {} skipped: {}", jar, e.toString());
            return null;
        }
    }

    private StandardJavaFileManager directory(Path entry) throws IOException {
        StandardJavaFileManager manager = directories.get(entry);
        if (manager == null) {
            manager = ToolProvider.getSystemJavaCompiler().getStandardFileManager(null, null, null);
            manager.setLocationFromPaths(StandardLocation.CLASS_PATH, List.of(entry));
            directories.put(entry, manager);
        }
        return manager;
    }

    private static void closeQuietly(JarIndex jar) {
        try {
            jar.close();
        } catch (IOException e) {
            LOG.debug("closing {}", jar, e);
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        for (FutureTask<JarIndex> task : jars.values()) {
            if (task.isDone() && !task.isCancelled()) {
                try {
                    JarIndex jar = task.get();
                    if (jar != null) {
                        closeQuietly(jar);
                    }
                } catch (ExecutionException | InterruptedException ignored) {
                    // nothing was opened
                }
            }
        }
        for (StandardJavaFileManager manager : directories.values()) {
            manager.close();
        }
    }
}
