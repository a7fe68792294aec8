package org.lenetlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lenetlab.backend.Backend;
import org.lenetlab.data.ImageDataset;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Class weights: balanced weights bit for bit equal to scikit-learn's {@code compute_class_weight("balanced")} on
 * the committed fixture (made by {@code make_class_weight_fixture.py} with Debian's python3-sklearn 1.2.1), the
 * weights really scaling the loss and its gradients, the trainer putting them into the network, and bad input.
 */
class ClassWeightsTest {

    @BeforeAll
    static void backend() {
        Backend.configure();
    }

    private static JsonObject fixture() throws IOException {
        InputStream in = ClassWeightsTest.class.getResourceAsStream("class-weights.json");
        assertTrue(in != null, "class-weights.json is missing: run /usr/bin/python3 "
                + "src/test/resources/org/lenetlab/train/make_class_weight_fixture.py");
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return new Gson().fromJson(reader, JsonObject.class);
        }
    }

    @Test
    void balancedWeightsAreScikitLearnsBitForBit() throws IOException {
        JsonArray cases = fixture().getAsJsonArray("cases");
        assertEquals(6, cases.size());
        for (JsonElement element : cases) {
            JsonObject c = element.getAsJsonObject();
            JsonArray labelArray = c.getAsJsonArray("labels");
            int[] labels = new int[labelArray.size()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = labelArray.get(i).getAsInt();
            }
            JsonArray weightArray = c.getAsJsonArray("weights");
            double[] expected = new double[weightArray.size()];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = weightArray.get(i).getAsDouble();
            }
            double[] actual = ClassWeights.balanced(labels, c.get("n_classes").getAsInt()).values();
            assertArrayEquals(expected, actual, 0.0, c.get("name").getAsString());
        }
    }

    @Test
    void balancedWeightsGiveEveryClassTheSameTotalWeight() {
        int[] labels = {0, 0, 0, 0, 0, 0, 1, 1, 2, 2, 2, 2};
        ClassWeights w = ClassWeights.balanced(labels, 3);
        assertArrayEquals(new double[] {12 / 18.0, 12 / 6.0, 12 / 12.0}, w.values(), 0.0);
        assertEquals(6 * w.weight(0), 2 * w.weight(1), 1e-12);
        assertEquals(6 * w.weight(0), 4 * w.weight(2), 1e-12);
        ImageDataset data = new ImageDataset("toy", "test", new float[12], labels, 1, 1, 1,
                ImageDataset.numberedClasses(3));
        assertEquals(w, ClassWeights.balanced(data));
        assertEquals("balanced [0.6667, 2.000, 1.000]", w.toString());
    }

    @Test
    void badInputIsExplained() {
        IllegalArgumentException absent = assertThrows(IllegalArgumentException.class,
                () -> ClassWeights.balanced(new int[] {0, 0, 2}, 3));
        assertTrue(absent.getMessage().contains("class 1 has no images"), absent.getMessage());
        ImageDataset data = new ImageDataset("digits", "test", new float[2], new int[] {0, 0}, 1, 1, 1,
                ImageDataset.numberedClasses(2));
        IllegalArgumentException named = assertThrows(IllegalArgumentException.class,
                () -> ClassWeights.balanced(data));
        assertTrue(named.getMessage().contains("digits has no images of class 1"), named.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClassWeights.balanced(new int[] {0, 5}, 3))
                .getMessage().contains("label 5 of image 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClassWeights.of(1, -2))
                .getMessage().contains("class 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClassWeights.of(0, 0))
                .getMessage().contains("all class weights are 0"));
        assertThrows(IllegalArgumentException.class, () -> ClassWeights.of(1, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> ClassWeights.of(1));
    }

    @Test
    void weightsScaleTheLossAndTheGradients() {
        ImageDataset bars = TestNets.bars(30, 3);
        DataSet onlyClass0 = bars.subset(new int[] {0, 3, 6, 9}, "class 0").toDataSet();
        DataSet mixed = bars.head(12).toDataSet();

        MultiLayerNetwork plain = TestNets.tinyNet(5, 1.0);
        MultiLayerNetwork weighted = TestNets.tinyNet(5, 1.0);
        ClassWeights.of(3, 1, 1).applyTo(weighted);
        assertArrayEquals(new double[] {3, 1, 1}, ClassWeights.inNetwork(weighted).orElseThrow().values(), 0);
        assertFalse(ClassWeights.inNetwork(plain).isPresent());

        // Only class-0 images: the weighted loss and every gradient component are exactly three times the plain ones.
        Grad p = gradient(plain, onlyClass0);
        Grad w = gradient(weighted, onlyClass0);
        assertEquals(3 * p.score, w.score, 1e-5 * p.score);
        assertTrue(p.gradient.norm2Number().doubleValue() > 0);
        assertTrue(w.gradient.equalsWithEps(p.gradient.mul(3), 1e-5), "gradients scale with the class weight");

        // A mixed batch: the direction of the gradient changes, not only its length.
        Grad pm = gradient(plain, mixed);
        Grad wm = gradient(weighted, mixed);
        double cosine = pm.gradient.mul(wm.gradient).sumNumber().doubleValue()
                / (pm.gradient.norm2Number().doubleValue() * wm.gradient.norm2Number().doubleValue());
        assertTrue(cosine < 0.999, "weighted gradient points elsewhere, cosine " + cosine);

        // Uniform weights change nothing.
        MultiLayerNetwork uniform = TestNets.tinyNet(5, 1.0);
        ClassWeights.uniform(3).applyTo(uniform);
        assertTrue(gradient(uniform, mixed).gradient.equalsWithEps(pm.gradient, 1e-6));
    }

    private record Grad(double score, INDArray gradient) {
    }

    private static Grad gradient(MultiLayerNetwork net, DataSet batch) {
        net.setInput(batch.getFeatures());
        net.setLabels(batch.getLabels());
        net.computeGradientAndScore();
        return new Grad(net.score(), net.gradient().gradient().dup());
    }

    @Test
    void weightsAreSavedWithTheModel(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
        MultiLayerNetwork net = TestNets.tinyNet(4, 1.0);
        ClassWeights.of(0.5, 2, 8).applyTo(net);
        java.io.File file = dir.resolve("weighted.zip").toFile();
        org.deeplearning4j.util.ModelSerializer.writeModel(net, file, false);
        MultiLayerNetwork back = org.deeplearning4j.util.ModelSerializer.restoreMultiLayerNetwork(file);
        assertArrayEquals(new double[] {0.5, 2, 8}, ClassWeights.inNetwork(back).orElseThrow().values(), 0);
    }

    @Test
    void applyToRefusesNetworksItCannotWeight() {
        MultiLayerNetwork mse = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().nOut(4).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(3).activation(Activation.IDENTITY)
                        .build())
                .setInputType(InputType.feedForward(5)).build());
        mse.init();
        IllegalArgumentException loss = assertThrows(IllegalArgumentException.class,
                () -> ClassWeights.uniform(3).applyTo(mse));
        assertTrue(loss.getMessage().contains("cross-entropy"), loss.getMessage());
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> ClassWeights.uniform(4).applyTo(TestNets.tinyNet(1, 1.0)));
        assertTrue(size.getMessage().contains("4 class weights") && size.getMessage().contains("3 classes"),
                size.getMessage());
    }

    @Test
    void trainerPutsTheWeightsIntoTheNetworkAndTheFingerprint() {
        ImageDataset bars = TestNets.bars(24, 1);
        ClassWeights weights = ClassWeights.of(1, 2, 4);
        TrainingConfig config = TrainingConfig.builder().epochs(1).batchSize(8).classWeights(weights).build();
        MultiLayerNetwork net = TestNets.tinyNet(2, 1.0);
        new Trainer(config).fit(net, bars);
        assertArrayEquals(weights.values(), ClassWeights.inNetwork(net).orElseThrow().values(), 0);
        assertEquals("[1.0, 2.0, 4.0]", config.fingerprint().get("class weights"));
        assertFalse(TrainingConfig.builder().build().fingerprint().containsKey("class weights"));
        assertEquals(weights, config.toBuilder().build().classWeights().orElseThrow());

        TrainingConfig wrong = TrainingConfig.builder().epochs(1).classWeights(ClassWeights.uniform(5)).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(wrong).fit(TestNets.tinyNet(2, 1.0), bars));
        assertTrue(e.getMessage().contains("5 class weights") && e.getMessage().contains("bars has 3 classes"),
                e.getMessage());
    }
}
