/**
 * Datasets: IDX files (MNIST, Fashion-MNIST), image folders, checksummed downloads with a cache, the bundled
 * offline sample, stratified splits, normalisation and batch iterators for DL4J.
 */
package org.lenetlab.data;
