package org.lenetlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lenetlab.backend.Backend;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * Regularisation presets produce exactly the configured DL4J layers on every architecture: dropout layers with
 * the right keep probability in the right places, batch norm layers, L2 on every weighted layer; {@code none()}
 * removes what a builder had; LeNet-5 refuses batch norm.
 */
class RegularizationTest {

    @BeforeAll
    static void backend() {
        Backend.configure();
    }

    private static List<String> names(MultiLayerConfiguration conf) {
        List<String> names = new ArrayList<>();
        for (NeuralNetConfiguration c : conf.getConfs()) {
            names.add(c.getLayer().getLayerName());
        }
        return names;
    }

    /** Drop rate (1 − DL4J's keep probability) of every dropout layer, in order. */
    private static List<Double> dropRates(MultiLayerConfiguration conf) {
        List<Double> rates = new ArrayList<>();
        for (NeuralNetConfiguration c : conf.getConfs()) {
            if (c.getLayer() instanceof DropoutLayer d) {
                rates.add(Math.round((1 - ((Dropout) d.getIDropout()).getP()) * 1e9) / 1e9);
            }
        }
        return rates;
    }

    private static long count(MultiLayerConfiguration conf, Class<? extends Layer> type) {
        return conf.getConfs().stream().filter(c -> type.isInstance(c.getLayer())).count();
    }

    /** L2 coefficient of every layer with weights, in order. */
    private static List<Double> l2(MultiLayerConfiguration conf) {
        List<Double> out = new ArrayList<>();
        for (NeuralNetConfiguration c : conf.getConfs()) {
            if (c.getLayer() instanceof BaseLayer b && !(b instanceof BatchNormalization)
                    && b.initializer().numParams(c) > 0) {
                double coefficient = 0;
                for (Regularization r : b.getRegularization()) {
                    if (r instanceof L2Regularization l2) {
                        coefficient = l2.getL2().valueAt(0, 0);
                    }
                }
                out.add(coefficient);
            }
        }
        return out;
    }

    @Test
    void modernLeNetGetsDropoutPerBlockBatchNormAndL2() {
        MultiLayerConfiguration conf = org.lenetlab.model.Regularization.dropout(0.25).withL2(1e-4)
                .withBatchNorm(true).applyTo(ModernLeNet.builder()).configuration();
        assertEquals(List.of("conv1", "bn1", "pool1", "drop1", "conv2", "bn2", "pool2", "drop2", "dense3", "drop3",
                "dense4", "drop4", "output"), names(conf));
        assertEquals(List.of(0.25, 0.25, 0.25, 0.25), dropRates(conf));
        assertEquals(List.of(1e-4, 1e-4, 1e-4, 1e-4, 1e-4), l2(conf));

        MultiLayerConfiguration perBlock = org.lenetlab.model.Regularization.dropout(0, 0, 0.5, 0.2)
                .applyTo(ModernLeNet.builder()).configuration();
        assertEquals(List.of(0.5, 0.2), dropRates(perBlock));
        assertEquals(0, count(perBlock, BatchNormalization.class));
        assertEquals(List.of(0.0, 0.0, 0.0, 0.0, 0.0), l2(perBlock));
    }

    @Test
    void noneRemovesWhatTheBuilderHad() {
        ModernLeNet b = ModernLeNet.builder().dropout(0.5).batchNorm(true).l2(1e-3);
        MultiLayerConfiguration conf = org.lenetlab.model.Regularization.none().applyTo(b).configuration();
        assertEquals(List.of("conv1", "pool1", "conv2", "pool2", "dense3", "dense4", "output"), names(conf));
        assertEquals(List.of(0.0, 0.0, 0.0, 0.0, 0.0), l2(conf));
    }

