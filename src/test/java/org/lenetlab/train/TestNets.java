package org.lenetlab.train;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Random;
import java.util.zip.GZIPInputStream;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.lenetlab.data.ImageDataset;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small networks and data sets for the trainer tests (built inline: the model package is developed elsewhere). */
final class TestNets {
    private TestNets() {
    }

    /**
     * Synthetic 1×8×8 images of three classes — a horizontal bar, a vertical bar, a diagonal — at random
     * positions with noise; easy for a tiny CNN, impossible to learn by accident.
     */
    static ImageDataset bars(int n, long seed) {
        Random rng = new Random(seed);
        float[] px = new float[n * 64];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int cls = i % 3;
            labels[i] = cls;
            int at = 1 + rng.nextInt(6);
            for (int k = 0; k < 64; k++) {
                px[i * 64 + k] = 0.15f * rng.nextFloat();
            }
            for (int k = 1; k < 7; k++) {
                int r = cls == 0 ? at : cls == 1 ? k : k;
                int c = cls == 0 ? k : cls == 1 ? at : k;
                px[i * 64 + r * 8 + c] = 0.8f + 0.2f * rng.nextFloat();
            }
        }
        return new ImageDataset("bars", "synthetic, seed " + seed, px, labels, 1, 8, 8, ImageDataset.numberedClasses(3));
    }

    /** Conv 4@3×3 → dense 16 (optional dropout) → softmax over {@code classes}; Adam(0.5) set on purpose. */
    static MultiLayerNetwork tinyNet(long seed, double dropoutRetain, int classes) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(0.5)) // must be replaced by the trainer's optimiser
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build());
        DenseLayer.Builder dense = new DenseLayer.Builder().nOut(16).activation(Activation.RELU);
        if (dropoutRetain < 1) {
            dense.dropOut(dropoutRetain);
        }
        MultiLayerConfiguration conf = b.layer(dense.build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(classes)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(8, 8, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    static MultiLayerNetwork tinyNet(long seed, double dropoutRetain) {
        return tinyNet(seed, dropoutRetain, 3);
    }

    /** A small LeNet-like network for 1×28×28 digits. */
    static MultiLayerNetwork lenetLike(long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(6).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .build())
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(16).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .build())
                .layer(new DenseLayer.Builder().nOut(84).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(28, 28, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** The first {@code n} images of the bundled MNIST sample ({@code part} = "train" or "t10k"), pixels in [0, 1]. */
    static ImageDataset mnist(String part, int n) {
        String base = "/org/lenetlab/data/mnist-sample/" + part;
        try (DataInputStream images = open(base + "-images-idx3-ubyte.gz");
             DataInputStream labels = open(base + "-labels-idx1-ubyte.gz")) {
            if (images.readInt() != 0x803 || labels.readInt() != 0x801) {
                throw new IOException("not an IDX file: " + base);
            }
            int count = Math.min(n, images.readInt());
            labels.readInt();
            int rows = images.readInt();
            int cols = images.readInt();
            float[] px = new float[count * rows * cols];
            byte[] raw = new byte[rows * cols];
            int[] lb = new int[count];
            for (int i = 0; i < count; i++) {
                images.readFully(raw);
                for (int k = 0; k < raw.length; k++) {
                    px[i * raw.length + k] = (raw[k] & 0xff) / 255f;
                }
                lb[i] = labels.readUnsignedByte();
            }
            return new ImageDataset("MNIST sample (" + part + ")", "bundled sample", px, lb, 1, rows, cols,
                    ImageDataset.numberedClasses(10));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DataInputStream open(String resource) throws IOException {
        InputStream in = TestNets.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IOException("missing resource " + resource);
        }
        return new DataInputStream(new GZIPInputStream(in));
    }
}
