package org.lenetlab.train;

/**
 * An epoch is about to start.
 *
 * @param epoch          the epoch, from 1
 * @param epochs         the last epoch of the run
 * @param batches        batches in this epoch
 * @param trainingImages images in the training set
 * @param learningRate   learning rate for this epoch
 */
public record EpochStart(int epoch, int epochs, int batches, int trainingImages, double learningRate) {
}
