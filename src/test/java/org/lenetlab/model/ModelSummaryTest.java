package org.lenetlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lenetlab.backend.Backend;

/** The Keras-style summary: rows, totals, alignment, HTML. */
class ModelSummaryTest {

    @BeforeAll
    static void backend() {
        Backend.configure();
    }

    @Test
    void lenet5RowsAndTotals() {
        ModelSummary s = LeNet5.builder().partialC3(true).build().summary();
        assertEquals(List.of("pad", "C1", "S2", "C3", "S4", "C5", "flatten", "F6", "output"),
                s.rows().stream().map(ModelSummary.Row::name).toList());
        assertEquals(List.of("ZeroPadding2D", "Conv2D", "AvgPool2D", "PartialConv2D", "AvgPool2D", "Conv2D", "Flatten",
                "Dense", "Output"), s.rows().stream().map(ModelSummary.Row::type).toList());
        assertEquals(List.of("(1, 32, 32)", "(6, 28, 28)", "(6, 14, 14)", "(16, 10, 10)", "(16, 5, 5)",
                "(120, 1, 1)", "(120)", "(84)", "(10)"), s.rows().stream().map(ModelSummary.Row::outputShape).toList());
        assertEquals(60_806, s.totalParams());
        assertEquals(60_806, s.trainableParams());
        assertEquals(0, s.nonTrainableParams());
    }

    @Test
    void textLinesUpInATerminal() {
        String text = LeNet5.builder().build().summary().toText();
        List<String> lines = text.lines().toList();
        assertEquals("Model: classic", lines.get(0));
        assertEquals("Input: (1, 28, 28)", lines.get(1));
        int first = lines.indexOf(lines.stream().filter(l -> l.startsWith("=")).findFirst().orElseThrow());
        int last = lines.lastIndexOf(lines.get(first));
        int width = lines.get(first).length();
        int shapeColumn = lines.get(first - 1).indexOf("Output shape");
        for (String row : lines.subList(first + 1, last)) {
            assertEquals(width, row.length(), "every row as wide as the rule: '" + row + "'");
            assertTrue(row.charAt(shapeColumn) == '(' && row.charAt(shapeColumn - 1) == ' ', row);
            assertTrue(Character.isDigit(row.charAt(width - 1)), "numbers right-aligned: " + row);
        }
        assertTrue(text.contains("\n C5 (Conv2D)           (120, 1, 1)     48,120\n"), text);
        assertTrue(text.contains("\nTotal params: 61,706\nTrainable params: 61,706\nNon-trainable params: 0\n"), text);
    }

    @Test
    void batchNormStatisticsAndFrozenLayersAreNotTrainable() {
        ModelSummary bn = ModernLeNet.builder().batchNorm(true).build().summary();
        ModelSummary.Row bn1 = bn.rows().stream().filter(r -> r.name().equals("bn1")).findFirst().orElseThrow();
        assertEquals(4 * 32, bn1.params());
        assertEquals(2 * 32, bn1.trainableParams());
        assertEquals(2 * 32 + 2 * 64, bn.nonTrainableParams());
        assertEquals(bn.totalParams() - bn.nonTrainableParams(), bn.trainableParams());

        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .list()
                .layer(new FrozenLayer(new ConvolutionLayer.Builder(3, 3).name("frozen").nOut(4).build()))
                .layer(new DenseLayer.Builder().name("d").nOut(5).build())
                .layer(new OutputLayer.Builder().name("out").nOut(2).build())
                .setInputType(InputType.convolutional(6, 6, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        ModelSummary frozen = ModelSummary.of(net, new InputShape(6, 6, 1));
        assertEquals(40, frozen.nonTrainableParams());
        assertEquals(4 * 4 * 4 * 5 + 5 + 12, frozen.trainableParams());
        assertEquals("Conv2D", frozen.rows().get(0).type());
    }

    @Test
    void calculatorAndDl4jSummariesAgree() {
        BuiltModel model = ModernLeNet.nineLayer().batchNorm(true, false, false).dropout(0.2).build();
        assertEquals(model.summary().rows(), model.calculator().summary().rows());
    }

    @Test
    void htmlTableForNotebooks() {
        String html = KerasLeNet.builder().build().summary().toHtml();
        assertTrue(html.startsWith("<table class=\"lenetlab-summary\">"), html);
        assertTrue(html.contains("<caption>keras — input (1, 28, 28)</caption>"), html);
        assertTrue(html.contains("<tr><td>dense1</td><td>Dense</td><td>(500)</td>"
                + "<td style=\"text-align:right\">1,225,500</td></tr>"), html);
        assertTrue(html.contains(">Total params</th><td style=\"text-align:right\">1,256,080</td>"), html);
        String escaped = ShapeCalculator.forImage(1, 4, 4).dense("a<b&c", 2).summary().toHtml();
        assertTrue(escaped.contains("<td>a&lt;b&amp;c</td>"), escaped);
    }
}
