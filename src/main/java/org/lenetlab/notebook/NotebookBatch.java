package org.lenetlab.notebook;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs notebooks one after another into an output folder: for each {@code NAME.ipynb} the executed
 * {@code OUT/NAME.ipynb} and {@code OUT/NAME.html}, then {@code OUT/index.html} over all of them. All notebooks are
 * read before the first one runs, so a broken file is reported at once, not after an hour of training. Stops after
 * the first notebook that fails unless told to keep going; the rest are listed as not run.
 */
public final class NotebookBatch {
    private final NotebookRunner runner;
    private final Path outDir;
    private final boolean keepGoing;
    private final PrintStream console;
    private final String heading;

    /**
     * @param runner    runs each notebook
     * @param outDir    where the executed notebooks, pages and index go
     * @param keepGoing whether to run the remaining notebooks after one failed
     * @param console   where to announce each notebook, {@code null} for nowhere
     * @param heading   the index page's heading
     */
    public NotebookBatch(NotebookRunner runner, Path outDir, boolean keepGoing, PrintStream console, String heading) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.outDir = Objects.requireNonNull(outDir, "outDir");
        this.keepGoing = keepGoing;
        this.console = console;
        this.heading = Objects.requireNonNull(heading, "heading");
    }

    /** @return where the index page goes */
    public Path indexFile() {
        return outDir.resolve("index.html");
    }

    /**
     * @param notebooks the notebook files, in the order to run them
     * @return one result per notebook, in that order
     * @throws NotebookFormatException  if a file is not a notebook (before anything runs)
     * @throws IllegalArgumentException if two notebooks have the same file name (their outputs would collide)
     * @throws IOException              if a file cannot be read or an output cannot be written
     */
    public List<NotebookResult> run(List<Path> notebooks) throws IOException {
        Map<Path, Notebook> read = new LinkedHashMap<>();
        Map<String, Path> names = new HashMap<>();
        for (Path file : notebooks) {
            String name = file.getFileName().toString();
            Path other = names.putIfAbsent(name, file);
            if (other != null && !other.toAbsolutePath().normalize().equals(file.toAbsolutePath().normalize())) {
                throw new IllegalArgumentException("two notebooks are named " + name + " (" + other + " and " + file
                        + "); their outputs in " + outDir + " would overwrite each other: run them separately");
            }
            read.put(file, Notebook.read(file));
        }
        List<NotebookResult> results = new ArrayList<>();
        boolean stopped = false;
        for (Map.Entry<Path, Notebook> entry : read.entrySet()) {
            Path file = entry.getKey();
            String name = file.getFileName().toString();
            if (stopped) {
                results.add(NotebookResult.notRun(name, entry.getValue()));
                continue;
            }
            if (console != null) {
                console.println();
                int cells = entry.getValue().codeCells().size();
                console.println(name + " (" + cells + " code cell" + (cells == 1 ? "" : "s") + ")");
            }
            NotebookResult result = runner.run(entry.getValue(), name);
            result.notebook().write(outDir.resolve(name));
            NotebookHtml.builder(result.notebook()).title(NotebookHtml.stem(name)).result(result)
                    .notebookDir(file.toAbsolutePath().getParent()).indexHref("index.html")
                    .write(outDir.resolve(NotebookHtml.pageName(name)));
            results.add(result);
            if (!result.status().passed() && !keepGoing) {
                stopped = true;
            }
            RunIndex.of(results, heading).write(indexFile());
        }
        RunIndex.of(results, heading).write(indexFile());
        return results;
    }
}
