/**
 * The LeNet model zoo as DL4J builder chains (classic LeNet-5, the Keras/Caffe-style LeNet, a configurable modern
 * LeNet, the 9-layer modified LeNet), a Keras-like model summary, a DL4J-free output-size and parameter
 * calculator, and atomic save/load.
 *
 * <p>{@link org.lenetlab.model.Regularization} names regularisation presets (dropout per block, L2, batch norm)
 * that any of the builders accepts, for overfitting experiments.
 */
package org.lenetlab.model;
