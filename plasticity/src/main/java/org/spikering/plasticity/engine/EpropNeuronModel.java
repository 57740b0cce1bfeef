package org.spikering.plasticity.engine;

import org.spikering.neuron.NeuronModel;
import org.spikering.neuron.NeuronPopulation;
import org.spikering.plasticity.network.NetworkParams;

/**
 * The recurrent e-prop neuron (NEST {@code eprop_iaf_bsshslm_2020}, or {@code eprop_iaf_adapt_bsshslm_2020}
 * when adaptive) as a model for sim-core's engine, with the dynamics of
 * {@link org.spikering.plasticity.network.ForwardPass} step for step (one engine step = one e-prop step):
 * <pre>
 *   r ← max(r − 1, 0)
 *   v ← α v + ζ I − v_th z          (I: summed weighted spikes arriving this step; z: own spike of the last step)
 *   a ← ρ a + z;   A = v_th + β_a a  (LIF: A = v_th)
 *   ψ = r &gt; 0 ? 0 : γ max(0, 1 − β |v − A|)
 *   z ← [v ≥ A and r = 0];  on a spike r = t_ref / dt
 * </pre>
 * Parameters and units as in {@link NetworkParams} (mV relative to rest, ms).
 *
 * @param params   network parameters.
 * @param adaptive true for threshold adaptation.
 */
public record EpropNeuronModel(NetworkParams params, boolean adaptive) implements NeuronModel {

    /** Validates. */
    public EpropNeuronModel {
        if (params == null) {
            throw new IllegalArgumentException("e-prop neuron: params must not be null");
        }
    }

    @Override
    public String modelName() {
        return adaptive ? "eprop_alif" : "eprop_lif";
    }

    @Override
    public NeuronPopulation createPopulation(final int size, final double dtMs) {
        if (Math.abs(dtMs - params.dtMs()) > 1e-12 * params.dtMs()) {
            throw new IllegalArgumentException("e-prop neuron: dt = " + dtMs + " ms: must equal the network's dt = "
                    + params.dtMs() + " ms");
        }
        return new EpropNeuronPopulation(params, adaptive, size);
    }

    /** State in structure-of-arrays form. State variables: V_m (mV), a, psi, z, refractory_steps. */
    static final class EpropNeuronPopulation implements NeuronPopulation {
        private static final String[] NAMES = {"V_m", "a", "psi", "z", "refractory_steps"};
        private final NetworkParams p;
        private final boolean adaptive;
        private final double alpha;
        private final double zeta;
        private final double rho;
        private final double[] v;
        private final double[] a;
        private final double[] psi;
        private final double[] z;
        private final int[] refractory;

        EpropNeuronPopulation(final NetworkParams p, final boolean adaptive, final int n) {
            this.p = p;
            this.adaptive = adaptive;
            this.alpha = p.alpha();
            this.zeta = p.zeta();
            this.rho = p.rho();
            this.v = new double[n];
            this.a = new double[n];
            this.psi = new double[n];
            this.z = new double[n];
            this.refractory = new int[n];
        }

        @Override
        public int size() {
            return v.length;
        }

        @Override
        public double dtMs() {
            return p.dtMs();
        }

        @Override
        public int inputChannels() {
            return 1;
        }

        @Override
        public int update(final long step, final int from, final int to, final double[] input0, final double[] input1,
                          final int[] spikes, final int spikeCount) {
            final double vth = p.thresholdMv();
            final double betaA = p.betaAdapt();
            final int refSteps = p.refractorySteps();
            int count = spikeCount;
            for (int j = from; j < to; j++) {
                final double zPrev = z[j];
                if (refractory[j] > 0) {
                    refractory[j]--;
                }
                final double vj = alpha * v[j] + zeta * input0[j] - vth * zPrev;
                double threshold = vth;
                if (adaptive) {
                    a[j] = rho * a[j] + zPrev;
                    threshold = vth + betaA * a[j];
                }
                v[j] = vj;
                psi[j] = refractory[j] > 0 ? 0.0 : p.surrogate(vj, threshold);
                if (vj >= threshold && refractory[j] == 0) {
                    z[j] = 1.0;
                    refractory[j] = refSteps;
                    spikes[count++] = j;
                } else {
                    z[j] = 0.0;
                }
            }
            return count;
        }

        @Override
        public void advanceWithoutInput(final int neuron, final long steps) {
            throw new UnsupportedOperationException("e-prop neurons are updated clock-driven only");
        }

        @Override
        public double membranePotential(final int neuron) {
            return v[neuron];
        }

        @Override
        public void setMembranePotential(final int neuron, final double vMillivolt) {
            v[neuron] = vMillivolt;
        }

        @Override
        public String[] stateVariableNames() {
            return NAMES.clone();
        }

        @Override
        public double stateVariable(final String name, final int neuron) {
            switch (name) {
                case "V_m":
                    return v[neuron];
                case "a":
                    return a[neuron];
                case "psi":
                    return psi[neuron];
                case "z":
                    return z[neuron];
                case "refractory_steps":
                    return refractory[neuron];
                default:
                    throw new IllegalArgumentException("state variable '" + name
                            + "' of the e-prop neuron: must be one of V_m, a, psi, z, refractory_steps");
            }
        }
    }
}
