package org.lenetlab.kernel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;

/** XChart charts as PNG (default) or SVG. */
final class ChartRenderers {
    private ChartRenderers() {
    }

    static void register(Renderer r) {
        r.createRegistration(Chart.class).preferring(Renderers.PNG).supporting(Renderers.PNG, Renderers.SVG)
                .register((chart, context) -> {
                    context.renderIfRequested(MIMEType.IMAGE_PNG, () -> png(chart));
                    context.renderIfRequested(MIMEType.IMAGE_SVG, () -> svg(chart));
                    context.getOutputContainer().putText(chartText(chart));
                });
    }

    private static String png(Chart<?, ?> chart) {
        try {
            return Base64.getEncoder().encodeToString(BitmapEncoder.getBitmapBytes(chart,
                    BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String svg(Chart<?, ?> chart) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String chartText(Chart<?, ?> chart) {
        String title = chart.getTitle();
        return String.format("%s (%d×%d)", title == null || title.isEmpty() ? chart.getClass().getSimpleName()
                : chart.getClass().getSimpleName() + " \"" + title + "\"", chart.getWidth(), chart.getHeight());
    }
}
