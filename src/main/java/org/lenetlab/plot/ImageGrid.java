package org.lenetlab.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Java2D layout shared by the image figures: a title, a subtitle, then a grid of square tiles, each an image
 * scaled to the tile (nearest neighbour, so pixels stay pixels) with up to two caption lines below it, and
 * optional row labels (left) and column labels (top).
 */
final class ImageGrid {
    /**
     * A caption line.
     *
     * @param text  the text
     * @param color its colour
     */
    record Caption(String text, Color color) {
    }

    /**
     * One tile.
     *
     * @param image    the picture
     * @param captions lines below it (0 to 2)
     */
    record Tile(BufferedImage image, List<Caption> captions) {
    }

    private static final int PAD = 14;

    private final String title;
    private final String subtitle;
    private final List<Tile> tiles;
    private final int columns;
    private final List<String> rowLabels;
    private final List<String> columnLabels;

    ImageGrid(String title, String subtitle, List<Tile> tiles, int columns, List<String> rowLabels,
              List<String> columnLabels) {
        this.title = title;
        this.subtitle = subtitle;
        this.tiles = List.copyOf(tiles);
        this.columns = columns;
        this.rowLabels = rowLabels == null ? List.of() : List.copyOf(rowLabels);
        this.columnLabels = columnLabels == null ? List.of() : List.copyOf(columnLabels);
    }

    int rows() {
        return (tiles.size() + columns - 1) / columns;
    }

    private int captionLines() {
        return tiles.stream().mapToInt(t -> t.captions().size()).max().orElse(0);
    }

    /** @return a default size giving each tile about {@code tile} pixels */
    int[] defaultSize(int tile) {
        int captionHeight = captionLines() * 15;
        int w = 2 * PAD + (rowLabels.isEmpty() ? 0 : 70) + columns * (tile + 8);
        int h = 2 * PAD + 56 + (columnLabels.isEmpty() ? 0 : 18) + rows() * (tile + captionHeight + 10);
        // Wide enough for the title (bold 16 px, ~10 px a character) and the subtitle (12 px, ~7 px a character).
        int text = Math.max(title.length() * 10, subtitle.length() * 7) + 2 * PAD;
        return new int[] {Math.min(Figure.MAX_SIZE, Math.max(Math.max(w, text), 480)),
            Math.min(Figure.MAX_SIZE, Math.max(h, Figure.MIN_SIZE))};
    }

    void paint(Graphics2D g, int width, int height) {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(FigureStyle.INK);
        g.setFont(FigureStyle.font(Font.BOLD, 16));
        Charts.drawCentered(g, Charts.fit(g, title, width - 2 * PAD), width / 2.0, PAD + 16);
        g.setFont(FigureStyle.font(Font.PLAIN, 12));
        g.setColor(FigureStyle.MUTED);
        Charts.drawCentered(g, Charts.fit(g, subtitle, width - 2 * PAD), width / 2.0, PAD + 36);
        int top = PAD + 50 + (columnLabels.isEmpty() ? 0 : 18);
        int left = PAD + (rowLabels.isEmpty() ? 0 : 70);
        int lines = captionLines();
        int rows = rows();
        // The caption font shrinks with the tile; solve for the tile size with a caption line of ~14 px first.
        double gap = 8;
        double tileW = (width - left - PAD - gap * (columns - 1)) / columns;
        double lineHeight = Math.max(10, Math.min(15, tileW * 0.2));
        double tileH = (height - top - PAD - rows * (lines * lineHeight + gap)) / rows;
        double tile = Math.max(4, Math.min(tileW, tileH));
        float captionSize = (float) Math.max(8, Math.min(12, tile * 0.16));
        double cellH = tile + lines * lineHeight + gap;
        double blockW = columns * tile + (columns - 1) * gap;
        double x0 = left + Math.max(0, (width - left - PAD - blockW) / 2);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        for (int i = 0; i < tiles.size(); i++) {
            int r = i / columns;
            int c = i % columns;
            double x = x0 + c * (tile + gap);
            double y = top + r * cellH;
            Tile t = tiles.get(i);
            BufferedImage img = t.image();
            double scale = Math.min(tile / img.getWidth(), tile / img.getHeight());
            int dw = (int) Math.round(img.getWidth() * scale);
            int dh = (int) Math.round(img.getHeight() * scale);
            int dx = (int) Math.round(x + (tile - dw) / 2);
            int dy = (int) Math.round(y + (tile - dh) / 2);
            g.drawImage(img, dx, dy, dw, dh, null);
            g.setColor(new Color(200, 200, 200));
            g.drawRect(dx, dy, dw, dh);
            g.setFont(FigureStyle.font(Font.PLAIN, captionSize));
            for (int k = 0; k < t.captions().size(); k++) {
                Caption cap = t.captions().get(k);
                g.setColor(cap.color());
                Charts.drawCentered(g, Charts.fit(g, cap.text(), tile + gap - 2), x + tile / 2,
                        y + tile + (k + 1) * lineHeight - 2);
            }
        }
        g.setFont(FigureStyle.font(Font.PLAIN, 11));
        g.setColor(FigureStyle.INK);
        FontMetrics fm = g.getFontMetrics();
        for (int r = 0; r < Math.min(rows, rowLabels.size()); r++) {
            String label = Charts.fit(g, rowLabels.get(r), left - PAD - 6);
            double cy = top + r * cellH + tile / 2;
            g.drawString(label, (float) (x0 - 6 - fm.stringWidth(label)), (float) (cy + fm.getAscent() / 2.0 - 1));
        }
        for (int c = 0; c < Math.min(columns, columnLabels.size()); c++) {
            String label = Charts.fit(g, columnLabels.get(c), tile + gap);
            Charts.drawCentered(g, label, x0 + c * (tile + gap) + tile / 2, top - 6);
        }
    }

    /**
     * Turns one channels-first image into a picture: gray for one channel, RGB for three (other channel counts
     * show their first channel). Values are mapped linearly from {@code [low, high]} to black..white.
     */
    static BufferedImage picture(float[] pixels, int channels, int height, int width, double low, double high) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        double range = high > low ? high - low : 1;
        int plane = height * width;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                int r;
                int gr;
                int b;
                if (channels == 3) {
                    r = level(pixels[i], low, range);
                    gr = level(pixels[plane + i], low, range);
                    b = level(pixels[2 * plane + i], low, range);
                } else {
                    r = level(pixels[i], low, range);
                    gr = r;
                    b = r;
                }
                img.setRGB(x, y, (r << 16) | (gr << 8) | b);
            }
        }
        return img;
    }

    private static int level(double v, double low, double range) {
        double t = (v - low) / range;
        return (int) Math.round(255 * Math.max(0, Math.min(1, t)));
    }
}
