package org.lenetlab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotebookTest {

    @TempDir
    Path tmp;

    static String resource(String name) throws IOException {
        try (InputStream in = NotebookTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void roundTripOfANotebookWrittenByNbformatIsByteIdentical() throws IOException {
        String original = resource("roundtrip.ipynb");
        Notebook notebook = Notebook.parse(original, "roundtrip.ipynb");
        assertEquals(original, notebook.toJson(), "keys sorted, one-space indent, lists of lines, final newline");
        assertEquals(JsonParser.parseString(original), notebook.toJsonObject());
    }

    @Test
    void readsEveryKindOfCellAndOutput() throws IOException {
        Notebook notebook = Notebook.parse(resource("roundtrip.ipynb"), "roundtrip.ipynb");
        assertEquals(4, notebook.format());
        assertEquals(5, notebook.formatMinor());
        assertEquals("Java (LeNet Lab)",
                notebook.metadata().getAsJsonObject("kernelspec").get("display_name").getAsString());
        assertEquals("12345678901234567890",
                notebook.metadata().getAsJsonObject("lenetlab").get("big").getAsString(), "big numbers kept exactly");
        List<Cell> cells = notebook.cells();
        assertEquals(List.of(CellType.MARKDOWN, CellType.RAW, CellType.CODE, CellType.CODE, CellType.CODE,
                CellType.CODE), cells.stream().map(Cell::type).toList());
        assertEquals(4, notebook.codeCells().size());

        Cell markdown = cells.get(0);
        assertEquals("md-1", markdown.id());
        assertTrue(markdown.source().startsWith("# LeNet-5 (1998)\n\nThe loss is $L = -\\sum_i"));
        assertTrue(markdown.attachments().getAsJsonObject("digit.png").has("image/png"));
        assertEquals("text/x-rst", cells.get(1).metadata().get("raw_mimetype").getAsString());
        assertEquals("raw text, no newline at end", cells.get(1).source());

        Cell first = cells.get(2);
        assertEquals(1, first.executionCount());
        assertEquals("int x = 6 * 7;", first.firstLine());
        assertEquals(List.of(new StreamOutput("stdout", "x = 42\nnext line é ✓ 🙂\n"),
                new StreamOutput("stderr", "warning: careful\u0007\n")), first.outputs().subList(0, 2));
        ExecuteResultOutput result = assertInstanceOf(ExecuteResultOutput.class, first.outputs().get(2));
        assertEquals(1, result.executionCount());
        assertEquals("42", result.data().text("text/plain").orElseThrow());

        Cell second = cells.get(3);
        DisplayOutput image = assertInstanceOf(DisplayOutput.class, second.outputs().get(0));
        assertTrue(image.data().text("image/png").orElseThrow().startsWith("iVBORw0KGgo"));
        assertEquals(28, image.metadata().getAsJsonObject("image/png").get("width").getAsInt());
        DisplayOutput table = assertInstanceOf(DisplayOutput.class, second.outputs().get(1));
        assertEquals("<table>\n<tr><td>1</td></tr>\n</table>", table.data().text("text/html").orElseThrow());
        assertEquals("{\"a\":[1,2.5,null],\"b\":\"c\"}", table.data().text("application/json").orElseThrow());

        ErrorOutput error = assertInstanceOf(ErrorOutput.class, cells.get(4).outputs().get(0));
        assertEquals("ArithmeticException", error.ename());
        assertEquals("/ by zero", error.evalue());
        assertEquals(2, error.traceback().size());

        Cell empty = cells.get(5);
        assertTrue(empty.isBlank());
        assertNull(empty.executionCount());
        assertTrue(empty.outputs().isEmpty());
    }

    @Test
    void readsOlderNotebooksWithStringSourcesAndNoCellIds() throws IOException {
        Notebook notebook = Notebook.parse(resource("v44-string-sources.ipynb"), "old.ipynb");
        assertEquals(4, notebook.formatMinor());
        Cell code = notebook.cells().get(0);
        assertNull(code.id());
        assertEquals("print(1)\nprint(2)", code.source());
        assertEquals(List.of(new StreamOutput("stdout", "1\n2\n")), code.outputs());
        assertEquals(7, code.executionCount());
        assertEquals("# Title\ntext", notebook.cells().get(1).source());

        JsonObject written = JsonParser.parseString(notebook.toJson()).getAsJsonObject();
        assertEquals(4, written.get("nbformat_minor").getAsInt(), "the format version is kept");
        JsonObject firstCell = written.getAsJsonArray("cells").get(0).getAsJsonObject();
        assertFalse(firstCell.has("id"), "no ids invented for a 4.4 notebook");
        assertEquals("[\"print(1)\\n\",\"print(2)\"]", firstCell.get("source").toString(), "written as lines");
        assertEquals(notebook, Notebook.parse(notebook.toJson(), "again"));
    }

    @Test
    void newNotebooksAreForTheLenetLabKernelAndValidate() throws Exception {
        Notebook notebook = Notebook.of(List.of(Cell.markdown("# Hi"), Cell.code("1 + 1")
                .withOutputs(List.of(new ExecuteResultOutput(1, MimeBundle.ofText("2"), null)), 1)));
        JsonObject kernelspec = notebook.metadata().getAsJsonObject("kernelspec");
        assertEquals("lenetlab", kernelspec.get("name").getAsString());
        assertEquals("Java (LeNet Lab)", kernelspec.get("display_name").getAsString());
        assertEquals("java", kernelspec.get("language").getAsString());
        assertEquals("java", notebook.metadata().getAsJsonObject("language_info").get("name").getAsString());
        assertTrue(notebook.cells().get(0).id().matches("[0-9a-f]{8}"), notebook.cells().get(0).id());
        Path file = notebook.write(tmp.resolve("new.ipynb"));
        assertEquals(notebook, Notebook.read(file));
        Nbformat.validate(file);
    }

    @Test
    void format45CellsWithoutOrWithRepeatedIdsGetFreshOnes() throws Exception {
        Notebook notebook = Notebook.parse("{\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {}, \"cells\": ["
                + "{\"cell_type\": \"markdown\", \"metadata\": {}, \"source\": \"a\"},"
                + "{\"cell_type\": \"markdown\", \"id\": \"same\", \"metadata\": {}, \"source\": \"b\"},"
                + "{\"cell_type\": \"markdown\", \"id\": \"same\", \"metadata\": {}, \"source\": \"c\"}]}",
                "ids.ipynb");
        List<String> ids = notebook.cells().stream().map(Cell::id).toList();
        assertEquals("same", ids.get(1));
        assertEquals(3, ids.stream().distinct().count(), ids.toString());
        assertTrue(ids.get(0).matches("[0-9a-f]{8}"), ids.get(0));
        assertEquals(notebook, Notebook.parse(notebook.toJson(), "again"), "ids are fixed once, not on every write");
        Nbformat.validate(notebook.write(tmp.resolve("ids.ipynb")));
    }

    @Test
    void badJsonNamesTheFileLineAndColumn() {
        String broken = "{\n \"cells\": [\n  {\"cell_type\": \"code\",,}\n ]\n}";
        NotebookFormatException e = assertThrows(NotebookFormatException.class,
                () -> Notebook.parse(broken, "notebooks/broken.ipynb"));
        assertTrue(e.getMessage().startsWith("notebooks/broken.ipynb is not valid JSON"), e.getMessage());
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());

        NotebookFormatException truncated = assertThrows(NotebookFormatException.class,
                () -> Notebook.parse("{\"cells\": [", "cut.ipynb"));
        assertTrue(truncated.getMessage().contains("cut.ipynb") && truncated.getMessage().contains("ends too early"),
                truncated.getMessage());

        NotebookFormatException trailing = assertThrows(NotebookFormatException.class,
                () -> Notebook.parse("{} {}", "two.ipynb"));
        assertTrue(trailing.getMessage().contains("after the end"), trailing.getMessage());

        NotebookFormatException empty = assertThrows(NotebookFormatException.class,
                () -> Notebook.parse("  \n", "empty.ipynb"));
        assertEquals("empty.ipynb is empty, not a notebook", empty.getMessage());
    }

    @Test
    void unsupportedOrIncompleteNotebooksAreRefusedWithTheReason() {
        assertMessage("{\"nbformat\": 3, \"nbformat_minor\": 0, \"worksheets\": []}",
                "old.ipynb is in notebook format 3; LeNet Lab reads format 4. Convert it with: "
                        + "jupyter nbconvert --to notebook --nbformat 4 old.ipynb");
        assertMessage("{\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {}}",
                "old.ipynb is not a Jupyter notebook: it has no \"cells\" list");
        assertMessage("{\"cells\": []}", "old.ipynb is not a Jupyter notebook: it has no \"nbformat\" field");
        assertMessage("[1, 2]", "old.ipynb is not a Jupyter notebook: its JSON is not an object with \"cells\" "
                + "and \"nbformat\"");
        assertMessage("{\"nbformat\": 4, \"nbformat_minor\": 5, \"cells\": [{\"cell_type\": \"sql\", "
                        + "\"source\": \"\"}]}",
                "old.ipynb, cell 1 of 1: unknown cell_type \"sql\" (expected code, markdown or raw)");
        assertMessage("{\"nbformat\": 4, \"nbformat_minor\": 5, \"cells\": [{\"cell_type\": \"code\", "
                        + "\"source\": \"x\", \"outputs\": [{\"output_type\": \"stream\", \"name\": \"stdlog\", "
                        + "\"text\": \"\"}]}]}",
                "old.ipynb, cell 1 of 1, output 1: stream name must be stdout or stderr, not \"stdlog\"");
        assertMessage("{\"nbformat\": 4, \"nbformat_minor\": 5, \"cells\": [{\"cell_type\": \"code\", "
                + "\"source\": [1, 2]}]}", "old.ipynb, cell 1 of 1: \"source\" must be a string or a list of strings");
    }

    private static void assertMessage(String json, String expected) {
        NotebookFormatException e = assertThrows(NotebookFormatException.class, () -> Notebook.parse(json,
                "old.ipynb"));
        assertEquals(expected, e.getMessage());
    }

    @Test
    void readingAMissingOrNonNotebookFileSaysSo() throws IOException {
        NoSuchFileException missing = assertThrows(NoSuchFileException.class,
                () -> Notebook.read(tmp.resolve("nope.ipynb")));
        assertTrue(missing.getMessage().contains("nope.ipynb") && missing.getMessage().contains("no such notebook"),
                missing.getMessage());
        Path binary = Files.write(tmp.resolve("image.ipynb"), new byte[] {(byte) 0x89, 'P', 'N', 'G', (byte) 0xff});
        NotebookFormatException notText = assertThrows(NotebookFormatException.class, () -> Notebook.read(binary));
        assertTrue(notText.getMessage().contains("image.ipynb is not a notebook: it is not UTF-8 text"),
                notText.getMessage());
        NotebookFormatException directory = assertThrows(NotebookFormatException.class, () -> Notebook.read(tmp));
        assertTrue(directory.getMessage().contains("is a directory"), directory.getMessage());
    }
}
