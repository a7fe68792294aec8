package org.lenetlab.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.AffineTransform;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.lenetlab.eval.ClassificationEvaluation;
import org.lenetlab.eval.ConfusionMatrix;

/**
 * The confusion matrix as a heat map: rows are true classes, columns predicted classes, each cell shows its count
 * and (when there is room) its share of the true class, and is shaded by that share, blue on the diagonal (correct)
 * and red off it (confusions). To the right of each row stand the class's number of examples and its recall.
 *
 * <p>The shade grows with the square root of the share, so that a 1 % confusion is visible next to a 99 %
 * diagonal; two colour bars explain the scale. The layout adapts to the number of classes: counts and percentages
 * in every cell for 10 classes, counts only and rotated column labels for 51, no cell text once cells get too
 * small to hold it (the colour and the row columns still tell the story).
 *
 * <p>Drawn with Java2D rather than XChart: XChart's heat map labels and colours a cell by one and the same value,
 * while a confusion matrix needs the colour of the share and the text of the count.
 */
public final class ConfusionMatrixChart extends Figure {
    private static final Color DIAGONAL = new Color(8, 48, 107);
    private static final Color OFF_DIAGONAL = new Color(165, 15, 21);
    private static final double[] BAR_TICKS = {0, 0.01, 0.05, 0.10, 0.25, 0.50, 1.0};
    private static final int MAX_LABEL_WIDTH = 170;
    private static final int PAD = 16;
    private static final int BAR_GAP = 72;

    private final ConfusionMatrix matrix;
    private final String subtitle;

    private ConfusionMatrixChart(ConfusionMatrix matrix, String title, String subtitle) {
        super(title, defaultWidth(matrix.numClasses()), defaultHeight(matrix.numClasses()));
        this.matrix = matrix;
        this.subtitle = subtitle;
    }

    private static int defaultWidth(int n) {
        return Math.min(MAX_SIZE, n <= 12 ? 940 : 520 + 26 * n);
    }

    private static int defaultHeight(int n) {
        return Math.min(MAX_SIZE, n <= 12 ? 740 : 330 + 26 * n);
    }

    /**
     * @param matrix a confusion matrix
     * @return its heat map, titled "Confusion matrix"
     */
    public static ConfusionMatrixChart of(ConfusionMatrix matrix) {
        return of(matrix, "Confusion matrix");
    }

    /**
     * @param matrix a confusion matrix
     * @param title  the figure's title
     * @return its heat map
     */
    public static ConfusionMatrixChart of(ConfusionMatrix matrix, String title) {
        Objects.requireNonNull(matrix, "matrix");
        return new ConfusionMatrixChart(matrix, Objects.requireNonNull(title, "title"), String.format(Locale.ROOT,
                "%s examples, accuracy %s · rows: true class, columns: predicted class", Charts.count(matrix.total()),
                Charts.percent(matrix.accuracy())));
    }

    /**
     * @param evaluation an evaluation
     * @return the heat map of its confusion matrix, titled with what was evaluated
     */
    public static ConfusionMatrixChart of(ClassificationEvaluation evaluation) {
        Objects.requireNonNull(evaluation, "evaluation");
        String title = evaluation.description().isEmpty() ? "Confusion matrix"
                : "Confusion matrix: " + evaluation.description();
        return of(evaluation.confusionMatrix(), title);
    }

    /** @return the matrix drawn */
    public ConfusionMatrix matrix() {
        return matrix;
    }

    /**
     * The colour of a cell: white for an empty cell, then darker with the cell's share of its true class (blue
     * on the diagonal, red off it). Within a row the colour darkens strictly with the count.
     *
     * @param actual    true class (row)
     * @param predicted predicted class (column)
     * @return the cell's fill colour
     */
    public Color cellColor(int actual, int predicted) {
        return shade(actual == predicted ? DIAGONAL : OFF_DIAGONAL, intensity(share(actual, predicted)));
    }

    private double share(int actual, int predicted) {
        int support = matrix.support(actual);
        return support == 0 ? 0 : (double) matrix.count(actual, predicted) / support;
    }

    /** Perceived intensity of a share: square root, so that small confusions stay visible. */
    private static double intensity(double share) {
        return Math.sqrt(Math.max(0, Math.min(1, share)));
    }

