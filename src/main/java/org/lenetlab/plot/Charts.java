package org.lenetlab.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.Locale;

import org.knowm.xchart.internal.chartpart.Annotation;
import org.knowm.xchart.internal.chartpart.Chart;

/** Helpers shared by the XChart-based figures: layout of several charts in one figure, annotations, numbers. */
final class Charts {
    /** Height of the band holding a figure's overall title above its panels. */
    static final int HEADER = 36;

    private Charts() {
    }

    /**
     * Paints charts side by side, equal widths, under an optional figure title.
     *
     * @param g       where to paint
     * @param width   figure width
     * @param height  figure height
     * @param heading the figure's title above all panels, or null for none
     * @param charts  the panels, left to right
     */
    static void paintRow(Graphics2D g, int width, int height, String heading, List<? extends Chart<?, ?>> charts) {
        paintRow(g, width, height, heading, charts, List.of());
    }

    /**
     * Paints charts side by side under an optional title, with one legend for all panels below them.
     *
     * @param legend the shared legend's items, or empty for none (the charts then show their own legends)
     */
    static void paintRow(Graphics2D g, int width, int height, String heading, List<? extends Chart<?, ?>> charts,
                         List<LegendItem> legend) {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int bottom = height;
        if (!legend.isEmpty()) {
            g.setFont(FigureStyle.font(Font.PLAIN, 12));
            List<List<LegendItem>> rows = legendRows(g, legend, width - 40);
            int rowHeight = g.getFontMetrics().getHeight() + 8;
            bottom = height - rows.size() * rowHeight - 14;
            paintLegend(g, rows, width, bottom + 6, rowHeight);
        }
        int top = 0;
        if (heading != null) {
            top = HEADER;
            g.setColor(FigureStyle.INK);
            g.setFont(FigureStyle.font(Font.BOLD, 17));
            drawCentered(g, fit(g, heading, width - 20), width / 2.0, 25);
        }
        int n = charts.size();
        for (int i = 0; i < n; i++) {
            int x = i * width / n;
            int w = (i + 1) * width / n - x;
            Graphics2D panel = (Graphics2D) g.create(x, top, w, height - top);
            try {
                charts.get(i).paint(panel, w, bottom - top);
            } finally {
                panel.dispose();
            }
        }
    }

    /**
     * One entry of a figure-wide legend.
     *
     * @param label   what it stands for
     * @param color   its colour
     * @param stroke  the line drawn as its key, or null for none
     * @param diamond whether a diamond marker is drawn on the key
     */
    record LegendItem(String label, Color color, BasicStroke stroke, boolean diamond) {
    }

    private static final int KEY = 30;
    private static final int GAP = 22;

    private static int itemWidth(Graphics2D g, LegendItem item) {
        return KEY + 6 + g.getFontMetrics().stringWidth(item.label());
    }

    private static List<List<LegendItem>> legendRows(Graphics2D g, List<LegendItem> items, int maxWidth) {
        List<List<LegendItem>> rows = new java.util.ArrayList<>();
        List<LegendItem> row = new java.util.ArrayList<>();
        int used = 0;
        for (LegendItem item : items) {
            int w = itemWidth(g, item);
            if (!row.isEmpty() && used + GAP + w > maxWidth) {
                rows.add(row);
                row = new java.util.ArrayList<>();
                used = 0;
            }
            used += (row.isEmpty() ? 0 : GAP) + w;
            row.add(item);
        }
        if (!row.isEmpty()) {
            rows.add(row);
        }
        return rows;
    }

    private static void paintLegend(Graphics2D g, List<List<LegendItem>> rows, int width, int top, int rowHeight) {
        FontMetrics fm = g.getFontMetrics();
        for (int r = 0; r < rows.size(); r++) {
            List<LegendItem> row = rows.get(r);
            int total = -GAP;
            for (LegendItem item : row) {
                total += GAP + itemWidth(g, item);
            }
            int x = (width - total) / 2;
            int mid = top + r * rowHeight + rowHeight / 2;
            for (LegendItem item : row) {
                Graphics2D k = (Graphics2D) g.create();
                k.setColor(item.color());
                if (item.stroke() != null) {
                    k.setStroke(item.stroke());
                    k.drawLine(x, mid, x + KEY, mid);
                }
                if (item.diamond()) {
                    int cx = x + KEY / 2;
                    k.fillPolygon(new int[] {cx - 6, cx, cx + 6, cx}, new int[] {mid, mid - 6, mid, mid + 6}, 4);
                }
                k.dispose();
                g.setColor(FigureStyle.INK);
                g.drawString(item.label(), x + KEY + 6, mid + fm.getAscent() / 2 - 1);
                x += itemWidth(g, item) + GAP;
            }
        }
    }

