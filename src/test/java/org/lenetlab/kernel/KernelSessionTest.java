package org.lenetlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KernelSessionTest {
    private static KernelSession session;

    @BeforeAll
    static void start() {
        session = KernelSession.start().awaitReady();
    }

    @AfterAll
    static void stop() {
        session.close();
    }

    private static CellOutcome run(String code, RecordingSink sink) {
        return session.execute(code, sink);
    }

    @Test
    void lastExpressionIsTheResult() {
        CellOutcome out = run("int a = 20;\na + 22", new RecordingSink());
        assertTrue(out.ok(), () -> String.valueOf(out.error()));
        assertEquals("42", RecordingSink.text(out.result()));
    }

    @Test
    void importingAStartUpImportAgainKeepsTheOthers() {
        // the start-up imports are one snippet, which JShell knows by its first import
        assertTrue(run("import " + KernelOptions.DEFAULT_IMPORTS.get(0) + ";", new RecordingSink()).ok());
        CellOutcome out = run("new File(\"a\").getName() + Files.exists(Path.of(\"/\")) + new ArrayList<>()",
                new RecordingSink());
        assertTrue(out.ok(), () -> String.valueOf(out.error()));
        assertEquals("atrue[]", RecordingSink.text(out.result()));
    }

    @Test
    void aStartUpImportThatCannotBeResolvedIsSkippedAndTheOthersStay() {
        KernelOptions options = KernelOptions.defaults().withImports(
                java.util.List.of("java.io.*", "no.such.pkg.*", "java.nio.file.Files"));
        try (KernelSession other = KernelSession.start(options)) {
            CellOutcome out = other.execute("new File(\"b\").getName() + Files.exists(Path.of(\"/\"))",
                    new RecordingSink());
            assertFalse(out.ok(), "Path was not imported");
            CellOutcome ok = other.execute("new File(\"b\").getName() + Files.exists(java.nio.file.Path.of(\"/\"))",
                    new RecordingSink());
            assertTrue(ok.ok(), () -> String.valueOf(ok.error()));
            assertEquals("btrue", RecordingSink.text(ok.result()));
        }
    }

    @Test
    void expressionValuesDoNotPileUpAsVariables() {
        for (int i = 0; i < 5; i++) {
            assertTrue(run("40 + " + i, new RecordingSink()).ok());
        }
        assertFalse(run("Integer.parseInt(\"x\")", new RecordingSink()).ok());
        assertTrue(run("int kept = 1;", new RecordingSink()).ok());
        // JShell would keep $1, $2, ... (and the kernel its $cellValue$) and compile every later cell against them
        assertEquals(java.util.List.of(), session.evaluator().variables().stream().filter(v -> v.startsWith("$"))
                .toList());
        assertTrue(session.evaluator().variables().contains("kept"));
    }

    @Test
    void expressionsRunOnceWithTheirValueOrNone() {
        assertTrue(run("int calls = 0;\nint bump() { return ++calls; }", new RecordingSink()).ok());
        assertEquals("1", RecordingSink.text(run("bump()", new RecordingSink()).result()));
        assertEquals("1", RecordingSink.text(run("calls", new RecordingSink()).result()));
        assertEquals("2", RecordingSink.text(run("bump();", new RecordingSink()).result()));
        CellOutcome voidCall = run("System.out.print(\"\")", new RecordingSink());
        assertTrue(voidCall.ok());
        assertNull(voidCall.result(), "a void expression has no value");
        CellOutcome checked = run("Thread.sleep(1)", new RecordingSink());
        assertTrue(checked.ok(), () -> String.valueOf(checked.error()));
        CellOutcome nothing = run("(Object) null", new RecordingSink());
        assertTrue(nothing.ok());
        assertNull(nothing.result(), "null is not shown (as in IJava)");
        assertEquals("[1, 2]", RecordingSink.text(run("List.of(1, 2) // a list", new RecordingSink()).result()));
    }

    @Test
    void anExpressionJavacRejectsGetsJShellsOwnError() {
        CellOutcome out = run("int ok = 1;\nok + missingName", new RecordingSink());
        assertEquals("cannot find symbol", out.error().value().lines().findFirst().orElseThrow(),
                () -> String.join("\n", out.error().traceback()));
        assertTrue(String.join("\n", out.error().traceback()).contains("ok + missingName"));
    }

    @Test
    void anExceptionInTheLastExpressionPointsAtTheCellLineOnly() {
        CellOutcome out = run("int zero = 0;\n\n10 / zero", new RecordingSink());
        java.util.List<String> trace = out.error().traceback();
        assertEquals(2, trace.size(), () -> String.join("\n", trace));
        assertEquals("java.lang.ArithmeticException: / by zero", trace.get(0));
        assertTrue(trace.get(1).matches("\tat cell \\[\\d+] line 3"), trace.get(1));
    }

    @Test
    void statementsHaveNoResult() {
        CellOutcome out = run("int unused = 5;", new RecordingSink());
        assertTrue(out.ok());
        assertNull(out.result());
    }

    @Test
    void definitionsCarryOverToTheNextCell() {
        assertTrue(run("int square(int x) { return x * x; }\nrecord Point(int x, int y) {}", new RecordingSink())
                .ok());
        CellOutcome out = run("new Point(square(3), 4).x()", new RecordingSink());
        assertEquals("9", RecordingSink.text(out.result()));
    }

    @Test
    void printedTextStreamsToTheSink() {
        RecordingSink sink = new RecordingSink();
        CellOutcome out = run("System.out.println(\"hello\");\nSystem.err.print(\"careful\");", sink);
        assertTrue(out.ok());
        assertEquals("hello\n", sink.stdout());
        assertEquals("careful", sink.stderr());
    }

    @Test
    void textArrivesWhileTheCellRuns() throws Exception {
        RecordingSink sink = new RecordingSink();
        CompletableFuture<CellOutcome> cell = CompletableFuture.supplyAsync(
                () -> run("System.out.println(\"first\");\nThread.sleep(3000);\nSystem.out.println(\"second\");", sink));
        assertTrue(sink.awaitStdout("first", 2500), "the first line should arrive while the cell sleeps");
        assertEquals("first\n", sink.stdout());
        assertTrue(cell.get(10, TimeUnit.SECONDS).ok());
        assertEquals("first\nsecond\n", sink.stdout());
    }

    @Test
    void runtimeErrorsNameTheExceptionAndTheCellLine() {
        CellOutcome out = run("int zero = 0;\nint boom = 1 / zero;", new RecordingSink());
        assertNotNull(out.error());
        assertEquals("ArithmeticException", out.error().name());
        assertEquals("/ by zero", out.error().value());
        assertEquals("java.lang.ArithmeticException: / by zero", out.error().traceback().get(0));
        assertTrue(out.error().traceback().stream().anyMatch(l -> l.contains("line 2")),
                () -> String.join("\n", out.error().traceback()));
        assertTrue(out.error().traceback().stream().noneMatch(l -> l.contains("jdk.jshell")
                || l.contains("org.lenetlab.kernel") || l.contains("reflect")), () -> String.join("\n",
                out.error().traceback()));
    }

    @Test
    void compileErrorsShowJavacsMessageAtTheCellLine() {
        CellOutcome out = run("int ok = 1;\n\nint k = undefinedThing + 1;", new RecordingSink());
        assertEquals("CompilationException", out.error().name());
        assertTrue(out.error().value().startsWith("cannot find symbol"), out.error().value());
        String trace = String.join("\n", out.error().traceback());
        assertTrue(trace.contains("line 3"), trace);
        assertTrue(trace.contains("int k = undefinedThing + 1;"), trace);
        assertTrue(trace.contains("        ^^^^^^^^^^^^^^"), trace);
    }

    @Test
    void unresolvedReferencesAreExplained() {
        RecordingSink sink = new RecordingSink();
        CellOutcome defined = run("int useHelper() { return helper() + 1; }", sink);
        assertTrue(defined.ok());
        assertEquals("created method useHelper(), however, it cannot be invoked until method helper() is declared\n",
                sink.stderr());
        CellOutcome called = run("useHelper()", new RecordingSink());
        assertEquals("UnresolvedReferenceException", called.error().name());
        assertEquals("method useHelper() cannot be used until method helper() is declared", called.error().value());
        assertTrue(run("int helper() { return 41; }", new RecordingSink()).ok());
        assertEquals("42", RecordingSink.text(run("useHelper()", new RecordingSink()).result()));
    }

    @Test
    void exceptionsOfCellDefinedClassesKeepTheirNameAndCause() {
        CellOutcome out = run("""
                class NotTrainedError extends RuntimeException {
                    NotTrainedError(String m, Throwable cause) { super(m, cause); }
                }
                void predict() {
                    throw new NotTrainedError("train the model first", new IllegalStateException("no weights"));
                }
                predict();
                """, new RecordingSink());
        assertEquals("NotTrainedError", out.error().name());
        assertEquals("train the model first", out.error().value());
        String trace = String.join("\n", out.error().traceback());
        assertTrue(trace.startsWith("NotTrainedError: train the model first"), trace);
        assertTrue(trace.contains("at predict ("), trace);
        assertTrue(trace.contains("line 5)"), trace);
        assertTrue(trace.contains("Caused by: java.lang.IllegalStateException: no weights"), trace);
    }

    @Test
    void displayShowsObjectsDuringTheCell() {
        RecordingSink sink = new RecordingSink();
        CellOutcome out = run("String id = display(\"shown\");\nupdateDisplay(id, \"changed\");\nid", sink);
        assertTrue(out.ok(), () -> String.valueOf(out.error()));
        assertEquals(1, sink.displays().size());
        assertEquals("shown", RecordingSink.text(sink.displays().get(0)));
        assertEquals("changed", RecordingSink.text(sink.updates().get(0)));
        assertEquals(RecordingSink.text(out.result()), sink.displays().get(0).getDisplayId());
    }
}
