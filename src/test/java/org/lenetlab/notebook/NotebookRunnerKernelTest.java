package org.lenetlab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lenetlab.kernel.KernelSession;

/** The runner on the real Java kernel: values, prints, images, display updates, errors, timeouts. */
class NotebookRunnerKernelTest {

    @TempDir
    Path tmp;

    /** A ready session: JShell's start-up is not counted against the first cell's timeout. */
    private static KernelSession session() {
        return KernelSession.start().awaitReady();
    }

    @Test
    void runsANotebookOnTheKernelAndWritesAValidExecutedNotebook() throws Exception {
        Path source = Notebook.of(List.of(
                Cell.markdown("# A small notebook\n\nWith $x^2$ math."),
                Cell.code("int answer = 6 * 7;\nanswer"),
                Cell.code("System.out.println(\"hello \" + answer);"),
                Cell.code("var image = new BufferedImage(8, 6, BufferedImage.TYPE_INT_RGB);\n"
                        + "image.setRGB(1, 1, 0xff0000);\ndisplay(image);"),
                Cell.code("String bar = display(\"epoch 0/3\");\n"
                        + "for (int epoch = 1; epoch <= 3; epoch++) updateDisplay(bar, \"epoch \" + epoch + \"/3\");"),
                Cell.code("int zero = 0;\nint boom = answer / zero;"),
                Cell.code("System.out.println(\"never\");"))).write(tmp.resolve("small.ipynb"));
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
        NotebookResult result = NotebookRunner.builder(NotebookRunnerKernelTest::session).console(out, out, false)
                .cellTimeout(Duration.ofMinutes(2)).build().run(source, tmp.resolve("out/small.ipynb"));

        assertEquals(RunStatus.FAILED, result.status(), () -> String.valueOf(result.failure()));
        assertEquals("small.ipynb, cell 5 (int zero = 0;): ArithmeticException: / by zero",
                result.failure().message());
        List<Cell> cells = result.notebook().cells();
        ExecuteResultOutput value = assertInstanceOf(ExecuteResultOutput.class, cells.get(1).outputs().get(0));
        assertEquals(1, value.executionCount());
        assertEquals("42", value.data().text("text/plain").orElseThrow());
        assertEquals(List.of(new StreamOutput("stdout", "hello 42\n")), cells.get(2).outputs());
        DisplayOutput shown = assertInstanceOf(DisplayOutput.class, cells.get(3).outputs().get(0));
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(Base64.getMimeDecoder().decode(
                shown.data().text("image/png").orElseThrow())));
        assertEquals(8, png.getWidth());
        assertEquals(6, png.getHeight());
        assertEquals(0xff0000, png.getRGB(1, 1) & 0xffffff);
        List<Output> progress = cells.get(4).outputs();
        assertEquals(1, progress.size(), progress.toString());
        assertTrue(((DisplayOutput) progress.get(0)).data().text("text/plain").orElseThrow().contains("epoch 3/3"),
                progress.toString());
        ErrorOutput error = assertInstanceOf(ErrorOutput.class, cells.get(5).outputs().get(0));
        assertEquals("ArithmeticException", error.ename());
        assertTrue(String.join("\n", error.traceback()).contains("line 2"), error.traceback().toString());
        assertTrue(cells.get(6).outputs().isEmpty());
        assertNull(cells.get(6).executionCount());
        assertTrue(console.toString(StandardCharsets.UTF_8).contains("hello 42\n"), console.toString());

        Nbformat.validate(tmp.resolve("out/small.ipynb"));
    }

    @Test
    void aCellOverTheTimeoutIsInterruptedOnTheKernel() {
        Notebook notebook = Notebook.of(List.of(Cell.code("System.out.println(\"start\");\nThread.sleep(600_000);"),
                Cell.code("1 + 1")));
        NotebookResult result = NotebookRunner.builder(NotebookRunnerKernelTest::session)
                .cellTimeout(Duration.ofSeconds(3))
                .build().run(notebook, "sleepy.ipynb");
        assertEquals(RunStatus.TIMED_OUT, result.status());
        assertEquals(NotebookRunner.TIMEOUT_ERROR, result.failure().ename());
        assertTrue(result.failure().evalue().endsWith("and was interrupted"), result.failure().evalue());
        assertEquals(new StreamOutput("stdout", "start\n"), result.notebook().cells().get(0).outputs().get(0));
    }
}
