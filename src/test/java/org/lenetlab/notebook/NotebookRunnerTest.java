package org.lenetlab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotebookRunnerTest {
    private static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9"
            + "awAAAABJRU5ErkJggg==";

    @TempDir
    Path tmp;

    private final List<ScriptedExecutor> sessions = new ArrayList<>();

    private NotebookRunner.Builder runner() {
        return NotebookRunner.builder(() -> {
            ScriptedExecutor session = new ScriptedExecutor();
            sessions.add(session);
            return session;
        });
    }

    private static Notebook notebook(Cell... cells) {
        return Notebook.of(List.of(cells));
    }

    @AfterAll
    static void releaseHangingCells() {
        ScriptedExecutor.RELEASE_HANGING.countDown();
    }

    @Test
    void outputsAreCollectedInOrderWithStreamsMergedAndExecutionCounts() {
        Notebook notebook = notebook(Cell.markdown("# Title"),
                Cell.code("out a\nout b\nerr careful\nout c\nvalue 42"),
                Cell.code("   \n"),
                Cell.code("var x 7\nraw 10%\\r\nraw 50%\\r\nout 100%\nshow - after\nout d"),
                Cell.code("value $x"));
        NotebookResult result = runner().build().run(notebook, "demo.ipynb");

        assertEquals(RunStatus.PASSED, result.status());
        assertNull(result.failure());
        assertEquals(4, result.codeCells());
        assertEquals(3, result.executedCells(), "the blank cell is not run, as in Jupyter");
        List<Cell> cells = result.notebook().cells();
        assertEquals("# Title", cells.get(0).source());
        assertEquals(List.of(new StreamOutput("stdout", "a\nb\n"), new StreamOutput("stderr", "careful\n"),
                new StreamOutput("stdout", "c\n"), new ExecuteResultOutput(1, MimeBundle.ofText("42"), null)),
                cells.get(1).outputs());
        assertEquals(1, cells.get(1).executionCount());
        assertNull(cells.get(2).executionCount());
        assertTrue(cells.get(2).outputs().isEmpty());
        assertEquals(List.of(new StreamOutput("stdout", "100%\n"), new DisplayOutput(MimeBundle.ofText("after"), null),
                new StreamOutput("stdout", "d\n")), cells.get(3).outputs(), "carriage returns overwrite the line");
        assertEquals(2, cells.get(3).executionCount());
        assertEquals(List.of(new ExecuteResultOutput(3, MimeBundle.ofText("7"), null)), cells.get(4).outputs(),
                "one session for the whole notebook: variables carry over");
        assertEquals(1, sessions.size());
        assertTrue(sessions.get(0).closed);

        JsonObject timing = cells.get(1).metadata().getAsJsonObject("execution");
        assertTrue(timing.has("shell.execute_reply.started") && timing.has("shell.execute_reply"), timing.toString());
        JsonObject run = result.notebook().metadata().getAsJsonObject("lenetlab").getAsJsonObject("run");
        assertEquals("passed", run.get("status").getAsString());
        assertFalse(run.get("partial").getAsBoolean());
        assertEquals("lenetlab", result.notebook().metadata().getAsJsonObject("kernelspec").get("name").getAsString());
    }

    @Test
    void displayUpdatesReplaceTheEarlierOutputInPlaceAcrossCells() {
        Notebook notebook = notebook(
                Cell.code("show bar epoch 0/3\nshow other unchanged\npng " + PNG),
                Cell.code("update bar epoch 1/3\nout training\nupdate bar epoch 3/3\nupdate nobody ignored"));
        NotebookResult result = runner().build().run(notebook, "progress.ipynb");

        List<Output> first = result.notebook().cells().get(0).outputs();
        assertEquals(3, first.size());
        assertEquals("epoch 3/3", ((DisplayOutput) first.get(0)).data().text("text/plain").orElseThrow(),
                "the final state is saved, where the display was shown");
        assertEquals("unchanged", ((DisplayOutput) first.get(1)).data().text("text/plain").orElseThrow());
        DisplayOutput image = (DisplayOutput) first.get(2);
        assertEquals(PNG, image.data().text("image/png").orElseThrow(), "base64 kept as one string");
        assertEquals(28, image.metadata().getAsJsonObject("image/png").get("width").getAsInt());
        assertEquals(List.of(new StreamOutput("stdout", "training\n")), result.notebook().cells().get(1).outputs());
    }

    @Test
    void stopsAtTheFirstFailingCellNamingNotebookCellAndError() {
        Cell stale = Cell.code("out never").withOutputs(List.of(new StreamOutput("stdout", "stale output\n")), 9);
        Notebook notebook = notebook(Cell.markdown("intro"), Cell.code("out one"), Cell.code("value two"),
                Cell.code("// int x = 1 / 0;\nfail ArithmeticException / by zero"), stale,
                Cell.code("out never either"));
        NotebookResult result = runner().build().run(notebook, "01-chapter.ipynb");

        assertEquals(RunStatus.FAILED, result.status());
        assertEquals(3, result.executedCells());
        CellFailure failure = result.failure();
        assertEquals(3, failure.cellNumber(), "the third code cell (the fourth cell of the notebook)");
        assertEquals("01-chapter.ipynb, cell 3 (// int x = 1 / 0;): ArithmeticException: / by zero",
                failure.message());
        List<Cell> cells = result.notebook().cells();
        ErrorOutput error = assertInstanceOf(ErrorOutput.class, cells.get(3).outputs().get(0));
        assertEquals("ArithmeticException", error.ename());
        assertEquals(List.of("ArithmeticException: / by zero", "\tat line 1"), error.traceback());
        assertEquals(3, cells.get(3).executionCount());
        for (Cell notRun : cells.subList(4, 6)) {
            assertTrue(notRun.outputs().isEmpty(), "stale outputs are cleared: " + notRun.outputs());
            assertNull(notRun.executionCount());
        }
        assertEquals(3, sessions.get(0).executed.size(), "nothing after the failure ran");
        assertTrue(sessions.get(0).closed);
        JsonObject run = result.notebook().metadata().getAsJsonObject("lenetlab").getAsJsonObject("run");
        assertEquals("failed", run.get("status").getAsString());
        assertTrue(run.get("partial").getAsBoolean());
        assertEquals(3, run.get("failed_cell").getAsInt());
        assertEquals(failure.message(), run.get("error").getAsString());
    }

    @Test
    void aCellOverTheTimeoutIsInterruptedAndTheNotebookStops() {
        Notebook notebook = notebook(Cell.code("out before\nblock"), Cell.code("out never"));
        NotebookResult result = runner().cellTimeout(Duration.ofMillis(300)).build().run(notebook, "slow.ipynb");

        assertEquals(RunStatus.TIMED_OUT, result.status());
        assertEquals(1, sessions.get(0).interrupts.get());
        assertEquals("slow.ipynb, cell 1 (out before): CellTimeout: the cell did not finish within 0.300 s and was "
                + "interrupted", result.failure().message());
        List<Output> outputs = result.notebook().cells().get(0).outputs();
        assertEquals(new StreamOutput("stdout", "before\n"), outputs.get(0), "output before the timeout is kept");
        ErrorOutput error = assertInstanceOf(ErrorOutput.class, outputs.get(1));
        assertEquals(NotebookRunner.TIMEOUT_ERROR, error.ename());
        assertEquals(2, outputs.size(), "the executor's own Interrupted error is replaced by the timeout");
        assertTrue(result.notebook().cells().get(1).outputs().isEmpty());
        assertTrue(sessions.get(0).closed);
    }

    @Test
    void aCellThatIgnoresTheInterruptIsAbandoned() {
        Notebook notebook = notebook(Cell.code("hang"), Cell.code("out never"));
        NotebookResult result = runner().cellTimeout(Duration.ofMillis(200)).interruptGrace(Duration.ofMillis(200))
                .build().run(notebook, "stuck.ipynb");
        assertEquals(RunStatus.TIMED_OUT, result.status());
        assertTrue(result.failure().evalue().contains("the session was abandoned"), result.failure().evalue());
        assertEquals(1, sessions.get(0).interrupts.get());
    }

    @Test
    void aSessionThatDoesNotStartFailsTheNotebook() {
        NotebookRunner runner = NotebookRunner.builder(() -> {
            throw new IllegalStateException("no JShell in this JRE");
        }).build();
        NotebookResult result = runner.run(notebook(Cell.code("out x")), "nb.ipynb");
        assertEquals(RunStatus.FAILED, result.status());
        assertEquals("nb.ipynb: SessionStartError: the Java session did not start: no JShell in this JRE",
                result.failure().message());
        assertEquals(0, result.executedCells());
    }

    @Test
    void eachNotebookGetsAFreshSession() {
        NotebookRunner runner = runner().build();
        runner.run(notebook(Cell.code("var x 1")), "a.ipynb");
        NotebookResult second = runner.run(notebook(Cell.code("value $x")), "b.ipynb");
        assertEquals(2, sessions.size());
        assertTrue(sessions.get(0).closed);
        assertEquals(List.of(new ExecuteResultOutput(1, MimeBundle.ofText("undefined"), null)),
                second.notebook().cells().get(0).outputs(), "x is not defined in the second session");
    }

    @Test
    void theExecutedNotebookIsWrittenAtomicallyEvenWhenItFails() throws Exception {
        Path source = Notebook.of(List.of(Cell.code("out hello\npng " + PNG + "\nvalue 1"),
                Cell.code("fail CompilationException cannot find symbol"), Cell.code("out later"))).write(
                        tmp.resolve("in.ipynb"));
        Path target = tmp.resolve("out/executed.ipynb");
        NotebookResult result = runner().build().run(source, target);

        assertEquals(RunStatus.FAILED, result.status());
        assertEquals(result.notebook(), Notebook.read(target));
        try (var files = Files.list(target.getParent())) {
            assertEquals(List.of(target), files.toList(), "no temporary files left");
        }
        Nbformat.validate(target);
    }

    @Test
    void theConsoleShowsALinePerCellAndTheCellsOutputUnlessQuiet() {
        Notebook notebook = notebook(Cell.code("out hello\nraw no newline"), Cell.code("err warning"),
                Cell.code("fail Boom it broke"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        runner().console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false).build().run(notebook, "c.ipynb");
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals("hello", lines[0]);
        assertEquals("no newline", lines[1], "a cell line starts on a new line");
        assertTrue(lines[2].matches(" {2}\\[ 1/3] +\\d+\\.\\d\\d s {2}out hello"), lines[2]);
        assertTrue(lines[3].matches(" {2}\\[ 2/3] +\\d+\\.\\d\\d s {2}err warning"), lines[3]);
        assertTrue(lines[4].matches(" {2}\\[ 3/3] +\\d+\\.\\d\\d s {2}fail Boom it broke {2}FAILED: Boom"), lines[4]);
        assertEquals("warning\n", err.toString(StandardCharsets.UTF_8));

        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        runner().console(new PrintStream(terminal, true, StandardCharsets.UTF_8),
                new PrintStream(terminal, true, StandardCharsets.UTF_8), false).showRunningCell(true).build()
                .run(notebook(Cell.code("var x 1"), Cell.code("out hi")), "t.ipynb");
        assertTrue(terminal.toString(StandardCharsets.UTF_8).matches("  \\[ 1/2]  running  var x 1\r\u001B\\[2K"
                + "  \\[ 1/2] +\\d+\\.\\d\\d s  var x 1\n"
                + "  \\[ 2/2]  running  out hi\nhi\n  \\[ 2/2] +\\d+\\.\\d\\d s  out hi\n"),
                "a silent cell's running line is overwritten, one that prints is followed by its output:\n"
                        + terminal.toString(StandardCharsets.UTF_8));

        ByteArrayOutputStream quiet = new ByteArrayOutputStream();
        runner().console(new PrintStream(quiet, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), true).build().run(notebook, "c.ipynb");
        String quietText = quiet.toString(StandardCharsets.UTF_8);
        assertEquals(3, quietText.lines().count(), quietText);
        assertTrue(quietText.lines().allMatch(line -> line.startsWith("  [")), "only the cell lines:\n" + quietText);
    }

    @Test
    void theConsoleShowsEachFinishedLineOfALiveProgressDisplayOnce() {
        Notebook notebook = notebook(Cell.code("show p Epoch 1/2 batch 1\nupdate p Epoch 1/2 batch 9\n"
                + "update p Epoch 1/2 done\\nEpoch 2/2 batch 1\nupdate p Epoch 1/2 done\\nEpoch 2/2 batch 9\n"
                + "update p Epoch 1/2 done\\nEpoch 2/2 done\\nTraining completed\n"
                + "update q not shown: never displayed\\nat all\nshow - a chart\\nwith two lines"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NotebookResult result = runner().console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8), false).build().run(notebook, "p.ipynb");
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(List.of("Epoch 1/2 done", "Epoch 2/2 done"), List.of(lines).subList(0, 2));
        assertTrue(lines[2].startsWith("  [ 1/1]"), lines[2]);
        assertEquals(3, lines.length, out.toString(StandardCharsets.UTF_8));
        assertEquals(RunStatus.PASSED, result.status());
    }
}
