package org.spikering.hw.fixedpoint;

import org.spikering.neuron.NeuronPopulation;

/**
 * Exact integer CUBA-LIF after Lava's {@code PyLifModelBitAcc} (HARDWARE.md §1.1). One step, all integers:
 * <pre>
 *   u ← wrap_W( sign(u)·((|u|·(4096 − (du+1))) &gt;&gt; 12) + sat_in(a_in) &lt;&lt; s )     (truncation toward zero)
 *   v ← sat_W(  sign(v)·((|v|·(4096 − dv)) &gt;&gt; 12) + u + (biasMant &lt;&lt; biasExp) &lt;&lt; s )
 *   spike if v &gt; vth &lt;&lt; s (strict); then v ← 0
 * </pre>
 * W = stateWidth (Lava 24), s = shift (Lava 6). u wraps, v saturates, a_in saturates to inputWidth bits;
 * every event is counted in {@link #overflow()}. Input channel 0 carries a_in (one channel, all signs);
 * non-integer inputs are rounded to nearest. Refractoriness and delays are omitted, as in Lava.
 * Reported values: {@code V_m} and {@code I_syn} as raw · 2^−s (float units); no unit conversion.
 * Deterministic: pure integer arithmetic, independent of thread partitioning.
 */
public final class FixedPointLifPopulation implements NeuronPopulation {
    private final FixedLifParams p;
    private final long[] u;
    private final long[] v;
    private final long uFactor;
    private final long vFactor;
    private final long biasRaw;
    private final long thresholdRaw;
    private final long maxState;
    private final long maxIn;
    private final OverflowCounter overflow = new OverflowCounter();
    private final int wrapShift;
    private final long[] adaptation;
    private final long aFactor;
    private final long jumpRaw;

    public FixedPointLifPopulation(int size, FixedLifParams params) {
        this(size, params, null);
    }

    /**
     * @param size       neurons, &ge; 1.
     * @param params     integer LIF parameters.
     * @param adaptation threshold adaptation, or null for none.
     */
    public FixedPointLifPopulation(int size, FixedLifParams params, FixedAdaptation adaptation) {
        if (size < 1) {
            throw new IllegalArgumentException("size = " + size + ": must be >= 1");
        }
        this.p = java.util.Objects.requireNonNull(params, "params");
        this.u = new long[size];
        this.v = new long[size];
        this.uFactor = 4096L - (params.du() + 1L);
        this.vFactor = 4096L - params.dv();
        this.biasRaw = ((long) params.biasMant() << params.biasExp()) << params.shift();
        this.thresholdRaw = params.vth() << params.shift();
        this.maxState = (1L << (params.stateWidth() - 1)) - 1;
        this.maxIn = (1L << (params.inputWidth() - 1)) - 1;
        this.wrapShift = 64 - params.stateWidth();
        this.adaptation = adaptation == null ? null : new long[size];
        this.aFactor = adaptation == null ? 4096 : 4096L - adaptation.da();
        this.jumpRaw = adaptation == null ? 0 : adaptation.jumpMant() << params.shift();
    }

    /** sign(x)·((|x|·f) &gt;&gt; 12): Lava's decay with truncation toward zero. */
    static long decay(long x, long factor) {
        final long m = (Math.abs(x) * factor) >> 12;
        return x < 0 ? -m : m;
    }

