package org.lenetlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import javax.tools.JavaFileObject;
import javax.tools.JavaFileObject.Kind;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassPathIndexTest {
    private static final Set<Kind> CLASSES_AND_SOURCES = Set.of(Kind.CLASS, Kind.SOURCE);

    @Test
    void listsARealJarAsJavacDoes() throws Exception {
        Path gson = Path.of(com.google.gson.Gson.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        StandardJavaFileManager standard = ToolProvider.getSystemJavaCompiler().getStandardFileManager(null, null, null);
        standard.setLocationFromPaths(StandardLocation.CLASS_PATH, List.of(gson));
        // what javac's own argument handling sets before every compilation: multi-release jars as of this version
        standard.handleOption("--multi-release", List.of(Integer.toString(Runtime.version().feature())).iterator());
        try (ClassPathIndex index = new ClassPathIndex(); standard) {
            for (String pkg : List.of("com.google.gson", "com.google.gson.stream", "", "no.such")) {
                for (boolean recurse : new boolean[] {false, true}) {
                    Set<String> javac = new TreeSet<>();
                    for (JavaFileObject f : standard.list(StandardLocation.CLASS_PATH, pkg, CLASSES_AND_SOURCES,
                            recurse)) {
                        javac.add(standard.inferBinaryName(StandardLocation.CLASS_PATH, f));
                    }
                    Set<String> ours = binaryNames(index.list(List.of(gson), pkg, CLASSES_AND_SOURCES, recurse));
                    assertEquals(javac, ours, pkg + (recurse ? " and below" : ""));
                }
            }
            assertTrue(binaryNames(index.list(List.of(gson), "com.google.gson", CLASSES_AND_SOURCES, false))
                    .contains("com.google.gson.Gson"));
        }
    }

    @Test
    void aMultiReleaseJarGivesTheClassOfThisJavaVersion(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("mr.jar");
        writeJar(jar, true, "a/B.class", "base", "META-INF/versions/9/a/B.class", "nine",
                "META-INF/versions/" + (Runtime.version().feature() + 1) + "/a/B.class", "future", "a/C.class", "c");
        try (ClassPathIndex index = new ClassPathIndex()) {
            List<JavaFileObject> files = index.list(List.of(jar), "a", Set.of(Kind.CLASS), false);
            assertEquals(Set.of("a.B", "a.C"), binaryNames(files));
            JavaFileObject b = files.stream().filter(f -> f.isNameCompatible("B", Kind.CLASS)).findFirst().orElseThrow();
            try (InputStream in = b.openInputStream()) {
                assertEquals("nine", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            assertFalse(b.isNameCompatible("C", Kind.CLASS));
            assertEquals(Set.of(), binaryNames(index.list(List.of(jar), "a", Set.of(Kind.SOURCE), false)));
        }
    }

    @Test
    void theFirstEntryOfTheClassPathComesFirstAndAnUnreadableJarIsSkipped(@TempDir Path dir) throws IOException {
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes.resolve("x"));
        Files.writeString(classes.resolve("x/D.class"), "from the directory");
        Path jar = dir.resolve("lib.jar");
        writeJar(jar, false, "x/D.class", "from the jar", "x/E.class", "e");
        Path broken = dir.resolve("broken.jar");
        Files.writeString(broken, "not a zip file");
        try (ClassPathIndex index = new ClassPathIndex()) {
            List<JavaFileObject> files = index.list(List.of(broken, classes, jar, dir.resolve("missing.jar")), "x",
                    Set.of(Kind.CLASS), false);
            assertEquals(3, files.size());
            try (InputStream in = files.get(0).openInputStream()) {
                assertEquals("from the directory", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    private static Set<String> binaryNames(List<JavaFileObject> files) {
        Set<String> names = new TreeSet<>();
        for (JavaFileObject f : files) {
            names.add(((JarEntryFile) f).binaryName());
        }
        return names;
    }

    /** Writes a jar of (name, content) pairs. */
    static void writeJar(Path jar, boolean multiRelease, String... namesAndContents) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (multiRelease) {
            manifest.getMainAttributes().put(Attributes.Name.MULTI_RELEASE, "true");
        }
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out, manifest)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                zip.putNextEntry(new JarEntry(namesAndContents[i]));
                zip.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
    }
}
