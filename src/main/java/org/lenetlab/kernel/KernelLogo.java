package org.lenetlab.kernel;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

/**
 * The kernel's logo, drawn as vectors so every size is sharp: LeNet's own picture in miniature — an input image,
 * a stack of convolution feature maps, a smaller pooled stack and the dense outputs — on a dark rounded square.
 * Jupyter shows {@code logo-32x32.png} and {@code logo-64x64.png} from the kernelspec in its launcher.
 */
public final class KernelLogo {
    private static final Color BACKGROUND = new Color(0x24, 0x3B, 0x55);
    private static final Color INPUT = new Color(0xF4, 0xF6, 0xF8);
    private static final Color CONV = new Color(0xF8, 0x98, 0x20);
    private static final Color POOL = new Color(0xFF, 0xC8, 0x70);
    private static final Color EDGE = new Color(0x12, 0x1E, 0x2C);

    private KernelLogo() {
    }

    /**
     * @param size width and height in pixels
     * @return the logo at that size, with transparent corners
     */
    public static BufferedImage draw(int size) {
        if (size < 8) {
            throw new IllegalArgumentException("logo size must be at least 8 pixels, got " + size);
        }
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.scale(size / 64.0, size / 64.0); // drawn on a 64-unit grid
            g.setColor(BACKGROUND);
            g.fill(new RoundRectangle2D.Double(0, 0, 64, 64, 14, 14));
            g.setStroke(new BasicStroke(1.2f));
            square(g, 4, 23, 20, INPUT);
            for (int i = 0; i < 3; i++) {
                square(g, 22 + 3 * i, 17 + 3 * i, 14, CONV);
            }
            for (int i = 0; i < 3; i++) {
                square(g, 43 + 2 * i, 24 + 2 * i, 8, POOL);
            }
            g.setColor(INPUT);
            for (int i = 0; i < 4; i++) {
                g.fill(new Ellipse2D.Double(57.5, 22 + 7 * i, 4.5, 4.5));
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /**
     * @param size width and height in pixels
     * @return the logo as PNG bytes
     */
    public static byte[] png(int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(draw(size), "png", out)) {
                throw new IllegalStateException("no PNG writer in this Java runtime");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void square(Graphics2D g, double x, double y, double side, Color fill) {
        Rectangle2D r = new Rectangle2D.Double(x, y, side, side);
        g.setColor(fill);
        g.fill(r);
        g.setColor(EDGE);
        g.draw(r);
    }
}
