package org.lenetlab.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.Writer;
import java.net.URI;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.tools.JavaFileObject;

/**
 * A class (or source) file inside a jar on the class path, as {@link JarIndex} lists it to JShell's compiler: read
 * straight from the open {@link ZipFile}.
 */
final class JarEntryFile implements JavaFileObject {
    private final Path jar;
    private final String jarUri;
    private final Kind kind;
    private final ZipFile zip;
    private final ZipEntry entry;
    private final String binaryName;

    /**
     * @param jar        the jar, for names and messages
     * @param jarUri     the jar's URI
     * @param zip        the jar, open
     * @param entry      the entry to read (a versioned one in a multi-release jar, under its unversioned name)
     * @param binaryName the class's binary name, e.g. {@code org.lenetlab.model.LeNet5}
     * @param kind       the kind of file
     */
    JarEntryFile(Path jar, String jarUri, ZipFile zip, ZipEntry entry, String binaryName, Kind kind) {
        this.jar = jar;
        this.jarUri = jarUri;
        this.kind = kind;
        this.zip = zip;
        this.entry = entry;
        this.binaryName = binaryName;
    }

    /** @return the class's binary name, what {@code inferBinaryName} answers for this file */
    String binaryName() {
        return binaryName;
    }

    @Override
    public Kind getKind() {
        return kind;
    }

    @Override
    public boolean isNameCompatible(String simpleName, Kind kind) {
        String name = entry.getName();
        String base = simpleName + kind.extension;
        return kind == this.kind && (name.equals(base) || name.endsWith("/" + base));
    }

    @Override
    public NestingKind getNestingKind() {
        return null;
    }

    @Override
    public Modifier getAccessLevel() {
        return null;
    }

    /** @return {@code jar:<jar URI>!/<entry>}, computed when asked (javac rarely asks) */
    @Override
    public URI toUri() {
        return URI.create("jar:" + jarUri + "!/" + entry.getName());
    }

    @Override
    public InputStream openInputStream() throws IOException {
        return zip.getInputStream(entry);
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) throws IOException {
        try (InputStream in = openInputStream()) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Override
    public Reader openReader(boolean ignoreEncodingErrors) throws IOException {
        return new StringReader(getCharContent(ignoreEncodingErrors).toString());
    }

    @Override
    public OutputStream openOutputStream() {
        throw new UnsupportedOperationException("a jar on the class path is read only: " + getName());
    }

    @Override
    public Writer openWriter() {
        throw new UnsupportedOperationException("a jar on the class path is read only: " + getName());
    }

    @Override
    public boolean delete() {
        return false;
    }

    @Override
    public long getLastModified() {
        return entry.getTime();
    }

    @Override
    public String toString() {
        return getName();
    }

    @Override
    public String getName() {
        return jar + "(" + entry.getName() + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JarEntryFile other && other.jar.equals(jar) && other.entry.getName().equals(entry.getName());
    }

    @Override
    public int hashCode() {
        return jar.hashCode() * 31 + entry.getName().hashCode();
    }
}
