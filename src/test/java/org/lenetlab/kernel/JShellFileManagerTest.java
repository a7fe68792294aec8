package org.lenetlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JShellFileManagerTest {
    @Test
    void answersOnlyTheSnippetPackageOnTheClassPathWithNothing(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("REPL"));
        Files.write(dir.resolve("REPL/Stray.class"), new byte[] {(byte) 0xCA, (byte) 0xFE});
        Files.createDirectories(dir.resolve("course"));
        Files.write(dir.resolve("course/Kept.class"), new byte[] {(byte) 0xCA, (byte) 0xFE});
        StandardJavaFileManager standard =
                ToolProvider.getSystemJavaCompiler().getStandardFileManager(null, null, null);
        try (JShellFileManager files = new JShellFileManager(standard)) {
            files.setLocationFromPaths(StandardLocation.CLASS_PATH, List.of(dir));
            Set<JavaFileObject.Kind> classes = Set.of(JavaFileObject.Kind.CLASS);
            assertTrue(standard.list(StandardLocation.CLASS_PATH, "REPL", classes, false).iterator().hasNext());
            assertFalse(files.list(StandardLocation.CLASS_PATH, "REPL", classes, false).iterator().hasNext());
            assertTrue(files.list(StandardLocation.CLASS_PATH, "course", classes, false).iterator().hasNext());
        }
    }

    @Test
    void listsTheJarsOfTheClassPathItselfWithTheirBinaryNames(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("lib.jar");
        ClassPathIndexTest.writeJar(jar, false, "x/E.class", "e", "x/y/F.class", "f");
        StandardJavaFileManager standard =
                ToolProvider.getSystemJavaCompiler().getStandardFileManager(null, null, null);
        try (JShellFileManager files = new JShellFileManager(standard)) {
            files.setLocationFromPaths(StandardLocation.CLASS_PATH, List.of(jar));
            List<JavaFileObject> listed = new java.util.ArrayList<>();
            files.list(StandardLocation.CLASS_PATH, "x", Set.of(JavaFileObject.Kind.CLASS), false)
                    .forEach(listed::add);
            assertEquals(1, listed.size());
            JavaFileObject e = listed.get(0);
            assertTrue(e instanceof JarEntryFile);
            assertEquals("x.E", files.inferBinaryName(StandardLocation.CLASS_PATH, e));
            assertTrue(files.isSameFile(e, e));
            assertTrue(files.contains(StandardLocation.CLASS_PATH, e));
            assertTrue(e.toUri().toString().startsWith("jar:file:") && e.toUri().toString().endsWith("!/x/E.class"));
        }
    }

    @Test
    void givesCompilerPluginsAnEmptyProcessorPath(@TempDir Path dir) throws IOException {
        String service = "META-INF/services/com.sun.source.util.Plugin";
        Files.createDirectories(dir.resolve(service).getParent());
        Files.writeString(dir.resolve(service), "course.SomePlugin\n");
        StandardJavaFileManager standard =
                ToolProvider.getSystemJavaCompiler().getStandardFileManager(null, null, null);
        try (JShellFileManager files = new JShellFileManager(standard)) {
            files.setLocationFromPaths(StandardLocation.CLASS_PATH, List.of(dir));
            // javac's fallback when no processor path is set: the class path, with this service file
            assertTrue(standard.getClassLoader(StandardLocation.CLASS_PATH).getResources(service).hasMoreElements());
            assertTrue(files.hasLocation(StandardLocation.ANNOTATION_PROCESSOR_PATH));
            assertFalse(files.getClassLoader(StandardLocation.ANNOTATION_PROCESSOR_PATH).getResources(service)
                    .hasMoreElements());
        }
    }
}
