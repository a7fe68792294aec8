package org.lenetlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lenetlab.backend.Backend;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** LeCun's 1.7159·tanh(2x/3): values, derivative, and that DL4J can store it. */
class ActivationScaledTanhTest {
    private static final double[] XS = {-4, -1.5, -1, -0.3, 0, 0.2, 1, 2.5, 6};

    @BeforeAll
    static void backend() {
        Backend.configure();
    }

    @Test
    void valuesFollowTheFormula() {
        assertEquals(0.0, ActivationScaledTanh.value(0), 0);
        assertEquals(1.0, ActivationScaledTanh.value(1), 1e-4, "f(1) ≈ 1, the reason for the constants");
        assertEquals(-1.0, ActivationScaledTanh.value(-1), 1e-4);
        assertEquals(1.7159, ActivationScaledTanh.value(50), 1e-9, "saturates at A");
        assertEquals(1.7159 * 2 / 3, ActivationScaledTanh.derivative(0), 1e-12, "gain A·S at 0");

        INDArray in = Nd4j.createFromArray(XS);
        INDArray out = new ActivationScaledTanh().getActivation(in.dup(), false);
        for (int i = 0; i < XS.length; i++) {
            assertEquals(1.7159 * Math.tanh(2 * XS[i] / 3), out.getDouble(i), 1e-12, "x = " + XS[i]);
        }
    }

    @Test
    void backpropMultipliesByTheDerivative() {
        INDArray in = Nd4j.createFromArray(XS);
        INDArray eps = Nd4j.createFromArray(new double[] {1, 2, -1, 0.5, 3, -2, 1, 1, 4});
        INDArray grad = new ActivationScaledTanh().backprop(in.dup(), eps).getFirst();
        double h = 1e-6;
        for (int i = 0; i < XS.length; i++) {
            double numeric = (ActivationScaledTanh.value(XS[i] + h) - ActivationScaledTanh.value(XS[i] - h)) / (2 * h);
            assertEquals(numeric, ActivationScaledTanh.derivative(XS[i]), 1e-8, "f'(" + XS[i] + ")");
            assertEquals(eps.getDouble(i) * numeric, grad.getDouble(i), 1e-8, "dL/dx at " + XS[i]);
        }
    }

    @Test
    void survivesJsonAndModelSerializer(@TempDir Path dir) throws Exception {
        BuiltModel model = LeNet5.builder().scaledTanh(true).build();
        MultiLayerConfiguration json = MultiLayerConfiguration.fromJson(model.configuration().toJson());
        assertEquals(model.configuration(), json);
        assertTrue(model.configuration().toJson().contains("org.lenetlab.model.ActivationScaledTanh"));

        File file = dir.resolve("scaled.zip").toFile();
        ModelSerializer.writeModel(model.network(), file, false);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, false);
        assertInstanceOf(ActivationScaledTanh.class,
                ((BaseLayer) restored.getLayerWiseConfigurations().getConf(1).getLayer()).getActivationFn());
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 1, 28, 28);
        assertEquals(model.network().output(x), restored.output(x));
        assertEquals("scaledtanh", new ActivationScaledTanh().toString());
    }
}
