package org.lenetlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.google.gson.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lenetlab.notebook.Cell;
import org.lenetlab.notebook.Notebook;
import org.lenetlab.notebook.ScriptedExecutor;

import picocli.CommandLine;

class RunCommandTest {

    @TempDir
    Path tmp;

    private record Run(int exitCode, String out, String err) {
    }

    /** Runs {@code lenet run} with the scripted test executor instead of the Java kernel. */
    private static Run run(String... args) {
        return capture(() -> new CommandLine(new RunCommand(ScriptedExecutor::new)).execute(args));
    }

    /** Runs {@code lenet run} through the real command line (for argument errors: no session starts). */
    private static Run lenet(String... args) {
        return capture(() -> LenetCommand.execute(args));
    }

    private static Run capture(java.util.function.IntSupplier command) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = command.getAsInt();
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private Path notebook(String name, String... codeCells) throws Exception {
        Files.createDirectories(tmp.resolve("notebooks"));
        return Notebook.of(java.util.Arrays.stream(codeCells).map(Cell::code).toList())
                .write(tmp.resolve("notebooks").resolve(name));
    }

    private static JsonObject runMetadata(Path executed) throws Exception {
        return Notebook.read(executed).metadata().getAsJsonObject("lenetlab").getAsJsonObject("run");
    }

    @Test
    void runsNotebooksIntoTheOutputFolderWithPagesIndexAndSummary() throws Exception {
        Path first = notebook("01-first.ipynb", "out hello", "value 42");
        Path second = notebook("02-second.ipynb", "out world");
        Path out = tmp.resolve("site");
        String before = System.getProperty("lenetlab.profile");
        Run r = run(first.toString(), second.toString(), "--out", out.toString(), "--profile", "full",
                "--dataset", "fashion-mnist");

        assertEquals(0, r.exitCode(), r.err());
        for (String file : List.of("01-first.ipynb", "01-first.html", "02-second.ipynb", "02-second.html",
                "index.html")) {
            assertTrue(Files.isRegularFile(out.resolve(file)), file);
        }
        assertTrue(r.out().contains("Running 2 notebooks with profile full on fashion-mnist into " + out), r.out());
        assertTrue(r.out().contains("hello\n"), "cell output streams to the console:\n" + r.out());
        assertTrue(r.out().matches("(?s).*\\n01-first\\.ipynb +2/2 +\\d+\\.\\d +passed\\n.*"), r.out());
        assertTrue(r.out().matches("(?s).*\\n02-second\\.ipynb +1/1 +\\d+\\.\\d +passed\\n.*"), r.out());
        assertTrue(r.out().contains("Index: " + out.resolve("index.html")), r.out());
        JsonObject metadata = runMetadata(out.resolve("01-first.ipynb"));
        assertEquals("full", metadata.get("profile").getAsString(), "the notebook ran with --profile full");
        assertEquals("fashion-mnist", metadata.get("dataset").getAsString());
        assertEquals(before, System.getProperty("lenetlab.profile"), "the property is restored afterwards");
        assertNull(System.getProperty("lenetlab.dataset"));
        String index = Files.readString(out.resolve("index.html"));
        assertTrue(index.contains("<a href=\"02-second.html\">02-second.ipynb</a>"), index);
    }

    @Test
    void stopsAtTheFirstFailingNotebookUnlessToldToKeepGoing() throws Exception {
        Path broken = notebook("01-broken.ipynb", "out fine", "// divide\nfail ArithmeticException / by zero");
        Path next = notebook("02-next.ipynb", "out next");
        Path out = tmp.resolve("out");
        Run r = run(broken.toString(), next.toString(), "--out", out.toString(), "--quiet");

        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("lenet run: 01-broken.ipynb, cell 2 (// divide): ArithmeticException: / by zero"),
                r.err());
        assertTrue(r.out().matches("(?s).*\\n02-next\\.ipynb +0/1 +0\\.0 +not run\\n.*"), r.out());
        assertTrue(r.out().lines().noneMatch("fine"::equals), "--quiet hides the cells' output:\n" + r.out());
        assertTrue(Files.isRegularFile(out.resolve("01-broken.ipynb")), "the partial notebook is written");
        assertEquals("failed", runMetadata(out.resolve("01-broken.ipynb")).get("status").getAsString());
        assertFalse(Files.exists(out.resolve("02-next.ipynb")));
        assertTrue(Files.readString(out.resolve("index.html")).contains("not run"));

