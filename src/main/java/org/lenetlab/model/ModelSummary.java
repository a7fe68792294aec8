package org.lenetlab.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;

import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A table of a network's layers like Keras' {@code model.summary()}: per layer its name, type, output shape and
 * parameter count, then total, trainable and non-trainable parameters.
 *
 * <p>Output shapes are per example and channels-first, like DL4J's NCHW arrays: {@code (6, 28, 28)} is 6 feature
 * maps of 28×28 (Keras, channels-last with the batch dimension, would print {@code (None, 28, 28, 6)}), and
 * {@code (84)} is a vector of 84 values. The flattening that DL4J inserts before the first dense layer is shown
 * as a {@code Flatten} row, as Keras shows its Flatten layer.
 *
 * <p>Non-trainable parameters are those that training tracks but gradient descent does not change: the running
 * mean and variance of batch normalisation (as in Keras) and all parameters of frozen layers.
 *
 * <p>{@link #toText()} lines up in a terminal; {@link #toHtml()} renders in a notebook.
 */
public final class ModelSummary {
    private final String title;
    private final String input;
    private final List<Row> rows;

    /**
     * One layer of the summary.
     *
     * @param name            layer name
     * @param type            layer kind, e.g. {@code Conv2D}
     * @param outputShape     shape of one example leaving the layer, e.g. {@code (6, 28, 28)}
     * @param params          all its parameters
     * @param trainableParams those that gradient descent changes
     */
    public record Row(String name, String type, String outputShape, long params, long trainableParams) {
        /** @return parameters tracked but not trained */
        public long nonTrainableParams() {
            return params - trainableParams;
        }
    }

    private ModelSummary(String title, String input, List<Row> rows) {
        this.title = title;
        this.input = input;
        this.rows = List.copyOf(rows);
    }

    /**
     * Summarises calculator layers (no DL4J involved).
     *
     * @param calculator the layers
     * @return the summary
     */
    public static ModelSummary of(ShapeCalculator calculator) {
        List<Row> rows = new ArrayList<>();
        for (LayerShape l : calculator.layers()) {
            rows.add(new Row(l.layer().name(), l.layer().kind(), l.output().toString(), l.params(),
                    l.trainableParams()));
        }
        return new ModelSummary(null, calculator.input().toString(), rows);
    }

    /**
     * Summarises a built model, titled with its architecture.
     *
     * @param model the model
     * @return the summary
     */
    public static ModelSummary of(BuiltModel model) {
        return of(model.network(), model.input()).withTitle(model.architecture());
    }

    /**
     * Summarises a DL4J network from DL4J's own shapes and parameter counts.
     *
     * @param network an initialised network
     * @param input   the image size it is fed (DL4J configurations do not keep it)
     * @return the summary
     */
    public static ModelSummary of(MultiLayerNetwork network, InputShape input) {
        MultiLayerConfiguration conf = network.getLayerWiseConfigurations();
        InputType type = InputType.convolutional(input.height(), input.width(), input.channels());
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < conf.getConfs().size(); i++) {
            InputPreProcessor pre = conf.getInputPreProcess(i);
            if (pre != null) {
                type = pre.getOutputType(type);
                String kind = pre instanceof CnnToFeedForwardPreProcessor ? "Flatten" : pre.getClass().getSimpleName();
                rows.add(new Row(Dl4jLayerSpecs.FLATTEN_NAME, kind, shape(type), 0, 0));
            }
            Layer layer = conf.getConf(i).getLayer();
            type = layer.getOutputType(i, type);
            org.deeplearning4j.nn.api.Layer impl = network.getLayer(i);
            rows.add(new Row(layer.getLayerName(), kind(layer), shape(type), impl.numParams(),
                    trainable(layer, impl)));
        }
        return new ModelSummary(null, input.toTensorShape().toString(), rows);
    }

    /**
     * @param newTitle a heading such as the architecture name
     * @return a copy with that heading
     */
    public ModelSummary withTitle(String newTitle) {
        return new ModelSummary(newTitle, input, rows);
    }

    /** @return the rows, one per layer */
    public List<Row> rows() {
        return rows;
    }

    /** @return all parameters */
    public long totalParams() {
        return rows.stream().mapToLong(Row::params).sum();
    }

    /** @return parameters that gradient descent changes */
    public long trainableParams() {
        return rows.stream().mapToLong(Row::trainableParams).sum();
    }

    /** @return parameters that are tracked but not trained */
    public long nonTrainableParams() {
        return totalParams() - trainableParams();
    }

    /** @return the summary as text whose columns line up in a monospaced terminal */
    public String toText() {
        String[] head = {"Layer (type)", "Output shape", "Param #"};
        int w0 = head[0].length();
        int w1 = head[1].length();
        int w2 = head[2].length();
        for (Row r : rows) {
            w0 = Math.max(w0, label(r).length());
            w1 = Math.max(w1, r.outputShape().length());
            w2 = Math.max(w2, number(r.params()).length());
        }
        String format = " %-" + w0 + "s   %-" + w1 + "s   %" + w2 + "s";
        int width = w0 + w1 + w2 + 7;
        StringBuilder sb = new StringBuilder();
        if (title != null) {
            sb.append("Model: ").append(title).append('\n');
        }
        sb.append("Input: ").append(input).append('\n');
        sb.append("_".repeat(width)).append('\n');
        sb.append(String.format(Locale.ROOT, format, head[0], head[1], head[2]).stripTrailing()).append('\n');
        sb.append("=".repeat(width)).append('\n');
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, format, label(r), r.outputShape(), number(r.params()))).append('\n');
        }
        sb.append("=".repeat(width)).append('\n');
        sb.append("Total params: ").append(number(totalParams())).append('\n');
        sb.append("Trainable params: ").append(number(trainableParams())).append('\n');
        sb.append("Non-trainable params: ").append(number(nonTrainableParams())).append('\n');
        sb.append("_".repeat(width)).append('\n');
        return sb.toString();
    }

    /** @return the summary as an HTML table for notebooks */
    public String toHtml() {
        StringBuilder sb = new StringBuilder("<table class=\"lenetlab-summary\">\n");
        sb.append("<caption>").append(escape(title == null ? "Model" : title)).append(" — input ")
                .append(escape(input)).append("</caption>\n");
        sb.append("<thead><tr><th>Layer</th><th>Type</th><th>Output shape</th>"
                + "<th style=\"text-align:right\">Param #</th></tr></thead>\n<tbody>\n");
        for (Row r : rows) {
            sb.append("<tr><td>").append(escape(r.name())).append("</td><td>").append(escape(r.type()))
                    .append("</td><td>").append(escape(r.outputShape()))
                    .append("</td><td style=\"text-align:right\">").append(number(r.params())).append("</td></tr>\n");
        }
        sb.append("</tbody>\n<tfoot>\n");
        footer(sb, "Total params", totalParams());
        footer(sb, "Trainable params", trainableParams());
        footer(sb, "Non-trainable params", nonTrainableParams());
        sb.append("</tfoot>\n</table>\n");
        return sb.toString();
    }

    /**
     * The layers as a Tablesaw table with columns {@code layer}, {@code type}, {@code output shape},
     * {@code params} and {@code trainable params}, named after the title.
     *
     * @return a new table, one row per layer (totals are {@link #totalParams()} and friends)
     */
    public Table toTable() {
        return Table.create(title == null ? "model summary" : "model summary: " + title,
                StringColumn.create("layer", rows.stream().map(Row::name)),
                StringColumn.create("type", rows.stream().map(Row::type)),
                StringColumn.create("output shape", rows.stream().map(Row::outputShape)),
                LongColumn.create("params", rows.stream().mapToLong(Row::params)),
                LongColumn.create("trainable params", rows.stream().mapToLong(Row::trainableParams)));
    }

    /** @return {@link #toText()} */
    @Override
    public String toString() {
        return toText();
    }

    private static void footer(StringBuilder sb, String label, long value) {
        sb.append("<tr><th colspan=\"3\" style=\"text-align:left\">").append(label)
                .append("</th><td style=\"text-align:right\">").append(number(value)).append("</td></tr>\n");
    }

    private static String label(Row r) {
        return r.name() + " (" + r.type() + ")";
    }

    private static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String escape(String s) {
        return Objects.toString(s, "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    private static String shape(InputType type) {
        try {
            return Dl4jLayerSpecs.shapeOf(type).toString();
        } catch (IllegalArgumentException e) {
            return type.toString();
        }
    }

    private static String kind(Layer layer) {
        try {
            return Dl4jLayerSpecs.layer(layer).kind();
        } catch (IllegalArgumentException e) {
            return layer.getClass().getSimpleName();
        }
    }

    private static long trainable(Layer layer, org.deeplearning4j.nn.api.Layer impl) {
        if (layer instanceof FrozenLayer || layer instanceof FrozenLayerWithBackprop) {
            return 0;
        }
        if (layer instanceof BatchNormalization) {
            long n = 0;
            for (Map.Entry<String, INDArray> e : impl.paramTable().entrySet()) {
                if (e.getKey().equals(BatchNormalizationParamInitializer.GAMMA)
                        || e.getKey().equals(BatchNormalizationParamInitializer.BETA)) {
                    n += e.getValue().length();
                }
            }
            return n;
        }
        return impl.numParams();
    }
}
