package org.lenetlab.kernel;

import org.lenetlab.backend.EnvironmentReport;
import org.lenetlab.eval.ClassificationEvaluation;
import org.lenetlab.eval.ClassificationReport;
import org.lenetlab.eval.ConfusionMatrix;
import org.lenetlab.train.History;

import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;

/** The course's evaluation reports, training history and environment report as HTML with their text forms. */
final class ReportRenderers {
    private ReportRenderers() {
    }

    static void register(Renderer r) {
        r.createRegistration(ClassificationEvaluation.class).preferring(Renderers.HTML).supporting(Renderers.HTML)
                .register((e, context) -> {
                    context.renderIfRequested(MIMEType.TEXT_HTML, e::toHtml);
                    context.getOutputContainer().putText(e.toString());
                });
        r.createRegistration(ClassificationReport.class).preferring(Renderers.HTML).supporting(Renderers.HTML)
                .register((report, context) -> {
                    context.renderIfRequested(MIMEType.TEXT_HTML, report::toHtml);
                    context.getOutputContainer().putText(report.toString());
                });
        r.createRegistration(ConfusionMatrix.class).preferring(Renderers.HTML).supporting(Renderers.HTML)
                .register((matrix, context) -> {
                    context.renderIfRequested(MIMEType.TEXT_HTML, matrix::toHtml);
                    context.getOutputContainer().putText(matrix.toString());
                });
        r.createRegistration(History.class).preferring(Renderers.HTML).supporting(Renderers.HTML)
                .register((history, context) -> {
                    context.renderIfRequested(MIMEType.TEXT_HTML, () -> TableRenderers.html(history.toTable()));
                    context.getOutputContainer().putText(history.toString());
                });
        r.createRegistration(EnvironmentReport.class).preferring(Renderers.HTML).supporting(Renderers.HTML)
                .register((report, context) -> {
                    context.renderIfRequested(MIMEType.TEXT_HTML, report::toHtml);
                    context.getOutputContainer().putText(report.toString());
                });
    }
}
