/**
 * The numerical backend: puts ND4J/DL4J on the fast oneDNN CPU path and reports what is in use.
 *
 * <p>{@link org.lenetlab.backend.Backend#configure()} runs before ND4J loads;
 * {@link org.lenetlab.backend.Backend#report()} is the one-call environment report.
 */
package org.lenetlab.backend;