        Run keepGoing = run(broken.toString(), next.toString(), "--out", out.toString(), "--keep-going");
        assertEquals(1, keepGoing.exitCode(), "still a failure");
        assertTrue(keepGoing.out().matches("(?s).*\\n02-next\\.ipynb +1/1 +\\d+\\.\\d +passed\\n.*"), keepGoing.out());
    }

    @Test
    void withoutArgumentsRunsTheCourseNotebooksInOrder() throws Exception {
        notebook("02-later.ipynb", "out two");
        notebook("01-first.ipynb", "out one");
        notebook("scratch.ipynb", "fail Boom not part of the course");
        String oldHome = System.getProperty("lenetlab.home");
        System.setProperty("lenetlab.home", tmp.toString());
        try {
            Run all = run("--quiet");
            assertEquals(0, all.exitCode(), all.err());
            assertTrue(all.out().indexOf("01-first.ipynb (1 code cell)") < all.out().indexOf("02-later.ipynb (1"),
                    all.out());
            assertFalse(all.out().contains("scratch"), all.out());
            assertTrue(Files.isRegularFile(tmp.resolve("target/notebooks/index.html")), "default --out");

            Run chapter = run("02", "--out", tmp.resolve("one").toString());
            assertEquals(0, chapter.exitCode(), chapter.err());
            assertTrue(Files.isRegularFile(tmp.resolve("one/02-later.ipynb")), "a chapter by its number");
        } finally {
            if (oldHome == null) {
                System.clearProperty("lenetlab.home");
            } else {
                System.setProperty("lenetlab.home", oldHome);
            }
        }
    }

    @Test
    void badArgumentsGetClearMessages() throws Exception {
        Path good = notebook("01-good.ipynb", "out fine");
        Path out = tmp.resolve("out");

        Run missing = lenet("run", tmp.resolve("nope.ipynb").toString(), "--out", out.toString());
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("notebook " + tmp.resolve("nope.ipynb") + " not found"), missing.err());

        Path text = Files.writeString(tmp.resolve("notes.ipynb"), "these are notes, not JSON");
        Run notANotebook = lenet("run", text.toString(), "--out", out.toString());
        assertEquals(1, notANotebook.exitCode());
        assertTrue(notANotebook.err().startsWith("lenet run: " + text + " is not valid JSON"), notANotebook.err());

        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Run notWritable = lenet("run", good.toString(), "--out", file.resolve("sub").toString());
        assertEquals(1, notWritable.exitCode());
        assertTrue(notWritable.err().contains("output folder " + file.resolve("sub") + " is not writable"),
                notWritable.err());
        assertTrue(notWritable.err().contains("--out DIR"), notWritable.err());

        Run badProfile = lenet("run", good.toString(), "--profile", "huge");
        assertEquals(1, badProfile.exitCode());
        assertTrue(badProfile.err().contains("--profile huge is not a profile"), badProfile.err());

        Run badDataset = lenet("run", good.toString(), "--dataset", "cifar");
        assertEquals(1, badDataset.exitCode());
        assertTrue(badDataset.err().contains("cifar") && badDataset.err().contains("mnist-sample"), badDataset.err());

        Run badTimeout = lenet("run", good.toString(), "--timeout", "-5");
        assertEquals(1, badTimeout.exitCode());
        assertTrue(badTimeout.err().contains("--timeout -5 is negative"), badTimeout.err());

        Run notANumber = lenet("run", good.toString(), "--timeout", "soon");
        assertEquals(2, notANumber.exitCode(), "picocli's usage error");
        assertTrue(notANumber.err().contains("soon"), notANumber.err());

        Run folder = lenet("run", tmp.toString());
        assertEquals(1, folder.exitCode());
        assertTrue(folder.err().contains("is a folder"), folder.err());
    }
}