    private static Color shade(Color full, double t) {
        return new Color(mix(255, full.getRed(), t), mix(255, full.getGreen(), t), mix(255, full.getBlue(), t));
    }

    private static int mix(int from, int to, double t) {
        return (int) Math.round(from + (to - from) * t);
    }

    /** Where everything goes at a given size. */
    static final class Layout {
        int n;
        float labelFont;
        int gridX;
        int gridY;
        double cell;
        int rowLabelWidth;
        int columnLabelHeight;
        boolean rotateColumns;
        int sideX;
        int sideColumnWidth;
        int barsX;

        /** @return the pixel rectangle of a cell */
        Rectangle cell(int actual, int predicted) {
            int x0 = (int) Math.round(gridX + predicted * cell);
            int x1 = (int) Math.round(gridX + (predicted + 1) * cell);
            int y0 = (int) Math.round(gridY + actual * cell);
            int y1 = (int) Math.round(gridY + (actual + 1) * cell);
            return new Rectangle(x0, y0, x1 - x0, y1 - y0);
        }
    }

    /**
     * @param g      graphics whose font metrics to use
     * @param width  figure width
     * @param height figure height
     * @return the layout of this matrix at that size
     */
    Layout layout(Graphics2D g, int width, int height) {
        Layout l = new Layout();
        l.n = matrix.numClasses();
        int top = PAD + 30 + 20 + 8;
        int bottomTitle = 26;
        int leftTitle = 24;
        g.setFont(FigureStyle.font(Font.PLAIN, 12));
        int sideText = g.getFontMetrics().stringWidth(Charts.count(maxSupport())) + 8;
        l.sideColumnWidth = Math.max(sideText, g.getFontMetrics().stringWidth("100.0 %") + 8);
        int barsWidth = 175;
        l.labelFont = 12;
        for (int attempt = 0; attempt < 2; attempt++) {
            g.setFont(FigureStyle.font(Font.PLAIN, l.labelFont));
            FontMetrics fm = g.getFontMetrics();
            int widest = 0;
            for (String name : matrix.classNames()) {
                widest = Math.max(widest, Math.min(MAX_LABEL_WIDTH, fm.stringWidth(name)));
            }
            l.rowLabelWidth = widest + 8;
            int availableW = width - 2 * PAD - leftTitle - l.rowLabelWidth - 2 * l.sideColumnWidth - 12 - barsWidth;
            // First assume horizontal column labels, then check whether they fit the cells.
            int availableH = height - top - PAD - bottomTitle - fm.getHeight() - 6;
            double cell = Math.min(availableW, availableH) / (double) l.n;
            l.rotateColumns = widest + 4 > cell;
            l.columnLabelHeight = l.rotateColumns ? widest + 6 : fm.getHeight() + 6;
            availableH = height - top - PAD - bottomTitle - l.columnLabelHeight;
            l.cell = Math.max(1, Math.min(availableW, availableH) / (double) l.n);
            float wanted = (float) Math.max(7, Math.min(12, l.cell * 0.72));
            if (wanted >= l.labelFont || attempt == 1) {
                break;
            }
            l.labelFont = wanted;
        }
        int side = (int) Math.round(l.cell * l.n);
        int blockWidth = leftTitle + l.rowLabelWidth + side + 2 * l.sideColumnWidth + 12 + barsWidth;
        int left = Math.max(PAD, (width - blockWidth) / 2);
        l.gridX = left + leftTitle + l.rowLabelWidth;
        l.gridY = top;
        l.sideX = l.gridX + side + 6;
        l.barsX = l.sideX + 2 * l.sideColumnWidth + 18;
        return l;
    }

    private int maxSupport() {
        int max = 0;
        for (int t : matrix.actualTotals()) {
            max = Math.max(max, t);
        }
        return max;
    }

