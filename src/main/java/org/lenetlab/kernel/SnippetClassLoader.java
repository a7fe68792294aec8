package org.lenetlab.kernel;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The class loader of everything a notebook defines: JShell's compiled snippet classes (handed over as bytes) and
 * the jars added at run time ({@code %jars}, {@code %classpath}, {@code %maven}). Its parent is the kernel's own
 * loader, so the course library and DL4J on the start-up class path are shared with the kernel (a
 * {@code BufferedImage} made in a cell is the kernel's {@code BufferedImage}). It is also the context class loader
 * of the cell thread, which is what libraries that look services up dynamically (ND4J's backend lookup) need to see
 * jars added at run time.
 */
final class SnippetClassLoader extends URLClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final Map<String, byte[]> declared = new ConcurrentHashMap<>();

    SnippetClassLoader(ClassLoader parent) {
        super("lenetlab-notebook", new URL[0], parent);
    }

    /** Makes a class known by its bytes; it is defined when first loaded. */
    void declare(String binaryName, byte[] bytes) {
        declared.put(binaryName, bytes);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = declared.get(name);
        if (bytes != null) {
            return defineClass(name, bytes, 0, bytes.length);
        }
        return super.findClass(name);
    }

    @Override
    public void addURL(URL url) {
        super.addURL(url);
    }
}
