/**
 * The spikering engine.
 *
 * <pre>
 *   NetworkBuilder ──build──▶ Network (populations, CSR projections, Poisson drives)
 *                                  │
 *                      Simulation.create(net, config)
 *                                  │
 *   ┌──────────── coordinator thread, step t ─────────────┐
 *   │ 1. wait until every delivery handler has finished    │
 *   │    the spikes of step t − D (D = minimum delay)      │
 *   │ 2. add Poisson drive for arrival step t to the wheel │
 *   │ 3. update populations (clock- or event-driven),      │
 *   │    read and clear wheel slot t                       │
 *   │ 4. publish spikes of step t, ascending neuron id,    │
 *   │    then END_OF_STEP(t) ────────────────┐             │
 *   └────────────────────────────────────────│─────────────┘
 *                                            ▼
 *                   RingBuffer&lt;SpikeEvent&gt; (single producer)
 *                 ┌──────────────┬───────────┴───┬──────────────────┐
 *         DeliveryHandler 0  DeliveryHandler 1  …   ListenerHandler (recorders, SpikeListener)
 *         owns targets of    owns targets of
 *         partition 0        partition 1: scatter into timing-wheel slot (t + d)
 * </pre>
 *
 * Every target receives its inputs in the order the spikes were published, whatever the number
 * of partitions, so floating-point sums and hence spikes are bit-identical for any thread count;
 * the {@link org.spikering.sim.reference.ReferenceEngine} runs the same phases in one thread.
 */
package org.spikering.sim;
