/**
 * Safe file output shared by every capability: atomic writes so that no half-written model, dataset, checkpoint
 * or report is ever left behind.
 */
package org.lenetlab.io;
