package org.lenetlab.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Lays out and initialises the parameters of a {@link ConnectionTableConvolution}: first the biases
 * ({@value #BIAS_KEY}, shape {@code [outputs]}, one per output map, as in DL4J's convolutions), then the kernels ({@value #WEIGHT_KEY}, shape
 * {@code [connections, kH, kW]}, in the connection order of {@link ConnectionTable}).
 *
 * <p>Each output map's kernels are initialised with that map's own fan-in, {@code (maps it reads)·kH·kW}, so a
 * C3 map that reads 3 S2 maps starts with the same activation scale as one that reads all 6. The fan-out is the
 * average number of kernels per input map times {@code kH·kW}.
 */
public final class ConnectionTableParamInitializer implements ParamInitializer {
    /** Kernel parameter name. */
    public static final String WEIGHT_KEY = "W";
    /** Bias parameter name. */
    public static final String BIAS_KEY = "b";

    private static final ConnectionTableParamInitializer INSTANCE = new ConnectionTableParamInitializer();

    private ConnectionTableParamInitializer() {
    }

    /** @return the shared instance (it has no state) */
    public static ConnectionTableParamInitializer getInstance() {
        return INSTANCE;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        ConnectionTableConvolution c = (ConnectionTableConvolution) layer;
        int[] k = c.getKernelSize();
        ConnectionTable table = c.connectionTable();
        return (long) table.connections() * k[0] * k[1] + table.outputs();
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return List.of(BIAS_KEY, WEIGHT_KEY);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return Collections.singletonList(WEIGHT_KEY);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return Collections.singletonList(BIAS_KEY);
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return WEIGHT_KEY.equals(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return BIAS_KEY.equals(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        ConnectionTableConvolution layer = (ConnectionTableConvolution) conf.getLayer();
        ConnectionTable table = layer.connectionTable();
        int[] k = layer.getKernelSize();
        int kernelArea = k[0] * k[1];
        INDArray flat = paramsView.reshape(paramsView.length());
        INDArray bias = flat.get(NDArrayIndex.interval(0, table.outputs()));
        INDArray weightsFlat = flat.get(NDArrayIndex.interval(table.outputs(), flat.length()));
        if (initializeParams) {
            bias.assign(layer.getBiasInit());
            IWeightInit init = layer.getWeightInitFn();
            double fanOut = (double) table.connections() / table.inputs() * kernelArea;
            long start = 0;
            for (int o = 0; o < table.outputs(); o++) {
                int n = table.inputsOf(o).length;
                INDArray mapKernels = weightsFlat.get(NDArrayIndex.interval(start, start + (long) n * kernelArea));
                init.init((double) n * kernelArea, fanOut, new long[] {n, k[0], k[1]}, 'c', mapKernels);
                start += (long) n * kernelArea;
            }
        }
        Map<String, INDArray> params = Collections.synchronizedMap(new LinkedHashMap<>());
        params.put(BIAS_KEY, bias);
        params.put(WEIGHT_KEY, weightsFlat.reshape('c', table.connections(), k[0], k[1]));
        conf.addVariable(BIAS_KEY);
        conf.addVariable(WEIGHT_KEY);
        return params;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        ConnectionTableConvolution layer = (ConnectionTableConvolution) conf.getLayer();
        ConnectionTable table = layer.connectionTable();
        int[] k = layer.getKernelSize();
        INDArray flat = gradientView.reshape(gradientView.length());
        Map<String, INDArray> out = new LinkedHashMap<>();
        out.put(BIAS_KEY, flat.get(NDArrayIndex.interval(0, table.outputs())));
        out.put(WEIGHT_KEY, flat.get(NDArrayIndex.interval(table.outputs(), flat.length()))
                .reshape('c', table.connections(), k[0], k[1]));
        return out;
    }
}
