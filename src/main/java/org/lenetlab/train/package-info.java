/**
 * Training: optimisers and learning-rate schedules, seeded determinism, per-epoch history, early stopping,
 * reduce-LR-on-plateau, checkpoints with exact resume, divergence detection and progress reporting.
 */
package org.lenetlab.train;
