package org.lenetlab.grading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The exercises of a course: every {@code NN-name} folder under an exercises root (normally {@code exercises/}).
 */
public final class ExerciseCatalog {
    private final Path root;
    private final List<Exercise> exercises;

    private ExerciseCatalog(Path root, List<Exercise> exercises) {
        this.root = root;
        this.exercises = List.copyOf(exercises);
    }

    /**
     * Loads every exercise under a root.
     *
     * @param root the exercises folder
     * @return the catalog, ordered by number
     * @throws IllegalArgumentException if the folder does not exist or holds no exercise
     */
    public static ExerciseCatalog load(Path root) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("no exercises folder at " + root.toAbsolutePath()
                    + "; run from the course folder or pass --exercises DIR");
        }
        List<Exercise> found = new ArrayList<>();
        try (Stream<Path> list = Files.list(root)) {
            for (Path p : (Iterable<Path>) list.sorted()::iterator) {
                if (Files.isDirectory(p) && p.getFileName().toString().matches("\\d{2}-.*")) {
                    found.add(Exercise.load(p));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no exercise folders (named like '01-layer-arithmetic') in "
                    + root.toAbsolutePath());
        }
        found.sort(Comparator.comparing(Exercise::name));
        return new ExerciseCatalog(root, found);
    }

    /** @return the exercises root */
    public Path root() {
        return root;
    }

    /** @return all exercises, ordered by number */
    public List<Exercise> exercises() {
        return exercises;
    }

    /**
     * Finds an exercise by number ("3", "03") or folder name ("03-class-weights").
     *
     * @param key the number or name
     * @return the exercise
     * @throws IllegalArgumentException naming the known exercises if none matches
     */
    public Exercise find(String key) {
        String k = key.trim().toLowerCase(Locale.ROOT);
        String padded = k.matches("\\d") ? "0" + k : k;
        for (Exercise e : exercises) {
            if (e.id().equals(padded) || e.name().equals(k)) {
                return e;
            }
        }
        throw new IllegalArgumentException("no exercise '" + key + "'; the exercises are "
                + exercises.stream().map(Exercise::name).collect(Collectors.joining(", ")));
    }
}
