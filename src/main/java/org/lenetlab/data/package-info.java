/**
 * Datasets: IDX files (MNIST, Fashion-MNIST), image folders, checksummed downloads with a cache, the bundled
 * offline sample, stratified splits, normalisation, seeded imbalanced variants ({@link org.lenetlab.data.Imbalance})
 * and batch iterators for DL4J (with optional on-the-fly augmentation).
 */
package org.lenetlab.data;
