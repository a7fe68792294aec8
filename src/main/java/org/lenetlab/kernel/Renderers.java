package org.lenetlab.kernel;

import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import javax.imageio.ImageIO;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
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
 * Every rendering also has {@code text/plain}. Each group of types is registered when an object of one of its types
 * is first rendered (so neither start-up nor the first cell loads DL4J's classes), and only if its library is on
 * the kernel's class path, so the kernel also runs with the basekernel alone.
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
        Renderer r = new LibraryRenderer();
        r.createRegistration(RenderedImage.class).preferring(PNG).supporting(PNG)
                .register((image, context) -> context.renderIfRequested(MIMEType.IMAGE_PNG, () -> pngBase64(image)));
        return r;
    }

    /**
     * Registers the library types' renderers when an object of such a type is first rendered: loading DL4J's,
     * XChart's and Tablesaw's classes up front would cost the first cell a second or more.
     */
    private static final class LibraryRenderer extends Renderer {
        private final Map<String, Group> groupsByType = new HashMap<>();
        private final Set<Group> registered = new HashSet<>();

        private record Group(String what, Consumer<Renderer> registration) {
        }

        LibraryRenderer() {
            add(new Group("XChart charts", ChartRenderers::register), "org.knowm.xchart.internal.chartpart.Chart");
            add(new Group("Tablesaw tables", TableRenderers::register), "tech.tablesaw.api.Table");
            add(new Group("the course's figures", FigureRenderers::register), "org.lenetlab.plot.Figure");
            add(new Group("the course's reports", ReportRenderers::register),
                    "org.lenetlab.eval.ClassificationEvaluation", "org.lenetlab.eval.ClassificationReport",
                    "org.lenetlab.eval.ConfusionMatrix", "org.lenetlab.train.History",
                    "org.lenetlab.backend.EnvironmentReport");
            add(new Group("models", ModelRenderers::register), "org.lenetlab.model.ModelSummary",
                    "org.lenetlab.model.BuiltModel", "org.deeplearning4j.nn.multilayer.MultiLayerNetwork",
                    "org.deeplearning4j.nn.graph.ComputationGraph");
        }

        private void add(Group group, String... typeNames) {
            for (String name : typeNames) {
                groupsByType.put(name, group);
            }
        }

        @Override
        public DisplayData render(Object value, Map<String, Object> params) {
            registerFor(value);
            return super.render(value, params);
        }

        @Override
        public DisplayData renderAs(Object value, Map<String, Object> params, String... types) {
            registerFor(value);
            return super.renderAs(value, params, types);
        }

        private synchronized void registerFor(Object value) {
            if (value == null || registered.size() == groupsByType.values().stream().distinct().count()) {
                return;
            }
            Deque<Class<?>> types = new ArrayDeque<>();
            types.add(value.getClass());
            Set<Class<?>> seen = new HashSet<>();
            while (!types.isEmpty()) {
                Class<?> type = types.poll();
                if (!seen.add(type)) {
                    continue;
                }
                Group group = groupsByType.get(type.getName());
                if (group != null && registered.add(group)) {
                    try {
                        group.registration().accept(this);
                    } catch (LinkageError e) {
                        LOG.info("no renderers for {}: {}", group.what(), e.toString());
                    }
                }
                if (type.getSuperclass() != null) {
                    types.add(type.getSuperclass());
                }
                types.addAll(List.of(type.getInterfaces()));
            }
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
