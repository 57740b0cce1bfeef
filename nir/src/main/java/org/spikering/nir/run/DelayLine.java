package org.spikering.nir.run;

/**
 * y[k] = x[k − d_i] per element i, with d_i whole steps (0 before the line has filled): NIR {@code Delay}
 * (d_i = τ_d,i / dt) and the synaptic delay option. A ring of the largest delay + 1 slots.
 */
final class DelayLine implements NodeStep {

    private final int[] delaySteps;
    private final double[][] ring;
    private int head;

    DelayLine(final int[] delaySteps) {
        this.delaySteps = delaySteps.clone();
        int max = 0;
        for (int d : delaySteps) {
            max = Math.max(max, d);
        }
        this.ring = new double[max + 1][delaySteps.length];
    }

    @Override
    public void step(final double[] x, final double[] y) {
        System.arraycopy(x, 0, ring[head], 0, x.length);
        for (int i = 0; i < delaySteps.length; i++) {
            y[i] = ring[Math.floorMod(head - delaySteps[i], ring.length)][i];
        }
        head = (head + 1) % ring.length;
    }
}
