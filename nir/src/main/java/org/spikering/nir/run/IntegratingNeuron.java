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
final class IntegratingNeuron extends NirNeuron {

    private final double[] r;
    private final double gain;
    private final double[] v;

    IntegratingNeuron(final NirNode node, final RunOptions o) {
        super(node, o);
        if (node instanceof NirNode.IntegrateAndFire f) {
            r = q.r(f.r().values());
        } else {
            r = q.r(((NirNode.Integrator) node).r().values());
        }
        this.gain = o.integratorInput() == RunOptions.IntegratorInput.CURRENT ? q.r(o.dtSeconds()) : 1.0;
        this.v = new double[r.length];
    }

    @Override
    public void step(final double[] x, final double[] y) {
        for (int k = 0; k < v.length; k++) {
            firing.settle(k, q.r(v[k] + q.r(gain * q.r(r[k] * x[k]))), v, y);
        }
    }

    @Override
    public double[] voltage() {
        return v;
    }
}
