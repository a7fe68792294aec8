package org.lenetlab.model;

import java.util.Collection;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What every custom layer configuration's {@code instantiate} does once it has made its layer, as DL4J's own do. */
final class LayerWiring {
    private LayerWiring() {
    }

    /**
     * Gives a new layer its listeners, index, parameter view and parameter table.
     *
     * @return {@code layer}
     */
    static <L extends Layer> L wire(L layer, org.deeplearning4j.nn.conf.layers.Layer config,
                                    NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
                                    INDArray paramsView, boolean initializeParams) {
        layer.setListeners(listeners);
        layer.setIndex(index);
        layer.setParamsViewArray(paramsView);
        layer.setParamTable(config.initializer().init(conf, paramsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }
}
