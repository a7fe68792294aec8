/**
 * The {@code ./lenet} command line: {@code train}, {@code evaluate}, {@code summary}, {@code env} and the verbs
 * later chapters add.
 */
package org.lenetlab.cli;
