package org.spikering.nir.run;

import org.spikering.nir.NirNode;

/**
 * NIR {@code I} and {@code IF}: dv/dt = R x, no leak, v starts at 0. Both schemes are the same (the update
 * is exact for x held over the step); the input reading is an option (NIR.md §4):
 * <pre>
 *   CHARGE:   v ← v + R x          (Sinabs' IAF; cnn_sinabs.nir stores r = 1, v_th = 1 for it)
 *   CURRENT:  v ← v + dt·R x       (dt in seconds)
 *   IF: z = 1 if v &gt; v_th at the end of the step; v ← v_reset or v − v_th.
 * </pre>
 */
final class IntegratingNeuron implements NodeStep {

    private final double[] r;
    private final double[] vTh;
    private final double[] vReset;
    private final double gain;
    private final boolean spiking;
    private final boolean subtract;
    private final Rounding q;
    private final double[] v;

    IntegratingNeuron(final NirNode node, final RunOptions o) {
        this.q = new Rounding(o.precision());
        if (node instanceof NirNode.IntegrateAndFire f) {
            r = q.r(f.r().values());
            vTh = q.r(f.vThreshold().values());
            vReset = q.r(f.vReset().values());
            spiking = true;
        } else {
            r = q.r(((NirNode.Integrator) node).r().values());
            vTh = null;
            vReset = null;
            spiking = false;
        }
        this.gain = o.integratorInput() == RunOptions.IntegratorInput.CURRENT ? q.r(o.dtSeconds()) : 1.0;
        this.subtract = o.reset() == RunOptions.Reset.SUBTRACT;
        this.v = new double[r.length];
    }

    @Override
    public void step(final double[] x, final double[] y) {
        for (int k = 0; k < v.length; k++) {
            double vk = q.r(v[k] + q.r(gain * q.r(r[k] * x[k])));
            double z = 0;
            if (spiking && vk > vTh[k]) {
                z = 1;
                vk = subtract ? q.r(vk - vTh[k]) : vReset[k];
            }
            v[k] = vk;
            y[k] = spiking ? z : vk;
        }
    }

    @Override
    public double[] voltage() {
        return v;
    }

    @Override
    public boolean spiking() {
        return spiking;
    }
}
