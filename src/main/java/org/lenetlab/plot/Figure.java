package org.lenetlab.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

import javax.imageio.ImageIO;

import org.lenetlab.io.AtomicFiles;

import de.erichseifert.vectorgraphics2d.Document;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;

/**
 * A figure that renders itself at any size: to a {@link BufferedImage} for notebooks, to PNG and to SVG files.
 *
 * <p>Subclasses only paint ({@link #paint(Graphics2D, int, int)}); the same painting code produces the bitmap
 * and the vector file (SVG goes through VectorGraphics2D, the library XChart's own {@code VectorGraphicsEncoder}
 * uses, so XChart charts and Java2D drawings export alike). Files are written atomically: a reader sees the old
 * file or the complete new one, never half a PNG.
 */
public abstract class Figure {
    /** Smallest width or height accepted, in pixels. */
    public static final int MIN_SIZE = 64;
    /** Largest width or height accepted, in pixels (a 8192×8192 RGB image already takes 256 MiB). */
    public static final int MAX_SIZE = 8192;

    private final String title;
    private final int defaultWidth;
    private final int defaultHeight;

    /**
     * @param title         what the figure shows, also its heading
     * @param defaultWidth  width used when none is given, in pixels
     * @param defaultHeight height used when none is given, in pixels
     */
    protected Figure(String title, int defaultWidth, int defaultHeight) {
        this.title = Objects.requireNonNull(title, "title");
        checkSize(defaultWidth, defaultHeight);
        this.defaultWidth = defaultWidth;
        this.defaultHeight = defaultHeight;
    }

    /** @return what the figure shows */
    public String title() {
        return title;
    }

    /** @return the width used when none is given, in pixels */
    public int defaultWidth() {
        return defaultWidth;
    }

    /** @return the height used when none is given, in pixels */
    public int defaultHeight() {
        return defaultHeight;
    }

    /**
     * Paints the whole figure, background included, into the rectangle {@code (0, 0, width, height)}.
     *
     * @param g      where to paint (a bitmap's or a vector document's graphics)
     * @param width  width in pixels
     * @param height height in pixels
     */
    public abstract void paint(Graphics2D g, int width, int height);

    /** @return the figure at its default size */
    public BufferedImage toBufferedImage() {
        return toBufferedImage(defaultWidth, defaultHeight);
    }

    /**
     * @param width  width in pixels, {@value #MIN_SIZE} to {@value #MAX_SIZE}
     * @param height height in pixels, {@value #MIN_SIZE} to {@value #MAX_SIZE}
     * @return the figure as an RGB image
     * @throws IllegalArgumentException if the size is out of range
     */
    public BufferedImage toBufferedImage(int width, int height) {
        checkSize(width, height);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            paint(g, width, height);
        } finally {
            g.dispose();
        }
        return image;
    }

    /**
     * Writes the figure as a PNG file at its default size.
     *
     * @param file the file to create or replace, e.g. {@code reports/history.png}
     * @return {@code file}
     * @throws IOException if the file cannot be written (an existing file is then unchanged)
     */
    public Path toPng(Path file) throws IOException {
        return toPng(file, defaultWidth, defaultHeight);
    }

    /**
     * Writes the figure as a PNG file.
     *
     * @param file   the file to create or replace
     * @param width  width in pixels
     * @param height height in pixels
     * @return {@code file}
     * @throws IOException              if the file cannot be written (an existing file is then unchanged)
     * @throws IllegalArgumentException if the size is out of range
     */
    public Path toPng(Path file, int width, int height) throws IOException {
        checkTarget(file);
        BufferedImage image = toBufferedImage(width, height);
        return AtomicFiles.write(file, out -> writePng(image, out));
    }

    /**
     * @param width  width in pixels
     * @param height height in pixels
     * @return the figure as PNG bytes (e.g. for a notebook's display)
     */
    public byte[] toPngBytes(int width, int height) {
        BufferedImage image = toBufferedImage(width, height);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            writePng(image, bytes);
        } catch (IOException e) {
            throw new IllegalStateException("PNG encoding into memory failed: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    private static void writePng(BufferedImage image, OutputStream out) throws IOException {
        if (!ImageIO.write(image, "png", out)) {
            throw new IOException("this JVM has no PNG encoder (javax.imageio)");
        }
    }

    /**
     * Writes the figure as an SVG file at its default size.
     *
     * @param file the file to create or replace, e.g. {@code reports/history.svg}
     * @return {@code file}
     * @throws IOException if the file cannot be written (an existing file is then unchanged)
     */
    public Path toSvg(Path file) throws IOException {
        return toSvg(file, defaultWidth, defaultHeight);
    }

    /**
     * Writes the figure as an SVG file whose size is {@code width × height} pixels.
     *
     * @param file   the file to create or replace
     * @param width  width in pixels
     * @param height height in pixels
     * @return {@code file}
     * @throws IOException              if the file cannot be written (an existing file is then unchanged)
     * @throws IllegalArgumentException if the size is out of range
     */
    public Path toSvg(Path file, int width, int height) throws IOException {
        checkTarget(file);
        Document document = svgDocument(width, height);
        return AtomicFiles.write(file, document::writeTo);
    }

    /**
     * @param width  width in pixels
     * @param height height in pixels
     * @return the figure as an SVG document (UTF-8 text)
     */
    public String toSvgString(int width, int height) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            svgDocument(width, height).writeTo(bytes);
        } catch (IOException e) {
            throw new IllegalStateException("SVG encoding into memory failed: " + e.getMessage(), e);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private Document svgDocument(int width, int height) {
        checkSize(width, height);
        VectorGraphics2D g = new VectorGraphics2D();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        paint(g, width, height);
        g.dispose();
        return new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, width, height));
    }

    private static void checkTarget(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        if (Files.isDirectory(file)) {
            throw new IOException(file + " is a directory: pass a file name such as " + file.resolve("figure.png"));
        }
    }

    static void checkSize(int width, int height) {
        if (width < MIN_SIZE || height < MIN_SIZE || width > MAX_SIZE || height > MAX_SIZE) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "figure size %d×%d pixels is out of range: width and height must be between %d and %d",
                    width, height, MIN_SIZE, MAX_SIZE));
        }
    }

    /** @return e.g. {@code HistoryChart "Training history" (1200×480)} */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s \"%s\" (%d×%d)", getClass().getSimpleName(), title, defaultWidth,
                defaultHeight);
    }
}
