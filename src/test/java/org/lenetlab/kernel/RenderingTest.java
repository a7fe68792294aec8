package org.lenetlab.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Base64;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;

/** What the last expression of a cell, and display(...), turn into. */
class RenderingTest {
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static KernelSession session;

    @BeforeAll
    static void start() {
        session = KernelSession.start().awaitReady();
    }

    @AfterAll
    static void stop() {
        session.close();
    }

    private static DisplayData result(String code) {
        CellOutcome out = session.execute(code, new RecordingSink());
        assertTrue(out.ok(), () -> code + "\n→ " + out.error().name() + ": " + out.error().value() + "\n"
                + String.join("\n", out.error().traceback()));
        return out.result();
    }

    private static BufferedImage png(DisplayData data) throws Exception {
        byte[] bytes = Base64.getDecoder().decode((String) data.getData(MIMEType.IMAGE_PNG));
        assertArrayEquals(PNG_MAGIC, Arrays.copyOf(bytes, 8));
        return ImageIO.read(new ByteArrayInputStream(bytes));
    }

    @Test
    void imagesArePng() throws Exception {
        DisplayData data = result("""
                var img = new BufferedImage(30, 20, BufferedImage.TYPE_INT_RGB);
                img.setRGB(3, 4, 0xff0000);
                img
                """);
        BufferedImage back = png(data);
        assertEquals(30, back.getWidth());
        assertEquals(0xff0000, back.getRGB(3, 4) & 0xffffff);
        assertTrue(RecordingSink.text(data).startsWith("BufferedImage"));
    }

    @Test
    void xchartChartsArePngOrSvgOnRequest() throws Exception {
        result("""
                XYChart chart = new XYChartBuilder().width(400).height(300).title("squares").build();
                chart.addSeries("y", new double[] {1, 2, 3}, new double[] {1, 4, 9});
                """);
        BufferedImage image = png(result("chart"));
        assertEquals(400, image.getWidth());
        assertEquals(300, image.getHeight());
        RecordingSink sink = new RecordingSink();
        session.execute("display(chart, \"image/svg+xml\")", sink);
        DisplayData svg = sink.displays().get(0);
        assertTrue(((String) svg.getData(MIMEType.IMAGE_SVG)).contains("<svg"));
        assertNull(svg.getData(MIMEType.IMAGE_PNG));
        assertTrue(RecordingSink.text(svg).contains("squares"));
    }

    @Test
    void courseFiguresArePngOrSvg() throws Exception {
        result("""
                History h = History.empty()
                    .append(new EpochRecord(1, 0.9, 0.70, 0.8, 0.72, 1e-3, 2.0, false))
                    .append(new EpochRecord(2, 0.5, 0.85, 0.6, 0.80, 1e-3, 2.0, false));
                """);
        BufferedImage image = png(result("HistoryChart.of(h)"));
        assertTrue(image.getWidth() >= org.lenetlab.plot.Figure.MIN_SIZE);
        DisplayData svg = result("render(HistoryChart.of(h), \"image/svg+xml\")");
        assertTrue(((String) svg.getData(MIMEType.IMAGE_SVG)).startsWith("<?xml"));
    }

    @Test
    void tablesawTablesAreHtmlTablesShortenedWhenLong() {
        DisplayData small = result("""
                Table.create("scores", StringColumn.create("name", "ada", "bob"),
                    IntColumn.create("points", 7, 3))
                """);
        String html = (String) small.getData(MIMEType.TEXT_HTML);
        assertTrue(html.contains("<td style=\"text-align:left;padding:2px 8px\">ada</td>"), html);
        assertTrue(html.contains(">7</td>"), html);
        assertTrue(RecordingSink.text(small).contains("ada"));

        DisplayData big = result("Table.create(\"big\", IntColumn.create(\"i\", java.util.stream.IntStream"
                + ".range(0, 1000).toArray()))");
        String bigHtml = (String) big.getData(MIMEType.TEXT_HTML);
        assertTrue(bigHtml.contains(">999</td>") && bigHtml.contains(">0</td>"), "head and tail are shown");
        assertFalse(bigHtml.contains(">500</td>"), "the middle is left out");
        assertTrue(bigHtml.contains("1,000 rows × 1 columns"), bigHtml);
    }

    @Test
    void evaluationsRenderAsTheirReports() {
        result("""
                var evaluation = ClassificationEvaluation.of(new int[] {0, 1, 1, 2, 2, 2},
                    new int[] {0, 1, 2, 2, 2, 1}, List.of("zero", "one", "two"));
                """);
        DisplayData report = result("evaluation.classificationReport()");
        assertTrue(RecordingSink.text(report).contains("precision"), RecordingSink.text(report));
        assertTrue(((String) report.getData(MIMEType.TEXT_HTML)).contains("<table"));
        DisplayData matrix = result("evaluation.confusionMatrix()");
        assertTrue(((String) matrix.getData(MIMEType.TEXT_HTML)).contains("two"));
        DisplayData whole = result("evaluation");
        assertTrue(RecordingSink.text(whole).contains("accuracy"), RecordingSink.text(whole));
    }

    @Test
    void plainObjectsAreText() {
        assertEquals("[1, 2]", RecordingSink.text(result("List.of(1, 2)")));
        assertEquals("hello", RecordingSink.text(result("\"hello\"")));
        assertNull(result("(Object) null"), "null shows nothing");
        assertNull(result("System.out.print(\"\")"), "void shows nothing");
    }

    @Test
    void notebooksCanRegisterTheirOwnRenderers() {
        DisplayData data = result("""
                record Money(long cents) {}
                org.lenetlab.kernel.Renderers.standard().createRegistration(Money.class)
                    .preferring("text/html").supporting("text/html")
                    .register((m, ctx) -> ctx.renderIfRequested(
                        io.github.spencerpark.jupyter.kernel.display.mime.MIMEType.TEXT_HTML,
                        () -> "<b>" + m.cents() / 100.0 + " €</b>"));
                new Money(1250)
                """);
        assertEquals("<b>12.5 €</b>", data.getData(MIMEType.TEXT_HTML));
    }
}
