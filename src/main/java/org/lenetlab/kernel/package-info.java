/**
 * A Jupyter kernel for Java in the IJava tradition (JShell, IJava's display API), with the course library, DL4J,
 * Tablesaw and XChart on its class path; {@link org.lenetlab.kernel.CellExecutor} is the engine it shares with the
 * headless notebook runner.
 *
 * <h2>The engine</h2>
 * {@link org.lenetlab.kernel.KernelSession} ({@code KernelSession.start()}) keeps one JShell whose snippets run in
 * this JVM on the session's cell thread, so a cell's value is a real object:
 * <ul>
 *   <li>the last expression is rendered by {@link org.lenetlab.kernel.Renderers} (images and charts as PNG, SVG on
 *       request; Tablesaw tables as HTML; models as their summary; evaluations as their report; always text);</li>
 *   <li>{@link org.lenetlab.kernel.Display} is IJava's API, statically imported: {@code display(obj)},
 *       {@code display(obj, "image/svg+xml")}, {@code render(obj)}, {@code updateDisplay(id, obj)};</li>
 *   <li>{@code System.out}/{@code System.err} reach the cell's {@link org.lenetlab.kernel.OutputSink} while it runs
 *       (within 20 ms), also from threads the cell starts, in
 *       order with its displays;</li>
 *   <li>a {@code Trainer} run inside a cell shows one live display that updates in place
 *       ({@link org.lenetlab.kernel.LiveTrainingProgress});</li>
 *   <li>errors: the user's exception class, a stack trace in cell lines without the kernel's frames; javac's
 *       message at the cell line with a caret; definitions with unresolved references explained;</li>
 *   <li>magics: {@code %classpath}, {@code %jars}, {@code %load} (.java, .jsh, .ipynb), {@code %maven} (transitive,
 *       Maven's resolver), {@code %mavenRepo}, {@code %time}, {@code %%time}, {@code %lsmagic};</li>
 *   <li>{@link org.lenetlab.kernel.KernelSession#interrupt()} stops a running cell and keeps the session: sleeping
 *       and cooperative code at once (the {@code Trainer} after its batch), a busy loop in the cell at once, other
 *       library code after a second by force on Java 17–19 (on Java 20+, where {@code Thread.stop} is gone, code in
 *       cells is stopped through JShell's stop-check instrumentation, see {@link org.lenetlab.kernel.StopSignal});</li>
 *   <li>speed: an expression runs as one declaration handing its value to {@link org.lenetlab.kernel.CellValue}
 *       (javac runs twice on it instead of three times), the start-up imports are one snippet, the class path's jars
 *       are indexed in the background while JShell starts ({@link org.lenetlab.kernel.ClassPathIndex}), and JShell's
 *       compiler does not search all jars for its snippet package or for compiler plugins
 *       ({@link org.lenetlab.kernel.JShellFileManager}); BENCHMARKS.md has the figures;</li>
 *   <li>the cell thread's context class loader is the loader of the notebook's classes and run-time jars, so DL4J
 *       added with {@code %jars} or {@code %maven} finds its ND4J backend (IJava #65, DL4J #7937).</li>
 * </ul>
 *
 * <h2>The Jupyter kernel</h2>
 * {@link org.lenetlab.kernel.KernelLauncher} ({@code main(connectionFile)}) logs to
 * {@link org.lenetlab.kernel.KernelLogging#defaultLogFile()} (WARN and up also to the running cell's stderr), binds
 * the sockets to the connection file's address, drops messages with a bad or missing HMAC-SHA256 signature and
 * serves {@link org.lenetlab.kernel.LenetKernel}: execute (with streams, displays, errors), complete, inspect,
 * is_complete, interrupt ({@code "interrupt_mode": "message"}) and shutdown.
 */
package org.lenetlab.kernel;