    @Override
    public void paint(Graphics2D g, int width, int height) {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        Layout l = layout(g, width, height);
        g.setColor(FigureStyle.INK);
        g.setFont(FigureStyle.font(Font.BOLD, 17));
        Charts.drawCentered(g, Charts.fit(g, title(), width - 2 * PAD), width / 2.0, PAD + 20);
        g.setFont(FigureStyle.font(Font.PLAIN, 12));
        g.setColor(FigureStyle.MUTED);
        Charts.drawCentered(g, Charts.fit(g, subtitle, width - 2 * PAD), width / 2.0, PAD + 42);

        paintCells(g, l);
        paintLabels(g, l);
        paintSideColumns(g, l);
        paintColourBars(g, l);
    }

    private void paintCells(Graphics2D g, Layout l) {
        int n = l.n;
        boolean twoLines = l.cell >= 46;
        for (int t = 0; t < n; t++) {
            for (int p = 0; p < n; p++) {
                Rectangle r = l.cell(t, p);
                Color fill = cellColor(t, p);
                g.setColor(fill);
                g.fillRect(r.x, r.y, r.width, r.height);
                int count = matrix.count(t, p);
                if (l.cell < 15 || (count == 0 && !twoLines)) {
                    continue;
                }
                double inten = intensity(share(t, p));
                g.setColor(inten > 0.62 ? Color.WHITE : FigureStyle.INK);
                String text = Charts.count(count);
                float size = (float) Math.min(16, Math.max(7, l.cell * (twoLines ? 0.26 : 0.42)));
                g.setFont(FigureStyle.font(t == p ? Font.BOLD : Font.PLAIN, size));
                while (g.getFontMetrics().stringWidth(text) > r.width - 3 && size > 6) {
                    size -= 0.5f;
                    g.setFont(g.getFont().deriveFont(size));
                }
                FontMetrics fm = g.getFontMetrics();
                double cx = r.getCenterX();
                if (twoLines) {
                    Charts.drawCentered(g, text, cx, r.getCenterY() - 2);
                    g.setFont(FigureStyle.font(Font.PLAIN, size * 0.78f));
                    Charts.drawCentered(g, Charts.percent(share(t, p)), cx,
                            r.getCenterY() + g.getFontMetrics().getAscent() + 1);
                } else {
                    Charts.drawCentered(g, text, cx, r.getCenterY() + fm.getAscent() / 2.0 - 1);
                }
            }
        }
        g.setColor(new Color(190, 190, 190));
        g.setStroke(new BasicStroke(1f));
        int side = (int) Math.round(l.cell * n);
        g.drawRect(l.gridX, l.gridY, side, side);
        if (l.cell >= 10) {
            g.setColor(new Color(235, 235, 235));
            for (int i = 1; i < n; i++) {
                int x = (int) Math.round(l.gridX + i * l.cell);
                int y = (int) Math.round(l.gridY + i * l.cell);
                g.drawLine(x, l.gridY + 1, x, l.gridY + side - 1);
                g.drawLine(l.gridX + 1, y, l.gridX + side - 1, y);
            }
        }
    }

    private void paintLabels(Graphics2D g, Layout l) {
        List<String> names = matrix.classNames();
        int side = (int) Math.round(l.cell * l.n);
        g.setFont(FigureStyle.font(Font.PLAIN, l.labelFont));
        g.setColor(FigureStyle.INK);
        FontMetrics fm = g.getFontMetrics();
        for (int t = 0; t < l.n; t++) {
            String name = Charts.fit(g, names.get(t), MAX_LABEL_WIDTH);
            Rectangle r = l.cell(t, 0);
            g.drawString(name, l.gridX - 6 - fm.stringWidth(name), (float) (r.getCenterY() + fm.getAscent() / 2.0 - 1));
        }
        for (int p = 0; p < l.n; p++) {
            String name = Charts.fit(g, names.get(p), MAX_LABEL_WIDTH);
            Rectangle r = l.cell(0, p);
            int below = l.gridY + side + 5;
            if (l.rotateColumns) {
                AffineTransform saved = g.getTransform();
                g.translate(r.getCenterX() + fm.getAscent() / 2.0 - 1, below + fm.stringWidth(name));
                g.rotate(-Math.PI / 2);
                g.drawString(name, 0, 0);
                g.setTransform(saved);
            } else {
                Charts.drawCentered(g, name, r.getCenterX(), below + fm.getAscent());
            }
        }
        g.setFont(FigureStyle.font(Font.BOLD, 13));
        fm = g.getFontMetrics();
        Charts.drawCentered(g, "predicted class", l.gridX + side / 2.0, l.gridY + side + l.columnLabelHeight + 20);
        AffineTransform saved = g.getTransform();
        g.translate(l.gridX - l.rowLabelWidth - 8, l.gridY + side / 2.0);
        g.rotate(-Math.PI / 2);
        Charts.drawCentered(g, "true class", 0, 0);
        g.setTransform(saved);
    }

