package org.lenetlab.exercises.lenet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lenetlab.backend.Backend;
import org.lenetlab.grading.Points;
import org.lenetlab.model.InputShape;
import org.lenetlab.model.LeNet5;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

class ClassicLeNet5HiddenTest {

    @BeforeAll
    static void backend() {
        Backend.configure();
    }

    @Test
    @Points(2)
    void perLayerParametersMatchTheLibrarysLeNet5() {
        MultiLayerNetwork mine = new MultiLayerNetwork(ClassicLeNet5.configuration(1));
        mine.init();
        MultiLayerNetwork reference = new MultiLayerNetwork(
                LeNet5.builder().input(InputShape.parse("28x28x1")).configuration());
        reference.init();
        assertEquals(reference.getnLayers(), mine.getnLayers());
        for (int i = 0; i < mine.getnLayers(); i++) {
            assertEquals(reference.getLayer(i).numParams(), mine.getLayer(i).numParams(), "layer " + i);
        }
    }

    @Test
    @Points(2)
    void activationsAndLossAreTheClassicOnes() {
        var conf = ClassicLeNet5.configuration(1);
        for (int i : new int[] {1, 3, 5, 6}) {
            assertTrue(((BaseLayer) conf.getConf(i).getLayer()).getActivationFn() instanceof ActivationTanH, "layer " + i);
        }
        OutputLayer out = (OutputLayer) conf.getConf(7).getLayer();
        assertTrue(out.getActivationFn() instanceof ActivationSoftmax, "output activation");
        assertTrue(out.getLossFn() instanceof LossMCXENT, "output loss");
    }

    @Test
    @Points(2)
    void sameSeedSameWeightsAndProbabilitiesSumToOne() {
        MultiLayerNetwork a = new MultiLayerNetwork(ClassicLeNet5.configuration(7));
        a.init();
        MultiLayerNetwork b = new MultiLayerNetwork(ClassicLeNet5.configuration(7));
        b.init();
        assertEquals(a.params(), b.params());
        INDArray p = a.output(Nd4j.rand(3, 784));
        for (int r = 0; r < 3; r++) {
            assertEquals(1.0, p.getRow(r).sumNumber().doubleValue(), 1e-5);
        }
    }
}