    @Test
    void kerasLeNetGetsDropoutAfterItsThreeBlocksAndBatchNormAfterConvolutions() {
        MultiLayerConfiguration conf = org.lenetlab.model.Regularization.dropout(0.25, 0.25, 0.5).withBatchNorm(true)
                .withL2(5e-4).applyTo(KerasLeNet.builder()).configuration();
        assertEquals(List.of("conv1", "bn1", "pool1", "drop1", "conv2", "bn2", "pool2", "drop2", "dense1", "drop3",
                "output"), names(conf));
        assertEquals(List.of(0.25, 0.25, 0.5), dropRates(conf));
        assertEquals(List.of(5e-4, 5e-4, 5e-4, 5e-4), l2(conf));
        ConvolutionLayer conv1 = (ConvolutionLayer) conf.getConf(0).getLayer();
        assertEquals("identity", conv1.getActivationFn().toString(), "ReLU moves behind the batch norm");
        // the default KerasLeNet is unchanged: 1,256,080 parameters, no extra layers
        BuiltModel plain = KerasLeNet.builder().build();
        assertEquals(1_256_080, plain.numParams());
        assertEquals(List.of("conv1", "pool1", "conv2", "pool2", "dense1", "output"), names(plain.configuration()));
    }

    @Test
    void lenet5GetsDropoutAfterItsFourStagesButNoBatchNorm() {
        MultiLayerConfiguration conf = org.lenetlab.model.Regularization.dropout(0.2).withL2(1e-4)
                .applyTo(LeNet5.builder()).configuration();
        assertEquals(List.of("pad", "C1", "S2", "drop_S2", "C3", "S4", "drop_S4", "C5", "drop_C5", "F6", "drop_F6",
                "output"), names(conf));
        assertEquals(List.of(0.2, 0.2, 0.2, 0.2), dropRates(conf));
        assertEquals(List.of(1e-4, 1e-4, 1e-4, 1e-4, 1e-4), l2(conf));
        BuiltModel onlyF6 = LeNet5.builder().dropout(0, 0, 0, 0.5).build();
        assertEquals(61_706, onlyF6.numParams(), "dropout adds no parameters");
        assertEquals(List.of(0.5), dropRates(onlyF6.configuration()));

        IllegalArgumentException bn = assertThrows(IllegalArgumentException.class,
                () -> org.lenetlab.model.Regularization.batchNorm().applyTo(LeNet5.builder()));
        assertTrue(bn.getMessage().contains("no batch norm"), bn.getMessage());
        IllegalArgumentException rates = assertThrows(IllegalArgumentException.class,
                () -> org.lenetlab.model.Regularization.dropout(0.1, 0.2).applyTo(LeNet5.builder()));
        assertTrue(rates.getMessage().contains("S2, S4, C5, F6"), rates.getMessage());
    }

    @Test
    void presetsHaveLegendNamesAndCombine() {
        List<String> labels = org.lenetlab.model.Regularization.presets().stream().map(Object::toString).toList();
        assertEquals(List.of("none", "dropout 0.2", "dropout 0.25", "dropout 0.5", "L2 1e-4", "batch norm",
                "dropout 0.25 + L2 1e-4", "dropout 0.25 + batch norm"), labels);
        var combined = org.lenetlab.model.Regularization.dropout(0.3)
                .and(org.lenetlab.model.Regularization.l2(2.5e-4));
        assertEquals("dropout 0.3 + L2 2.5e-4", combined.toString());
        assertEquals(org.lenetlab.model.Regularization.dropout(0.3).withL2(2.5e-4), combined);
        assertEquals("dropout 0/0.5", org.lenetlab.model.Regularization.dropout(0, 0.5).toString());
        for (var preset : org.lenetlab.model.Regularization.presets()) {
            // every preset builds on the architecture the course regularises
            assertTrue(preset.applyTo(ModernLeNet.builder()).build().numParams() > 0, preset.toString());
        }
        assertThrows(IllegalArgumentException.class, () -> org.lenetlab.model.Regularization.dropout(1.0));
        assertThrows(IllegalArgumentException.class, () -> org.lenetlab.model.Regularization.l2(-1));
        assertThrows(IllegalArgumentException.class, () -> org.lenetlab.model.Regularization.dropout());
    }
}
