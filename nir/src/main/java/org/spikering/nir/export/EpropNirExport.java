package org.spikering.nir.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikering.nir.NirFile;
import org.spikering.nir.NirGraph;
import org.spikering.nir.NirNode;
import org.spikering.nir.NirWriter;
import org.spikering.nir.Tensor;
import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RecurrentNetwork;

/**
 * An e-prop network ({@code ForwardPass}: LIF and ALIF neurons with reset by subtraction, leaky readout)
 * as a NIR 1.0.x graph that reproduces it under forward Euler with the loop delay before the node
 * ({@code nir run --scheme euler --loop-delay before}).
 *
 * <p>The e-prop step is v^t = α v^{t−1} + ζ(W_in x^t + W_rec z^{t−1}) − v_th z^{t−1}: the reset subtracts
 * v_th <em>without</em> the decay α, one step after the spike, and the threshold is z = [v ≥ A]. A NIR
 * {@code LIF} resets v at once (to v_reset; by subtraction only as an importer option) and so cannot hold
 * this equation. The graph therefore uses NIR's composite form LIF = LI → Threshold, with the reset as a
 * self-weight of the recurrent matrix:
 * <pre>
 *   input → w_in (Linear W_in) → v (LI) → z (Threshold v_th) → w_rec (Linear W_rec − diag(v_th/ζ)) → v
 *   ALIF:  z → a (LI) → beta (Scale −β_a for adaptive neurons, 0 otherwise) → z        (A = v_th + β_a a)
 *   z → w_out (Linear W_out) → readout (LI) → output
 *   LI v:       τ = dt/(1 − α), r = ζ/(1 − α)        Euler: v ← α v + ζ x
 *   LI a:       τ_a = dt/(1 − ρ), r = 1/(1 − ρ)      a ← ρ a + z  (node a at step t holds e-prop's a^{t+1};
 *               z reads beta one step late, so the threshold at t sees a^t)
 *   LI readout: τ_out = dt/(1 − κ), r = ζ_out/(1 − κ)  yv ← κ yv + ζ_out W_out z^t
 * </pre>
 * Times in seconds, weights (out, in), {@code metadata}: dt, scheme, reset mode, loop delay.
 *
 * <p>What NIR cannot express, and so what this refuses or changes:
 * <ul>
 *   <li>a refractory period (t_ref &gt; 0): NIR has none; refused.</li>
 *   <li>ALIF adaptation as a neuron type: NIR has no adaptive-threshold node; it is written as the LI + Scale
 *       loop above, which NIR backends that map {@code LIF} nodes onto neuron cores will not recognise as one neuron.</li>
 *   <li>the threshold test: e-prop fires at v ≥ A, NIR's Threshold at v &gt; A; they differ only when v equals A exactly.</li>
 *   <li>the pseudo-derivative and the learning rule: NIR describes inference only.</li>
 *   <li>rate networks (kind = rate): a leaky rate unit is LI followed by its nonlinearity φ, and NIR 1.0 has no
 *       tanh, ReLU or softplus node (its only nonlinearity is Threshold); refused, naming φ.</li>
 * </ul>
 */
public final class EpropNirExport {

    private EpropNirExport() {
    }

