/**
 * The spikering engine.
 *
 * <pre>
 *   NetworkBuilder ──build──▶ Network (populations, CSR projections, Poisson drives)
 *                                  │
 *                      Simulation.create(net, config)   neurons split into P partitions
 *                                  │
 *   ┌──── coordinator thread = owner of partition 0, step t ────┐
 *   │ 1. Poisson drive + update of partition 0's neurons         │
 *   │    (clock- or event-driven), read and clear wheel slot t   │
 *   │ 2. wait for partitions 1…P−1's spikes of step t, merge     │
 *   │    into ascending global ids, run step listeners           │
 *   │ 3. publish the spikes, then END_OF_STEP(t) ────────┐       │
 *   │ 4. deliver them into partition 0's timing wheel     │       │
 *   └─────────────────────────────────────────────────────│──────┘
 *                                                         ▼
 *                   RingBuffer&lt;SpikeEvent&gt; (single producer)
 *                 ┌──────────────────┬────────────────────┴──────────────┐
 *          PartitionWorker 1   PartitionWorker 2   …   ListenerHandler (recorders, SpikeListener)
 *          deliver every spike into its own targets (wheel slot t + d); after END_OF_STEP(s)
 *          update its own neurons for steps up to s + D (D = minimum delay) and hand the
 *          spikes to the coordinator
 * </pre>
 *
 * Every target receives its inputs in the order the spikes were published, whatever the number
 * of partitions, so floating-point sums and hence spikes are bit-identical for any thread count;
 * the {@link org.spikering.sim.reference.ReferenceEngine} runs the same phases in one thread.
 */
package org.spikering.sim;
