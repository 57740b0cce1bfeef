/**
 * Reservoir computing: rate echo state networks ({@code esn}), spiking liquid state machines on the
 * engine ({@code lsm}), ridge-regression and online readouts ({@code readout}), standard benchmarks
 * ({@code bench}) and edge-of-chaos measures ({@code analysis}).
 */
package org.spikering.reservoir;
