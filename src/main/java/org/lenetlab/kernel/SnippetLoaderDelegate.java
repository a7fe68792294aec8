package org.lenetlab.kernel;

import java.io.File;
import java.net.MalformedURLException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;
import jdk.jshell.spi.ExecutionControl.InternalException;

/** Loads JShell's snippet classes and run-time class path entries into one {@link SnippetClassLoader}. */
final class SnippetLoaderDelegate implements LoaderDelegate {
    private final SnippetClassLoader loader;
    private final Map<String, Class<?>> loaded = new ConcurrentHashMap<>();

    SnippetLoaderDelegate(SnippetClassLoader loader) {
        this.loader = loader;
    }

    SnippetClassLoader loader() {
        return loader;
    }

    @Override
    public void load(ClassBytecodes[] classes) throws ClassInstallException {
        boolean[] installed = new boolean[classes.length];
        for (ClassBytecodes c : classes) {
            loader.declare(c.name(), c.bytecodes());
        }
        try {
            for (int i = 0; i < classes.length; i++) {
                Class<?> type = loader.loadClass(classes[i].name());
                type.getDeclaredMethods(); // links the class now, so a broken one fails here and not mid-cell
                loaded.put(classes[i].name(), type);
                installed[i] = true;
            }
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ClassInstallException("load: " + e, installed);
        }
    }

    @Override
    public void classesRedefined(ClassBytecodes[] classes) {
        for (ClassBytecodes c : classes) {
            loader.declare(c.name(), c.bytecodes());
        }
    }

    @Override
    public void addToClasspath(String path) throws InternalException {
        for (String entry : path.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            try {
                loader.addURL(Path.of(entry).toAbsolutePath().toUri().toURL());
            } catch (MalformedURLException | RuntimeException e) {
                throw new InternalException("cannot add " + entry + " to the class path: " + e.getMessage());
            }
        }
    }

    @Override
    public Class<?> findClass(String name) throws ClassNotFoundException {
        Class<?> type = loaded.get(name);
        if (type == null) {
            throw new ClassNotFoundException(name + " was not loaded by this notebook");
        }
        return type;
    }
}
