package org.lenetlab.notebook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.gson.JsonObject;

import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.AttributeProvider;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.HtmlWriter;

/**
 * Markdown cells as HTML, as Jupyter shows them: CommonMark with GitHub tables, LaTeX math between {@code $...$} and
 * {@code $$...$$} (kept away from the markdown parser, so {@code $x_1 + y_1$} is not read as emphasis, then rendered
 * by {@link TexMath}), images from the cell's attachments and from files next to the notebook embedded as
 * {@code data:} URIs, headings with ids, and raw HTML passed through without scripts.
 */
final class MarkdownHtml {
    private static final List<org.commonmark.Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final Pattern PLACEHOLDER = Pattern.compile("\uE000(\\d+)\uE001");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");
    private static final Map<String, String> IMAGE_TYPES = Map.of("png", "image/png", "jpg", "image/jpeg",
            "jpeg", "image/jpeg", "gif", "image/gif", "svg", "image/svg+xml", "webp", "image/webp");
    private static final long MAX_EMBEDDED_BYTES = 20L << 20;

    private MarkdownHtml() {
    }

    /**
     * @param markdown    the cell's source
     * @param attachments the cell's attachments (name to MIME bundle), or {@code null}
     * @param baseDir     the notebook's folder, for relative image paths; {@code null} to leave them as links
     * @return the HTML
     */
    static String render(String markdown, JsonObject attachments, Path baseDir) {
        List<String> math = new ArrayList<>();
        String protectedText = protectMath(markdown, math);
        Node document = PARSER.parse(protectedText);
        HtmlRenderer renderer = HtmlRenderer.builder().extensions(EXTENSIONS).sanitizeUrls(true)
                .attributeProviderFactory(context -> new Attributes(attachments, baseDir))
                .nodeRendererFactory(RawHtml::new)
                .build();
        String html = renderer.render(document);
        Matcher placeholder = PLACEHOLDER.matcher(html);
        StringBuilder result = new StringBuilder();
        while (placeholder.find()) {
            placeholder.appendReplacement(result, Matcher.quoteReplacement(math.get(
                    Integer.parseInt(placeholder.group(1)))));
        }
        placeholder.appendTail(result);
        return result.toString();
    }

