package org.lenetlab.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Planted submissions of exercise 03 (class weights) try every cheat of the threat model; each is graded in one
 * run together with an honest submission, which must keep full marks.
 */
class CheatResistanceTest {
    private static final String FILE = "org/lenetlab/exercises/imbalance/ClassWeights.java";
    private static final String HEADER = "package org.lenetlab.exercises.imbalance;\n"
            + "public final class ClassWeights {\n";
    private static final String CORRECT = """
                static double[] correct(int[] labels, int n) {
                    if (n < 1 || labels.length == 0) throw new IllegalArgumentException("empty");
                    long[] counts = new long[n];
                    for (int l : labels) { if (l < 0 || l >= n) throw new IllegalArgumentException("label " + l); counts[l]++; }
                    double[] w = new double[n];
                    for (int c = 0; c < n; c++) {
                        if (counts[c] == 0) throw new IllegalArgumentException("class " + c);
                        w[c] = (double) labels.length / ((double) n * counts[c]);
                    }
                    return w;
                }
            }
            """;

    @TempDir
    static Path dir;
    static Path exercises;
    static Path results;
    static Map<String, SubmissionResult> graded;
    static int max;

    @BeforeAll
    static void gradeAll() throws IOException {
        exercises = dir.resolve("exercises");
        copyTree(Path.of("exercises/03-class-weights"), exercises.resolve("03-class-weights"));
        results = dir.resolve("out/results.json");
        Path submissions = dir.resolve("submissions");
        Path testFile = exercises.resolve("03-class-weights/tests/visible/org/lenetlab/exercises/imbalance/"
                + "ClassWeightsTest.java");
        plant(submissions, "a-honest", "return correct(labels, n);");
        plant(submissions, "b-exit", "if (labels.length == 4) System.exit(0); return correct(labels, n);");
        plant(submissions, "c-halt", "Runtime.getRuntime().halt(0); return null;");
        plant(submissions, "d-loop", "while (labels.length == 4) { Thread.onSpinWait(); } return correct(labels, n);");
        plant(submissions, "e-oom", "if (labels.length == 4) { java.util.List<long[]> hog = new java.util.ArrayList<>();"
                + " while (true) hog.add(new long[1 << 20]); } return correct(labels, n);");
        plant(submissions, "f-fake-output", "for (String t : new String[] {\"balancedDataGivesOnes\", "
                + "\"rareClassesWeighMore\", \"missingClassIsRefused\"}) { System.out.println(\"PASS \" + t);"
                + " System.out.println(\"@@ PASS \" + t); }"
                + " try (var out = new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out))) {"
                + " out.println(\"\\n@@00000000000000000000000000000000 PASS b3JnLmxlbmV0bGFiLmV4ZXJjaXNlcy5pbWJhbGFuY2UuQ2xhc3NXZWlnaHRzVGVzdCNiYWxhbmNlZERhdGFHaXZlc09uZXM= \"); }"
                + " return new double[n];");
        plant(submissions, "g-edit-tests", "try { java.nio.file.Files.writeString(java.nio.file.Path.of(\""
                + testFile.toString().replace("\\", "\\\\") + "\"), \"class Gone {}\");"
                + " java.nio.file.Path me = java.nio.file.Path.of(ClassWeights.class.getProtectionDomain()"
                + ".getCodeSource().getLocation().toURI());"
                + " try (var w = java.nio.file.Files.walk(me)) { w.filter(p -> p.toString().contains(\"Test\"))"
                + ".forEach(p -> p.toFile().delete()); } } catch (Exception e) { throw new RuntimeException(e); }"
                + " return new double[n];");
        plant(submissions, "h-write-results", "try { java.nio.file.Files.createDirectories(java.nio.file.Path.of(\""
                + results.getParent().toString().replace("\\", "\\\\") + "\"));"
                + " java.nio.file.Files.writeString(java.nio.file.Path.of(\""
                + results.toString().replace("\\", "\\\\") + "\"), \"{\\\"score\\\": 999}\"); }"
                + " catch (java.io.IOException e) { throw new RuntimeException(e); } return new double[n];");

        GradingLimits limits = new GradingLimits(Duration.ofSeconds(3), Duration.ofSeconds(30), Duration.ofSeconds(20),
                128);
        Grader grader = new Grader(ExerciseCatalog.load(exercises), limits);
        List<SubmissionResult> all = grader.gradeSubmissions(submissions);
        graded = all.stream().collect(Collectors.toMap(SubmissionResult::name, r -> r));
        max = all.get(0).maxScore();
        // the instructor's output is written after grading, as the CLI does
        org.lenetlab.io.AtomicFiles.writeString(results,
                GradeReports.gradescope(graded.get("a-honest"), true));
    }

