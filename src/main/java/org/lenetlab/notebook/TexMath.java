package org.lenetlab.notebook;

import java.util.Map;
import java.util.Set;

import static java.util.Map.entry;

/**
 * Renders the LaTeX math of markdown cells ({@code $\sigma(x) = \frac{1}{1 + e^{-x}}$}) as plain HTML with Unicode
 * symbols, superscripts, subscripts and stacked fractions: readable offline with no script or web font. It covers
 * the notation a course on neural networks uses (Greek letters, operators, relations, arrows, sums, fractions,
 * roots, accents, blackboard bold, text); anything else is shown as its TeX source.
 */
final class TexMath {
    private static final Map<String, String> SYMBOLS = Map.ofEntries(
            entry("alpha", "α"), entry("beta", "β"), entry("gamma", "γ"), entry("delta", "δ"),
            entry("epsilon", "ϵ"), entry("varepsilon", "ε"), entry("zeta", "ζ"), entry("eta", "η"),
            entry("theta", "θ"), entry("vartheta", "ϑ"), entry("iota", "ι"), entry("kappa", "κ"),
            entry("lambda", "λ"), entry("mu", "μ"), entry("nu", "ν"), entry("xi", "ξ"), entry("pi", "π"),
            entry("rho", "ρ"), entry("sigma", "σ"), entry("tau", "τ"), entry("upsilon", "υ"),
            entry("phi", "ϕ"),
            entry("varphi", "φ"), entry("chi", "χ"), entry("psi", "ψ"), entry("omega", "ω"),
            entry("Gamma", "Γ"), entry("Delta", "Δ"), entry("Theta", "Θ"), entry("Lambda", "Λ"), entry("Xi", "Ξ"),
            entry("Pi", "Π"), entry("Sigma", "Σ"), entry("Phi", "Φ"), entry("Psi", "Ψ"), entry("Omega", "Ω"),
            entry("times", " × "), entry("cdot", " · "), entry("div", " ÷ "), entry("pm", " ± "),
            entry("mp", " ∓ "), entry("ast", "∗"), entry("circ", "∘"), entry("odot", " ⊙ "),
            entry("otimes", " ⊗ "),
            entry("oplus", " ⊕ "), entry("leq", " ≤ "), entry("le", " ≤ "), entry("geq", " ≥ "),
            entry("ge", " ≥ "), entry("neq", " ≠ "), entry("ne", " ≠ "), entry("approx", " ≈ "),
            entry("sim", " ∼ "), entry("equiv", " ≡ "), entry("propto", " ∝ "), entry("ll", " ≪ "),
            entry("gg", " ≫ "), entry("infty", "∞"), entry("partial", "∂"), entry("nabla", "∇"),
            entry("sum", "∑"), entry("prod", "∏"), entry("int", "∫"), entry("to", " → "),
            entry("rightarrow", " → "), entry("leftarrow", " ← "), entry("Rightarrow", " ⇒ "),
            entry("Leftrightarrow", " ⇔ "), entry("mapsto", " ↦ "), entry("in", " ∈ "), entry("notin", " ∉ "),
            entry("subset", " ⊂ "), entry("subseteq", " ⊆ "), entry("cup", " ∪ "), entry("cap", " ∩ "),
            entry("forall", "∀"), entry("exists", "∃"), entry("emptyset", "∅"), entry("ldots", "…"),
            entry("dots", "…"), entry("cdots", "⋯"), entry("vdots", "⋮"), entry("langle", "⟨"),
            entry("rangle", "⟩"), entry("lfloor", "⌊"), entry("rfloor", "⌋"), entry("lceil", "⌈"),
            entry("rceil", "⌉"), entry("ell", "ℓ"), entry("mid", " ∣ "), entry("top", "⊤"),
            entry("prime", "′"),
            entry("quad", "\u2003"), entry("qquad", "\u2003\u2003"), entry(",", "\u2009"), entry(":", "\u2005"),
            entry(";", "\u2005"), entry("!", ""), entry(" ", " "), entry("{", "{"), entry("}", "}"),
            entry("%", "%"), entry("$", "$"), entry("_", "_"), entry("&", "&amp;"), entry("#", "#"),
            entry("|", "‖"), entry("\\", "<br>"));
    private static final Set<String> FUNCTIONS = Set.of("log", "ln", "exp", "sin", "cos", "tan", "tanh", "sinh",
            "cosh", "max", "min", "arg", "argmax", "argmin", "lim", "sup", "inf", "det", "dim", "sgn", "Pr");
    private static final Set<String> IGNORED = Set.of("left", "right", "big", "Big", "bigg", "Bigg", "bigl",
            "bigr", "Bigl", "Bigr", "displaystyle", "textstyle", "limits", "nolimits");
    private static final Map<String, String> ACCENTS = Map.of("hat", "\u0302", "widehat", "\u0302", "bar",
            "\u0304", "tilde", "\u0303", "widetilde", "\u0303", "vec", "\u20D7", "dot", "\u0307", "ddot", "\u0308");
    private static final Map<Character, String> BLACKBOARD = Map.of('R', "ℝ", 'N', "ℕ", 'Z', "ℤ", 'Q', "ℚ",
            'C', "ℂ", 'E', "𝔼", 'P', "ℙ");

    private final String tex;
    private int pos;

    private TexMath(String tex) {
        this.tex = tex;
    }