    /**
     * Replaces math by placeholders the markdown parser leaves alone, outside code blocks and code spans.
     *
     * @param markdown the source
     * @param math     receives the rendered HTML of each formula, by placeholder number
     * @return the source with placeholders
     */
    static String protectMath(String markdown, List<String> math) {
        StringBuilder out = new StringBuilder(markdown.length());
        String[] lines = markdown.split("\n", -1);
        StringBuilder paragraph = new StringBuilder();
        String fence = null;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String newline = i < lines.length - 1 ? "\n" : "";
            Matcher fenceMatch = FENCE.matcher(line);
            if (fence == null && fenceMatch.find()) {
                out.append(protectInline(paragraph.toString(), math));
                paragraph.setLength(0);
                fence = fenceMatch.group(1);
                out.append(line).append(newline);
            } else if (fence != null) {
                if (closesFence(line, fence)) {
                    fence = null;
                }
                out.append(line).append(newline);
            } else {
                paragraph.append(line).append(newline);
            }
        }
        out.append(protectInline(paragraph.toString(), math));
        return out.toString();
    }

    /** A closing fence: the opening's character, at least as many, nothing else. */
    private static boolean closesFence(String line, String fence) {
        String stripped = line.strip();
        return stripped.length() >= fence.length()
                && stripped.chars().allMatch(c -> c == fence.charAt(0));
    }

    private static String protectInline(String text, List<String> math) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                out.append(c).append(text.charAt(i + 1));
                i += 2;
            } else if (c == '`') {
                int run = runLength(text, i, '`');
                int close = findBacktickRun(text, i + run, run);
                int end = close < 0 ? i + run : close + run;
                out.append(text, i, end);
                i = end;
            } else if (c == '$' && text.startsWith("$$", i)) {
                int close = text.indexOf("$$", i + 2);
                if (close < 0) {
                    out.append("$$");
                    i += 2;
                } else {
                    out.append(placeholder(math, "<div class=\"math display\" title=\""
                            + Html.escape(text.substring(i + 2, close).strip()) + "\">"
                            + TexMath.toHtml(text.substring(i + 2, close)) + "</div>"));
                    i = close + 2;
                }
            } else if (c == '$') {
                int close = closingDollar(text, i + 1);
                if (close < 0) {
                    out.append(c);
                    i++;
                } else {
                    String tex = text.substring(i + 1, close);
                    out.append(placeholder(math, "<span class=\"math\" title=\"" + Html.escape(tex) + "\">"
                            + TexMath.toHtml(tex) + "</span>"));
                    i = close + 1;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /**
     * Inline math as pandoc reads it: no space after the opening $, none before the closing $, no digit after it
     * (so "$5 and $10" stays text).
     */
    private static int closingDollar(String text, int from) {
        if (from >= text.length() || Character.isWhitespace(text.charAt(from))) {
            return -1;
        }
        for (int j = from; j < text.length(); j++) {
            char c = text.charAt(j);
            if (c == '\\') {
                j++;
            } else if (c == '`' || c == '\n' && j + 1 < text.length() && text.charAt(j + 1) == '\n') {
                return -1; // code spans win over math, as in JupyterLab; math does not span paragraphs
            } else if (c == '$') {
                boolean spaceBefore = Character.isWhitespace(text.charAt(j - 1));
                boolean digitAfter = j + 1 < text.length() && Character.isDigit(text.charAt(j + 1));
                return spaceBefore || digitAfter ? -1 : j;
            }
        }
        return -1;
    }

    private static int runLength(String text, int from, char c) {
        int end = from;
        while (end < text.length() && text.charAt(end) == c) {
            end++;
        }
        return end - from;
    }

    private static int findBacktickRun(String text, int from, int length) {
        int i = from;
        while (i < text.length()) {
            if (text.charAt(i) == '`') {
                int run = runLength(text, i, '`');
                if (run == length) {
                    return i;
                }
                i += run;
            } else {
                i++;
            }
        }
        return -1;
    }

    private static String placeholder(List<String> math, String html) {
        math.add(html);
        return "\uE000" + (math.size() - 1) + "\uE001";
    }

    /** Heading ids and embedded images. */
    private static final class Attributes implements AttributeProvider {
        private final JsonObject attachments;
        private final Path baseDir;

        Attributes(JsonObject attachments, Path baseDir) {
            this.attachments = attachments;
            this.baseDir = baseDir;
        }

        @Override
        public void setAttributes(Node node, String tagName, Map<String, String> attributes) {
            if (node instanceof Heading heading) {
                attributes.put("id", slug(textOf(heading)));
            } else if (node instanceof Image image) {
                String embedded = embed(image.getDestination());
                if (embedded != null) {
                    attributes.put("src", embedded);
                }
            }
        }

        private String embed(String destination) {
            if (destination.startsWith("attachment:") && attachments != null) {
                JsonObject bundle = NotebookJson.objectOrNull(attachments,
                        destination.substring("attachment:".length()));
                if (bundle != null) {
                    MimeBundle data = MimeBundle.fromJson(bundle);
                    for (String mime : data.mimeTypes()) {
                        if (mime.startsWith("image/")) {
                            String content = data.text(mime).orElse("");
                            return mime.equals("image/svg+xml") && content.stripLeading().startsWith("<")
                                    ? Html.dataUri(mime, content.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                                    : Html.dataUri(mime, content);
                        }
                    }
                }
                return null;
            }
            if (baseDir == null || destination.contains(":") || destination.startsWith("/")) {
                return null;
            }
            String path = java.net.URLDecoder.decode(destination.split("[?#]", 2)[0],
                    java.nio.charset.StandardCharsets.UTF_8);
            String extension = path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            String mime = IMAGE_TYPES.get(extension);
            Path file = baseDir.resolve(path).normalize();
            try {
                if (mime == null || !Files.isRegularFile(file) || Files.size(file) > MAX_EMBEDDED_BYTES) {
                    return null;
                }
                return Html.dataUri(mime, Files.readAllBytes(file));
            } catch (IOException | java.nio.file.InvalidPathException e) {
                return null;
            }
        }
    }

    private static String textOf(Node node) {
        StringBuilder text = new StringBuilder();
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof Text literal) {
                text.append(literal.getLiteral());
            } else {
                text.append(textOf(child));
            }
        }
        return text.toString();
    }

    /**
     * @param heading a heading's text
     * @return an anchor id as Jupyter makes them: spaces to hyphens, other punctuation kept out
     */
    static String slug(String heading) {
        String cleaned = PLACEHOLDER.matcher(heading).replaceAll("").strip()
                .replaceAll("[^\\p{L}\\p{N}\\s_-]", "").replaceAll("\\s+", "-");
        return cleaned.isEmpty() ? "section" : cleaned;
    }

    /** Raw HTML in markdown passes through, without scripts. */
    private static final class RawHtml implements NodeRenderer {
        private final HtmlWriter html;

        RawHtml(HtmlNodeRendererContext context) {
            this.html = context.getWriter();
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(HtmlBlock.class, HtmlInline.class);
        }

        @Override
        public void render(Node node) {
            if (node instanceof HtmlBlock block) {
                html.line();
                html.raw(Html.withoutScripts(block.getLiteral()));
                html.line();
            } else {
                html.raw(Html.withoutScripts(((HtmlInline) node).getLiteral()));
            }
        }
    }
}
