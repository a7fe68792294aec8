package org.lenetlab.notebook;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.google.gson.JsonObject;

import org.lenetlab.kernel.CellError;
import org.lenetlab.kernel.CellExecutor;
import org.lenetlab.kernel.CellOutcome;
import org.lenetlab.train.RunProfile;

/**
 * Runs a notebook headless, as Jupyter's {@code nbclient} does but in this JVM: one fresh session per notebook,
 * code cells in order, outputs collected into the notebook (streams merged, displays updated in place, values as
 * {@code Out[n]}), execution counts and per-cell timing recorded. Stops at the first failing cell; a cell running
 * longer than the timeout is interrupted and counts as failed. The executed notebook is returned (and, with
 * {@link #run(Path, Path)}, written) even when it stopped early: the cells after the failure have no outputs and
 * the metadata's {@code lenetlab.run} says how far it got.
 */
public final class NotebookRunner {
    /** The {@code ename} of the error written for a cell that ran out of time. */
    public static final String TIMEOUT_ERROR = "CellTimeout";

    private final ExecutorFactory sessions;
    private final Duration cellTimeout;
    private final Duration interruptGrace;
    private final PrintStream console;
    private final PrintStream consoleErr;
    private final boolean quiet;
    private final boolean showRunning;

    private NotebookRunner(Builder builder) {
        this.sessions = builder.sessions;
        this.cellTimeout = builder.cellTimeout;
        this.interruptGrace = builder.interruptGrace;
        this.console = builder.console;
        this.consoleErr = builder.consoleErr;
        this.quiet = builder.quiet;
        this.showRunning = builder.showRunning;
    }

    /**
     * @param sessions starts one session per notebook, e.g. {@code KernelSession::start}
     * @return a builder: no timeout, 10 s for an interrupted cell to stop, no console output
     */
    public static Builder builder(ExecutorFactory sessions) {
        return new Builder(sessions);
    }

    /**
     * Reads a notebook, runs it and writes the executed notebook atomically (also when it failed).
     *
     * @param source the notebook to run
     * @param target where to write the executed notebook (may equal {@code source})
     * @return the result
     * @throws IOException if the notebook cannot be read or the result cannot be written
     */
    public NotebookResult run(Path source, Path target) throws IOException {
        Notebook notebook = Notebook.read(source);
        NotebookResult result = run(notebook, source.getFileName().toString());
        result.notebook().write(target);
        return result;
    }

    /**
     * Runs a notebook.
     *
     * @param notebook the notebook
     * @param name     its name in messages (the file name)
     * @return the executed notebook and how it went
     */
    public NotebookResult run(Notebook notebook, String name) {
        return new Run(notebook, name).execute();
    }

    /** One notebook's run: the session, its worker thread and the outputs. */
    private final class Run {
        private final Notebook notebook;
        private final String name;
        private final List<Cell> cells;
        private final Cell[] executed;
        private final Integer[] executionCounts;
        private final ConsoleEcho echo;
        private final OutputCollector collector;
        private final int codeCellCount;
        private final ExecutorService worker;
        private CellExecutor session;
        private boolean sessionStuck;

