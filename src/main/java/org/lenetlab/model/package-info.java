/**
 * The LeNet model zoo as DL4J builder chains (classic LeNet-5, the Keras/Caffe-style LeNet, a configurable modern
 * LeNet, the 9-layer modified LeNet), a Keras-like model summary, a DL4J-free output-size and parameter
 * calculator, and atomic save/load.
 *
 * <p>The builders' layers are DL4J layers with faster CPU implementations of our own, subclasses of DL4J's
 * configurations that save, load and summarise like them: {@link org.lenetlab.model.FastConvolution},
 * {@link org.lenetlab.model.FastSubsampling}, {@link org.lenetlab.model.FastDense},
 * {@link org.lenetlab.model.FastOutput} and {@link org.lenetlab.model.FastZeroPadding}; a trainer prepares a network
 * for them with {@link org.lenetlab.model.FastLayers#prepareForTraining}.
 *
 * <p>{@link org.lenetlab.model.Regularization} names regularisation presets (dropout per block, L2, batch norm)
 * that any of the builders accepts, for overfitting experiments.
 */
package org.lenetlab.model;
