package org.lenetlab.kernel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs in a child JVM whose class path has the kernel and its messaging layer but no DL4J: adds the DL4J jars with
 * {@code %jars} and trains a network, printing each cell's outcome as a {@code CELL ...} line for
 * {@link JarsTrainingTest}.
 */
public final class JarsChild {
    private JarsChild() {
    }

    /** @param args the file listing the jars to add, one per line */
    public static void main(String[] args) throws Exception {
        List<String> jars = Files.readAllLines(Path.of(args[0]));
        try (KernelSession session = KernelSession.start()) {
            run(session, """
                    String seen;
                    try { Class.forName("org.nd4j.linalg.factory.Nd4j"); seen = "visible"; }
                    catch (ClassNotFoundException e) { seen = "missing"; }
                    seen
                    """);
            run(session, "%jars " + String.join(" ", jars));
            run(session, """
                    import org.nd4j.linalg.factory.Nd4j;
                    import org.nd4j.linalg.api.ndarray.INDArray;
                    import org.nd4j.linalg.dataset.DataSet;
                    import org.nd4j.linalg.activations.Activation;
                    import org.nd4j.linalg.lossfunctions.LossFunctions;
                    import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
                    import org.deeplearning4j.nn.conf.layers.*;
                    import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
                    """);
            run(session, """
                    var net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                        .seed(42)
                        .updater(new org.nd4j.linalg.learning.config.Adam(0.05))
                        .list()
                        .layer(new DenseLayer.Builder().nIn(2).nOut(8).activation(Activation.TANH).build())
                        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(2)
                            .activation(Activation.SOFTMAX).build())
                        .build());
                    net.init();
                    INDArray x = Nd4j.create(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
                    INDArray y = Nd4j.create(new float[][] {{1, 0}, {0, 1}, {0, 1}, {1, 0}});
                    double before = net.score(new DataSet(x, y));
                    for (int i = 0; i < 300; i++) net.fit(x, y);
                    double after = net.score(new DataSet(x, y));
                    Arrays.toString(net.predict(x)) + " " + (after < before / 4) + " "
                        + Nd4j.getBackend().getClass().getName() + " "
                        + (Nd4j.class.getClassLoader() == Thread.currentThread().getContextClassLoader())
                    """);
        }
    }

    private static void run(KernelSession session, String code) {
        CellOutcome out = session.execute(code, new OutputSink() {
            @Override
            public void stream(Stream stream, String text) {
                System.out.print("OUT " + text.replace("\n", "\nOUT "));
            }

            @Override
            public void display(io.github.spencerpark.jupyter.kernel.display.DisplayData data) {
            }

            @Override
            public void updateDisplay(io.github.spencerpark.jupyter.kernel.display.DisplayData data) {
            }
        });
        System.out.println();
        if (out.ok()) {
            System.out.println("CELL ok " + (out.result() == null ? "" : RecordingSink.text(out.result())));
        } else {
            System.out.println("CELL error " + out.error().name() + ": " + out.error().value());
            out.error().traceback().forEach(l -> System.out.println("TRACE " + l));
        }
    }
}