        Run(Notebook notebook, String name) {
            this.notebook = notebook;
            this.name = name;
            this.cells = notebook.cells();
            this.executed = new Cell[cells.size()];
            this.executionCounts = new Integer[cells.size()];
            this.echo = console == null ? ConsoleEcho.SILENT : new ConsoleEcho(console, consoleErr, quiet,
                    showRunning);
            this.collector = new OutputCollector(cells.size(), echo);
            this.codeCellCount = notebook.codeCells().size();
            this.worker = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "notebook " + name);
                thread.setDaemon(true);
                return thread;
            });
        }

        NotebookResult execute() {
            long start = System.nanoTime();
            CellFailure failure = null;
            RunStatus status = RunStatus.PASSED;
            int executionCount = 0;
            try {
                failure = startSession();
                if (failure != null) {
                    status = RunStatus.FAILED;
                }
                int codeNumber = 0;
                for (int i = 0; i < cells.size() && failure == null; i++) {
                    Cell cell = cells.get(i);
                    if (!cell.isCode()) {
                        continue;
                    }
                    codeNumber++;
                    if (cell.isBlank()) {
                        continue;
                    }
                    executionCount++;
                    echo.running(String.format(Locale.ROOT, "  [%2d/%d]  running  %s", codeNumber, codeCellCount,
                            cell.firstLine()));
                    CellRun cellRun = runCell(i, cell, executionCount);
                    executionCounts[i] = executionCount;
                    executed[i] = cell.withMetadata(withTiming(cell.metadata(), cellRun.started(), cellRun.ended()));
                    double seconds = Duration.between(cellRun.started(), cellRun.ended()).toNanos() / 1e9;
                    if (cellRun.error() == null) {
                        echo.line(String.format(Locale.ROOT, "  [%2d/%d] %7.2f s  %s", codeNumber, codeCellCount,
                                seconds, cell.firstLine()));
                        continue;
                    }
                    collector.error(cellRun.error());
                    failure = new CellFailure(name, codeNumber, cell.firstLine(), cellRun.error().ename(),
                            cellRun.error().evalue());
                    status = cellRun.timedOut() ? RunStatus.TIMED_OUT : RunStatus.FAILED;
                    echo.line(String.format(Locale.ROOT, "  [%2d/%d] %7.2f s  %s  FAILED: %s", codeNumber,
                            codeCellCount, seconds, cell.firstLine(), failure.ename()));
                }
            } finally {
                closeSession();
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            int executedCells = (int) Arrays.stream(executed).filter(Objects::nonNull).count();
            Notebook result = notebook.withCells(executedCells()).withMetadata(
                    runMetadata(status, executedCells, elapsed, failure));
            return new NotebookResult(name, result, status, codeCellCount, executedCells, elapsed, failure);
        }

        private CellFailure startSession() {
            Future<CellExecutor> started = worker.submit(sessions::start);
            try {
                session = cellTimeout == null ? started.get()
                        : started.get(Math.max(cellTimeout.toMillis(), 1), TimeUnit.MILLISECONDS);
                return null;
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                return new CellFailure(name, 0, "", "SessionStartError", "the Java session did not start: "
                        + (cause.getMessage() == null ? cause.toString() : cause.getMessage()));
            } catch (TimeoutException e) {
                started.cancel(true);
                sessionStuck = true;
                return new CellFailure(name, 0, "", TIMEOUT_ERROR, "the Java session did not start within "
                        + describe(cellTimeout));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new CellFailure(name, 0, "", "Interrupted", "the run was interrupted");
            }
        }

        private CellRun runCell(int index, Cell cell, int executionCount) {
            collector.begin(index);
            Instant started = Instant.now();
            Future<CellOutcome> running = worker.submit(() -> session.execute(cell.source(), collector));
            try {
                CellOutcome outcome = cellTimeout == null ? running.get()
                        : running.get(Math.max(cellTimeout.toMillis(), 1), TimeUnit.MILLISECONDS);
                collector.result(executionCount, outcome.result());
                return new CellRun(started, Instant.now(), outcome.ok() ? null : errorOutput(outcome.error()), false);
            } catch (TimeoutException e) {
                Instant ended = Instant.now();
                session.interrupt();
                try {
                    running.get(interruptGrace.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException stillRunning) {
                    sessionStuck = true;
                } catch (ExecutionException | CancellationException ignored) {
                    // it stopped; how does not matter, the timeout is the error
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
                String message = "the cell did not finish within " + describe(cellTimeout) + " and was interrupted"
                        + (sessionStuck ? " (it did not stop within " + describe(interruptGrace)
                                + "; the session was abandoned)" : "");
                return new CellRun(started, ended, new ErrorOutput(TIMEOUT_ERROR, message, List.of(
                        TIMEOUT_ERROR + ": " + message)), true);
            } catch (ExecutionException e) {
                return new CellRun(started, Instant.now(), thrown(e.getCause()), false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                session.interrupt();
                return new CellRun(started, Instant.now(), new ErrorOutput("Interrupted", "the run was interrupted",
                        List.of()), false);
            }
        }

        private void closeSession() {
            if (session == null || sessionStuck) {
                CellExecutor abandoned = session;
                if (abandoned != null) {
                    // the worker is stuck in a cell; close from elsewhere and do not wait for it
                    Thread closer = new Thread(abandoned::close, "close abandoned session " + name);
                    closer.setDaemon(true);
                    closer.start();
                }
                worker.shutdownNow();
                return;
            }
            Future<?> closing = worker.submit(session::close);
            try {
                closing.get(interruptGrace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // a session that does not close cleanly has still produced its results
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                worker.shutdownNow();
            }
        }

        private List<Cell> executedCells() {
            List<Cell> result = new ArrayList<>(cells.size());
            for (int i = 0; i < cells.size(); i++) {
                Cell cell = cells.get(i);
                if (!cell.isCode()) {
                    result.add(cell);
                } else if (executed[i] == null) {
                    JsonObject metadata = cell.metadata();
                    metadata.remove("execution");
                    result.add(cell.withMetadata(metadata).withOutputs(List.of(), null));
                } else {
                    result.add(executed[i].withOutputs(collector.outputsOf(i), executionCounts[i]));
                }
            }
            return result;
        }

        private JsonObject runMetadata(RunStatus status, int executedCells, Duration elapsed, CellFailure failure) {
            JsonObject metadata = notebook.metadata();
            metadata.add("kernelspec", Notebook.kernelspec());
            metadata.add("language_info", Notebook.languageInfo());
            JsonObject run = new JsonObject();
            run.addProperty("status", status.label());
            run.addProperty("partial", executedCells < notebook.codeCells().stream().filter(c -> !c.isBlank())
                    .count());
            run.addProperty("code_cells", codeCellCount);
            run.addProperty("executed_cells", executedCells);
            run.addProperty("seconds", Math.round(elapsed.toMillis() / 10.0) / 100.0);
            run.addProperty("finished", timestamp(Instant.now()));
            run.addProperty("profile", profile());
            String dataset = System.getProperty("lenetlab.dataset");
            if (dataset != null && !dataset.isBlank()) {
                run.addProperty("dataset", dataset);
            }
            if (failure != null) {
                if (failure.cellNumber() > 0) {
                    run.addProperty("failed_cell", failure.cellNumber());
                }
                run.addProperty("error", failure.message());
            }
            JsonObject lenetlab = metadata.has("lenetlab") && metadata.get("lenetlab").isJsonObject()
                    ? metadata.getAsJsonObject("lenetlab") : new JsonObject();
            lenetlab.add("run", run);
            metadata.add("lenetlab", lenetlab);
            return metadata;
        }
    }

    private record CellRun(Instant started, Instant ended, ErrorOutput error, boolean timedOut) {
    }

    private static String profile() {
        try {
            return RunProfile.current().toString();
        } catch (IllegalArgumentException e) {
            return String.valueOf(System.getProperty(RunProfile.PROPERTY, System.getenv(RunProfile.ENV)));
        }
    }

    private static ErrorOutput errorOutput(CellError error) {
        return new ErrorOutput(error.name(), error.value(), error.traceback());
    }

    /** The executor broke its contract and threw: still an error of this cell, with the stack trace. */
    private static ErrorOutput thrown(Throwable cause) {
        StringWriter trace = new StringWriter();
        cause.printStackTrace(new PrintWriter(trace));
        return new ErrorOutput(cause.getClass().getSimpleName(), String.valueOf(cause.getMessage()),
                trace.toString().lines().toList());
    }

    /** Timing in the cell metadata under the keys JupyterLab records, so its tools show how long cells took. */
    private static JsonObject withTiming(JsonObject metadata, Instant started, Instant ended) {
        JsonObject execution = new JsonObject();
        execution.addProperty("iopub.execute_input", timestamp(started));
        execution.addProperty("shell.execute_reply.started", timestamp(started));
        execution.addProperty("shell.execute_reply", timestamp(ended));
        metadata.add("execution", execution);
        return metadata;
    }

    private static String timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).toString();
    }

    static String describe(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds >= 1 && duration.toMillis() % 1000 == 0 ? seconds + " s"
                : String.format(Locale.ROOT, "%.3f s", duration.toMillis() / 1000.0);
    }

    /** Configures a {@link NotebookRunner}. */
    public static final class Builder {
        private final ExecutorFactory sessions;
        private Duration cellTimeout;
        private Duration interruptGrace = Duration.ofSeconds(10);
        private PrintStream console;
        private PrintStream consoleErr;
        private boolean quiet;
        private boolean showRunning;

        private Builder(ExecutorFactory sessions) {
            this.sessions = Objects.requireNonNull(sessions, "sessions");
        }

        /**
         * @param timeout the longest a cell may run before it is interrupted and the notebook fails; {@code null}
         *                for no limit
         * @return this builder
         */
        public Builder cellTimeout(Duration timeout) {
            if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
                throw new IllegalArgumentException("the cell timeout must be positive, not " + timeout);
            }
            this.cellTimeout = timeout;
            return this;
        }

        /**
         * @param grace how long an interrupted cell may take to stop before its session is abandoned
         * @return this builder
         */
        public Builder interruptGrace(Duration grace) {
            if (grace.isNegative() || grace.isZero()) {
                throw new IllegalArgumentException("the interrupt grace time must be positive, not " + grace);
            }
            this.interruptGrace = grace;
            return this;
        }

        /**
         * Shows progress on a console: the cells' output as it is written and a line per cell with its time.
         *
         * @param out   standard output, captured before any session redirects {@code System.out}
         * @param err   standard error, likewise
         * @param quietly whether to show only the per-cell lines, not the cells' own output
         * @return this builder
         */
        public Builder console(PrintStream out, PrintStream err, boolean quietly) {
            this.console = Objects.requireNonNull(out, "out");
            this.consoleErr = Objects.requireNonNull(err, "err");
            this.quiet = quietly;
            return this;
        }

        /**
         * Shows which cell is running, on a terminal: a line that the cell's final line then overwrites (with a
         * carriage return and an ANSI erase, so only for consoles that understand them).
         *
         * @param show whether to show it
         * @return this builder
         */
        public Builder showRunningCell(boolean show) {
            this.showRunning = show;
            return this;
        }

        /** @return the runner */
        public NotebookRunner build() {
            return new NotebookRunner(this);
        }
    }
}
