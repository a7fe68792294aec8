/**
 * Training: optimisers and learning-rate schedules, seeded determinism, per-epoch history, early stopping,
 * reduce-LR-on-plateau, checkpoints with exact resume, divergence detection and progress reporting.
 *
 * <p>The entry point is the {@link org.lenetlab.train.Trainer}, configured by a
 * {@link org.lenetlab.train.TrainingConfig}:
 * <pre>{@code
 * TrainingConfig config = TrainingConfig.builder()
 *         .epochs(10).batchSize(64).seed(42)
 *         .optimizer(Optimizer.adam(1e-3))
 *         .earlyStopping(EarlyStopping.Settings.monitor(Metric.VAL_LOSS).patience(3).restoreBestWeights(true))
 *         .reduceLrOnPlateau(ReduceLrOnPlateau.Settings.monitor(Metric.VAL_LOSS).factor(0.5).patience(2))
 *         .checkpointDir(Path.of("runs/lenet5"))
 *         .listener(new ConsoleProgressBar(System.out))
 *         .build();
 * TrainingResult result = new Trainer(config).fitOrResume(net, train, validation);
 * System.out.println(result.history());
 * }</pre>
 *
 * <p>{@link org.lenetlab.train.EarlyStopping}, {@link org.lenetlab.train.ReduceLrOnPlateau} and
 * {@link org.lenetlab.train.DivergenceGuard} are pure decision classes, usable (and testable) without a network;
 * the first two reproduce Keras' callbacks exactly. {@link org.lenetlab.train.History} holds the per-epoch metrics
 * as plain arrays for plotting and round-trips through CSV and JSON. Progress is reported through
 * {@link org.lenetlab.train.TrainingListener} events ({@link org.lenetlab.train.EpochStart},
 * {@link org.lenetlab.train.BatchProgress}, {@link org.lenetlab.train.EpochRecord},
 * {@link org.lenetlab.train.TrainingResult}).
 *
 * <p>Against overfitting and imbalance: {@link org.lenetlab.train.TrainingConfig.Builder#augmentation} augments
 * training batches on the fly ({@link org.lenetlab.augment}), {@link org.lenetlab.train.ClassWeights} (balanced as
 * scikit-learn computes them, or custom) weight the loss, and {@link org.lenetlab.train.GeneralisationGap} measures
 * how far training and validation drift apart.
 */
package org.lenetlab.train;
