package org.lenetlab.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.UnresolvedReferenceException;

/**
 * Turns what JShell reports into Jupyter errors a student can act on: the exception's own class (not JShell's
 * wrapper), a stack trace that points at cell lines and stops where the kernel's machinery begins, and javac's
 * message at the cell line with the code and a caret under the problem.
 */
final class ErrorReports {
    /** Name of compile errors. */
    static final String COMPILATION = "CompilationException";
    /** Name of interrupted cells. */
    static final String INTERRUPTED = "Interrupted";

    private static final Pattern SNIPPET_CLASS_PREFIX = Pattern.compile("REPL\\.\\$JShell\\$[^$.]+\\$");

    private ErrorReports() {
    }

    /** Where a snippet came from: the cell's execution number and the cell line the snippet starts on. */
    record Origin(int cell, int firstLine) {
        String at(int snippetLine) {
            return "cell [" + cell + "] line " + (firstLine + Math.max(1, snippetLine) - 1);
        }
    }

    static CellError interrupted() {
        String message = "the cell was interrupted; variables and definitions made before it stopped are kept";
        return new CellError(INTERRUPTED, message, List.of(INTERRUPTED + ": " + message));
    }

    /**
     * @param e       what JShell reports for a snippet that threw
     * @param origins where each snippet id came from
     * @param shell   the session, to name unresolved references
     * @return the error
     */
    static CellError runtime(JShellException e, Map<String, Origin> origins, JShell shell) {
        if (e instanceof UnresolvedReferenceException u) {
            return unresolved(u, shell);
        }
        List<String> trace = new ArrayList<>();
        String name = e instanceof EvalException ee ? className(ee.getExceptionClassName()) : e.getClass().getName();
        trace.add(headline(name, e.getMessage()));
        appendFrames(trace, e.getStackTrace(), origins);
        Throwable cause = e.getCause();
        int depth = 0;
        while (cause != null && depth++ < 20) {
            String causeName = cause instanceof EvalException ce ? className(ce.getExceptionClassName())
                    : cause.getClass().getName();
            trace.add("Caused by: " + headline(causeName, cause.getMessage()));
            appendFrames(trace, cause.getStackTrace(), origins);
            cause = cause.getCause();
        }
        String simple = name.substring(name.lastIndexOf('.') + 1);
        return new CellError(simple, e.getMessage() == null ? "" : e.getMessage(), trace);
    }

    private static CellError unresolved(UnresolvedReferenceException u, JShell shell) {
        Snippet snippet = u.getSnippet();
        String what = describe(snippet);
        String missing = snippet instanceof jdk.jshell.DeclarationSnippet d
                ? shell.unresolvedDependencies(d).collect(Collectors.joining(", ")) : "";
        String message = what + " cannot be used until " + (missing.isEmpty() ? "its missing references are"
                : missing + (missing.contains(",") ? " are" : " is")) + " declared";
        return new CellError("UnresolvedReferenceException", message,
                List.of("UnresolvedReferenceException: " + message));
    }

    /**
     * @return a note for a definition that was accepted but refers to something not declared yet, e.g.
     *     {@code created method f(), however, it cannot be invoked until method g() is declared}
     */
    static String recoverableNote(Snippet snippet, JShell shell, boolean defined) {
        String missing = snippet instanceof jdk.jshell.DeclarationSnippet d
                ? shell.unresolvedDependencies(d).collect(Collectors.joining(", ")) : "";
        String use = snippet.kind() == Snippet.Kind.METHOD ? "invoked" : "used";
        return (defined ? "created " : "could not create ") + describe(snippet) + ", however, it cannot be " + use
                + " until " + missing + " " + (missing.contains(",") ? "are" : "is") + " declared\n";
    }

    private static String describe(Snippet snippet) {
        if (snippet instanceof jdk.jshell.MethodSnippet m) {
            return "method " + m.name() + "(" + m.parameterTypes() + ")";
        }
        if (snippet instanceof jdk.jshell.TypeDeclSnippet t) {
            return switch (t.subKind()) {
                case INTERFACE_SUBKIND -> "interface " + t.name();
                case ENUM_SUBKIND -> "enum " + t.name();
                case RECORD_SUBKIND -> "record " + t.name();
                case ANNOTATION_TYPE_SUBKIND -> "annotation " + t.name();
                default -> "class " + t.name();
            };
        }
        if (snippet instanceof jdk.jshell.VarSnippet v) {
            return "variable " + v.name();
        }
        return "this code";
    }

