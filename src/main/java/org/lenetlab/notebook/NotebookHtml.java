package org.lenetlab.notebook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.GsonBuilder;

import org.lenetlab.io.AtomicFiles;

/**
 * One notebook as a self-contained HTML page: markdown rendered (tables, math, embedded images), code with its
 * outputs (text, HTML tables, images as {@code data:} URIs, errors in red), execution counts and cell times, and a
 * banner with the run's status. Everything the page shows is inside the file, with no script and no external
 * resource, so it opens offline, from an e-mail or a CI artefact. Text is escaped; HTML outputs and raw HTML in
 * markdown are kept, without scripts.
 *
 * <pre>{@code
 * String page = NotebookHtml.builder(result.notebook()).title("01-lenet5-1998").result(result)
 *         .notebookDir(Path.of("notebooks")).indexHref("index.html").render();
 * }</pre>
 */
public final class NotebookHtml {
    /** Output MIME types in order of preference, as Jupyter front ends choose. */
    private static final List<String> PREFERRED = List.of("text/html", "image/svg+xml", "image/png", "image/jpeg",
            "image/gif", "text/markdown", "text/latex", "application/json", "text/plain");

    private final Notebook notebook;
    private String title = "Notebook";
    private Path notebookDir;
    private NotebookResult result;
    private String indexHref;

    private NotebookHtml(Notebook notebook) {
        this.notebook = Objects.requireNonNull(notebook, "notebook");
    }

    /**
     * @param notebook the notebook to show (usually an executed one)
     * @return a builder for its page
     */
    public static NotebookHtml builder(Notebook notebook) {
        return new NotebookHtml(notebook);
    }

    /**
     * @param notebookName a notebook file name such as {@code 01-lenet5-1998.ipynb}
     * @return the name of its page, {@code 01-lenet5-1998.html}
     */
    public static String pageName(String notebookName) {
        return stem(notebookName) + ".html";
    }

    static String stem(String notebookName) {
        String fileName = Path.of(notebookName).getFileName().toString();
        return fileName.endsWith(".ipynb") ? fileName.substring(0, fileName.length() - ".ipynb".length()) : fileName;
    }

    /**
     * @param pageTitle the page title
     * @return this builder
     */
    public NotebookHtml title(String pageTitle) {
        this.title = Objects.requireNonNull(pageTitle, "title");
        return this;
    }

    /**
     * @param dir the notebook's folder: images that markdown cells link relative to it are embedded
     * @return this builder
     */
    public NotebookHtml notebookDir(Path dir) {
        this.notebookDir = dir;
        return this;
    }

    /**
     * @param run how running the notebook went: shown in a banner, the failing cell marked
     * @return this builder
     */
    public NotebookHtml result(NotebookResult run) {
        this.result = run;
        return this;
    }

    /**
     * @param href link back to the index page, {@code null} for none
     * @return this builder
     */
    public NotebookHtml indexHref(String href) {
        this.indexHref = href;
        return this;
    }

    /**
     * Writes the page atomically.
     *
     * @param file where
     * @return {@code file}
     * @throws IOException if it cannot be written
     */
    public Path write(Path file) throws IOException {
        return AtomicFiles.write(file, out -> out.write(render().getBytes(StandardCharsets.UTF_8)));
    }

    /** @return the page */
    public String render() {
        StringBuilder html = new StringBuilder(HtmlPage.start(title));
        if (indexHref != null) {
            html.append("<nav><a href=\"").append(Html.escape(indexHref)).append("\">← all notebooks</a></nav>\n");
        }
        if (result != null) {
            html.append(banner());
        }
        int failedCell = result != null && result.failure() != null ? result.failure().cellNumber() : 0;
        int codeNumber = 0;
        for (Cell cell : notebook.cells()) {
            switch (cell.type()) {
                case MARKDOWN -> html.append("<section class=\"cell markdown\"><div class=\"prompt\"></div>"
                        + "<div class=\"body\">\n").append(MarkdownHtml.render(cell.source(), cell.attachments(),
                        notebookDir)).append("</div></section>\n");
                case RAW -> html.append("<section class=\"cell raw\"><div class=\"prompt\"></div><div class=\"body\">"
                        + "<pre>").append(Html.escape(cell.source())).append("</pre></div></section>\n");
                case CODE -> {
                    codeNumber++;
                    html.append(codeCell(cell, codeNumber, codeNumber == failedCell));
                }
                default -> throw new IllegalStateException(cell.type().toString());
            }
        }
        return html.append(HtmlPage.end()).toString();
    }

    private String banner() {
        StringBuilder banner = new StringBuilder("<div class=\"banner ").append(HtmlPage.cssClass(result.status()))
                .append("\"><span class=\"status ").append(HtmlPage.cssClass(result.status())).append("\">")
                .append(result.status().label()).append("</span> · ")
                .append(result.executedCells()).append(" of ").append(result.codeCells()).append(" code cells ran in ")
                .append(String.format(Locale.ROOT, "%.1f s", result.seconds()));
        JsonObject run = runMetadata();
        if (run != null && run.has("profile")) {
            banner.append(" · profile ").append(Html.escape(run.get("profile").getAsString()));
        }
        if (run != null && run.has("dataset")) {
            banner.append(" · dataset ").append(Html.escape(run.get("dataset").getAsString()));
        }
        if (result.failure() != null) {
            CellFailure failure = result.failure();
            banner.append("<div class=\"detail\">");
            if (failure.cellNumber() > 0) {
                banner.append("Stopped at <a href=\"#cell-").append(failure.cellNumber()).append("\">cell ")
                        .append(failure.cellNumber()).append("</a>: ");
            }
            banner.append(Html.escape(failure.ename() + (failure.evalue().isEmpty() ? "" : ": "
                    + failure.evalue().lines().findFirst().orElse("")))).append("</div>");
        }
        return banner.append("</div>\n").toString();
    }