    /** Draws text centred horizontally on {@code cx} with its baseline at {@code baseline}. */
    static void drawCentered(Graphics2D g, String text, double cx, double baseline) {
        FontMetrics fm = g.getFontMetrics();
        g.drawString(text, (float) (cx - fm.stringWidth(text) / 2.0), (float) baseline);
    }

    /** @return {@code text}, shortened with an ellipsis so that it fits {@code maxWidth} in the current font */
    static String fit(Graphics2D g, String text, double maxWidth) {
        FontMetrics fm = g.getFontMetrics();
        if (fm.stringWidth(text) <= maxWidth) {
            return text;
        }
        String ellipsis = "…";
        int end = text.length();
        while (end > 0 && fm.stringWidth(text.substring(0, end) + ellipsis) > maxWidth) {
            end--;
        }
        return end == 0 ? "" : text.substring(0, end).stripTrailing() + ellipsis;
    }

    /** @return a number with thousands separators, e.g. {@code 12,345} */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** @return a share as a percentage with sensible precision: {@code 97.3 %}, {@code 0.45 %}, {@code 0 %} */
    static String percent(double fraction) {
        double p = 100 * fraction;
        if (p == 0) {
            return "0 %";
        }
        if (p >= 99.95 && p < 100) {
            return String.format(Locale.ROOT, "%.2f %%", p);
        }
        return p < 1 ? String.format(Locale.ROOT, "%.2f %%", p) : String.format(Locale.ROOT, "%.1f %%", p);
    }

    /** @return a learning rate or similar small number compactly: {@code 0.001}, {@code 5e-05} */
    static String number(double v) {
        if (v == 0 || (Math.abs(v) >= 1e-3 && Math.abs(v) < 1e5)) {
            String s = String.format(Locale.ROOT, "%.4f", v).replaceAll("0+$", "");
            return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        }
        return String.format(Locale.ROOT, "%.2g", v).replace("e-0", "e-").replace("e+0", "e+");
    }

    /**
     * A vertical marker at an x value of an XY chart, across the whole plot, labelled at the top: early stopping's
     * restored epoch, a learning-rate drop. XChart's own line annotation has one style per chart; this one carries
     * its own colour and stroke.
     */
    static final class VerticalMarker extends Annotation {
        private final double x;
        private final String label;
        private final Color color;
        private final BasicStroke stroke;
        private final int labelRow;
        private final boolean atBottom;

        /**
         * @param x        where, in data coordinates
         * @param label    text at the top of the line
         * @param color    line and text colour
         * @param stroke   line stroke
         * @param labelRow 0 for the first text row from the plot's edge, 1 for the second (to avoid overlaps)
         * @param atBottom label at the bottom of the plot instead of the top (where the curves are not)
         */
        VerticalMarker(double x, String label, Color color, BasicStroke stroke, int labelRow, boolean atBottom) {
            super(false);
            this.x = x;
            this.label = label;
            this.color = color;
            this.stroke = stroke;
            this.labelRow = labelRow;
            this.atBottom = atBottom;
        }

        @Override
        public void paint(Graphics2D g) {
            if (!isVisible) {
                return;
            }
            int sx = getXAxisScreenValue(x);
            int top = getYAxisScreenValueForMin();
            int bottom = getYAxisScreenValueForMax();
            if (sx < getXAxisScreenValueForMin() || sx > getXAxisScreenValueForMax()) {
                return;
            }
            Graphics2D g2 = (Graphics2D) g.create();
            try {
                g2.setColor(color);
                g2.setStroke(stroke);
                g2.drawLine(sx, top, sx, bottom);
                g2.setFont(FigureStyle.font(Font.PLAIN, 11));
                FontMetrics fm = g2.getFontMetrics();
                int textWidth = fm.stringWidth(label);
                int right = getXAxisScreenValueForMax();
                // label to the right of the line unless that runs out of the plot
                int tx = sx + 4 + textWidth <= right ? sx + 4 : sx - 4 - textWidth;
                int ty = atBottom ? bottom - fm.getDescent() - 3 - labelRow * (fm.getHeight() + 1)
                        : top + fm.getAscent() + 3 + labelRow * (fm.getHeight() + 1);
                g2.setColor(new Color(255, 255, 255, 210));
                g2.fillRect(tx - 2, ty - fm.getAscent(), textWidth + 4, fm.getHeight());
                g2.setColor(color);
                g2.drawString(label, tx, ty);
                bounds = new Rectangle2D.Double(Math.min(tx, sx), top, textWidth + 6, bottom - top);
            } finally {
                g2.dispose();
            }
        }
    }
}
