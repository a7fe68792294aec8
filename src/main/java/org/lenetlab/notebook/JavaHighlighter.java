package org.lenetlab.notebook;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Colours Java cell sources for the HTML export: comments, strings, numbers, keywords, annotations, magics. */
final class JavaHighlighter {
    private static final String KEYWORDS = "abstract|assert|boolean|break|byte|case|catch|char|class|const|continue"
            + "|default|do|double|else|enum|extends|final|finally|float|for|goto|if|implements|import|instanceof"
            + "|int|interface|long|native|new|package|private|protected|public|return|short|static|strictfp|super"
            + "|switch|synchronized|this|throw|throws|transient|try|void|volatile|while|var|record|yield|sealed"
            + "|permits|non-sealed|true|false|null";
    private static final Pattern TOKENS = Pattern.compile(
            "(?<comment>//[^\\n]*|/\\*.*?(?:\\*/|\\z))"
                    + "|(?<string>\"\"\".*?(?:\"\"\"|\\z)|\"(?:\\\\.|[^\"\\\\\\n])*\"?|'(?:\\\\.|[^'\\\\\\n])*'?)"
                    + "|(?<magic>^\\s*%%?[A-Za-z]+)"
                    + "|(?<annotation>@[A-Za-z_][A-Za-z0-9_.]*)"
                    + "|(?<number>\\b(?:0[xX][0-9a-fA-F_]+|\\d[\\d_]*(?:\\.\\d[\\d_]*)?(?:[eE][+-]?\\d+)?)[lLfFdD]?\\b)"
                    + "|(?<keyword>\\b(?:" + KEYWORDS + ")\\b)"
                    + "|(?<type>\\b[A-Z][A-Za-z0-9_]*\\b)",
            Pattern.DOTALL | Pattern.MULTILINE);
    private static final String[] GROUPS = {"comment", "string", "magic", "annotation", "number", "keyword", "type"};

    private JavaHighlighter() {
    }

    /**
     * @param source Java code (with magics)
     * @return escaped HTML with {@code <span class="tok-...">} around the tokens
     */
    static String toHtml(String source) {
        StringBuilder html = new StringBuilder(source.length() * 2);
        Matcher matcher = TOKENS.matcher(source);
        int last = 0;
        while (matcher.find()) {
            html.append(Html.escape(source.substring(last, matcher.start())));
            for (String group : GROUPS) {
                if (matcher.group(group) != null) {
                    html.append("<span class=\"tok-").append(group).append("\">")
                            .append(Html.escape(matcher.group())).append("</span>");
                    break;
                }
            }
            last = matcher.end();
        }
        html.append(Html.escape(source.substring(last)));
        return html.toString();
    }
}
