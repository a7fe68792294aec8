package org.lenetlab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotebookHtmlTest {

    @TempDir
    Path tmp;

    private static String png(int width, int height) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", bytes);
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    private static MimeBundle bundle(String... mimeAndValue) {
        Map<String, JsonElement> renderings = new LinkedHashMap<>();
        for (int i = 0; i < mimeAndValue.length; i += 2) {
            renderings.put(mimeAndValue[i], new JsonPrimitive(mimeAndValue[i + 1]));
        }
        return MimeBundle.of(renderings);
    }

    @Test
    void everythingACellShowsIsEscaped() {
        Cell code = Cell.code("String s = \"<script>alert(1)</script>\";\ns").withOutputs(List.of(
                new StreamOutput("stdout", "<script>alert(2)</script> & more\n"),
                new ExecuteResultOutput(1, MimeBundle.ofText("<script>alert(3)</script>"), null),
                new ErrorOutput("Boom<b>", "<i>bad</i>", List.of("\u001b[31mBoom<b>: <i>bad</i>\u001b[0m"))), 1);
        Cell markdown = Cell.markdown("Raw HTML: <b>bold</b> <script>alert(4)</script>\n\n"
                + "<img src=\"x.png\" onerror=\"alert(5)\">\n\n[link](javascript:alert(6))");
        Cell html = Cell.code("table").withOutputs(List.of(new DisplayOutput(bundle("text/html",
                "<table><tr><td>1</td></tr></table><script>alert(7)</script>", "text/plain", "table"), null)), 2);
        String page = NotebookHtml.builder(Notebook.of(List.of(markdown, code, html)))
                .title("Title </title><script>alert(8)</script>").render();

        assertFalse(page.toLowerCase().contains("<script"), page);
        assertFalse(page.contains("onerror"), page);
        assertFalse(page.contains("javascript:"), page);
        assertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "code is shown as text");
        assertTrue(page.contains("&lt;script&gt;alert(2)&lt;/script&gt; &amp; more"), "stream text is escaped");
        assertTrue(page.contains("<pre>&lt;script&gt;alert(3)&lt;/script&gt;</pre>"), "text/plain is escaped");
        assertTrue(page.contains("Boom&lt;b&gt;: &lt;i&gt;bad&lt;/i&gt;"), "error text is escaped");
        assertFalse(page.contains("\u001b"), "terminal colours are removed");
        assertTrue(page.contains("<b>bold</b>"), "harmless raw HTML in markdown is kept, as Jupyter shows it");
        assertTrue(page.contains("<table><tr><td>1</td></tr></table>"), "HTML outputs are rendered");
        assertTrue(page.contains("<title>Title &lt;/title&gt;&lt;script&gt;"), page);
    }

    @Test
    void imagesAreEmbeddedAsDataUris() throws Exception {
        String outputPng = png(3, 2);
        JsonObject size = new JsonObject();
        size.add("image/png", JsonParser.parseString("{\"width\": 28, \"height\": 14}"));
        Cell code = Cell.code("display(image)").withOutputs(List.of(
                new DisplayOutput(bundle("image/png", outputPng + "\n", "text/plain", "an image"), size),
                new DisplayOutput(bundle("image/svg+xml", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"), null)), 1);
        String attachmentPng = png(1, 1);
        JsonObject attachments = JsonParser.parseString("{\"digit.png\": {\"image/png\": \"" + attachmentPng
                + "\"}}").getAsJsonObject();
        Cell attached = new Cell(CellType.MARKDOWN, "a", "![digit](attachment:digit.png)", null, attachments,
                List.of(), null);
        Files.createDirectories(tmp.resolve("figures"));
        byte[] figure = Base64.getDecoder().decode(png(4, 4));
        Files.write(tmp.resolve("figures/history.png"), figure);
        Cell linked = Cell.markdown("![history](figures/history.png) and ![gone](figures/missing.png)");

        String page = NotebookHtml.builder(Notebook.of(List.of(attached, linked, code))).notebookDir(tmp).render();

        assertTrue(page.contains("<img src=\"data:image/png;base64," + outputPng + "\" alt=\"output image\" "
                + "width=\"28\" height=\"14\">"), "output PNG with its size, line breaks removed");
        assertTrue(page.contains("src=\"data:image/svg+xml;base64,"
                + Base64.getEncoder().encodeToString("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes())
                + "\""), "SVG as an image, so scripts in it cannot run");
        assertTrue(page.contains("<img src=\"data:image/png;base64," + attachmentPng + "\" alt=\"digit\""),
                "markdown attachments are embedded");
        assertTrue(page.contains("<img src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(figure)
                + "\" alt=\"history\""), "images next to the notebook are embedded");
        assertTrue(page.contains("<img src=\"figures/missing.png\" alt=\"gone\""), "missing files stay links");
        assertFalse(page.contains("http://") && !page.contains("xmlns"), "no external resource");
    }

    @Test
    void markdownHasTablesHeadingIdsAndMath() {
        Cell markdown = Cell.markdown("""
                # LeNet-5 (1998)

                | layer | output |
                |---|---|
                | C1 | 28×28×6 |

                The loss is $L = -\\sum_i y_i \\log p_i$ and $x_1 + y_1$ stays math, not emphasis.

                $$\\sigma(x) = \\frac{1}{1 + e^{-x}}$$

                Money: it costs $5 and $10. Code: `$HOME` and

                ```
                echo $PATH $x$
                ```
                """);
        String page = NotebookHtml.builder(Notebook.of(List.of(markdown))).render();

        assertTrue(page.contains("<h1 id=\"LeNet-5-1998\">LeNet-5 (1998)</h1>"), page);
        assertTrue(page.contains("<td>C1</td>"), page);
        assertTrue(page.contains("<span class=\"math\" title=\"x_1 + y_1\"><i>x</i><sub>1</sub> + <i>y</i><sub>1</sub>"
                + "</span>"), page);
        assertFalse(page.contains("<em>"), "underscores in math are not emphasis");
        assertTrue(page.contains("∑<sub><i>i</i></sub>"), page);
        assertTrue(page.contains("<span class=\"frac\"><span>1</span><span>1 + <i>e</i><sup> − <i>x</i></sup>"
                + "</span></span>"), page);
        assertTrue(page.contains("<div class=\"math display\""), page);
        assertTrue(page.contains("costs $5 and $10."), "dollar amounts are not math");
        assertTrue(page.contains("<code>$HOME</code>"), "code spans are not math");
        assertTrue(page.contains("echo $PATH $x$"), "code blocks are not math");
    }

    @Test
    void theRunIsShownWithTheFailingCellMarked() {
        Notebook executed = NotebookRunner.builder(ScriptedExecutor::new).build().run(Notebook.of(List.of(
                Cell.code("out fine"), Cell.code("fail ArithmeticException / by zero"), Cell.code("out never"))),
                "01-chapter.ipynb").notebook();
        NotebookResult result = NotebookRunner.builder(ScriptedExecutor::new).build().run(executed,
                "01-chapter.ipynb");
        String page = NotebookHtml.builder(result.notebook()).result(result).indexHref("index.html").render();

        assertTrue(page.contains("<a href=\"index.html\">"), page);
        assertTrue(page.contains("<span class=\"status failed\">failed</span> · 2 of 3 code cells ran in"), page);
        assertTrue(page.contains("Stopped at <a href=\"#cell-2\">cell 2</a>: ArithmeticException: / by zero"), page);
        assertTrue(page.contains("<section class=\"cell code failed\" id=\"cell-2\">"), page);
        assertTrue(page.contains("<section class=\"cell code not-run\" id=\"cell-3\">"), page);
        assertTrue(page.contains("not run: the notebook stopped before this cell"), page);
        Matcher time = Pattern.compile("In&nbsp;\\[1]:<span class=\"time\">\\d+\\.\\d\\d s</span>").matcher(page);
        assertTrue(time.find(), "cell times from the timing metadata:\n" + page);
    }

    @Test
    void theIndexListsEveryNotebookWithStatusTimeAndLinks() {
        NotebookResult passed = new NotebookResult("00-welcome.ipynb", Notebook.of(List.of()), RunStatus.PASSED, 4, 4,
                Duration.ofMillis(2500), null);
        NotebookResult failed = new NotebookResult("01-<lenet>.ipynb", Notebook.of(List.of()), RunStatus.FAILED, 9, 3,
                Duration.ofSeconds(12), new CellFailure("01-<lenet>.ipynb", 3, "int x = a < b;", "Boom", "it <broke>"));
        NotebookResult skipped = NotebookResult.notRun("02-keras.ipynb", Notebook.of(List.of(Cell.code("x"))));
        String page = RunIndex.of(List.of(passed, failed, skipped), "LeNet Lab notebooks (profile smoke)").render();

        assertTrue(page.contains("<h1>LeNet Lab notebooks (profile smoke)</h1>"), page);
        assertTrue(page.contains("1 of 3 notebooks passed · 14.5 s"), page);
        assertTrue(page.contains("<a href=\"00-welcome.html\">00-welcome.ipynb</a></td><td class=\"status passed\">"
                + "passed</td><td class=\"num\">4 / 4</td><td class=\"num\">2.5 s</td>"), page);
        assertTrue(page.contains("<a href=\"01-&lt;lenet&gt;.html#cell-3\">cell 3</a> (int x = a &lt; b;): "
                + "Boom: it &lt;broke&gt;"), page);
        assertTrue(page.contains("<a href=\"01-&lt;lenet&gt;.ipynb\">ipynb</a>"), page);
        assertTrue(page.contains("<td>02-keras.ipynb</td><td class=\"status not-run\">not run</td>"
                + "<td class=\"num\">0 / 1</td>"), page);
    }

    @Test
    void pageNamesFollowTheNotebookNames() {
        assertEquals("01-lenet5-1998.html", NotebookHtml.pageName("notebooks/01-lenet5-1998.ipynb"));
        assertEquals("notes.txt.html", NotebookHtml.pageName("notes.txt"));
    }
}
