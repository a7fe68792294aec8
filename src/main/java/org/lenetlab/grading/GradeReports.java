package org.lenetlab.grading;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.google.gson.GsonBuilder;

/**
 * The instructor's outputs: a CSV gradebook, JUnit XML and Gradescope's {@code results.json}.
 */
public final class GradeReports {
    private GradeReports() {
    }

    /**
     * One row per submission: its name, the score of each exercise, the total and the maximum.
     *
     * @param results the submissions
     * @return CSV text with a header row
     */
    public static String csv(List<SubmissionResult> results) {
        StringBuilder s = new StringBuilder("submission");
        if (!results.isEmpty()) {
            results.get(0).exercises().forEach(e -> s.append(',').append(e.exercise().name()));
        }
        s.append(",total,max\n");
        for (SubmissionResult r : results) {
            s.append(csvField(r.name()));
            r.exercises().forEach(e -> s.append(',').append(e.score()));
            s.append(',').append(r.score()).append(',').append(r.maxScore()).append('\n');
        }
        return s.toString();
    }

    private static String csvField(String value) {
        return value.matches("[^,\"\\n\\r]*") ? value : '"' + value.replace("\"", "\"\"") + '"';
    }

    /**
     * JUnit XML, as CI systems read it: one {@code testsuite} per submission and exercise, one {@code testcase}
     * per graded test, a {@code failure} with the message for failed ones.
     *
     * @param results the submissions
     * @return the XML document
     */
    public static String junitXml(List<SubmissionResult> results) {
        StringBuilder s = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n");
        for (SubmissionResult r : results) {
            for (ExerciseResult e : r.exercises()) {
                long failures = e.tests().stream().filter(t -> !t.passed()).count();
                s.append(String.format(Locale.ROOT,
                        "  <testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" time=\"%.3f\">%n",
                        xml(r.name() + "." + e.exercise().name()), e.tests().size(), failures,
                        e.elapsed().toMillis() / 1000.0));
                for (TestResult t : e.tests()) {
                    s.append(String.format(Locale.ROOT, "    <testcase classname=\"%s\" name=\"%s\"",
                            xml(r.name() + "." + t.test().className()), xml(t.test().methodName())));
                    if (t.passed()) {
                        s.append("/>\n");
                    } else {
                        s.append(">\n      <failure message=\"").append(xml(firstLine(t.message()))).append("\">")
                                .append(xml(t.message())).append("</failure>\n    </testcase>\n");
                    }
                }
                s.append("  </testsuite>\n");
            }
        }
        return s.append("</testsuites>\n").toString();
    }

    /**
     * Gradescope's {@code results.json} for one submission: top-level {@code score}, {@code max_score},
     * {@code execution_time}, {@code visibility}, {@code stdout_visibility}, {@code tests} (each with
     * {@code name}, {@code number}, {@code score}, {@code max_score}, {@code status}, {@code output},
     * {@code visibility}: "visible" for visible tests, "after_published" for hidden ones) and, if asked, a
     * {@code leaderboard} with the total.
     *
     * @param result      the submission
     * @param leaderboard whether to add a leaderboard entry
     * @return the JSON document
     */
    public static String gradescope(SubmissionResult result, boolean leaderboard) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("score", result.score());
        root.put("max_score", result.maxScore());
        root.put("execution_time", result.exercises().stream().mapToLong(e -> e.elapsed().toSeconds()).sum());
        root.put("visibility", "visible");
        root.put("stdout_visibility", "hidden");
        List<Map<String, Object>> tests = new ArrayList<>();
        for (ExerciseResult e : result.exercises()) {
            int n = 1;
            for (TestResult t : e.tests()) {
                Map<String, Object> test = new LinkedHashMap<>();
                test.put("name", e.exercise().id() + " " + t.test().displayName());
                test.put("number", Integer.parseInt(e.exercise().id()) + "." + n++);
                test.put("score", t.score());
                test.put("max_score", t.test().points());
                test.put("status", t.passed() ? "passed" : "failed");
                String output = t.passed() ? "" : t.message();
                if (!t.passed() && t.test().visibility() == Visibility.VISIBLE && !t.test().hint().isEmpty()) {
                    output += "\nhint: " + t.test().hint();
                }
                test.put("output", output);
                test.put("visibility", t.test().visibility() == Visibility.VISIBLE ? "visible" : "after_published");
                tests.add(test);
            }
        }
        root.put("tests", tests);
        if (leaderboard) {
            root.put("leaderboard", List.of(Map.of("name", "Total", "value", result.score(), "order", "desc")));
        }
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root) + "\n";
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    private static String xml(String text) {
        StringBuilder s = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '&' -> s.append("&amp;");
                case '"' -> s.append("&quot;");
                case '\n', '\t', '\r' -> s.append(c);
                default -> s.append(c < 0x20 ? '?' : c);
            }
        }
        return s.toString();
    }
}
