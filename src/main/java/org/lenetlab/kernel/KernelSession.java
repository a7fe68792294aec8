package org.lenetlab.kernel;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;

/**
 * The notebook engine: a persistent JShell session in this JVM, shared by the Jupyter kernel
 * ({@link LenetKernel}) and the headless notebook runner.
 *
 * <pre>{@code
 * try (KernelSession session = KernelSession.start()) {
 *     CellOutcome out = session.execute("var model = LeNet5.builder().build();\nmodel", sink);
 *     out.result();   // the model summary: text/plain and text/html
 * }
 * }</pre>
 *
 * <p>What a cell gets:
 * <ul>
 *   <li>the course library, DL4J, Tablesaw and XChart on the class path, the {@linkplain KernelOptions#DEFAULT_IMPORTS
 *       default imports} and IJava's display API ({@link Display});</li>
 *   <li>its last expression rendered by {@link Renderers} (the real object, not its string);</li>
 *   <li>{@code System.out}/{@code System.err} streamed to the {@link OutputSink} while it runs, also from threads it
 *       starts;</li>
 *   <li>errors naming the user's exception class with stack traces in cell lines, javac's message at the cell line;
 *       </li>
 *   <li>magics: {@code %classpath}, {@code %jars}, {@code %load}, {@code %maven}, {@code %time}, {@code %%time},
 *       {@code %lsmagic} ({@link MagicCommands}).</li>
 * </ul>
 *
 * <p>Cells run one at a time on the session's cell thread, whose context class loader is the loader of the
 * notebook's classes and run-time jars. {@link #interrupt()} stops the running cell from any thread and keeps the
 * session's state. JShell starts in the background as soon as the session is created; the first cell waits for it.
 */
public final class KernelSession implements CellExecutor {
    private static final String LOGGER = KernelSession.class.getName();
    /** How long an interrupted cell may take to stop by itself before it is stopped by force. */
    private static final long STOP_GRACE_MILLIS = 1000;

    private final KernelOptions options;
    private final SnippetClassLoader loader;
    private final CellExecutionControl control;
    private final ExecutorService cellThread;
    private final Future<JavaEvaluator> java;
    private final MagicCommands magics;
    private final ReentrantLock cellLock = new ReentrantLock();
    private volatile CellContext current;
    private volatile Thread thread;
    private int executions;
    private volatile boolean closed;

