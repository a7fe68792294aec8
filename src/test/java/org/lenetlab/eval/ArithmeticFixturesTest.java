package org.lenetlab.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** The arithmetic beneath the report against Python and NumPy themselves. */
class ArithmeticFixturesTest {

    @Test
    void decimalsAreFormattedAsPythonFormatsThem() {
        JsonObject fixture = Fixtures.load("python-format.json");
        int checked = 0;
        for (JsonElement element : fixture.getAsJsonArray("cases")) {
            JsonObject c = element.getAsJsonObject();
            double value = c.get("value").getAsDouble();
            int digits = c.get("digits").getAsInt();
            assertEquals(c.get("text").getAsString(), Formats.fixed(value, digits),
                    "'{:." + digits + "f}'.format(" + value + ")");
            checked++;
        }
        assertTrue(checked > 1000, "covers many values, got " + checked);
    }

    @Test
    void roundingTiesGoToEvenDigitOfTheBinaryValue() {
        assertEquals("0.12", Formats.fixed(0.125, 2));
        assertEquals("0.62", Formats.fixed(0.625, 2));
        assertEquals("0.38", Formats.fixed(0.375, 2));
        assertEquals("0.84", Formats.fixed(0.845, 2), "0.845 is stored as 0.84499999999999997");
        assertEquals("2", Formats.fixed(2.5, 0));
        assertEquals("-0.00", Formats.fixed(-0.001, 2));
        assertEquals("nan", Formats.fixed(Double.NaN, 2));
    }

    @Test
    void sumsFollowNumpysPairwiseOrder() {
        JsonObject fixture = Fixtures.load("numpy-sums.json");
        int differFromLoop = 0;
        for (JsonElement element : fixture.getAsJsonArray("cases")) {
            JsonObject c = element.getAsJsonObject();
            double[] values = Fixtures.doubles(c.get("values"));
            assertEquals(c.get("sum").getAsDouble(), NumpySum.sum(values), 0.0, "np.sum of " + values.length);
            assertEquals(c.get("mean").getAsDouble(), NumpySum.mean(values), 0.0, "np.mean of " + values.length);
            double loop = 0;
            for (double v : values) {
                loop += v;
            }
            if (loop != c.get("sum").getAsDouble()) {
                differFromLoop++;
            }
        }
        assertTrue(differFromLoop > 0, "the fixture must include sums where a plain loop rounds differently");
    }

    @Test
    void padsByCodePointsAsPython() {
        assertEquals("  chat \uD83D\uDC31", Formats.padLeft("chat \uD83D\uDC31", 8), "the emoji counts once");
        assertEquals("abc", Formats.padLeft("abc", 2));
        assertEquals("é  ", Formats.padRight("é", 3));
    }

    @Test
    void escapesHtml() {
        assertEquals("a &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;", Formats.html("a <b> & \"c\" 'd'"));
    }
}
