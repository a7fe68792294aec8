package org.lenetlab.notebook;

import java.util.Base64;
import java.util.regex.Pattern;

/** Small helpers for writing HTML by hand. */
final class Html {
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]|\u001B[@-Z\\\\-_]");
    private static final Pattern ACTIVE_ELEMENTS = Pattern.compile(
            "<(script|iframe|object|embed)\\b[^>]*>.*?</\\1\\s*>|<(script|iframe|object|embed)\\b[^>]*/?>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern EVENT_HANDLERS = Pattern.compile(
            "\\s+on[a-z]+\\s*=\\s*(\"[^\"]*\"|'[^']*'|[^\\s>]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern SCRIPT_URLS = Pattern.compile("(href|src)\\s*=\\s*([\"']?)\\s*javascript:",
            Pattern.CASE_INSENSITIVE);

    private Html() {
    }

    /**
     * @param text any text
     * @return the text safe inside an element or a quoted attribute
     */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /**
     * @param text terminal text
     * @return the text without ANSI colour and cursor sequences
     */
    static String stripAnsi(String text) {
        return ANSI.matcher(text).replaceAll("");
    }

    /**
     * Removes what would run code in the exported page: script, iframe, object and embed elements, {@code on...}
     * event attributes and {@code javascript:} URLs. The page is meant to be read, with no script at all.
     *
     * @param html HTML from an output or a markdown cell
     * @return the HTML without active content
     */
    static String withoutScripts(String html) {
        String result = ACTIVE_ELEMENTS.matcher(html).replaceAll("");
        result = EVENT_HANDLERS.matcher(result).replaceAll("");
        return SCRIPT_URLS.matcher(result).replaceAll("$1=$2#blocked:");
    }

    /**
     * @param mime   the MIME type
     * @param base64 the content in base64 (line breaks allowed)
     * @return a {@code data:} URI
     */
    static String dataUri(String mime, String base64) {
        return "data:" + mime + ";base64," + base64.replaceAll("\\s", "");
    }

    /**
     * @param mime  the MIME type
     * @param bytes the content
     * @return a {@code data:} URI
     */
    static String dataUri(String mime, byte[] bytes) {
        return "data:" + mime + ";base64," + Base64.getEncoder().encodeToString(bytes);
    }
}
