package org.spikering.nir.run;

import org.spikering.nir.NirNode;

/**
 * NIR {@code CubaLI} and {@code CubaLIF}: τ_syn dI/dt = −I + w_in ⊙ x, τ_mem dv/dt = (v_leak − v) + R I,
 * x held over the step, taus in seconds, I and v start at 0.
 *
 * <pre>
 *   EULER:  I ← I + (dt/τ_syn)(−I + w_in x);  v ← v + (dt/τ_mem)(v_leak − v + R I_new)   (the new I: NIR.md §4,
 *           reproduces snnTorch and Norse)
 *   EXACT (zero-order hold, τ_s ≠ τ_m; the limit τ_s = τ_m via expm1 below):
 *           I(dt) = w x + (I₀ − w x) e^{−dt/τ_s}
 *           v(dt) = v_leak + R w x + (v₀ − v_leak − R w x) e^{−dt/τ_m} + R (I₀ − w x) τ_s/(τ_s − τ_m) (e^{−dt/τ_s} − e^{−dt/τ_m})
 *   CubaLIF: z = 1 if v &gt; v_th at the end of the step; v ← v_reset or v − v_th; I is not reset.
 * </pre>
 * EXACT tests the threshold at the end of the step only (v(t) is not monotone within a step here).
 */
final class CubaNeuron extends NirNeuron {

    private final double[] tauSyn;
    private final double[] tauMem;
    private final double[] r;
    private final double[] vLeak;
    private final double[] wIn;
    private final double dt;
    private final boolean exact;
    private final double[] i;
    private final double[] v;

    CubaNeuron(final NirNode node, final RunOptions o) {
        super(node, o);
        if (node instanceof NirNode.CubaLif c) {
            tauSyn = c.tauSyn().values();
            tauMem = c.tauMem().values();
            r = q.r(c.r().values());
            vLeak = q.r(c.vLeak().values());
            wIn = q.r(c.wIn().values());
        } else {
            final NirNode.CubaLi c = (NirNode.CubaLi) node;
            tauSyn = c.tauSyn().values();
            tauMem = c.tauMem().values();
            r = q.r(c.r().values());
            vLeak = q.r(c.vLeak().values());
            wIn = q.r(c.wIn().values());
        }
        this.dt = o.dtSeconds();
        this.exact = o.scheme() == RunOptions.Scheme.EXACT;
        this.i = new double[tauMem.length];
        this.v = new double[tauMem.length];
    }

    @Override
    public void step(final double[] x, final double[] y) {
        for (int k = 0; k < v.length; k++) {
            final double wx = q.r(wIn[k] * x[k]);
            double vk;
            if (exact) {
                final double es = Math.exp(-dt / tauSyn[k]);
                final double em = Math.exp(-dt / tauMem[k]);
                final double vInf = vLeak[k] + r[k] * wx;
                final double i0 = i[k] - wx;
                vk = vInf + (v[k] - vInf) * em + r[k] * i0 * coupling(dt, tauSyn[k], tauMem[k]);
                i[k] = wx + i0 * es;
            } else {
                i[k] = q.r(i[k] + q.r(q.coefficient(dt, tauSyn[k]) * q.r(wx - i[k])));
                vk = q.r(v[k] + q.r(q.coefficient(dt, tauMem[k]) * q.r(q.r(vLeak[k] - v[k]) + q.r(r[k] * i[k]))));
            }
            firing.settle(k, vk, v, y);
        }
    }

    /**
     * τ_s/(τ_s − τ_m)·(e^{−h/τ_s} − e^{−h/τ_m}) = e^{−h/τ_m}·(e^{h a} − 1)/a / τ_m with a = 1/τ_m − 1/τ_s,
     * evaluated with expm1 (and its Taylor series near a = 0, i.e. τ_s = τ_m, where the limit is h/τ_m·e^{−h/τ_m}).
     */
    static double coupling(final double h, final double tauS, final double tauM) {
        final double a = 1.0 / tauM - 1.0 / tauS;
        final double ha = h * a;
        final double quotient = Math.abs(ha) < 1e-6 ? h * (1 + ha / 2 + ha * ha / 6) : Math.expm1(ha) / a;
        return Math.exp(-h / tauM) * quotient / tauM;
    }

    @Override
    public double[] voltage() {
        return v;
    }

    @Override
    public double[] current() {
        return i;
    }
}
