package org.lenetlab.kernel;

import java.io.File;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.VarSnippet;

/**
 * The Java side of a session: one JShell whose snippets run through a {@link CellExecutionControl}. Runs a piece of
 * cell code snippet by snippet (as JShell's completeness analysis splits it), stops at the first error, and keeps the
 * real value of the last expression. Also serves completion, documentation and completeness questions.
 * Not thread-safe on its own: the session calls it from the cell thread, and under its lock otherwise.
 */
final class JavaEvaluator implements AutoCloseable {
    /** The variable {@link #asValueDeclaration} declares, dropped once it has run. */
    static final String VALUE_VARIABLE = "$cellValue$";

    private final JShell shell;
    private final SourceCodeAnalysis analysis;
    private final CellExecutionControl control;
    private final Map<String, ErrorReports.Origin> origins = new ConcurrentHashMap<>();
    private final Set<String> addedClassPath = Collections.synchronizedSet(new LinkedHashSet<>());
    /** The start-up imports, as one snippet; null when there are none or they went in one by one. */
    private Snippet startImports;

    /** The result of running code: nothing, a value (possibly {@code null}), or an error. */
    record Result(boolean hasValue, Object value, CellError error) {
        static final Result NONE = new Result(false, null, null);

        static Result value(Object value) {
            return new Result(true, value, null);
        }

        static Result failed(CellError error) {
            return new Result(false, null, error);
        }

        boolean failed() {
            return error != null;
        }
    }

    JavaEvaluator(CellExecutionControl control, List<String> compilerOptions) {
        this.control = control;
        this.shell = JShell.builder()
                .executionEngine(control.provider(), Map.of())
                .fileManager(JShellFileManager::new)
                .compilerOptions(compilerOptions.toArray(String[]::new))
                .build();
        this.analysis = shell.sourceCodeAnalysis();
    }

    CellExecutionControl control() {
        return control;
    }

    /**
     * Runs a piece of cell code.
     *
     * @param cellSource the whole cell, for error positions
     * @param start      where the code starts in the cell
     * @param end        where it ends
     * @param cell       the running cell (its number names snippets in stack traces; interrupts stop here)
     * @param notes      where notes about definitions with unresolved references go (the cell's stderr)
     * @return the value of the last snippet if it is an expression, or the first error
     */
    synchronized Result run(String cellSource, int start, int end, CellContext cell, StringBuilder notes) {
        String code = cellSource.substring(start, end);
        String remaining = code;
        int offset = 0;
        Result last = Result.NONE;
        while (!remaining.isBlank()) {
            if (cell.interrupted()) {
                return Result.failed(ErrorReports.interrupted());
            }
            CompletionInfo info = analysis.analyzeCompletion(remaining);
            Completeness completeness = info.completeness();
            if (completeness == Completeness.EMPTY) {
                break;
            }
            boolean complete = completeness.isComplete() && info.source() != null;
            String source = complete ? info.source() : remaining;
            // JShell numbers stack-trace lines wrongly when a snippet starts with a line break: drop the blank start
            int lead = leadingBlankLength(source);
            source = source.substring(lead);
            int snippetStart = start + offset + lead;
            Result r = evalSnippet(source, cellSource, snippetStart, cell, notes);
            if (r.failed()) {
                return r;
            }
            last = r;
            if (!complete) {
                break;
            }
            offset += remaining.length() - info.remaining().length();
            remaining = info.remaining();
        }
        return last;
    }

    private Result evalSnippet(String source, String cellSource, int snippetStart, CellContext cell,
                               StringBuilder notes) {
        boolean asDeclaration = ExpressionShape.isExpression(source);
        SnippetEvent main = asDeclaration ? mainEvent(shell.eval(asValueDeclaration(source))) : null;
        if (main != null && main.status().isDefined()) {
            // the variable only carried the value: kept, it would be imported into every later snippet
            shell.drop(main.snippet());
        }
        if (main == null || main.status() != Snippet.Status.VALID) {
            // not an expression after all, or one javac rejects: JShell's own way, with its own diagnostics
            asDeclaration = false;
            List<SnippetEvent> events = shell.eval(source);
            keepStartImports(events);
            main = mainEvent(events);
        }
        if (main == null) {
            return Result.NONE;
        }
        Snippet snippet = main.snippet();
        origins.put(snippet.id(), new ErrorReports.Origin(cell.number(), SourceLines.lineOf(cellSource, snippetStart)));
        if (control.wasStopped()) {
            return Result.failed(ErrorReports.interrupted());
        }
        if (main.exception() != null) {
            if (cell.interrupted()) {
                return Result.failed(ErrorReports.interrupted());
            }
            return Result.failed(ErrorReports.runtime(main.exception(), origins, shell));
        }
        switch (main.status()) {
            case REJECTED:
                return Result.failed(ErrorReports.compilation(shell.diagnostics(snippet).toList(), source, cellSource,
                        snippetStart));
            case RECOVERABLE_DEFINED:
            case RECOVERABLE_NOT_DEFINED:
                notes.append(ErrorReports.recoverableNote(snippet, shell,
                        main.status() == Snippet.Status.RECOVERABLE_DEFINED));
                return Result.NONE;
            default:
                break;
        }
        if (asDeclaration) {
            return CellValue.take();
        }
        boolean expression = snippet.kind() == Snippet.Kind.EXPRESSION
                || snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
        Object value = control.takeValue(main.value());
        if (snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
            // JShell keeps an expression's value as a variable $N and imports every such variable into each later
            // snippet, so without this each cell compiles a little slower than the one before (33 ms for 1+1 at
            // first, 48 ms 240 cells later). A notebook never shows these names: the value is the cell's result.
            shell.drop(snippet);
        }
        return expression ? Result.value(value) : Result.NONE;
    }

