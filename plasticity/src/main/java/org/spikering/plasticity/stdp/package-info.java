/**
 * STDP as chips run it (issue 18 items 5 and 4): a learning engine in the style of Loihi's, and pair, triplet and
 * reward-modulated STDP written as its rules.
 * <pre>
 *   spikes ──► SumOfProductsEngine ──(every epoch of E ≤ 63 steps)──► w, tag
 *                 │ traces x1 x2 (pre), y1 y2 r (post): decay e^{−n/τ}, impulse on spikes / rewards
 *                 │ rule: dw = Σ_k c_k · D_k · Π (factor + offset),  D ∈ {x0, y0, u}
 *                 └ LearningArithmetic: FloatArithmetic (here) | LoihiLearningArithmetic (hardware-sim)
 * </pre>
 * <ul>
 *   <li>{@link org.spikering.plasticity.stdp.SumOfProductsEngine}: the engine (Lava's evaluation order, stated in its
 *   Javadoc); {@link org.spikering.plasticity.stdp.SumOfProductsRule}, {@link org.spikering.plasticity.stdp.Product},
 *   {@link org.spikering.plasticity.stdp.TraceSpec}: the rule.</li>
 *   <li>{@link org.spikering.plasticity.stdp.StdpRules}: {@link org.spikering.plasticity.stdp.PairStdp} (all-to-all,
 *   nearest, hard or soft bounds), {@link org.spikering.plasticity.stdp.TripletStdp} (Pfister &amp; Gerstner 2006,
 *   all-to-all) and {@link org.spikering.plasticity.stdp.RewardStdp} (Izhikevich 2007) as sum-of-products rules.</li>
 *   <li>{@link org.spikering.plasticity.stdp.SpikeTrainProtocol} (given spike trains),
 *   {@link org.spikering.plasticity.stdp.SongNetwork} (Song et al. 2000) and
 *   {@link org.spikering.plasticity.stdp.DistalRewardTask} (a smaller distal reward problem): what drives it.</li>
 * </ul>
 * Masks, counters and energy of the chip come from hardware-sim ({@code org.spikering.hw.learning}).
 */
package org.spikering.plasticity.stdp;
