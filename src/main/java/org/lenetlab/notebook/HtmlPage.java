package org.lenetlab.notebook;

/** The frame shared by the exported pages: document head and one inline style sheet, no external resource. */
final class HtmlPage {
    private static final String STYLE = """
            :root { --fg: #1f2328; --muted: #656d76; --border: #d0d7de; --code-bg: #f6f8fa; --accent: #0969da;
                    --ok: #1a7f37; --bad: #cf222e; --warn: #9a6700; }
            * { box-sizing: border-box; }
            body { margin: 0; color: var(--fg); background: #fff; line-height: 1.55;
                   font: 16px/1.55 -apple-system, "Segoe UI", "DejaVu Sans", Helvetica, Arial, sans-serif; }
            main { max-width: 1000px; margin: 0 auto; padding: 1.5rem 1rem 4rem; }
            a { color: var(--accent); }
            pre, code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 13.5px; }
            pre { margin: 0; white-space: pre-wrap; word-break: break-word; }
            nav { font-size: 14px; margin-bottom: .5rem; }
            .banner { border: 1px solid var(--border); border-radius: 6px; padding: .6rem .9rem; margin: 0 0 1.5rem;
                      font-size: 14px; background: var(--code-bg); }
            .banner.passed { border-left: 5px solid var(--ok); }
            .banner.failed, .banner.timed-out { border-left: 5px solid var(--bad); }
            .banner.not-run { border-left: 5px solid var(--muted); }
            .cell { display: grid; grid-template-columns: 5.5rem minmax(0, 1fr); gap: .3rem .5rem; margin: .6rem 0; }
            .prompt { grid-column: 1; text-align: right; color: var(--muted); font: 12.5px/1.9 monospace;
                      padding-top: .15rem; }
            .prompt .time { display: block; font-size: 11px; line-height: 1.2; }
            .body { grid-column: 2; min-width: 0; }
            .markdown .body { padding: 0 .3rem; }
            .markdown img { max-width: 100%; }
            .markdown table, .output table { border-collapse: collapse; margin: .5rem 0; font-size: 14px; }
            .markdown th, .markdown td, .output th, .output td { border: 1px solid var(--border);
                                                                 padding: .25rem .6rem; }
            .markdown th, .output th { background: var(--code-bg); }
            .markdown code { background: var(--code-bg); padding: .1em .3em; border-radius: 4px; }
            .markdown pre code { background: none; padding: 0; }
            .markdown pre { background: var(--code-bg); padding: .6rem .8rem; border-radius: 6px; }
            .source { background: var(--code-bg); border: 1px solid var(--border); border-radius: 6px;
                      padding: .5rem .75rem; }
            .code.failed .source { border-color: var(--bad); border-left-width: 4px; }
            .code.not-run { opacity: .55; }
            .note { font-size: 12.5px; color: var(--muted); margin-top: .2rem; }
            .prompt.out { color: #b35900; padding-top: 0; line-height: 1.6; }
            .output { margin: .15rem 0; padding: 0 .75rem; overflow-x: auto; }
            .output img { max-width: 100%; height: auto; }
            .stderr { background: #fff5f5; }
            .error { background: #ffebe9; color: var(--bad); padding: .5rem .75rem; border-radius: 6px; }
            .raw pre { color: var(--muted); }
            .math { font-family: "DejaVu Serif", "Cambria Math", "Times New Roman", serif; white-space: nowrap; }
            .math.display { display: block; text-align: center; margin: .7rem 0; font-size: 1.1em;
                            white-space: normal; }
            .math .fn { font-style: normal; }
            .frac { display: inline-flex; flex-direction: column; vertical-align: middle; text-align: center;
                    font-size: 90%; margin: 0 .1em; }
            .frac > span:first-child { border-bottom: 1px solid currentColor; padding: 0 .15em; }
            .overline { border-top: 1px solid currentColor; }
            .tok-comment { color: #6e7781; font-style: italic; } .tok-string { color: #0a3069; }
            .tok-keyword { color: #cf222e; } .tok-number { color: #0550ae; } .tok-annotation { color: #8250df; }
            .tok-type { color: #953800; } .tok-magic { color: #8250df; font-weight: bold; }
            table.index { border-collapse: collapse; width: 100%; font-size: 15px; }
            table.index th, table.index td { border-bottom: 1px solid var(--border); padding: .45rem .6rem;
                                            text-align: left; vertical-align: top; }
            table.index td.num { text-align: right; font-variant-numeric: tabular-nums; }
            .status { font-weight: 600; white-space: nowrap; }
            .status.passed { color: var(--ok); } .status.failed, .status.timed-out { color: var(--bad); }
            .status.not-run { color: var(--muted); }
            .detail { color: var(--bad); font-size: 13.5px; }
            @media (max-width: 640px) { .cell { grid-template-columns: 1fr; } .prompt { grid-column: 1;
                                        text-align: left; } .body { grid-column: 1; } }
            """;

    private HtmlPage() {
    }

    /**
     * @param title the page title (escaped here)
     * @return the document up to and including {@code <main>}
     */
    static String start(String title) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<meta name=\"generator\" content=\"LeNet Lab\">\n"
                + "<title>" + Html.escape(title) + "</title>\n<style>\n" + STYLE
                + "</style>\n</head>\n<body>\n<main>\n";
    }

    /** @return the end of the document */
    static String end() {
        return "</main>\n</body>\n</html>\n";
    }

    /**
     * @param status a run status
     * @return its CSS class: {@code passed}, {@code failed}, {@code timed-out}, {@code not-run}
     */
    static String cssClass(RunStatus status) {
        return status.label().replace(' ', '-');
    }
}
