package org.lenetlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The student and instructor commands as a user types them (exercise 03: fast, no DL4J). */
class GradingCommandsTest {

    @TempDir
    Path tmp;

    private static String[] run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = LenetCommand.execute(args);
            return new String[] {Integer.toString(code), out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    @Test
    void studentGradesTheUntouchedStubAndGetsZeroWithHints() {
        String[] r = run("grade", "03");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("score 0/6"), r[1]);
        assertTrue(r[1].contains("hint:"), r[1]);
        assertFalse(r[1].toLowerCase().contains("hidden"), "students never see hidden tests:\n" + r[1]);
    }

    @Test
    void instructorExportsABundleAndGradesSubmissionsForGradescope() throws IOException {
        Path bundle = tmp.resolve("bundle");
        String[] export = run("exercises", "export", "--out", bundle.toString());
        assertEquals("0", export[0], export[2]);
        try (Stream<Path> files = Files.walk(bundle)) {
            assertTrue(files.noneMatch(p -> p.toString().contains("solution") || p.toString().contains("hidden")),
                    "no solutions or hidden tests in the student bundle");
        }

        Path submissions = tmp.resolve("submissions");
        copyTree(Path.of("exercises", "03-class-weights", "solution"),
                submissions.resolve("ada").resolve("03-class-weights").resolve("src"));
        copyTree(Path.of("exercises", "03-class-weights", "src"),
                submissions.resolve("bob").resolve("03-class-weights").resolve("src"));
        Path out = tmp.resolve("gradescope");
        String[] grade = run("grade", "--submissions", submissions.toString(), "--format", "gradescope", "--out",
                out.toString());
        assertEquals("0", grade[0], grade[2]);
        String ada = Files.readString(out.resolve("ada").resolve("results.json"));
        String bob = Files.readString(out.resolve("bob").resolve("results.json"));
        assertTrue(ada.contains("\"tests\""), ada);
        assertTrue(grade[1].matches("(?s).*ada\\s+11/\\d+.*"), "reference solution gets exercise 03's 11 points:\n"
                + grade[1]);
        assertTrue(grade[1].matches("(?s).*bob\\s+0/\\d+.*"), "the stub gets nothing:\n" + grade[1]);
        assertFalse(bob.equals(ada));
    }
}
