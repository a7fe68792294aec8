package org.lenetlab.grading;

import java.util.List;
import java.util.Locale;

/** What {@code ./lenet grade} prints for a student: pass/fail and points per visible test, hints, the total. */
public final class StudentFeedback {
    private StudentFeedback() {
    }

    /**
     * @param results the exercises graded
     * @return the report; hidden tests are left out entirely
     */
    public static String render(List<ExerciseResult> results) {
        StringBuilder s = new StringBuilder();
        int score = 0;
        int max = 0;
        for (ExerciseResult r : results) {
            List<TestResult> visible = r.tests(Visibility.VISIBLE);
            int got = visible.stream().mapToInt(TestResult::score).sum();
            int of = visible.stream().mapToInt(t -> t.test().points()).sum();
            score += got;
            max += of;
            s.append(String.format(Locale.ROOT, "%s   (%s)%n", r.exercise().title(),
                    r.exercise().chapter()));
            if (r.problem().startsWith("does not compile") || r.problem().startsWith("not submitted")) {
                s.append("  ").append(r.problem().replace("\n", "\n    ")).append('\n');
            }
            for (TestResult t : visible) {
                s.append(String.format(Locale.ROOT, "  %s %-52s %d/%d%n", t.passed() ? "PASS" : "FAIL",
                        t.test().methodName(), t.score(), t.test().points()));
                if (!t.passed() && !r.problem().startsWith("does not compile")) {
                    s.append("       ").append(firstLines(t.message())).append('\n');
                    if (!t.test().hint().isEmpty()) {
                        s.append("       hint: ").append(t.test().hint()).append('\n');
                    }
                }
            }
            s.append(String.format(Locale.ROOT, "  score %d/%d  (%.1f s)%n%n", got, of,
                    r.elapsed().toMillis() / 1000.0));
        }
        if (results.size() > 1) {
            s.append(String.format(Locale.ROOT, "total %d/%d%n", score, max));
        }
        return s.toString();
    }

    private static String firstLines(String message) {
        String[] lines = message.strip().split("\n");
        String text = lines.length > 3 ? String.join("\n       ", List.of(lines).subList(0, 3)) + " ..."
                : String.join("\n       ", lines);
        return text.length() > 600 ? text.substring(0, 600) + " ..." : text;
    }
}