    private static void plant(Path submissions, String name, String body) throws IOException {
        Path file = submissions.resolve(name).resolve("03-class-weights/src").resolve(FILE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, HEADER + "    public static double[] balanced(int[] labels, int n) {\n        "
                + body + "\n    }\n" + CORRECT);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static TestResult result(String submission, String method) {
        return graded.get(submission).exercises().get(0).tests().stream()
                .filter(t -> t.test().methodName().equals(method)).findFirst().orElseThrow();
    }

    @Test
    void honestSubmissionKeepsFullMarksWhateverTheOthersDid() {
        assertEquals(11, max);
        assertEquals(max, graded.get("a-honest").score());
    }

    @Test
    void systemExitFailsOnlyTheTestThatCalledIt() {
        TestResult exit = result("b-exit", "rareClassesWeighMore");
        assertFalse(exit.passed());
        assertTrue(exit.message().contains("ended the JVM"), exit.message());
        assertEquals(max - 3, graded.get("b-exit").score(), "every other test still ran and passed");
    }

    @Test
    void runtimeHaltEverywhereScoresZero() {
        assertEquals(0, graded.get("c-halt").score());
    }

    @Test
    void endlessLoopIsStoppedByThePerTestLimit() {
        TestResult loop = result("d-loop", "rareClassesWeighMore");
        assertTrue(loop.message().contains("time limit of 3 s"), loop.message());
        assertEquals(max - 3, graded.get("d-loop").score());
    }

    @Test
    void allocatingUntilOutOfMemoryFailsThatTest() {
        TestResult oom = result("e-oom", "rareClassesWeighMore");
        assertTrue(oom.message().contains("out of memory (limit 128 MB)"), oom.message());
        assertEquals(max - 3, graded.get("e-oom").score());
    }

    @Test
    void printingPassingResultsEarnsNothing() {
        assertEquals(0, graded.get("f-fake-output").score());
    }

    @Test
    void editingOrDeletingTestFilesChangesNothing() throws IOException {
        assertEquals(0, graded.get("g-edit-tests").score());
        assertEquals(max, graded.get("h-write-results").exercises().get(0).maxScore(),
                "submissions graded after the edit still see every test");
        assertEquals("class Gone {}", Files.readString(exercises.resolve(
                "03-class-weights/tests/visible/org/lenetlab/exercises/imbalance/ClassWeightsTest.java")),
                "the planted edit really happened on disk");
    }

    @Test
    void writingTheResultsPathIsOverwritten() throws IOException {
        assertEquals(0, graded.get("h-write-results").score());
        JsonObject json = JsonParser.parseString(Files.readString(results)).getAsJsonObject();
        assertEquals(max, json.get("score").getAsInt(), "results.json holds the grader's numbers, not 999");
    }

    @Test
    void gradescopeResultsMatchTheFormatFieldByField() {
        for (String name : List.of("a-honest", "f-fake-output")) {
            SubmissionResult r = graded.get(name);
            JsonObject json = JsonParser.parseString(GradeReports.gradescope(r, true)).getAsJsonObject();
            assertEquals(r.score(), json.get("score").getAsInt());
            assertEquals(11, json.get("max_score").getAsInt());
            assertEquals("visible", json.get("visibility").getAsString());
            assertEquals("hidden", json.get("stdout_visibility").getAsString());
            assertTrue(json.get("execution_time").getAsLong() >= 0);
            JsonArray tests = json.getAsJsonArray("tests");
            assertEquals(6, tests.size(), "3 visible and 3 hidden tests");
            int sumScore = 0;
            int sumMax = 0;
            for (int i = 0; i < tests.size(); i++) {
                JsonObject t = tests.get(i).getAsJsonObject();
                TestResult expected = r.exercises().get(0).tests().get(i);
                assertEquals("03 " + expected.test().displayName(), t.get("name").getAsString());
                assertEquals("3." + (i + 1), t.get("number").getAsString());
                assertEquals(expected.score(), t.get("score").getAsInt());
                assertEquals(expected.test().points(), t.get("max_score").getAsInt());
                assertEquals(expected.passed() ? "passed" : "failed", t.get("status").getAsString());
                assertEquals(expected.test().visibility() == Visibility.VISIBLE ? "visible" : "after_published",
                        t.get("visibility").getAsString());
                assertEquals(expected.passed(), t.get("output").getAsString().isEmpty());
                sumScore += t.get("score").getAsInt();
                sumMax += t.get("max_score").getAsInt();
            }
            assertEquals(json.get("score").getAsInt(), sumScore);
            assertEquals(11, sumMax);
            JsonObject board = json.getAsJsonArray("leaderboard").get(0).getAsJsonObject();
            assertEquals("Total", board.get("name").getAsString());
            assertEquals(r.score(), board.get("value").getAsInt());
            assertEquals("desc", board.get("order").getAsString());
        }
    }
}
