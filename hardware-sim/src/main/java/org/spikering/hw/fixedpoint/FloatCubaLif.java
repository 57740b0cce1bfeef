package org.spikering.hw.fixedpoint;

/**
 * Floating-point reference of the same CUBA-LIF (Lava's {@code PyLifModelFloat}):
 * u ← u·(1 − du_f) + a_in; v ← v·(1 − dv_f) + u + bias; spike if v &gt; vth; v ← 0.
 * Built from {@link FixedLifParams} with du_f = (du+1)/4096, dv_f = dv/4096, bias = biasMant·2^biasExp,
 * so it is the real-valued model the integer one approximates.
 */
public final class FloatCubaLif {
    private final double[] u;
    private final double[] v;
    private final double uKeep;
    private final double vKeep;
    private final double bias;
    private final double vth;

    public FloatCubaLif(int size, FixedLifParams p) {
        u = new double[size];
        v = new double[size];
        uKeep = (4096.0 - (p.du() + 1)) / 4096.0;
        vKeep = (4096.0 - p.dv()) / 4096.0;
        bias = (double) p.biasMant() * (1 << p.biasExp());
        vth = p.vth();
    }

    /** One step; returns the number of spikes written into {@code spikes}. */
    public int update(double[] input, int[] spikes) {
        int c = 0;
        for (int i = 0; i < u.length; i++) {
            u[i] = u[i] * uKeep + input[i];
            double vn = v[i] * vKeep + u[i] + bias;
            if (vn > vth) {
                spikes[c++] = i;
                vn = 0;
            }
            v[i] = vn;
        }
        return c;
    }

    public double current(int i) {
        return u[i];
    }

    public double voltage(int i) {
        return v[i];
    }
}
