package org.lenetlab.kernel;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;

/**
 * Completion (TAB), documentation (Shift-TAB) and completeness (does Enter run the cell or open a new line?) for a
 * cell, from JShell's source analysis. A cell holds several snippets; each question is asked of the snippet the
 * cursor is in. Magic lines are completed with magic names.
 */
final class CodeAssist {
    private final JavaEvaluator java;
    private final List<String> lineMagics;
    private final List<String> cellMagics;

    CodeAssist(JavaEvaluator java, List<String> lineMagics, List<String> cellMagics) {
        this.java = java;
        this.lineMagics = lineMagics;
        this.cellMagics = cellMagics;
    }

    /** The snippet around a cursor: its text and where it starts in the cell. */
    private record Located(String text, int start) {
    }

    KernelSession.Completion complete(String code, int cursor) {
        cursor = Math.max(0, Math.min(cursor, code.length()));
        int lineStart = code.lastIndexOf('\n', cursor - 1) + 1;
        String linePrefix = code.substring(lineStart, cursor);
        if (linePrefix.stripLeading().startsWith("%") && linePrefix.strip().matches("%%?\\w*")) {
            String typed = linePrefix.strip();
            boolean cell = typed.startsWith("%%");
            String name = typed.substring(cell ? 2 : 1);
            List<String> matches = new ArrayList<>();
            for (String m : cell ? cellMagics : lineMagics) {
                if (m.startsWith(name)) {
                    matches.add((cell ? "%%" : "%") + m);
                }
            }
            return new KernelSession.Completion(matches, cursor - typed.length(), cursor);
        }
        synchronized (java) {
            Located snippet = locate(code, cursor);
            int[] anchor = new int[1];
            List<SourceCodeAnalysis.Suggestion> suggestions = java.analysis()
                    .completionSuggestions(snippet.text(), cursor - snippet.start(), anchor);
            Set<String> first = new LinkedHashSet<>();
            Set<String> rest = new LinkedHashSet<>();
            for (SourceCodeAnalysis.Suggestion s : suggestions) {
                (s.matchesType() ? first : rest).add(s.continuation());
            }
            first.addAll(rest);
            return new KernelSession.Completion(List.copyOf(first), snippet.start() + anchor[0], cursor);
        }
    }

    String inspect(String code, int cursor) {
        cursor = Math.max(0, Math.min(cursor, code.length()));
        synchronized (java) {
            Located snippet = locate(code, cursor);
            String text = snippet.text();
            int at = cursor - snippet.start();
            List<SourceCodeAnalysis.Documentation> docs = java.analysis().documentation(text, at, true);
            if (docs.isEmpty()) {
                int end = at;
                while (end < text.length() && Character.isJavaIdentifierPart(text.charAt(end))) {
                    end++;
                }
                docs = java.analysis().documentation(text, end, true);
                if (docs.isEmpty() && end < text.length() && text.charAt(end) == '(') {
                    docs = java.analysis().documentation(text, end + 1, true);
                }
            }
            StringBuilder sb = new StringBuilder();
            for (SourceCodeAnalysis.Documentation d : docs) {
                if (sb.length() > 0) {
                    sb.append("\n\n");
                }
                sb.append(d.signature());
                if (d.javadoc() != null && !d.javadoc().isBlank()) {
                    sb.append("\n").append(d.javadoc().strip());
                }
            }
            return sb.toString();
        }
    }

    KernelSession.IsComplete isComplete(String code) {
        StringBuilder java = new StringBuilder();
        for (CellSource.Part part : CellSource.split(code)) {
            java.append(part.magic() ? "\n" : part.text(code));
        }
        if (CellSource.isCellMagic(code)) {
            return new KernelSession.IsComplete(KernelSession.IsComplete.COMPLETE, "");
        }
        String remaining = java.toString();
        synchronized (this.java) {
            while (!remaining.isBlank()) {
                CompletionInfo info = this.java.analysis().analyzeCompletion(remaining);
                Completeness c = info.completeness();
                if (c == Completeness.DEFINITELY_INCOMPLETE || c == Completeness.CONSIDERED_INCOMPLETE) {
                    return new KernelSession.IsComplete(KernelSession.IsComplete.INCOMPLETE, indent(code));
                }
                if (c == Completeness.UNKNOWN) {
                    return new KernelSession.IsComplete(KernelSession.IsComplete.INVALID, "");
                }
                if (c == Completeness.EMPTY || info.remaining().length() == remaining.length()) {
                    break;
                }
                remaining = info.remaining();
            }
        }
        return new KernelSession.IsComplete(KernelSession.IsComplete.COMPLETE, "");
    }

    /** @return the indentation of the next line: the last line's, one level deeper after an opening bracket */
    private static String indent(String code) {
        String stripped = code.stripTrailing();
        int lineStart = stripped.lastIndexOf('\n') + 1;
        String last = stripped.substring(lineStart);
        String indent = last.substring(0, last.length() - last.stripLeading().length());
        char end = stripped.isEmpty() ? ' ' : stripped.charAt(stripped.length() - 1);
        return end == '{' || end == '(' || end == '[' ? indent + "    " : indent;
    }

    /** @return the snippet (as JShell splits the cell) that contains {@code cursor} */
    private Located locate(String code, int cursor) {
        String remaining = code;
        int offset = 0;
        while (!remaining.isEmpty()) {
            CompletionInfo info = java.analysis().analyzeCompletion(remaining);
            int consumed = remaining.length() - info.remaining().length();
            if (!info.completeness().isComplete() || consumed == 0 || offset + consumed >= cursor) {
                int end = info.completeness().isComplete() && consumed > 0 ? offset + consumed : code.length();
                return new Located(code.substring(offset, Math.max(end, cursor)), offset);
            }
            offset += consumed;
            remaining = info.remaining();
        }
        return new Located(code.substring(offset), offset);
    }
}
