/**
 * Compatibility bridge for DL4J 1.0.0-M2.1: the class name its oneDNN helper check looks for. Not course API.
 */
package org.nd4j.nativeblas;
