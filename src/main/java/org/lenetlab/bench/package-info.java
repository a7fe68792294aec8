/**
 * Training-speed benchmarks against a peer framework (issue 7): one epoch of our stack and one of a PyTorch
 * script the repository carries ({@code org/lenetlab/bench/lenet_peer.py}), each in its own child process with a
 * fixed thread count, alternated, and reported as one {@link org.lenetlab.bench.EpochMeasurement} per run (with
 * the time to classify the 10,000 test images afterwards); or, as an {@link org.lenetlab.bench.AccuracyRun}, the
 * time each takes to reach a test accuracy, epoch after epoch, both with the optimiser and schedule of one
 * {@link org.lenetlab.bench.Recipe}.
 *
 * <p>Both sides run as child processes because the thread count of ND4J's OpenMP pool is read from
 * {@code OMP_NUM_THREADS} when the native library loads, and peak RSS is a per-process figure: a fresh process per
 * run gives each engine the same thread setting and its own memory high-water mark.
 *
 * <p>{@link org.lenetlab.bench.KernelBenchmark} ({@code ./lenet bench kernel}) times the Jupyter kernel the same
 * way, against Python's ipykernel: start to the first result and per-cell round trip, through {@code jupyter_client}
 * ({@code org/lenetlab/bench/kernel_bench.py}).
 */
package org.lenetlab.bench;
