package org.spikering.hw.fixedpoint;

import org.spikering.neuron.NeuronPopulation;

/**
 * Floating-point reference of the same CUBA-LIF (Lava's {@code PyLifModelFloat}):
 * u ← u·(1 − du_f) + a_in; v ← v·(1 − dv_f) + u + bias; spike if v &gt; vth; v ← 0.
 * Built from {@link FixedLifParams} with du_f = (du+1)/4096, dv_f = dv/4096, bias = biasMant·2^biasExp,
 * so it is the real-valued model the integer one approximates. As a {@link NeuronPopulation} (one input
 * channel carrying a_in, all signs; see {@link FloatCubaLifModel}) it runs on the engine as the float twin of
 * {@link FixedPointLifPopulation}; state variables {@code V_m} (v) and {@code I_syn} (u) in the model's units.
 */
public final class FloatCubaLif implements NeuronPopulation {
    private final double[] u;
    private final double[] v;
    private final double uKeep;
    private final double vKeep;
    private final double bias;
    private final double vth;
    private final double dtMs;
    private final double[] a;
    private final double aKeep;
    private final double jump;

    public FloatCubaLif(int size, FixedLifParams p) {
        this(size, p, null);
    }

    /**
     * @param size       neurons, &ge; 1.
     * @param p          parameters.
     * @param adaptation threshold adaptation (a ← a·(4096 − da)/4096, threshold vth + a, a += jump on a spike), or null.
     */
    public FloatCubaLif(int size, FixedLifParams p, FixedAdaptation adaptation) {
        if (size < 1) {
            throw new IllegalArgumentException("size = " + size + ": must be >= 1");
        }
        a = adaptation == null ? null : new double[size];
        aKeep = adaptation == null ? 1.0 : (4096.0 - adaptation.da()) / 4096.0;
        jump = adaptation == null ? 0.0 : adaptation.jumpMant();
        u = new double[size];
        v = new double[size];
        uKeep = (4096.0 - (p.du() + 1)) / 4096.0;
        vKeep = (4096.0 - p.dv()) / 4096.0;
        bias = (double) p.biasMant() * (1 << p.biasExp());
        vth = p.vth();
        dtMs = p.dtMs();
    }

    /** One step of all neurons; returns the number of spikes written into {@code spikes}. */
    public int update(double[] input, int[] spikes) {
        return update(0, 0, u.length, input, null, spikes, 0);
    }

    @Override
    public int update(long step, int from, int to, double[] input0, double[] input1, int[] spikes, int spikeCount) {
        int c = spikeCount;
        for (int i = from; i < to; i++) {
            u[i] = u[i] * uKeep + input0[i];
            double vn = v[i] * vKeep + u[i] + bias;
            final double an = a == null ? 0.0 : a[i] * aKeep;
            if (vn > vth + an) {
                spikes[c++] = i;
                vn = 0;
                if (a != null) {
                    a[i] = an + jump;
                }
            } else if (a != null) {
                a[i] = an;
            }
            v[i] = vn;
        }
        return c;
    }

    @Override
    public int size() {
        return u.length;
    }

    @Override
    public double dtMs() {
        return dtMs;
    }

    @Override
    public int inputChannels() {
        return 1;
    }

    /** As {@link #update} with zero input, {@code steps} times, without emitting spikes (a crossing resets v). */
    @Override
    public void advanceWithoutInput(int neuron, long steps) {
        for (long k = 0; k < steps; k++) {
            u[neuron] *= uKeep;
            final double vn = v[neuron] * vKeep + u[neuron] + bias;
            final double an = a == null ? 0.0 : a[neuron] * aKeep;
            v[neuron] = vn > vth + an ? 0 : vn;
            if (a != null) {
                a[neuron] = vn > vth + an ? an + jump : an;
            }
        }
    }

    public double current(int i) {
        return u[i];
    }

    /**
     * @param i neuron.
     * @return adaptation state (0 without adaptation).
     */
    public double adaptation(int i) {
        return a == null ? 0.0 : a[i];
    }

    public double voltage(int i) {
        return v[i];
    }

    @Override
    public double membranePotential(int neuron) {
        return v[neuron];
    }

    @Override
    public void setMembranePotential(int neuron, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("V_m = " + value + ": must be finite");
        }
        v[neuron] = value;
    }

    @Override
    public String[] stateVariableNames() {
        return new String[] {"V_m", "I_syn"};
    }

    /** @return V_m (v) and I_syn (u); the adaptation starts at 0. */
    @Override
    public String[] settableStateVariableNames() {
        return new String[] {"V_m", "I_syn"};
    }

    /** Sets v (V_m) or u (I_syn), any finite value in the model's units. */
    @Override
    public void setStateVariable(String name, int neuron, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " = " + value + ": must be finite");
        }
        if ("V_m".equals(name)) {
            v[neuron] = value;
        } else if ("I_syn".equals(name)) {
            u[neuron] = value;
        } else {
            throw new IllegalArgumentException("state variable '" + name + "' of loihi_lif_float: cannot be set"
                    + " (settable: V_m, I_syn)");
        }
    }

    @Override
    public double stateVariable(String name, int neuron) {
        if ("V_m".equals(name)) {
            return v[neuron];
        }
        if ("I_syn".equals(name)) {
            return u[neuron];
        }
        throw new IllegalArgumentException("state variable = " + name + ": must be one of V_m, I_syn");
    }
}