    /**
     * @param tex math in TeX notation, without the dollar signs
     * @return HTML (escaped) for it
     */
    static String toHtml(String tex) {
        TexMath parser = new TexMath(tex);
        StringBuilder html = new StringBuilder();
        while (parser.pos < tex.length()) {
            html.append(parser.sequence());
            if (parser.pos < tex.length()) {
                html.append(Html.escape(String.valueOf(tex.charAt(parser.pos++)))); // a stray '}'
            }
        }
        return html.toString().strip();
    }

    /** Atoms up to the end or a closing brace (not consumed). */
    private String sequence() {
        StringBuilder html = new StringBuilder();
        while (pos < tex.length() && tex.charAt(pos) != '}') {
            html.append(atom());
        }
        return html.toString();
    }

    private String atom() {
        char c = tex.charAt(pos);
        if (Character.isWhitespace(c)) {
            pos++;
            return "";
        }
        if (c == '{') {
            pos++;
            String group = sequence();
            if (pos < tex.length()) {
                pos++;
            }
            return group;
        }
        if (c == '^' || c == '_') {
            pos++;
            String script = argument();
            return c == '^' ? "<sup>" + script + "</sup>" : "<sub>" + script + "</sub>";
        }
        if (c == '\\') {
            return command();
        }
        if (Character.isLetter(c)) {
            int start = pos;
            while (pos < tex.length() && Character.isLetter(tex.charAt(pos))) {
                pos++;
            }
            return "<i>" + Html.escape(tex.substring(start, pos)) + "</i>";
        }
        pos++;
        return switch (c) {
            case '-' -> " − ";
            case '+' -> " + ";
            case '=' -> " = ";
            case '<' -> " &lt; ";
            case '>' -> " &gt; ";
            case '*' -> "∗";
            case '\'' -> "′";
            case '&' -> " ";
            case '~' -> "\u00A0";
            default -> Html.escape(String.valueOf(c));
        };
    }

    /** One atom or braced group, as the argument of a command or script. */
    private String argument() {
        while (pos < tex.length() && Character.isWhitespace(tex.charAt(pos))) {
            pos++;
        }
        return pos < tex.length() ? atom() : "";
    }

    /** The raw text of a braced argument (for \text and friends), or of one character. */
    private String rawArgument() {
        while (pos < tex.length() && Character.isWhitespace(tex.charAt(pos))) {
            pos++;
        }
        if (pos >= tex.length()) {
            return "";
        }
        if (tex.charAt(pos) != '{') {
            return String.valueOf(tex.charAt(pos++));
        }
        int depth = 0;
        int start = pos + 1;
        for (; pos < tex.length(); pos++) {
            char c = tex.charAt(pos);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return tex.substring(start, pos++);
            }
        }
        return tex.substring(start);
    }

    private String command() {
        pos++;
        if (pos >= tex.length()) {
            return "\\";
        }
        int start = pos;
        if (Character.isLetter(tex.charAt(pos))) {
            while (pos < tex.length() && Character.isLetter(tex.charAt(pos))) {
                pos++;
            }
        } else {
            pos++;
        }
        String name = tex.substring(start, pos);
        if (IGNORED.contains(name)) {
            if ((name.equals("left") || name.equals("right")) && pos < tex.length() && tex.charAt(pos) == '.') {
                pos++;
            }
            return "";
        }
        if (SYMBOLS.containsKey(name)) {
            return SYMBOLS.get(name);
        }
        if (FUNCTIONS.contains(name)) {
            return "<span class=\"fn\">" + name + "</span>";
        }
        if (ACCENTS.containsKey(name)) {
            String raw = rawArgument();
            return raw.length() == 1 && Character.isLetter(raw.charAt(0))
                    ? "<i>" + Html.escape(raw) + ACCENTS.get(name) + "</i>"
                    : "<span class=\"overline\">" + toHtml(raw) + "</span>";
        }
        return switch (name) {
            case "frac", "dfrac", "tfrac" -> {
                String numerator = argument();
                String denominator = argument();
                yield "<span class=\"frac\"><span>" + numerator + "</span><span>" + denominator + "</span></span>";
            }
            case "sqrt" -> {
                String index = "";
                if (pos < tex.length() && tex.charAt(pos) == '[') {
                    int close = tex.indexOf(']', pos);
                    if (close > 0) {
                        index = "<sup>" + toHtml(tex.substring(pos + 1, close)) + "</sup>";
                        pos = close + 1;
                    }
                }
                yield index + "√<span class=\"overline\">" + argument() + "</span>";
            }
            case "overline" -> "<span class=\"overline\">" + argument() + "</span>";
            case "text", "textrm", "mathrm", "operatorname", "textit", "mbox" ->
                    "<span class=\"fn\">" + Html.escape(rawArgument()) + "</span>";
            case "mathbf", "boldsymbol", "bm", "textbf" -> "<b>" + argument() + "</b>";
            case "mathit", "mathcal", "mathscr" -> argument();
            case "mathbb" -> {
                String raw = rawArgument();
                StringBuilder letters = new StringBuilder();
                for (char letter : raw.toCharArray()) {
                    letters.append(BLACKBOARD.getOrDefault(letter, Html.escape(String.valueOf(letter))));
                }
                yield letters.toString();
            }
            default -> Html.escape("\\" + name);
        };
    }
}
