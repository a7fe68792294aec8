package org.lenetlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The magics: %classpath, %jars, %load, %maven (against a local file repository), %time, %%time, %lsmagic. */
class MagicsTest {
    @TempDir
    static Path dir;
    private static KernelSession session;

    @BeforeAll
    static void start() {
        session = KernelSession.start(KernelOptions.defaults()
                .withMavenLocalRepository(dir.resolve("local-repo"))
                .withMavenRepositories(List.of())).awaitReady();
    }

    @AfterAll
    static void stop() {
        session.close();
    }

    private static CellOutcome ok(String code, RecordingSink sink) {
        CellOutcome out = session.execute(code, sink);
        assertTrue(out.ok(), () -> code + "\n→ " + out.error().name() + ": " + out.error().value() + "\n"
                + String.join("\n", out.error().traceback()) + "\n" + sink.stderr());
        return out;
    }

    /** Compiles one class into a jar. */
    private static Path jar(Path target, String className, String source, Path... classPath) throws IOException {
        Path src = Files.createTempDirectory(dir, "src");
        Path file = src.resolve(className.substring(className.lastIndexOf('.') + 1) + ".java");
        Files.writeString(file, source);
        Path classes = Files.createTempDirectory(dir, "classes");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringBuilder cp = new StringBuilder();
        for (Path p : classPath) {
            cp.append(p).append(java.io.File.pathSeparator);
        }
        int rc = javac.run(null, null, null, "-d", classes.toString(), "-cp", cp.toString(), file.toString());
        assertEquals(0, rc);
        Files.createDirectories(target.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(target))) {
            String entry = className.replace('.', '/') + ".class";
            out.putNextEntry(new JarEntry(entry));
            out.write(Files.readAllBytes(classes.resolve(entry)));
            out.closeEntry();
        }
        return target;
    }

    @Test
    void jarsAddsJarsMatchingAGlob() throws Exception {
        jar(dir.resolve("lib/one/abacus.jar"), "demo.jars.Abacus",
                "package demo.jars; public class Abacus { public static int add(int a, int b) { return a + b; } }");
        RecordingSink sink = new RecordingSink();
        ok("%jars " + dir.resolve("lib") + "/**/*.jar", sink);
        assertTrue(sink.stdout().contains("Added 1 jar"), sink.stdout());
        assertEquals("5", RecordingSink.text(ok("demo.jars.Abacus.add(2, 3)", new RecordingSink()).result()));
        CellOutcome none = session.execute("%jars " + dir.resolve("nothing-here") + "/*.jar", new RecordingSink());
        assertEquals("MagicError", none.error().name());
        assertTrue(none.error().value().contains("no jar matches"), none.error().value());
    }

    @Test
    void classpathAddsAndShows() throws Exception {
        Path jar = jar(dir.resolve("cp/counter.jar"), "demo.cp.Counter",
                "package demo.cp; public class Counter { public static String name() { return \"counter\"; } }");
        ok("%classpath add " + jar, new RecordingSink());
        assertEquals("counter", RecordingSink.text(ok("demo.cp.Counter.name()", new RecordingSink()).result()));
        RecordingSink shown = new RecordingSink();
        ok("%classpath", shown);
        assertTrue(shown.stdout().lines().anyMatch(l -> l.equals(jar.toString())), shown.stdout());
        CellOutcome missing = session.execute("%classpath add /no/such.jar", new RecordingSink());
        assertTrue(missing.error().value().contains("/no/such.jar does not exist"), missing.error().value());
    }

    @Test
    void mavenResolvesTransitiveDependenciesFromAFileRepository() throws Exception {
        Path remote = dir.resolve("remote-repo");
        Path words = jar(remote.resolve("com/example/words/1.0/words-1.0.jar"), "com.example.words.Words",
                "package com.example.words; public class Words { public static String hello() { return \"Hello\"; } }");
        pom(remote, "words", "");
        jar(remote.resolve("com/example/greeter/2.1/greeter-2.1.jar"), "com.example.greeter.Greeter",
                "package com.example.greeter; public class Greeter { public String greet(String who) {"
                        + " return com.example.words.Words.hello() + \", \" + who; } }", words);
        pom(remote, "greeter", """
                  <dependencies>
                    <dependency>
                      <groupId>com.example</groupId>
                      <artifactId>words</artifactId>
                      <version>1.0</version>
                    </dependency>
                  </dependencies>
                """);
        RecordingSink sink = new RecordingSink();
        ok("%maven --repo " + remote.toUri() + " com.example:greeter:2.1", sink);
        assertTrue(sink.stdout().contains("Added 2 jars: greeter-2.1.jar, words-1.0.jar"), sink.stdout());
        assertTrue(Files.exists(dir.resolve("local-repo/com/example/words/1.0/words-1.0.jar")),
                "artifacts are kept in the local repository");
        CellOutcome out = ok("new com.example.greeter.Greeter().greet(\"Ada\")", new RecordingSink());
        assertEquals("Hello, Ada", RecordingSink.text(out.result()));

        CellOutcome unknown = session.execute("%maven com.example:nothing:9", new RecordingSink());
        assertEquals("MagicError", unknown.error().name());
        assertTrue(unknown.error().value().contains("cannot resolve com.example:nothing:9"), unknown.error().value());
        RecordingSink repos = new RecordingSink();
        ok("%mavenRepo", repos);
        assertTrue(repos.stdout().contains(remote.toUri().toString()), repos.stdout());
    }

    /** A POM with its SHA-1, as a repository serves it. */
    private static void pom(Path repo, String artifact, String dependencies) throws Exception {
        String version = artifact.equals("words") ? "1.0" : "2.1";
        Path pom = repo.resolve("com/example/" + artifact + "/" + version + "/" + artifact + "-" + version + ".pom");
        Files.writeString(pom, """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>com.example</groupId>
                  <artifactId>%s</artifactId>
                  <version>%s</version>
                %s</project>
                """.formatted(artifact, version, dependencies));
        for (Path f : List.of(pom, Path.of(pom.toString().replace(".pom", ".jar")))) {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(Files.readAllBytes(f));
            Files.writeString(Path.of(f + ".sha1"), HexFormat.of().formatHex(sha1));
        }
    }

    @Test
    void loadRunsJshFilesAndNotebookCodeCells() throws Exception {
        Path jsh = dir.resolve("helpers.jsh");
        Files.writeString(jsh, "int triple(int x) { return 3 * x; }\n");
        ok("%load " + jsh, new RecordingSink());
        assertEquals("12", RecordingSink.text(ok("triple(4)", new RecordingSink()).result()));

        Path notebook = dir.resolve("other.ipynb");
        Files.writeString(notebook, """
                {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
                  {"cell_type": "markdown", "metadata": {}, "source": ["# not code"]},
                  {"cell_type": "code", "metadata": {}, "execution_count": null, "outputs": [],
                   "source": ["String fromNotebook = \\"loaded\\";\\n", "System.out.println(fromNotebook);"]},
                  {"cell_type": "code", "metadata": {}, "execution_count": null, "outputs": [],
                   "source": "int answer = 42;"}
                ]}
                """);
        RecordingSink sink = new RecordingSink();
        ok("%load " + notebook, sink);
        assertEquals("loaded\n", sink.stdout());
        assertEquals("42", RecordingSink.text(ok("answer", new RecordingSink()).result()));

        Path broken = dir.resolve("broken.jsh");
        Files.writeString(broken, "int fine = 1;\nint bad = nope;\n");
        CellOutcome failed = session.execute("%load " + broken, new RecordingSink());
        assertEquals("CompilationException", failed.error().name());
        assertTrue(failed.error().value().contains(broken.toString()), failed.error().value());
        assertTrue(String.join("\n", failed.error().traceback()).contains("line 2"));
    }

    @Test
    void timeMagicsPrintTimesAndKeepTheValue() {
        RecordingSink line = new RecordingSink();
        CellOutcome out = ok("%time Thread.sleep(20)\n%time 6 * 7", line);
        assertEquals("42", RecordingSink.text(out.result()));
        assertEquals(2, line.stdout().lines().filter(l -> l.startsWith("CPU time: ") && l.contains("Wall time: "))
                .count(), line.stdout());
        RecordingSink cell = new RecordingSink();
        CellOutcome timed = ok("%%time\nint t = 0;\nfor (int i = 0; i < 1000; i++) t += i;\nt", cell);
        assertEquals("499500", RecordingSink.text(timed.result()));
        assertTrue(cell.stdout().contains("Wall time: "), cell.stdout());
    }

    @Test
    void lsmagicListsEveryMagic() {
        RecordingSink sink = new RecordingSink();
        ok("%lsmagic", sink);
        for (String magic : List.of("%classpath", "%jars", "%load", "%maven", "%mavenRepo", "%time", "%%time",
                "%lsmagic")) {
            assertTrue(sink.stdout().contains(magic), magic + " missing from " + sink.stdout());
        }
        CellOutcome unknown = session.execute("%nosuchmagic 1", new RecordingSink());
        assertEquals("UnknownMagic", unknown.error().name());
        CellOutcome late = session.execute("int before = 1;\n%%time\nbefore", new RecordingSink());
        assertTrue(late.error().value().contains("a cell magic must be the first line of its cell"),
                late.error().value());
    }

    @Test
    void magicsAndJavaRunInOrder() {
        RecordingSink sink = new RecordingSink();
        ok("System.out.println(\"before\");\n%lsmagic\nSystem.out.println(\"after\");", sink);
        String out = sink.stdout();
        assertTrue(out.indexOf("before") < out.indexOf("Line magics") && out.indexOf("Line magics")
                < out.indexOf("after"), out);
    }

}
