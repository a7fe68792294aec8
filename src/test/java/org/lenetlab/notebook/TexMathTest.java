package org.lenetlab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TexMathTest {

    @Test
    void commonNotationBecomesUnicodeAndHtml() {
        assertEquals("<i>y</i> = <i>Wx</i> + <i>b</i>", TexMath.toHtml("y = Wx + b"));
        assertEquals("α · β ≤ ∞", TexMath.toHtml("\\alpha \\cdot \\beta \\leq \\infty").replaceAll("\\s+", " "));
        assertEquals("ℝ<sup>28 × 28</sup>", TexMath.toHtml("\\mathbb{R}^{28 \\times 28}"));
        assertEquals("√<span class=\"overline\"><i>n</i></span>", TexMath.toHtml("\\sqrt{n}"));
        assertEquals("<i>x̂</i>", TexMath.toHtml("\\hat{x}"));
        assertEquals("<span class=\"fn\">softmax</span>(<i>z</i>)", TexMath.toHtml("\\text{softmax}(z)"));
        assertEquals("<span class=\"fn\">tanh</span>(<i>x</i>)", TexMath.toHtml("\\tanh(x)"));
        assertEquals("(<i>a</i>)", TexMath.toHtml("\\left( a \\right)"));
        assertEquals("\\unknowncommand", TexMath.toHtml("\\unknowncommand"));
        assertEquals("&lt; &amp;&lt;b&gt;", TexMath.toHtml("< \\& \\text{<b>}").replace("<span class=\"fn\">", "")
                .replace("</span>", ""));
    }
}