    private void paintSideColumns(Graphics2D g, Layout l) {
        int[] support = matrix.actualTotals();
        g.setFont(FigureStyle.font(Font.BOLD, 12));
        g.setColor(FigureStyle.INK);
        FontMetrics fm = g.getFontMetrics();
        int supportRight = l.sideX + l.sideColumnWidth;
        int recallRight = l.sideX + 2 * l.sideColumnWidth + 6;
        g.drawString("n", supportRight - fm.stringWidth("n"), l.gridY - 6);
        g.drawString("recall", recallRight - fm.stringWidth("recall"), l.gridY - 6);
        float size = (float) Math.max(7, Math.min(12, l.cell * 0.72));
        g.setFont(FigureStyle.font(Font.PLAIN, size));
        fm = g.getFontMetrics();
        for (int t = 0; t < l.n; t++) {
            Rectangle r = l.cell(t, 0);
            float y = (float) (r.getCenterY() + fm.getAscent() / 2.0 - 1);
            String n = Charts.count(support[t]);
            String recall = support[t] == 0 ? "–" : Charts.percent(share(t, t));
            g.setColor(FigureStyle.MUTED);
            g.drawString(n, supportRight - fm.stringWidth(n), y);
            g.setColor(support[t] == 0 ? FigureStyle.MUTED : DIAGONAL);
            g.drawString(recall, recallRight - fm.stringWidth(recall), y);
        }
    }

    private void paintColourBars(Graphics2D g, Layout l) {
        int side = (int) Math.round(l.cell * l.n);
        int barHeight = Math.max(120, Math.min(320, side));
        int barWidth = 16;
        int y0 = l.gridY + 18;
        g.setFont(FigureStyle.font(Font.BOLD, 11));
        g.setColor(FigureStyle.INK);
        Charts.drawCentered(g, "correct", l.barsX + barWidth / 2.0, l.gridY + 8);
        Charts.drawCentered(g, "confused", l.barsX + BAR_GAP + barWidth / 2.0, l.gridY + 8);
        paintBar(g, DIAGONAL, l.barsX, y0, barWidth, barHeight);
        paintBar(g, OFF_DIAGONAL, l.barsX + BAR_GAP, y0, barWidth, barHeight);
        g.setFont(FigureStyle.font(Font.PLAIN, 10));
        FontMetrics fm = g.getFontMetrics();
        for (double tick : BAR_TICKS) {
            int y = (int) Math.round(y0 + barHeight * (1 - intensity(tick)));
            String text = Math.round(tick * 100) + " %";
            g.setColor(FigureStyle.MUTED);
            g.drawLine(l.barsX + barWidth, y, l.barsX + barWidth + 3, y);
            g.drawLine(l.barsX + BAR_GAP + barWidth, y, l.barsX + BAR_GAP + barWidth + 3, y);
            g.drawString(text, l.barsX + barWidth + 5, y + fm.getAscent() / 2 - 1);
            g.drawString(text, l.barsX + BAR_GAP + barWidth + 5, y + fm.getAscent() / 2 - 1);
        }
        g.setColor(FigureStyle.MUTED);
        g.setFont(FigureStyle.font(Font.PLAIN, 10));
        String[] note = {"share of the", "true class"};
        for (int i = 0; i < note.length; i++) {
            g.drawString(note[i], l.barsX - 6, y0 + barHeight + 16 + i * 13);
        }
    }

    private static void paintBar(Graphics2D g, Color full, int x, int y, int w, int h) {
        for (int i = 0; i < h; i++) {
            double t = 1 - (double) i / (h - 1);
            g.setColor(shade(full, t));
            g.fillRect(x, y + i, w, 1);
        }
        g.setColor(new Color(190, 190, 190));
        g.drawRect(x, y, w, h);
    }
}
