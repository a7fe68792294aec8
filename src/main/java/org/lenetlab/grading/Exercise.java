package org.lenetlab.grading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One exercise folder, e.g. {@code exercises/03-class-weights/}:
 * <pre>
 *   TASK.md              "# 03 · Title", a "Chapter: `notebook.ipynb`" line, then the task
 *   src/...              the stub students fill in (Java sources, package folders)
 *   solution/...         the reference solution, same files as src/ (instructors only)
 *   tests/visible/...    JUnit 5 tests students get, with {@link Points} and {@link Hint}
 *   tests/hidden/...     JUnit 5 tests only the instructor has
 * </pre>
 * The test sources are read into memory when the exercise is loaded, so nothing a submission does to the files
 * on disk while it is being graded changes how later submissions are graded.
 *
 * @param id          the two-digit number, e.g. "03"
 * @param name        the folder name, e.g. "03-class-weights"
 * @param title       from the first heading of TASK.md
 * @param chapter     the notebook chapter named on TASK.md's "Chapter:" line
 * @param directory   the folder
 * @param testSources test sources by visibility, each a map from relative path to content
 */
public record Exercise(String id, String name, String title, String chapter, Path directory,
                       Map<Visibility, Map<String, String>> testSources) {
    private static final Pattern NAME = Pattern.compile("(\\d{2})-[a-z0-9-]+");
    private static final Pattern HEADING = Pattern.compile("(?m)^#\\s+(.+)$");
    private static final Pattern CHAPTER = Pattern.compile("(?m)^Chapter:\\s*`?([^`\\s]+)`?");

    /** Task file name. */
    public static final String TASK_FILE = "TASK.md";

    /** Validates and freezes the fields. @param id id @param name name @param title title @param chapter chapter
     * @param directory directory @param testSources test sources */
    public Exercise {
        Objects.requireNonNull(directory, "directory");
        Map<Visibility, Map<String, String>> copy = new TreeMap<>();
        testSources.forEach((v, files) -> copy.put(v, Collections.unmodifiableMap(new TreeMap<>(files))));
        testSources = Collections.unmodifiableMap(copy);
    }

    /**
     * Reads an exercise folder.
     *
     * @param directory a folder named {@code NN-some-name}
     * @return the exercise with its tests in memory
     * @throws IllegalArgumentException if the folder is not a complete exercise (the message says what is missing)
     */
    public static Exercise load(Path directory) {
        String name = directory.getFileName().toString();
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            throw new IllegalArgumentException("exercise folder " + directory
                    + " must be named like '03-class-weights' (two digits, a dash, lower-case words)");
        }
        Path task = directory.resolve(TASK_FILE);
        if (!Files.isRegularFile(task)) {
            throw new IllegalArgumentException("exercise " + directory + " has no " + TASK_FILE);
        }
        String text = read(task);
        Matcher heading = HEADING.matcher(text);
        Matcher chapter = CHAPTER.matcher(text);
        if (!heading.find() || !chapter.find()) {
            throw new IllegalArgumentException(task + " must start with a '# NN · Title' heading and have a "
                    + "'Chapter: `notebook.ipynb`' line naming the notebook chapter it belongs to");
        }
        Map<Visibility, Map<String, String>> tests = new TreeMap<>();
        for (Visibility v : Visibility.values()) {
            tests.put(v, readJavaSources(directory.resolve("tests").resolve(v.folder())));
        }
        if (tests.get(Visibility.VISIBLE).isEmpty()) {
            throw new IllegalArgumentException("exercise " + directory + " has no tests in tests/visible");
        }
        if (readJavaSources(directory.resolve("src")).isEmpty()) {
            throw new IllegalArgumentException("exercise " + directory + " has no stub sources in src/");
        }
        return new Exercise(m.group(1), name, heading.group(1).trim(), chapter.group(1), directory, tests);
    }

    /** @return the stub folder students edit */
    public Path sourceDirectory() {
        return directory.resolve("src");
    }

    /** @return the reference solution folder (absent in a student bundle) */
    public Path solutionDirectory() {
        return directory.resolve("solution");
    }

    /**
     * @param includeHidden whether to add the hidden tests
     * @return the test sources to compile, keyed by visibility
     */
    public Map<Visibility, Map<String, String>> tests(boolean includeHidden) {
        Map<Visibility, Map<String, String>> chosen = new TreeMap<>();
        chosen.put(Visibility.VISIBLE, testSources.get(Visibility.VISIBLE));
        if (includeHidden) {
            chosen.put(Visibility.HIDDEN, testSources.get(Visibility.HIDDEN));
        }
        return chosen;
    }

    /**
     * Reads every {@code .java} file under a folder.
     *
     * @param root a source root; a missing folder gives an empty map
     * @return relative path (with '/') to content, sorted
     */
    public static Map<String, String> readJavaSources(Path root) {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.filter(f -> f.toString().endsWith(".java")
                    && Files.isRegularFile(f))::iterator) {
                files.put(root.relativize(p).toString().replace('\\', '/'), read(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sources under " + root + ": " + e.getMessage(), e);
        }
        return files;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
