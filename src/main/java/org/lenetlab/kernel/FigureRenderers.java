package org.lenetlab.kernel;

import java.util.Base64;

import org.lenetlab.plot.Figure;

import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;

/** The course's figures ({@link Figure}) at their default size, as PNG or, on request, SVG. */
final class FigureRenderers {
    private FigureRenderers() {
    }

    static void register(Renderer r) {
        r.createRegistration(Figure.class).preferring(Renderers.PNG).supporting(Renderers.PNG, Renderers.SVG)
                .register((figure, context) -> {
                    int width = context.getParameterAsInt("width", figure.defaultWidth());
                    int height = context.getParameterAsInt("height", figure.defaultHeight());
                    context.renderIfRequested(MIMEType.IMAGE_PNG,
                            () -> Base64.getEncoder().encodeToString(figure.toPngBytes(width, height)));
                    context.renderIfRequested(MIMEType.IMAGE_SVG, () -> figure.toSvgString(width, height));
                    context.getOutputContainer().putText(figure.toString());
                });
    }
}
