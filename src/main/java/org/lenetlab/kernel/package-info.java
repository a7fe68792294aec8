/**
 * A Jupyter kernel for Java in the IJava tradition (JShell, IJava's display API), with the course library on its
 * class path; {@link org.lenetlab.kernel.CellExecutor} is the engine it shares with the headless notebook runner.
 */
package org.lenetlab.kernel;
