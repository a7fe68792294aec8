package org.lenetlab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lenetlab.train.EpochRecord;
import org.lenetlab.train.History;
import org.w3c.dom.Document;

/** PNG and SVG export of any figure: size, content, well-formed SVG, atomic files, bad sizes and targets. */
class FigureExportTest {
    @TempDir
    Path tmp;

    static History history(int epochs, boolean validation) {
        List<EpochRecord> records = new ArrayList<>();
        double lr = 1e-3;
        for (int e = 1; e <= epochs; e++) {
            if (e == 4) {
                lr /= 2;
            }
            records.add(new EpochRecord(e, 1.0 / e, 1 - 0.5 / e, validation ? 1.1 / e : Double.NaN,
                    validation ? 1 - 0.55 / e : Double.NaN, lr, 1.5, e == 3));
        }
        return History.of(records);
    }

    @Test
    void runsHeadlessWithDejaVuSansWhenInstalled() {
        assertTrue(java.awt.GraphicsEnvironment.isHeadless(), "surefire sets java.awt.headless=true");
        boolean installed = Files.exists(Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"));
        assertEquals(installed ? FigureStyle.PREFERRED_FAMILY : FigureStyle.FALLBACK_FAMILY, FigureStyle.fontFamily());
        java.awt.Font font = FigureStyle.font(java.awt.Font.BOLD, 14);
        assertEquals(FigureStyle.fontFamily(), font.getName());
        assertEquals(14f, font.getSize2D());
        assertTrue(font.isBold());
    }

    @Test
    void pngHasTheRequestedSizeAndAPicture() throws IOException {
        HistoryChart chart = HistoryChart.of(history(6, true).withRestoredEpoch(5), "test run");
        Path png = chart.toPng(tmp.resolve("history.png"), 900, 400);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(900, image.getWidth());
        assertEquals(400, image.getHeight());
        double inked = Pixels.inkedFraction(image);
        assertTrue(inked > 0.03 && inked < 0.6, "lines, text and grid, on a mostly white page: " + inked);
        assertTrue(Pixels.colours(image) > 20, "anti-aliased coloured lines");
        BufferedImage defaults = chart.toBufferedImage();
        assertEquals(chart.defaultWidth(), defaults.getWidth());
        assertEquals(chart.defaultHeight(), defaults.getHeight());
        assertEquals(List.of("training", "validation", "weights restored (epoch 5)"), chart.seriesNames());
    }

    @Test
    void svgIsWellFormedXmlOfTheRequestedSize() throws Exception {
        Path svg = HistoryChart.of(history(4, false)).toSvg(tmp.resolve("h.svg"), 800, 300);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = factory.newDocumentBuilder().parse(svg.toFile());
        assertEquals("svg", doc.getDocumentElement().getNodeName());
        assertTrue(doc.getDocumentElement().getAttribute("width").startsWith("800"),
                doc.getDocumentElement().getAttribute("width"));
        String text = Files.readString(svg);
        // XChart draws its titles as glyph outlines; the figure's own heading and legend are SVG text.
        assertTrue(text.contains(">Training history") && text.contains(">training"), "heading and legend as text");
        assertTrue(text.contains("<path") || text.contains("<polyline") || text.contains("<line"));
    }

    @Test
    void noValidationMeansOnlyTrainingCurves() {
        assertEquals(List.of("training"), HistoryChart.of(history(3, false)).seriesNames());
    }

    @Test
    void compareOverlaysEveryRun() {
        var runs = new java.util.LinkedHashMap<String, History>();
        runs.put("no regularisation", history(5, true));
        runs.put("dropout", history(7, true).withRestoredEpoch(6));
        HistoryChart chart = HistoryChart.compare(runs);
        assertEquals(List.of("no regularisation (training)", "no regularisation (validation)", "dropout (training)",
                "dropout (validation)", "dropout: restored epoch 6"), chart.seriesNames());
        assertTrue(Pixels.inkedFraction(chart.toBufferedImage()) > 0.03);
    }

    @Test
    void badInputIsExplained() {
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> HistoryChart.of(History.empty()));
        assertTrue(empty.getMessage().contains("no epochs"), empty.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HistoryChart.compare(java.util.Map.of()));
        HistoryChart chart = HistoryChart.of(history(2, true));
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> chart.toBufferedImage(0, 300));
        assertTrue(size.getMessage().contains("0×300"), size.getMessage());
        IOException directory = assertThrows(IOException.class, () -> chart.toPng(tmp, 400, 300));
        assertTrue(directory.getMessage().contains("is a directory"), directory.getMessage());
    }

    @Test
    void filesAreReplacedAtomicallyWithoutLeftovers() throws IOException {
        HistoryChart chart = HistoryChart.of(history(3, true));
        Path png = tmp.resolve("out.png");
        chart.toPng(png, 300, 200);
        chart.toPng(png, 500, 250);
        chart.toSvg(tmp.resolve("out.svg"), 500, 250);
        assertEquals(500, ImageIO.read(png.toFile()).getWidth());
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(List.of("out.png", "out.svg"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}
