package org.lenetlab.kernel;

import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.function.Consumer;

import javax.imageio.ImageIO;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;

/**
 * The kernel's renderer (jupyter-jvm-basekernel's {@link Renderer}, as in IJava) with the course's types registered:
 * <ul>
 *   <li>{@link RenderedImage} (e.g. {@code BufferedImage}) → {@code image/png};</li>
 *   <li>XChart charts and the library's {@code org.lenetlab.plot.Figure}s → {@code image/png}, {@code image/svg+xml}
 *       on request ({@code display(chart, "image/svg+xml")});</li>
 *   <li>Tablesaw tables → HTML (long tables shortened to their head and tail);</li>
 *   <li>DL4J networks, {@code BuiltModel} and {@code ModelSummary} → the Keras-style model summary;</li>
 *   <li>{@code ClassificationEvaluation}, {@code ClassificationReport}, {@code ConfusionMatrix} → their reports;
 *       {@code History} → its table; {@code EnvironmentReport} → HTML.</li>
 * </ul>
 * Every rendering also has {@code text/plain}. Each group of types is registered only if its library is on the
 * kernel's class path, so the kernel also runs with the basekernel alone.
 */
public final class Renderers {
    private static final Logger LOG = LoggerFactory.getLogger(Renderers.class);

    /** {@code image/png}. */
    public static final String PNG = "image/png";
    /** {@code image/svg+xml}. */
    public static final String SVG = "image/svg+xml";
    /** {@code text/html}. */
    public static final String HTML = "text/html";
    /** {@code text/plain}. */
    public static final String TEXT = "text/plain";

    private static volatile Renderer standard;

    private Renderers() {
    }

    /**
     * The renderer the kernel uses, created on first use. Notebooks may register their own types on it, as with
     * IJava: {@code Renderers.standard().createRegistration(MyType.class).preferring("text/html").register(...)}.
     *
     * @return the shared renderer
     */
    public static Renderer standard() {
        Renderer r = standard;
        if (r == null) {
            synchronized (Renderers.class) {
                r = standard;
                if (r == null) {
                    r = create();
                    standard = r;
                }
            }
        }
        return r;
    }

    /** @return a new renderer with every available registration */
    static Renderer create() {
        Renderer r = new Renderer();
        r.createRegistration(RenderedImage.class).preferring(PNG).supporting(PNG)
                .register((image, context) -> context.renderIfRequested(MIMEType.IMAGE_PNG, () -> pngBase64(image)));
        registerGroup(r, "XChart", ChartRenderers::register);
        registerGroup(r, "Tablesaw", TableRenderers::register);
        registerGroup(r, "the course figures", FigureRenderers::register);
        registerGroup(r, "the course reports", ReportRenderers::register);
        registerGroup(r, "DL4J models", ModelRenderers::register);
        return r;
    }

    private static void registerGroup(Renderer r, String what, Consumer<Renderer> registration) {
        try {
            registration.accept(r);
        } catch (LinkageError e) {
            LOG.info("no renderers for {}: {} is not on the kernel's class path", what, e.getMessage());
        }
    }

    /**
     * @param image an image
     * @return its PNG encoding in base64, as Jupyter carries images
     */
    static String pngBase64(RenderedImage image) {
        return Base64.getEncoder().encodeToString(png(image));
    }

    static byte[] png(RenderedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", bytes)) {
                throw new IllegalArgumentException("no PNG writer for an image of type " + image.getClass().getName());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
