package org.lenetlab.model;

/**
 * One row of a {@link ShapeCalculator} result: a layer with the shapes going in and out and its parameters.
 *
 * @param layer           the layer
 * @param input           shape of one example entering it
 * @param output          shape of one example leaving it
 * @param params          all its parameters
 * @param trainableParams those that training changes (batch norm running statistics are not among them)
 */
public record LayerShape(LayerSpec layer, TensorShape input, TensorShape output, long params, long trainableParams) {

    /** @return parameters that are tracked but not trained */
    public long nonTrainableParams() {
        return params - trainableParams;
    }
}