    /**
     * @param net an e-prop network.
     * @return its NIR graph.
     * @throws IllegalArgumentException if it has a refractory period, or rate units (NIR has no node for φ).
     */
    public static NirFile export(final RecurrentNetwork net) {
        if (net.isRate()) {
            final String act = net.rateUnits().activation().id();
            throw new IllegalArgumentException("kind = rate, activation = " + act + ": "
                    + (net.rateUnits().activation() == org.spikering.neuron.rate.RateActivation.LINEAR
                    ? "a linear leaky rate unit would be an LI node, but rate networks are not exported yet"
                    : "NIR 1.0 has no " + act + " node (a leaky rate unit is LI followed by its nonlinearity; NIR's only"
                    + " nonlinearity is Threshold, a Heaviside step)") + "; only LIF/ALIF networks can be exported");
        }
        final NetworkParams p = net.params();
        if (p.refractorySteps() != 0) {
            throw new IllegalArgumentException("refractory_steps = " + p.refractorySteps()
                    + ": NIR has no refractory period; only networks with t_ref = 0 can be exported");
        }
        final int nIn = net.inputs();
        final int nRec = net.recurrent();
        final int nOut = net.outputs();
        final double dt = p.dtMs() * 1e-3;
        final double alpha = p.alpha();
        final double zeta = p.zeta();
        final Map<String, NirNode> nodes = new LinkedHashMap<>();
        final List<NirGraph.Edge> edges = new ArrayList<>();
        nodes.put("input", new NirNode.Input(new int[] {nIn}));
        nodes.put("w_in", new NirNode.Linear(matrix(nRec, nIn, net.wIn())));
        nodes.put("v", leaky(nRec, dt, alpha, zeta));
        nodes.put("z", new NirNode.Threshold(Tensor.filled(new int[] {nRec}, p.thresholdMv())));
        final double[] rec = net.wRec().clone();
        for (int j = 0; j < nRec; j++) {
            rec[j * nRec + j] -= p.thresholdMv() / zeta;
        }
        nodes.put("w_rec", new NirNode.Linear(matrix(nRec, nRec, rec)));
        edges.add(new NirGraph.Edge("input", "w_in"));
        edges.add(new NirGraph.Edge("w_in", "v"));
        edges.add(new NirGraph.Edge("v", "z"));
        edges.add(new NirGraph.Edge("z", "w_rec"));
        edges.add(new NirGraph.Edge("w_rec", "v"));
        boolean anyAdaptive = false;
        final double[] minusBeta = new double[nRec];
        for (int j = 0; j < nRec; j++) {
            if (net.isAdaptive(j)) {
                anyAdaptive = true;
                minusBeta[j] = -p.betaAdapt();
            }
        }
        if (anyAdaptive) {
            nodes.put("a", leaky(nRec, dt, p.rho(), 1.0));
            nodes.put("beta", new NirNode.Scale(Tensor.vector(minusBeta)));
            edges.add(new NirGraph.Edge("z", "a"));
            edges.add(new NirGraph.Edge("a", "beta"));
            edges.add(new NirGraph.Edge("beta", "z"));
        }
        nodes.put("w_out", new NirNode.Linear(matrix(nOut, nRec, net.wOut())));
        nodes.put("readout", leaky(nOut, dt, p.kappa(), p.zetaOut()));
        nodes.put("output", new NirNode.Output(new int[] {nOut}));
        edges.add(new NirGraph.Edge("z", "w_out"));
        edges.add(new NirGraph.Edge("w_out", "readout"));
        edges.add(new NirGraph.Edge("readout", "output"));
        final Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("dt", dt);
        meta.put("scheme", "euler");
        meta.put("reset_mode", "subtract");
        meta.put("reset_note", "reset by subtraction of v_th one step after the spike, written as the self-weight -v_th/zeta of w_rec; "
                + "NIR LIF nodes are not used because they reset at once");
        meta.put("loop_delay", "before");
        meta.put("source", "spikering e-prop network (ForwardPass), exported by spikering nir export");
        return new NirFile(NirWriter.VERSION, new NirGraph(nodes, edges, meta));
    }

    /** LI whose forward Euler step is v ← decay·v + gain·x: τ = dt/(1 − decay), r = gain/(1 − decay). */
    private static NirNode.Li leaky(final int n, final double dtSeconds, final double decay, final double gain) {
        return new NirNode.Li(Tensor.filled(new int[] {n}, dtSeconds / (1.0 - decay)),
                Tensor.filled(new int[] {n}, gain / (1.0 - decay)), Tensor.filled(new int[] {n}, 0.0));
    }

    private static Tensor matrix(final int rows, final int cols, final double[] rowMajor) {
        return new Tensor(new int[] {rows, cols}, rowMajor.clone(), false);
    }
}