    private KernelSession(KernelOptions options) {
        this.options = options;
        StandardStreams.install();
        installTrainingDisplay();
        this.loader = new SnippetClassLoader(KernelSession.class.getClassLoader());
        this.control = new CellExecutionControl(new SnippetLoaderDelegate(loader));
        this.cellThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "lenetlab-cell");
            t.setDaemon(true);
            t.setContextClassLoader(loader);
            thread = t;
            return t;
        });
        this.java = cellThread.submit(this::startJShell);
        this.magics = new MagicCommands(this);
    }

    /**
     * The logger, looked up when needed: the logging system then starts in parallel with JShell (in the kernel
     * launcher it takes about as long as JShell's start-up).
     */
    private static Logger log() {
        return LoggerFactory.getLogger(LOGGER);
    }

    private static synchronized void installTrainingDisplay() {
        try {
            LiveTrainingProgress.install();
        } catch (LinkageError e) {
            log().info("no live training display: the course library's training package is not usable here ({})",
                    e.toString());
        }
    }

    /**
     * Starts a session with the {@linkplain KernelOptions#defaults() default options}. Returns at once; JShell
     * starts on the session's cell thread.
     *
     * @return the session
     */
    public static KernelSession start() {
        return start(KernelOptions.defaults());
    }

    /**
     * Starts a session.
     *
     * @param options class path, compiler options, imports
     * @return the session
     */
    public static KernelSession start(KernelOptions options) {
        return new KernelSession(Objects.requireNonNull(options, "options"));
    }

    private JavaEvaluator startJShell() {
        long t0 = System.nanoTime();
        JavaEvaluator evaluator = new JavaEvaluator(control, options.compilerOptions());
        List<String> cp = new ArrayList<>(loaderClassPath());
        for (Path p : options.classPath()) {
            cp.add(p.toAbsolutePath().toString());
        }
        if (!cp.isEmpty()) {
            evaluator.addToClasspath(cp);
        }
        for (String skipped : evaluator.importAtStart(options.imports())) {
            log().info("start-up import {}", skipped);
        }
        log().info("JShell ready in {} ms", (System.nanoTime() - t0) / 1_000_000);
        return evaluator;
    }

    /**
     * @return the entries of the loader that loaded the kernel when it is not the application loader (a launcher
     *     that loads the library through a loader of its own): JShell compiles against {@code java.class.path}
     *     only, so they are added
     */
    private static List<String> loaderClassPath() {
        List<String> entries = new ArrayList<>();
        ClassLoader kernelLoader = KernelSession.class.getClassLoader();
        if (kernelLoader instanceof java.net.URLClassLoader urls && kernelLoader != ClassLoader.getSystemClassLoader()) {
            for (java.net.URL url : urls.getURLs()) {
                try {
                    entries.add(Path.of(url.toURI()).toString());
                } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                    log().debug("class path entry {} is not a file", url);
                }
            }
        }
        return entries;
    }

    /**
     * Blocks until JShell has started and the start-up imports are in.
     *
     * @return this session
     */
    public KernelSession awaitReady() {
        evaluator();
        return this;
    }

    JavaEvaluator evaluator() {
        try {
            return java.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while JShell was starting", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("JShell did not start: " + e.getCause(), e.getCause());
        }
    }

    KernelOptions options() {
        return options;
    }

    SnippetClassLoader loader() {
        return loader;
    }

    @Override
    public CellOutcome execute(String source, OutputSink sink) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sink, "sink");
        if (closed) {
            throw new IllegalStateException("the session is closed");
        }
        cellLock.lock();
        try {
            CellContext cell = new CellContext(sink, ++executions);
            current = cell;
            Future<CellOutcome> outcome = cellThread.submit(() -> runCell(cell, source));
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        return outcome.get();
                    } catch (InterruptedException e) {
                        interrupted = true;
                        interrupt();
                    } catch (ExecutionException e) {
                        log().error("the kernel failed running a cell", e.getCause());
                        return new CellOutcome(null, new CellError("KernelError", String.valueOf(e.getCause()),
                                List.of("KernelError: " + e.getCause())));
                    }
                }
            } finally {
                current = null;
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        } finally {
            cellLock.unlock();
        }
    }

    private CellOutcome runCell(CellContext cell, String source) {
        Thread self = Thread.currentThread();
        cell.enter();
        try {
            JavaEvaluator evaluator = evaluator();
            JavaEvaluator.Result result = CellSource.isCellMagic(source)
                    ? magics.runCellMagic(source, cell)
                    : runParts(source, cell);
            cell.output().flush();
            if (result.failed()) {
                return new CellOutcome(null, result.error());
            }
            if (cell.interrupted()) {
                return new CellOutcome(null, ErrorReports.interrupted());
            }
            DisplayData data = result.hasValue() && result.value() != null ? renderResult(result.value()) : null;
            return new CellOutcome(data, null);
        } catch (RuntimeException | LinkageError e) {
            if (cell.interrupted()) {
                return new CellOutcome(null, ErrorReports.interrupted());
            }
            log().error("the kernel failed running a cell", e);
            return new CellOutcome(null, new CellError("KernelError", String.valueOf(e),
                    List.of("KernelError: " + e)));
        } catch (ThreadDeath | CellStoppedError e) {
            return new CellOutcome(null, ErrorReports.interrupted());
        } finally {
            control.clearStop(self);
            Thread.interrupted();
            cell.exit();
        }
    }

    /** Runs the Java parts and line magics of a cell in order; the last one's value is the cell's. */
    JavaEvaluator.Result runParts(String source, CellContext cell) {
        JavaEvaluator.Result last = JavaEvaluator.Result.NONE;
        for (CellSource.Part part : CellSource.split(source)) {
            JavaEvaluator.Result r = part.magic()
                    ? magics.runLineMagic(part.text(source).strip(), cell)
                    : runJava(source, part.start(), part.end(), cell);
            if (r.failed()) {
                return r;
            }
            if (!part.text(source).isBlank()) {
                last = r;
            }
        }
        return last;
    }

    /** Runs Java code that is part of {@code source}, printing notes about unresolved references to stderr. */
    JavaEvaluator.Result runJava(String source, int start, int end, CellContext cell) {
        StringBuilder notes = new StringBuilder();
        JavaEvaluator.Result r = evaluator().run(source, start, end, cell, notes);
        if (notes.length() > 0) {
            cell.output().write(OutputSink.Stream.STDERR, notes.toString());
        }
        return r;
    }

    private DisplayData renderResult(Object value) {
        try {
            return Display.render(value);
        } catch (RuntimeException | LinkageError e) {
            log().warn("could not render a {}: {}", value.getClass().getName(), e.toString());
            DisplayData text = new DisplayData(String.valueOf(value));
            return text;
        }
    }

    @Override
    public void interrupt() {
        CellContext cell = current;
        if (cell == null) {
            return;
        }
        cell.markInterrupted();
        if (control.requestStop()) {
            Thread watchdog = new Thread(this::stopWhenStuck, "lenetlab-interrupt");
            watchdog.setDaemon(true);
            watchdog.start();
        }
    }

    /**
     * After an interrupt: snippet code that is busy in itself (a loop in the cell) is stopped at once; library
     * code gets {@value #STOP_GRACE_MILLIS} ms to notice the interrupt (the Trainer finishes its batch) before it
     * is stopped by force.
     */
    private void stopWhenStuck() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_GRACE_MILLIS);
        while (true) {
            Thread running = control.runningThread();
            if (running == null) {
                return;
            }
            StackTraceElement[] stack = running.getStackTrace();
            boolean inSnippet = stack.length > 0 && stack[0].getClassName().startsWith("REPL.");
            if (inSnippet || System.nanoTime() > deadline) {
                control.forceStop();
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Completions for the code at the cursor (Jupyter's TAB).
     *
     * @param matches what may replace {@code code[start, end)}, best first
     * @param start   where the replaced text starts
     * @param end     where it ends (the cursor)
     */
    public record Completion(List<String> matches, int start, int end) {
        /** Copies the matches. */
        public Completion {
            matches = List.copyOf(matches);
        }
    }

    /**
     * Whether a cell is ready to run (Jupyter's {@code is_complete}).
     *
     * @param status {@link #COMPLETE}, {@link #INCOMPLETE} or {@link #INVALID}
     * @param indent the indentation for the next line when incomplete, else empty
     */
    public record IsComplete(String status, String indent) {
        /** The code can run. */
        public static final String COMPLETE = "complete";
        /** The code needs more lines (an open block, an unfinished statement). */
        public static final String INCOMPLETE = "incomplete";
        /** The code cannot become valid by adding lines; running it shows the error. */
        public static final String INVALID = "invalid";
    }

    /**
     * @param code   the cell
     * @param cursor the cursor's offset in {@code code}
     * @return the completions at the cursor
     */
    public Completion complete(String code, int cursor) {
        return assist().complete(code, cursor);
    }

    /**
     * @param code   the cell
     * @param cursor the cursor's offset in {@code code}
     * @return the signature and documentation of what is at the cursor, or an empty string if nothing is known
     */
    public String inspect(String code, int cursor) {
        return assist().inspect(code, cursor);
    }

    /**
     * @param code a cell
     * @return whether it is complete
     */
    public IsComplete isComplete(String code) {
        return assist().isComplete(code);
    }

    private CodeAssist assist() {
        return new CodeAssist(evaluator(), magics.lineMagicNames(), magics.cellMagicNames());
    }

    /**
     * Adds jars or class folders to the session (for compiling and loading the next cells).
     *
     * @param entries paths that exist
     */
    public void addToClasspath(List<Path> entries) {
        List<String> paths = new ArrayList<>();
        for (Path p : entries) {
            paths.add(p.toAbsolutePath().normalize().toString());
        }
        evaluator().addToClasspath(paths);
    }

    /**
     * @return the session's class path: the kernel's own entries, then those added at run time
     */
    public List<String> classPath() {
        List<String> all = new ArrayList<>();
        for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!e.isBlank()) {
                all.add(e);
            }
        }
        all.addAll(evaluator().addedClassPath());
        return all;
    }

    /** @return the thread cells run on (for tests and diagnostics) */
    Thread cellThread() {
        return thread;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        interrupt();
        cellThread.shutdown();
        try {
            if (java.isDone()) {
                evaluator().close();
            }
        } catch (RuntimeException e) {
            log().debug("closing JShell", e);
        }
        try {
            loader.close();
        } catch (java.io.IOException e) {
            log().debug("closing the notebook class loader", e);
        }
    }
}