    @Override
    public int size() {
        return u.length;
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
    public int update(long step, int from, int to, double[] input0, double[] input1,
                      int[] spikes, int spikeCount) {
        int c = spikeCount;
        final int s = p.shift();
        for (int i = from; i < to; i++) {
            long a = (long) Math.rint(input0[i]);
            if (a > maxIn) {
                overflow.saturated();
                a = maxIn;
            } else if (a < -maxIn - 1) {
                overflow.saturated();
                a = -maxIn - 1;
            }
            long un = decay(u[i], uFactor) + (a << s);
            if (un > maxState || un < -maxState - 1) {
                overflow.wrapped();
                un = (un << wrapShift) >> wrapShift;
            }
            u[i] = un;
            long vn = decay(v[i], vFactor) + un + biasRaw;
            if (vn > maxState) {
                overflow.saturated();
                vn = maxState;
            } else if (vn < -maxState) {
                overflow.saturated();
                vn = -maxState;
            }
            long an = 0;
            if (adaptation != null) {
                an = decay(adaptation[i], aFactor);
            }
            if (vn > thresholdRaw + an) {
                spikes[c++] = i;
                vn = 0;
                if (adaptation != null) {
                    an += jumpRaw;
                    if (an > maxState) {
                        overflow.saturated();
                        an = maxState;
                    }
                }
            }
            v[i] = vn;
            if (adaptation != null) {
                adaptation[i] = an;
            }
        }
        return c;
    }

    /**
     * As {@link #update} with zero input, {@code steps} times, without emitting spikes: u and the adaptation decay,
     * v decays, integrates u and the bias and saturates; a crossing resets v to 0 and raises the adaptation.
     */
    @Override
    public void advanceWithoutInput(int neuron, long steps) {
        for (long k = 0; k < steps; k++) {
            // single-neuron step without input (no allocation in the loop)
            long un = decay(u[neuron], uFactor);
            u[neuron] = un;
            long vn = decay(v[neuron], vFactor) + un + biasRaw;
            vn = Math.max(-maxState, Math.min(maxState, vn));
            long an = adaptation == null ? 0 : decay(adaptation[neuron], aFactor);
            if (vn > thresholdRaw + an) {
                vn = 0;
                an += jumpRaw;
                if (an > maxState) {
                    overflow.saturated();
                    an = maxState;
                }
            }
            v[neuron] = vn;
            if (adaptation != null) {
                adaptation[neuron] = an;
            }
        }
    }

    /**
     * @param i neuron.
     * @return raw adaptation state a of neuron i (0 without adaptation).
     */
    public long rawAdaptation(int i) {
        return adaptation == null ? 0 : adaptation[i];
    }

    /** @return raw current u of neuron i. */
    public long rawCurrent(int i) {
        return u[i];
    }

    /** @return raw voltage v of neuron i. */
    public long rawVoltage(int i) {
        return v[i];
    }

    @Override
    public double membranePotential(int neuron) {
        return Math.scalb((double) v[neuron], -p.shift());
    }

    @Override
    public void setMembranePotential(int neuron, double vMillivolt) {
        v[neuron] = Math.max(-maxState, Math.min(maxState, (long) Math.rint(Math.scalb(vMillivolt, p.shift()))));
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

    /**
     * Sets v (V_m) or u (I_syn) exactly, in the reported units raw · 2^−s: the value times 2^s must be a whole number
     * within ±(2^(W−1) − 1), so no rounding or saturation happens here (unlike {@link #setMembranePotential}).
     */
    @Override
    public void setStateVariable(String name, int neuron, double value) {
        if (!"V_m".equals(name) && !"I_syn".equals(name)) {
            throw new IllegalArgumentException("state variable '" + name + "' of loihi_lif: cannot be set (settable: V_m,"
                    + " I_syn)");
        }
        final double raw = Math.scalb(value, p.shift());
        if (!(raw == Math.rint(raw) && Math.abs(raw) <= maxState)) {
            throw new IllegalArgumentException(name + " = " + value + ": must be a multiple of 2^-" + p.shift()
                    + " within +-" + Math.scalb((double) maxState, -p.shift()) + " (a raw state of " + p.stateWidth()
                    + " bits, reported as raw * 2^-" + p.shift() + ")");
        }
        if ("V_m".equals(name)) {
            v[neuron] = (long) raw;
        } else {
            u[neuron] = (long) raw;
        }
    }

    @Override
    public double stateVariable(String name, int neuron) {
        if ("V_m".equals(name)) {
            return membranePotential(neuron);
        }
        if ("I_syn".equals(name)) {
            return Math.scalb((double) u[neuron], -p.shift());
        }
        throw new IllegalArgumentException("state variable = " + name + ": must be one of V_m, I_syn");
    }

    /** @return overflow events so far (u wraps, v and a_in saturations). */
    public OverflowCounter overflow() {
        return overflow;
    }

    public FixedLifParams params() {
        return p;
    }
}
