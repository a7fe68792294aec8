package org.lenetlab.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/**
 * The look shared by all figures: the font, colours for series, and the XChart styling that keeps titles, axis
 * labels and legends readable at report sizes.
 *
 * <p>The font is DejaVu Sans when the machine has it (Debian package {@code fonts-dejavu-core}; the CI installs
 * it) and the JVM's logical {@code SansSerif} font otherwise, so that a figure rendered on a bare server and on a
 * laptop looks the same wherever possible and never fails for want of a font.
 */
public final class FigureStyle {
    /** The preferred font family. */
    public static final String PREFERRED_FAMILY = "DejaVu Sans";
    /** The fallback: a logical font every JVM maps to some installed sans-serif face. */
    public static final String FALLBACK_FAMILY = Font.SANS_SERIF;

    /** Colour-blind-safe series colours (Okabe and Ito), in the order series receive them. */
    private static final Color[] SERIES = {
        new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115), new Color(204, 121, 167),
        new Color(230, 159, 0), new Color(86, 180, 233), new Color(120, 120, 120), new Color(240, 228, 66),
    };
    /** Ink for text and axes: near black reads softer than pure black on white. */
    static final Color INK = new Color(34, 34, 34);
    /** Secondary text, e.g. subtitles. */
    static final Color MUTED = new Color(100, 100, 100);
    /** Grid lines. */
    static final Color GRID = new Color(225, 225, 225);
    /** Correct predictions. */
    static final Color CORRECT = new Color(0, 130, 60);
    /** Wrong predictions. */
    static final Color WRONG = new Color(200, 30, 30);

    private static final String FAMILY = chooseFamily();

    private FigureStyle() {
    }

    private static String chooseFamily() {
        try {
            Set<String> families = Arrays.stream(GraphicsEnvironment.getLocalGraphicsEnvironment()
                    .getAvailableFontFamilyNames()).collect(Collectors.toSet());
            return families.contains(PREFERRED_FAMILY) ? PREFERRED_FAMILY : FALLBACK_FAMILY;
        } catch (RuntimeException | Error e) {
            // Without fontconfig some JDKs fail to enumerate fonts; the logical font still renders.
            return FALLBACK_FAMILY;
        }
    }

    /** @return the font family all figures use: {@value #PREFERRED_FAMILY} if installed, else SansSerif */
    public static String fontFamily() {
        return FAMILY;
    }

    /**
     * @param style {@link Font#PLAIN}, {@link Font#BOLD} or {@link Font#ITALIC}
     * @param size  size in pixels (points at 72 dpi)
     * @return the figure font in that style and size
     */
    public static Font font(int style, float size) {
        return new Font(FAMILY, style, 1).deriveFont(style, size);
    }

    /**
     * @param index series number, from 0
     * @return its colour; colours repeat after eight series
     */
    public static Color seriesColor(int index) {
        return SERIES[Math.floorMod(index, SERIES.length)];
    }

    /** Applies the shared look to any XChart chart's styler. */
    static void apply(Styler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setChartFontColor(INK);
        styler.setChartTitleFont(font(Font.BOLD, 16));
        styler.setChartTitleBoxVisible(false);
        styler.setChartTitlePadding(10);
        styler.setChartPadding(12);
        styler.setLegendFont(font(Font.PLAIN, 12));
        styler.setLegendBorderColor(GRID);
        styler.setLegendBackgroundColor(Color.WHITE);
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderColor(new Color(160, 160, 160));
        styler.setSeriesColors(SERIES);
        styler.setAnnotationTextFont(font(Font.PLAIN, 11));
        styler.setAnnotationTextFontColor(MUTED);
        styler.setAnnotationLineColor(new Color(150, 150, 150));
        styler.setAnnotationLineStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {5f, 4f}, 0f));
        styler.setToolTipsEnabled(false);
        styler.setAntiAlias(true);
        if (styler instanceof AxesChartStyler axes) {
            axes.setAxisTitleFont(font(Font.PLAIN, 13));
            axes.setAxisTickLabelsFont(font(Font.PLAIN, 11));
            axes.setAxisTickLabelsColor(INK);
            axes.setPlotGridLinesColor(GRID);
            axes.setPlotGridLinesStroke(new BasicStroke(1f));
            axes.setAxisTickMarksColor(new Color(160, 160, 160));
            axes.setLocale(java.util.Locale.ROOT);
        }
    }
}
