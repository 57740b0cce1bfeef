/**
 * The spikering engine.
 *
 * <pre>
 *   NetworkBuilder ──build──▶ Network (populations, CSR projections, Poisson drives)
 *                                  │
 *                      Simulation.create(net, config)   neurons split into P partitions
 *                                  │
 *   partition thread q (q = 0 is the caller's thread), step t:
 *     1. deliver every partition's spikes of step t − L, ascending ids, into q's timing wheel
 *     2. Poisson drive + update of q's neurons (clock- or event-driven; lagged for current synapses)
 *     3. publish q's spikes of step t, then END_OF_STEP(t), on q's own ring ──┐
 *                                                                             ▼
 *          RingBuffer&lt;SpikeEvent&gt; per partition (single producer), read through EventPollers by
 *          ┌────────────────────────────┬───────────────────────────────┐
 *     every other partition       (step 1 above)          ListenerThread (recorders, SpikeListener)
 *
 *   L = D, the minimum delay (capped at 16), or D + 1 for lagged steps: a partition waits only for
 *   partitions more than L − 1 steps behind it. Step listeners run on the caller's thread once every
 *   partition has finished step t; partitions then wait for them before step t + 1.
 * </pre>
 *
 * Every target receives its inputs in ascending order of the source ids, whatever the number
 * of partitions, so floating-point sums and hence spikes are bit-identical for any thread count;
 * the {@link org.spikering.sim.reference.ReferenceEngine} runs the same phases in one thread.
 */
package org.spikering.sim;
