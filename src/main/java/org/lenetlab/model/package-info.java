/**
 * The LeNet model zoo as DL4J builder chains (classic LeNet-5, the Keras/Caffe-style LeNet, a configurable modern
 * LeNet, the 9-layer modified LeNet), a Keras-like model summary, a DL4J-free output-size and parameter
 * calculator, and atomic save/load.
 */
package org.lenetlab.model;
