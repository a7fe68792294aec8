package org.lenetlab.kernel;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;

/**
 * The file manager JShell's compiler reads the class path through: it lists the class path itself, and skips two
 * searches that always find nothing.
 * <ul>
 *   <li>The class path is listed by a {@link ClassPathIndex}, which indexes the kernel's jars on a background
 *       thread while JShell starts; javac would index every jar in the first compilation, on the start's critical
 *       path (about a third of the time to the first result).</li>
 *   <li>JShell puts every snippet in the package {@code REPL} and forgets that package's symbols after each
 *       compilation, so javac lists {@code REPL} on the whole class path for every compilation — three or four per
 *       cell. No jar has that package (JShell keeps the snippet classes in memory and adds them to the listing
 *       itself), so the answer here is empty at once.</li>
 *   <li>Compiler plugins are not searched for (see {@link #hasLocation}).</li>
 * </ul>
 * Everything else is passed through.
 */
final class JShellFileManager extends ForwardingJavaFileManager<StandardJavaFileManager>
        implements StandardJavaFileManager {
    /** JShell's package for snippet classes. */
    static final String REPL_PACKAGE = "REPL";

    private final ClassPathIndex classPath = new ClassPathIndex();

    /**
     * @param standard the compiler's standard file manager; the jars of this JVM's class path are indexed for it in
     *                 the background from now on
     */
    JShellFileManager(StandardJavaFileManager standard) {
        super(standard);
        classPath.prefetch(ClassPathIndex.entries(System.getProperty("java.class.path", "")));
    }

    @Override
    public Iterable<JavaFileObject> list(Location location, String packageName, Set<JavaFileObject.Kind> kinds,
                                         boolean recurse) throws IOException {
        if (location != StandardLocation.CLASS_PATH) {
            return super.list(location, packageName, kinds, recurse);
        }
        if (packageName.equals(REPL_PACKAGE) && !recurse) {
            return List.of();
        }
        return classPath.list(fileManager.getLocationAsPaths(StandardLocation.CLASS_PATH), packageName, kinds,
                recurse);
    }

    @Override
    public String inferBinaryName(Location location, JavaFileObject file) {
        return file instanceof JarEntryFile jarFile ? jarFile.binaryName() : super.inferBinaryName(location, file);
    }

    @Override
    public boolean contains(Location location, FileObject file) throws IOException {
        return file instanceof JarEntryFile ? location == StandardLocation.CLASS_PATH : super.contains(location, file);
    }

    /**
     * JShell never runs annotation processors ({@code -proc:none}), yet javac looks for compiler plugins on the
     * processor path — the class path unless set — at the start of every compilation: a new class loader over all
     * jars, and a scan of every jar's service files. The processor path here is empty.
     */
    @Override
    public boolean hasLocation(Location location) {
        return location == StandardLocation.ANNOTATION_PROCESSOR_PATH || super.hasLocation(location);
    }

    @Override
    public ClassLoader getClassLoader(Location location) {
        if (location == StandardLocation.ANNOTATION_PROCESSOR_PATH) {
            return new ClassLoader("no-processors", ClassLoader.getPlatformClassLoader()) {
            };
        }
        return super.getClassLoader(location);
    }

    @Override
    public boolean isSameFile(FileObject a, FileObject b) {
        return a instanceof JarEntryFile || b instanceof JarEntryFile ? a.equals(b) : fileManager.isSameFile(a, b);
    }

    @Override
    public void close() throws IOException {
        try {
            classPath.close();
        } finally {
            super.close();
        }
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromFiles(Iterable<? extends File> files) {
        return fileManager.getJavaFileObjectsFromFiles(files);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromPaths(Collection<? extends Path> paths) {
        return fileManager.getJavaFileObjectsFromPaths(paths);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjects(File... files) {
        return fileManager.getJavaFileObjects(files);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjects(Path... paths) {
        return fileManager.getJavaFileObjects(paths);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromStrings(Iterable<String> names) {
        return fileManager.getJavaFileObjectsFromStrings(names);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjects(String... names) {
        return fileManager.getJavaFileObjects(names);
    }

    @Override
    public void setLocation(Location location, Iterable<? extends File> files) throws IOException {
        fileManager.setLocation(location, files);
    }

    @Override
    public void setLocationFromPaths(Location location, Collection<? extends Path> paths) throws IOException {
        fileManager.setLocationFromPaths(location, paths);
    }

    @Override
    public void setLocationForModule(Location location, String moduleName, Collection<? extends Path> paths)
            throws IOException {
        fileManager.setLocationForModule(location, moduleName, paths);
    }

    @Override
    public Iterable<? extends File> getLocation(Location location) {
        return fileManager.getLocation(location);
    }

    @Override
    public Iterable<? extends Path> getLocationAsPaths(Location location) {
        return fileManager.getLocationAsPaths(location);
    }

    @Override
    public Path asPath(FileObject file) {
        return fileManager.asPath(file);
    }

    @Override
    public void setPathFactory(PathFactory factory) {
        fileManager.setPathFactory(factory);
    }
}
