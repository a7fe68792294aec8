package org.lenetlab.notebook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.lenetlab.io.AtomicFiles;

/**
 * The {@code index.html} of a run: one row per notebook with its status, cells run, time, the error of a failed
 * one (linked to the failing cell) and links to its HTML page and executed {@code .ipynb}, named as
 * {@link NotebookHtml#pageName} names them and {@code ./lenet run} writes them.
 */
public final class RunIndex {
    private final List<NotebookResult> results;
    private final String heading;
    private final ZonedDateTime finished;

    /**
     * @param results  the notebooks in the order they ran
     * @param heading  the page heading, e.g. {@code LeNet Lab notebooks (profile smoke)}
     * @param finished when the run ended, shown on the page
     */
    public RunIndex(List<NotebookResult> results, String heading, ZonedDateTime finished) {
        this.results = List.copyOf(results);
        this.heading = Objects.requireNonNull(heading, "heading");
        this.finished = Objects.requireNonNull(finished, "finished");
    }

    /**
     * @param results the notebooks in the order they ran
     * @param heading the page heading
     * @return an index stamped with the current time
     */
    public static RunIndex of(List<NotebookResult> results, String heading) {
        return new RunIndex(results, heading, ZonedDateTime.now(ZoneId.systemDefault()));
    }

    /**
     * Writes the page atomically.
     *
     * @param file usually {@code OUT/index.html}, next to the pages and notebooks it links
     * @return {@code file}
     * @throws IOException if it cannot be written
     */
    public Path write(Path file) throws IOException {
        return AtomicFiles.write(file, out -> out.write(render().getBytes(StandardCharsets.UTF_8)));
    }

    /** @return the page */
    public String render() {
        long passed = results.stream().filter(r -> r.status().passed()).count();
        double seconds = results.stream().mapToDouble(NotebookResult::seconds).sum();
        StringBuilder html = new StringBuilder(HtmlPage.start(heading));
        html.append("<h1>").append(Html.escape(heading)).append("</h1>\n<p>")
                .append(passed).append(" of ").append(results.size()).append(" notebooks passed · ")
                .append(String.format(Locale.ROOT, "%.1f s", seconds)).append(" · ")
                .append(Html.escape(finished.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT))))
                .append("</p>\n<table class=\"index\">\n<thead><tr><th>notebook</th><th>status</th>"
                        + "<th class=\"num\">cells</th><th class=\"num\">time</th><th>files</th></tr></thead>\n"
                        + "<tbody>\n");
        for (NotebookResult result : results) {
            String page = NotebookHtml.pageName(result.name());
            String status = HtmlPage.cssClass(result.status());
            boolean written = result.status() != RunStatus.NOT_RUN;
            html.append("<tr><td>");
            if (written) {
                html.append("<a href=\"").append(Html.escape(page)).append("\">").append(Html.escape(result.name()))
                        .append("</a>");
            } else {
                html.append(Html.escape(result.name()));
            }
            if (result.failure() != null) {
                html.append("<div class=\"detail\">");
                if (result.failure().cellNumber() > 0) {
                    html.append("<a href=\"").append(Html.escape(page)).append("#cell-")
                            .append(result.failure().cellNumber()).append("\">cell ")
                            .append(result.failure().cellNumber()).append("</a> ")
                            .append(Html.escape("(" + result.failure().firstLine() + ")")).append(": ");
                }
                html.append(Html.escape(result.failure().ename() + (result.failure().evalue().isEmpty() ? ""
                        : ": " + result.failure().evalue().lines().findFirst().orElse("")))).append("</div>");
            }
            html.append("</td><td class=\"status ").append(status).append("\">").append(result.status().label())
                    .append("</td><td class=\"num\">").append(result.executedCells()).append(" / ")
                    .append(result.codeCells()).append("</td><td class=\"num\">")
                    .append(written ? String.format(Locale.ROOT, "%.1f s", result.seconds()) : "")
                    .append("</td><td>");
            if (written) {
                html.append("<a href=\"").append(Html.escape(page)).append("\">html</a> · <a href=\"")
                        .append(Html.escape(result.name())).append("\">ipynb</a>");
            }
            html.append("</td></tr>\n");
        }
        return html.append("</tbody>\n</table>\n").append(HtmlPage.end()).toString();
    }
}
