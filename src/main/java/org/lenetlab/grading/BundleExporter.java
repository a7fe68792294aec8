package org.lenetlab.grading;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.lenetlab.io.AtomicFiles;

/**
 * Writes the student bundle of a catalog: for every exercise its task text, its stub and its visible tests —
 * never the reference solution, never the hidden tests. Exported sources are taken from the instructor's
 * folders; nothing else in them is copied, so stray files cannot leak.
 */
public final class BundleExporter {
    private BundleExporter() {
    }

    /**
     * @param catalog the instructor's exercises
     * @param target  an empty or new folder; it receives one folder per exercise
     * @return the files written, relative to the target
     * @throws IOException if writing fails
     * @throws IllegalArgumentException if the target exists and is not an empty folder
     */
    public static List<Path> export(ExerciseCatalog catalog, Path target) throws IOException {
        if (Files.exists(target)) {
            try (var list = Files.list(target)) {
                if (list.findAny().isPresent()) {
                    throw new IllegalArgumentException("export folder " + target.toAbsolutePath()
                            + " is not empty; choose a new folder so no old solution can be left behind");
                }
            }
        }
        List<Path> written = new ArrayList<>();
        for (Exercise e : catalog.exercises()) {
            Path dir = target.resolve(e.name());
            written.add(write(target, dir.resolve(Exercise.TASK_FILE),
                    Files.readString(e.directory().resolve(Exercise.TASK_FILE))));
            for (Map.Entry<String, String> f : Exercise.readJavaSources(e.sourceDirectory()).entrySet()) {
                written.add(write(target, dir.resolve("src").resolve(f.getKey()), f.getValue()));
            }
            for (Map.Entry<String, String> f : e.testSources().get(Visibility.VISIBLE).entrySet()) {
                written.add(write(target, dir.resolve("tests/visible").resolve(f.getKey()), f.getValue()));
            }
        }
        return written;
    }

    private static Path write(Path root, Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        AtomicFiles.writeString(file, text);
        return root.relativize(file);
    }
}