    /**
     * @param diags        javac's diagnostics of a rejected snippet
     * @param snippetSource the snippet's source as JShell compiled it
     * @param cellSource   the whole cell
     * @param snippetStart where the snippet starts in the cell
     * @return the error, with each message at its cell line, the line and a caret
     */
    static CellError compilation(List<Diag> diags, String snippetSource, String cellSource, int snippetStart) {
        List<String> trace = new ArrayList<>();
        String first = null;
        for (Diag d : diags) {
            if (!d.isError()) {
                continue;
            }
            String message = cleanMessage(d.getMessage(Locale.ROOT));
            if (first == null) {
                first = message.lines().findFirst().orElse(message);
            }
            long pos = d.getPosition();
            if (pos < 0 || pos > snippetSource.length()) {
                trace.add("Error: " + message);
                continue;
            }
            int cellPos = (int) Math.min(snippetStart + pos, cellSource.length());
            int line = SourceLines.lineOf(cellSource, cellPos);
            trace.add("Error in line " + line + ": " + message);
            String lineText = SourceLines.line(cellSource, line);
            int column = cellPos - SourceLines.lineStart(cellSource, line);
            long start = d.getStartPosition() >= 0 ? snippetStart + d.getStartPosition() : cellPos;
            long end = d.getEndPosition() >= 0 ? snippetStart + d.getEndPosition() : cellPos + 1;
            int lineStart = SourceLines.lineStart(cellSource, line);
            int from = (int) Math.max(start - lineStart, 0);
            int to = (int) Math.min(Math.max(end - lineStart, column + 1), lineText.length());
            if (from > column) {
                from = column;
            }
            trace.add("    " + lineText);
            trace.add("    " + " ".repeat(from) + "^".repeat(Math.max(1, to - from)));
        }
        if (first == null) {
            first = "the code does not compile";
            trace.add("Error: " + first);
        }
        return new CellError(COMPILATION, first, trace);
    }

    /** javac names JShell's wrapper class as "location: class" with an empty name; that line says nothing. */
    private static String cleanMessage(String message) {
        return message.lines().filter(l -> !l.trim().equals("location: class"))
                .collect(Collectors.joining("\n"));
    }

    /** @return a class name as the user wrote it ({@code REPL.$JShell$12$MyError} → {@code MyError}) */
    static String className(String raw) {
        return raw == null ? "Exception" : SNIPPET_CLASS_PREFIX.matcher(raw).replaceAll("");
    }

    private static String headline(String name, String message) {
        return message == null ? name : name + ": " + message;
    }

    private static void appendFrames(List<String> trace, StackTraceElement[] frames, Map<String, Origin> origins) {
        int lastSnippetFrame = -1;
        for (int i = 0; i < frames.length; i++) {
            if (isSnippetFrame(frames[i])) {
                lastSnippetFrame = i;
            }
        }
        for (int i = 0; i < frames.length; i++) {
            StackTraceElement f = frames[i];
            if (lastSnippetFrame >= 0 ? i > lastSnippetFrame : isMachinery(f)) {
                continue;
            }
            if (f.getClassName().equals(CellValue.class.getName())) {
                i++; // CellValue.of and the declaration calling it: the user wrote only the expression (shown above)
                continue;
            }
            trace.add("\tat " + frame(f, origins));
        }
    }

    private static boolean isSnippetFrame(StackTraceElement f) {
        return f.getFileName() != null && f.getFileName().startsWith("#");
    }

    private static boolean isMachinery(StackTraceElement f) {
        String c = f.getClassName();
        return c.startsWith("jdk.internal.reflect.") || c.startsWith("java.lang.reflect.")
                || c.startsWith("jdk.jshell.") || c.startsWith("org.lenetlab.kernel.")
                || c.startsWith("java.util.concurrent.");
    }

    private static String frame(StackTraceElement f, Map<String, Origin> origins) {
        if (!isSnippetFrame(f)) {
            return f.toString();
        }
        Origin origin = origins.get(f.getFileName().substring(1));
        String where = origin == null ? "snippet " + f.getFileName() + " line " + f.getLineNumber()
                : origin.at(f.getLineNumber());
        String type = className(f.getClassName());
        // the lambda JavaEvaluator.asValueDeclaration wraps an expression in: its frame is the cell's line
        String method = f.getMethodName().startsWith("lambda$do_it$") ? "" : f.getMethodName();
        String name = type.isEmpty() ? method : method.isEmpty() ? type : type + "." + method;
        return name.isEmpty() ? where : name + " (" + where + ")";
    }
}
