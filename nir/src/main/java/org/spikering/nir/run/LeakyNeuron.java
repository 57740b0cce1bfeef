package org.spikering.nir.run;

import org.spikering.nir.NirNode;

/**
 * NIR {@code LI} and {@code LIF}: τ dv/dt = (v_leak − v) + R x, x held constant over each step, τ in seconds.
 *
 * <pre>
 *   EULER:  v ← v + (dt/τ)·((v_leak − v) + R x)              (Norse: dv = dt·τ⁻¹·((v_leak − v) + x), float32 there)
 *           FLOAT32_COEFFICIENTS, the same step in decay form as Lava's float LIF computes it:
 *           v ← d·v + c·(v_leak + R x),  c = float32(dt/τ), d = float32(1 − c), in double
 *           (Lava: {@code v = v * (1 - dv) + u} with u = a_in = c·x, dv = c float32 from {@code paper/nir_to_lava.py})
 *   EXACT:  v ← v_∞ + (v − v_∞)·e^{−dt/τ},   v_∞ = v_leak + R x
 *   LIF spike rule: z = 1 if v &gt; v_th (strictly); v ← v_reset (ZERO) or v − v_th (SUBTRACT).
 *   EXACT LIF: the crossing time inside the step, t* = τ·ln((v − v_∞)/(v_th − v_∞)), is located; v is reset
 *   there (to v_reset, or to v_th − v_th = 0 when subtracting) and integrated over the rest of the step,
 *   again and again if it crosses again (z = 1 for the step either way) — paper/01_lif/lif_exact_sim.py.
 * </pre>
 * Why not the project's {@code LifDeltaPopulation}: its synaptic input is a jump of V added at the end of
 * the step (delta synapse) and not a drive held over the step, its threshold test is V ≥ V_th at grid points
 * (NIR: v &gt; v_th, and here inside the step), it has one τ_m per population (NIR: one per neuron) and a
 * refractory period (NIR: none). Its propagator is the same equation as EXACT's sub-threshold step
 * only when the input is read as a bias current I_e = x·C_m·R/τ_m held over the step; the in-step
 * crossing, strict test and per-neuron parameters still need this class. EULER (forward Euler, float32)
 * is a different equation from every model of the project.
 */
final class LeakyNeuron extends NirNeuron {

    private final double[] tau;
    private final double[] r;
    private final double[] vLeak;
    private final double[] decay;
    private final double[] dtOverTau;
    /** 1 − dt/τ in float32, for the decay form of the Euler step (FLOAT32_COEFFICIENTS); null otherwise. */
    private final double[] eulerDecay;
    private final double dt;
    private final boolean exact;
    private final double[] v;

    LeakyNeuron(final NirNode node, final RunOptions o) {
        super(node, o);
        if (node instanceof NirNode.Lif lif) {
            tau = lif.tau().values();
            r = q.r(lif.r().values());
            vLeak = q.r(lif.vLeak().values());
        } else {
            final NirNode.Li li = (NirNode.Li) node;
            tau = li.tau().values();
            r = q.r(li.r().values());
            vLeak = q.r(li.vLeak().values());
        }
        this.dt = q.r(o.dtSeconds());
        this.exact = o.scheme() == RunOptions.Scheme.EXACT;
        final int n = tau.length;
        this.decay = new double[n];
        this.dtOverTau = new double[n];
        for (int i = 0; i < n; i++) {
            decay[i] = Math.exp(-o.dtSeconds() / tau[i]);
            dtOverTau[i] = q.coefficient(o.dtSeconds(), tau[i]);
        }
        this.eulerDecay = o.precision() == RunOptions.Precision.FLOAT32_COEFFICIENTS ? new double[n] : null;
        for (int i = 0; eulerDecay != null && i < n; i++) {
            eulerDecay[i] = (float) (1.0f - (float) dtOverTau[i]);
        }
        this.v = new double[n];
    }

    @Override
    public void step(final double[] x, final double[] y) {
        for (int i = 0; i < v.length; i++) {
            final double drive = q.r(r[i] * x[i]);
            if (exact) {
                final double[] vTh = firing.vTh;
                final double vInf = vLeak[i] + drive;
                double vi = vInf + (v[i] - vInf) * decay[i];
                double z = 0;
                if (firing.spiking && vi > vTh[i]) {
                    z = 1;
                    double remaining = dt;
                    double start = v[i];
                    while (vi > vTh[i]) {
                        // crossing inside the remaining time; at t = 0 if the start is already above threshold
                        final double tCross = start >= vTh[i] ? 0.0
                                : tau[i] * Math.log((start - vInf) / (vTh[i] - vInf));
                        remaining -= tCross;
                        start = firing.subtract ? vTh[i] - vTh[i] : firing.vReset[i];
                        vi = vInf + (start - vInf) * Math.exp(-remaining / tau[i]);
                        if (start >= vTh[i] || remaining <= 0) {
                            vi = start;
                            break;
                        }
                    }
                }
                v[i] = vi;
                y[i] = firing.spiking ? z : vi;
            } else {
                firing.settle(i, eulerDecay != null ? eulerDecay[i] * v[i] + dtOverTau[i] * (vLeak[i] + drive)
                        : q.r(v[i] + q.r(dtOverTau[i] * q.r(q.r(vLeak[i] - v[i]) + drive))), v, y);
            }
        }
    }

    @Override
    public double[] voltage() {
        return v;
    }
}
