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
    private final double[] a;
    private final double aKeep;
    private final double jump;

    public FloatCubaLif(int size, FixedLifParams p) {
        this(size, p, null);
    }

    /**
     * @param size       neurons.
     * @param p          parameters.
     * @param adaptation threshold adaptation (a ← a·(4096 − da)/4096, threshold vth + a, a += jump on a spike), or null.
     */
    public FloatCubaLif(int size, FixedLifParams p, FixedAdaptation adaptation) {
        a = adaptation == null ? null : new double[size];
        aKeep = adaptation == null ? 1.0 : (4096.0 - adaptation.da()) / 4096.0;
        jump = adaptation == null ? 0.0 : adaptation.jumpMant();
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
}
