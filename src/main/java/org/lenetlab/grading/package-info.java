/**
 * Graded exercises: the grader behind {@code ./lenet grade} and {@code ./lenet exercises}.
 *
 * <p>An exercise ({@link org.lenetlab.grading.Exercise}) is a folder under {@code exercises/} with a task text,
 * a stub, a reference solution and JUnit 5 tests, visible and hidden, whose methods carry
 * {@link org.lenetlab.grading.Points} and {@link org.lenetlab.grading.Hint}. The
 * {@link org.lenetlab.grading.Grader} compiles a submission with the tests in memory (no annotation processing,
 * so no submission code runs in the grading process), finds the graded tests by compiling the tests with the
 * exercise's own stub, then runs them in a child JVM ({@code ChildJvm}, {@link org.lenetlab.grading.ChildTestRunner}).
 * {@link org.lenetlab.grading.Validator} proves each exercise both ways; {@link org.lenetlab.grading.BundleExporter}
 * writes the student bundle; {@link org.lenetlab.grading.StudentFeedback} and
 * {@link org.lenetlab.grading.GradeReports} render results (console, CSV, JUnit XML, Gradescope JSON).
 *
 * <h2>Threat model</h2>
 * A submission is untrusted code run with the grader's user rights. Defended against, each proven by a planted
 * submission in {@code CheatResistanceTest}:
 * <ul>
 *   <li>{@code System.exit}/{@code Runtime.halt}, crashes: the child's end without its final frame fails the test
 *       that was running; the remaining tests run in a new child. Other submissions are graded normally.</li>
 *   <li>Endless loops: a child silent for longer than the per-test limit is killed with its process tree; a
 *       per-submission limit caps the total.</li>
 *   <li>Memory exhaustion: {@code -Xmx} plus {@code -XX:+ExitOnOutOfMemoryError}; the grader's own readers keep at
 *       most 64 KB of a line and 16 KB of log per child.</li>
 *   <li>Fake results on standard output: results are frames tagged with a 128-bit nonce from
 *       {@code SecureRandom}, sent to the child on standard input and read before any submission class loads;
 *       test code's {@code System.out} is redirected to standard error. A test passes only on its own PASS frame.</li>
 *   <li>Editing or deleting test files: test sources are read into memory when the catalog loads; every child
 *       gets fresh class files in a new temporary folder and an empty working folder.</li>
 *   <li>Writing to the results path: outputs are written by the grading process after all submissions ran,
 *       atomically, replacing whatever is there; the child never learns the path.</li>
 *   <li>Hidden tests: never exported ({@link org.lenetlab.grading.BundleExporter}), never run by the student
 *       command, never printed by {@link org.lenetlab.grading.StudentFeedback}.</li>
 * </ul>
 * Not defended against (this is a JVM-level sandbox, not an OS one): a submission that deliberately reads the
 * runner's memory by reflection to learn the nonce, overwrites the library or JUnit jars on disk, opens network
 * connections, or starts processes that escape the process tree. For high-stakes grading of untrusted code, run
 * {@code ./lenet grade --submissions} inside a throw-away container or VM (as Gradescope does), where these are
 * contained.
 */
package org.lenetlab.grading;
