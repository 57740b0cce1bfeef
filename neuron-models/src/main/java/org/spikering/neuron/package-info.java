/**
 * Single-unit mathematics of spikering: neuron populations in structure-of-arrays form with exact
 * integration, their pseudo-derivatives, and spike/current sources. No threads, no I/O, no
 * dependency on other modules.
 *
 * <p>Units everywhere: ms, mV, pA, pF, nS, Hz.
 */
package org.spikering.neuron;