    private JsonObject runMetadata() {
        JsonObject lenetlab = NotebookJson.objectOrNull(notebook.metadata(), "lenetlab");
        return lenetlab == null ? null : NotebookJson.objectOrNull(lenetlab, "run");
    }

    private String codeCell(Cell cell, int number, boolean failed) {
        boolean notRun = result != null && cell.executionCount() == null && !cell.isBlank();
        StringBuilder html = new StringBuilder("<section class=\"cell code")
                .append(failed ? " failed" : "").append(notRun ? " not-run" : "")
                .append("\" id=\"cell-").append(number).append("\"><div class=\"prompt\">In&nbsp;[")
                .append(cell.executionCount() == null ? "&nbsp;" : cell.executionCount()).append("]:");
        String time = cellTime(cell);
        if (time != null) {
            html.append("<span class=\"time\">").append(time).append("</span>");
        }
        html.append("</div><div class=\"body\"><pre class=\"source\"><code class=\"language-java\">")
                .append(JavaHighlighter.toHtml(cell.source())).append("</code></pre>");
        if (notRun) {
            html.append("<div class=\"note\">not run: the notebook stopped before this cell</div>");
        }
        html.append("</div>\n");
        for (Output output : cell.outputs()) {
            html.append("<div class=\"prompt out\">");
            if (output instanceof ExecuteResultOutput result && result.executionCount() != null) {
                html.append("Out[").append(result.executionCount()).append("]:");
            }
            html.append("</div><div class=\"body\">").append(output(output)).append("</div>\n");
        }
        return html.append("</section>\n").toString();
    }

    /** The time JupyterLab's timing metadata records for the cell, e.g. {@code 2.41 s}. */
    private static String cellTime(Cell cell) {
        JsonObject execution = NotebookJson.objectOrNull(cell.metadata(), "execution");
        if (execution == null || !execution.has("shell.execute_reply.started")
                || !execution.has("shell.execute_reply")) {
            return null;
        }
        try {
            Duration took = Duration.between(Instant.parse(execution.get("shell.execute_reply.started").getAsString()),
                    Instant.parse(execution.get("shell.execute_reply").getAsString()));
            double seconds = took.toNanos() / 1e9;
            return seconds < 60 ? String.format(Locale.ROOT, "%.2f s", seconds)
                    : String.format(Locale.ROOT, "%d min %02d s", took.toMinutes(), took.toSecondsPart());
        } catch (DateTimeParseException | UnsupportedOperationException | IllegalStateException e) {
            return null;
        }
    }

    static String output(Output output) {
        if (output instanceof StreamOutput stream) {
            return "<div class=\"output stream " + stream.name() + "\"><pre>"
                    + Html.escape(Html.stripAnsi(StreamText.collapse(stream.text()))) + "</pre></div>";
        }
        if (output instanceof ErrorOutput error) {
            String text = error.traceback().isEmpty() ? error.ename() + ": " + error.evalue()
                    : String.join("\n", error.traceback());
            return "<div class=\"output error\"><pre>" + Html.escape(Html.stripAnsi(text)) + "</pre></div>";
        }
        if (output instanceof ExecuteResultOutput result) {
            return "<div class=\"output result\">" + mimeBundle(result.data(), result.metadata()) + "</div>";
        }
        DisplayOutput display = (DisplayOutput) output;
        return "<div class=\"output display\">" + mimeBundle(display.data(), display.metadata()) + "</div>";
    }

    private static String mimeBundle(MimeBundle data, JsonObject metadata) {
        for (String mime : PREFERRED) {
            if (!data.has(mime)) {
                continue;
            }
            String content = data.text(mime).orElse("");
            switch (mime) {
                case "text/html":
                    return Html.withoutScripts(content);
                case "image/svg+xml":
                    return image(mime, Html.dataUri(mime, content.getBytes(StandardCharsets.UTF_8)), metadata);
                case "image/png":
                case "image/jpeg":
                case "image/gif":
                    return image(mime, Html.dataUri(mime, content), metadata);
                case "text/markdown":
                    return MarkdownHtml.render(content, null, null);
                case "text/latex":
                    return "<div class=\"math display\" title=\"" + Html.escape(content) + "\">"
                            + TexMath.toHtml(content.strip().replaceAll("^\\$+|\\$+$", "")) + "</div>";
                case "application/json": {
                    JsonElement json = com.google.gson.JsonParser.parseString(content);
                    return "<pre>" + Html.escape(new GsonBuilder().setPrettyPrinting().create().toJson(json))
                            + "</pre>";
                }
                default:
                    return "<pre>" + Html.escape(Html.stripAnsi(content)) + "</pre>";
            }
        }
        return "";
    }

    private static String image(String mime, String dataUri, JsonObject metadata) {
        StringBuilder img = new StringBuilder("<img src=\"").append(Html.escape(dataUri))
                .append("\" alt=\"output image\"");
        JsonObject size = NotebookJson.objectOrNull(metadata, mime);
        if (size != null) {
            for (String dimension : List.of("width", "height")) {
                JsonElement value = size.get(dimension);
                if (value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()) {
                    img.append(' ').append(dimension).append("=\"").append(value.getAsInt()).append('"');
                }
            }
        }
        return img.append('>').toString();
    }
}