    private static SnippetEvent mainEvent(List<SnippetEvent> events) {
        for (SnippetEvent e : events) {
            if (e.causeSnippet() == null) {
                return e;
            }
        }
        return null;
    }

    /**
     * @return the expression as a declaration handing its value to {@link CellValue}: javac runs twice on it, where
     *         JShell runs it three times on an expression. Same lines (a trailing line comment stays a comment).
     */
    static String asValueDeclaration(String expression) {
        String e = expression.stripTrailing();
        if (e.endsWith(";")) {
            e = e.substring(0, e.length() - 1);
        }
        String type = CellValue.class.getName();
        return type + " " + VALUE_VARIABLE + " = " + type + ".of(() -> " + e + "\n);";
    }

    private static int leadingBlankLength(String source) {
        int i = 0;
        while (i < source.length() && Character.isWhitespace(source.charAt(i))) {
            i++;
        }
        return i;
    }

    /**
     * Imports what every notebook starts with. All of them go in as one snippet, compiled once: JShell compiles each
     * import snippet against all earlier ones, so 27 one by one took 150 ms more of the kernel's start. When one of
     * them cannot be resolved (a package missing from the class path), they go in one by one and that one is
     * skipped.
     *
     * @param imports the imports, e.g. {@code "java.util.*"} or {@code "static java.lang.Math.*"}
     * @return the skipped imports, each with javac's reason
     */
    synchronized List<String> importAtStart(List<String> imports) {
        if (imports.isEmpty()) {
            return List.of();
        }
        String all = imports.stream().map(i -> "import " + i + ";").collect(Collectors.joining(" "));
        SnippetEvent batch = mainEvent(shell.eval(all));
        if (batch != null && batch.status() == Snippet.Status.VALID) {
            startImports = batch.snippet();
            return List.of();
        }
        List<String> skipped = new ArrayList<>();
        for (String imported : imports) {
            SnippetEvent e = mainEvent(shell.eval("import " + imported + ";"));
            if (e != null && e.status() == Snippet.Status.REJECTED) {
                skipped.add(imported + " skipped: " + shell.diagnostics(e.snippet())
                        .map(d -> d.getMessage(java.util.Locale.ROOT)).findFirst().orElse("rejected"));
            }
        }
        return skipped;
    }

    /**
     * JShell keys an import snippet by its first import, so a notebook's own copy of that import replaces the
     * start-up snippet and with it all the others; they are put back (the notebook's import is among them).
     */
    private void keepStartImports(List<SnippetEvent> events) {
        for (SnippetEvent e : events) {
            if (e.snippet() == startImports && e.status() == Snippet.Status.OVERWRITTEN) {
                SnippetEvent again = mainEvent(shell.eval(startImports.source()));
                startImports = again == null ? null : again.snippet();
                return;
            }
        }
    }

    /** @return the names of the session's active variables */
    synchronized List<String> variables() {
        return shell.variables().map(VarSnippet::name).toList();
    }

    /** Adds class path entries for compilation and loading. */
    synchronized void addToClasspath(List<String> entries) {
        List<String> fresh = new ArrayList<>();
        for (String e : entries) {
            if (addedClassPath.add(e)) {
                fresh.add(e);
            }
        }
        if (!fresh.isEmpty()) {
            shell.addToClasspath(String.join(File.pathSeparator, fresh));
        }
    }

    /** @return the entries added at run time, in order */
    List<String> addedClassPath() {
        synchronized (addedClassPath) {
            return List.copyOf(addedClassPath);
        }
    }

    synchronized SourceCodeAnalysis analysis() {
        return analysis;
    }

    @Override
    public synchronized void close() {
        shell.close();
    }
}
