package org.spikering.plasticity.nestiaf;

import java.util.Arrays;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.SequenceBatch;

/**
 * NEST 3.9's current event-based e-prop ({@code eprop_iaf}, {@code eprop_iaf_adapt}, {@code eprop_readout},
 * {@code eprop_synapse}, {@code eprop_learning_signal_connection}; Korcsak-Gorzo et al. 2025), simulated step by step
 * in NEST's own time steps and event order, with continuous learning: no update interval, no reset between
 * sequences, every synapse updating its weight when its presynaptic neuron spikes. Not the
 * {@code *_bsshslm_2020} family ({@code nest-eprop}, Bellec et al. 2020's per-interval form). Every formula is NEST's
 * code (cited below); the team's summary of this family (EPROP.md §3) agrees with it on every point used here, and
 * where NEST's docstrings differ (ē without the (1 − κ) factor, the cut-off default) the code is followed.
 *
 * <h2>One step t (dt = 1 step; every connection delay is one step)</h2>
 * NEST delivers, at the start of step t, first the secondary events and then the spikes of stamp t, i.e. those
 * emitted while updating step t − 1 (nestkernel/simulation_manager.cpp, {@code SimulationManager::update_}: "Deliver
 * secondary events before primary events"); then every node updates step t.
 * <ol>
 * <li>Learning signals: the readouts' errors of step t − 1 (stamp t) are added to entry t − 2 of every recurrent
 *     neuron's history, L_j^{t−2} += B_jk·err_k^{t−1} ({@code eprop_iaf::handle(LearningSignalConnectionEvent&)},
 *     {@code EpropArchivingNodeRecurrent::write_learning_signal_to_history}: entry stamp − (delay_rec_out +
 *     delay_out_rec)). Target and learning window of readout step t arrive with them
 *     ({@code eprop_readout::handle(DelayedRateConnectionEvent&)}).</li>
 * <li>Spikes: for every presynaptic spike of stamp t each outgoing synapse runs {@code eprop_synapse::send}: it
 *     integrates its gradient since its previous spike t_p (below), lets the optimizer update its weight, and
 *     transmits the spike with the new weight. Input spikes are summed before recurrent ones (NEST's node order:
 *     parrot neurons precede the recurrent neurons).</li>
 * <li>Recurrent neuron j ({@code eprop_iaf::update}, {@code eprop_iaf_adapt::update}):
 *     <pre>
 *     r ← r − 1 if r &gt; 0
 *     v ← P_i·i + z_in + α·v                       (no ζ factor; z_in = Σ weights of spikes arriving now)
 *     adaptive: a ← ρ·a + z_prev,  A = v_th + β_a·a;   else A = v_th
 *     ψ = r &gt; 0 ? 0 : surrogate(v − A; γ, β)        (EpropArchivingNodeRecurrent::compute_*_surrogate_gradient)
 *     z = [v ≥ A and r = 0];  if z: v ← v − v_th, r ← t_ref/dt      (reset in the spike step itself)
 *     f_av ← κ_reg·f_av + (1 − κ_reg)·z/dt,  R = c_reg·(f_av − f_target·dt)   (write_firing_rate_reg_to_history)
 *     history entry t: (ψ, L = 0, R)
 *     </pre></li>
 * <li>Readout k ({@code eprop_readout::update}): v_k ← P_i·i + z_in + κ_out·v_k, y = v_k + E_L (E_L = 0),
 *     err = y − y*, then y*, y and err are multiplied by the learning-window signal; history entry t holds err, and
 *     err is sent as a learning signal with stamp t + 1.</li>
 * </ol>
 *
 * <h2>Gradient of synapse i → j between two presynaptic spikes (t_p, then t_s)</h2>
 * {@code eprop_iaf::compute_gradient} / {@code eprop_iaf_adapt::compute_gradient}, called by
 * {@code eprop_synapse::send} unless the spike is the synapse's first:
 * <pre>
 * t_end = min(t_p + Δt_c, t_s)                      (Δt_c = eprop_isi_trace_cutoff in steps)
 * for t in [t_p, t_end), reading history entry t − 1 (ψ, L, R):
 *     z = z_buf;  z_buf = [t = t_p]                 (the spike of t_p enters at entry t_p, one step late)
 *     z̄ ← α·z̄ + z
 *     e = ψ·z̄                       adaptive: e = ψ·(z̄ − β_a·ε),  ε ← ρ·ε + e
 *     ē ← κ·ē + e                   (no (1 − κ) factor: NEST's code; its docstring writes one)
 *     ē_reg ← κ_reg·ē_reg + (1 − κ_reg)·e
 *     g = L·ē + R·ē_reg;  optimize_each_step: w ← optimizer(t, g, w)   else: G += g
 * not optimize_each_step: w ← optimizer(t_end, G, w)
 * n = t_s − t_end &gt; 0:  z̄ ← α^n z̄,  ē ← κ^n ē,  ē_reg ← κ_reg^n ē_reg,  adaptive: ε ← ρ^n ε
 * </pre>
 * Output synapses j → k ({@code eprop_readout::compute_gradient}): z̄ ← κ_out·z̄ + z, g = err_k·z̄, same
 * optimizer and cut-off. Optimizer: {@link NestIafOptimizer}. Feedback weights B are static.
 *
 * <p>Timing: NEST's examples start their generators at 1 ms and route inputs through parrot neurons, so a pattern
 * spike of sequence step s arrives at the recurrent neurons at NEST step 2 + s, and target and learning window of
 * step s are set for readout step 2 + s (testsuite/pytests/test_eprop_plasticity.py: spike times from
 * {@code offset_gen} = 1, {@code amplitude_times} from {@code total_offset} = 2). The learner therefore runs
 * {@link #LEAD_IN_STEPS} = 2 empty steps before the first sequence; sequence step s of every later sequence is the
 * NEST step that follows the previous one, with nothing reset in between.
 *
 * <p>Computation: instead of keeping a neuron's whole history until a synapse's next spike, a synapse whose
 * presynaptic neuron stays silent for Δt_c steps integrates its [t_p, t_p + Δt_c) window as soon as that window's
 * learning signals are in (start of step t_p + Δt_c) and keeps the resulting weight aside until the next spike, when
 * NEST would compute it; the arithmetic is NEST's, in NEST's order, so the weights a spike carries are NEST's. The
 * weights {@link #weights} shows are those NEST shows (updated only at spikes).
 *
 * <p>Only regression (NEST 3.9's {@code eprop_readout} has no softmax); input spike counts are multiplicities.
 * Not thread-safe; deterministic (no random numbers).
 */
public final class NestIafLearner {
    /** NEST steps before the first sequence step: generator offset 1 + input (parrot) delay 1. */
    public static final int LEAD_IN_STEPS = 2;

    private final NestIafParams p;
    private final NestIafOptimizer opt;
    private final int nIn;
    private final int nRec;
    private final int nOut;
    private final boolean[] adaptive;
    private final double[] feedback;

    private final double alpha;
    private final double rho;
    private final double kappaOut;
    private final double pI;
    private final int refractory;
    private final int cut;
    private final int ringSize;

    // recurrent neurons
    private final double[] v;
    private final double[] a;
    private final double[] z;
    private final int[] r;
    private final double[] fAv;
    private final double[] iIn;
    private final double[] zIn;
    private final double[] psiH;
    private final double[] lH;
    private final double[] regH;
    // readouts
    private final double[] vOut;
    private final double[] zInOut;
    private final double[] errPrev;
    private final double[] errH;

    private final Projection in;
    private final Projection rec;
    private final Projection out;

    private long t;
    private long spikeCount;
    private long inputSpikeCount;
    private long synapticEvents;
    private long optimizerCalls;
    private boolean frozen;

    /**
     * @param p        neuron and synapse constants.
     * @param opt      the optimizer of every e-prop synapse.
     * @param adaptive per recurrent neuron: eprop_iaf_adapt (true) or eprop_iaf (false); length = n_rec.
     * @param wIn      input weights [j][i] (n_rec × n_in), copied.
     * @param wRec     recurrent weights [j][i] (n_rec × n_rec), copied; the diagonal is ignored (no autapses).
     * @param wOut     output weights [k][j] (n_out × n_rec), copied.
     * @param feedback feedback weights B [j][k] (n_rec × n_out), copied; static.
     * @param nIn      input neurons.
     * @param nOut     readouts.
     */
    public NestIafLearner(NestIafParams p, NestIafOptimizer opt, boolean[] adaptive, double[] wIn, double[] wRec,
            double[] wOut, double[] feedback, int nIn, int nOut) {
        if (p == null || opt == null || adaptive == null) {
            throw new IllegalArgumentException("params, optimizer, adaptive: must not be null");
        }
        this.p = p;
        this.opt = opt;
        this.nIn = positive("inputs", nIn);
        this.nRec = positive("recurrent", adaptive.length);
        this.nOut = positive("outputs", nOut);
        this.adaptive = adaptive.clone();
        check("W_in", wIn, nRec * nIn);
        check("W_rec", wRec, nRec * nRec);
        check("W_out", wOut, nOut * nRec);
        check("B", feedback, nRec * nOut);
        this.feedback = feedback.clone();
        alpha = p.alpha();
        rho = p.rho();
        kappaOut = p.kappaOut();
        pI = p.currentPropagator();
        refractory = p.refractorySteps();
        cut = p.cutoffSteps();
        ringSize = cut + 3;
        v = new double[nRec];
        a = new double[nRec];
        z = new double[nRec];
        r = new int[nRec];
        fAv = new double[nRec];
        iIn = new double[nRec];
        zIn = new double[nRec];
        psiH = new double[nRec * ringSize];
        lH = new double[nRec * ringSize];
        regH = new double[nRec * ringSize];
        vOut = new double[nOut];
        zInOut = new double[nOut];
        errPrev = new double[nOut];
        errH = new double[nOut * ringSize];
        in = new Projection(nIn, nRec, false, false, wIn.clone());
        rec = new Projection(nRec, nRec, false, true, wRec.clone());
        out = new Projection(nRec, nOut, true, false, wOut.clone());
    }

    private NestIafLearner(NestIafLearner o) {
        p = o.p;
        opt = o.opt;
        nIn = o.nIn;
        nRec = o.nRec;
        nOut = o.nOut;
        adaptive = o.adaptive;
        feedback = o.feedback;
        alpha = o.alpha;
        rho = o.rho;
        kappaOut = o.kappaOut;
        pI = o.pI;
        refractory = o.refractory;
        cut = o.cut;
        ringSize = o.ringSize;
        v = o.v.clone();
        a = o.a.clone();
        z = o.z.clone();
        r = o.r.clone();
        fAv = o.fAv.clone();
        iIn = o.iIn.clone();
        zIn = o.zIn.clone();
        psiH = o.psiH.clone();
        lH = o.lH.clone();
        regH = o.regH.clone();
        vOut = o.vOut.clone();
        zInOut = o.zInOut.clone();
        errPrev = o.errPrev.clone();
        errH = o.errH.clone();
        in = o.in.copy();
        rec = o.rec.copy();
        out = o.out.copy();
        t = o.t;
        spikeCount = o.spikeCount;
        inputSpikeCount = o.inputSpikeCount;
        synapticEvents = o.synapticEvents;
        optimizerCalls = o.optimizerCalls;
        frozen = o.frozen;
    }

    /** An independent copy of the whole state (weights, traces, optimizer, history, time). */
    public NestIafLearner copy() {
        return new NestIafLearner(this);
    }

    /** Input neurons. */
    public int inputs() {
        return nIn;
    }

    /** Recurrent neurons. */
    public int recurrent() {
        return nRec;
    }

    /** Readouts. */
    public int outputs() {
        return nOut;
    }

    /** The constants. */
    public NestIafParams params() {
        return p;
    }

    /** The optimizer. */
    public NestIafOptimizer optimizer() {
        return opt;
    }

    /**
     * Operation counts since construction (copies carry them): {recurrent spikes, input spikes, synaptic events
     * (spikes delivered to a neuron or readout), optimizer calls (one per synapse and presynaptic spike, or per step
     * with optimize_each_step), neuron updates (recurrent and readout, per step)}.
     */
    public long[] counts() {
        return new long[] {spikeCount, inputSpikeCount, synapticEvents, optimizerCalls, t * (nRec + nOut)};
    }

    /** The next NEST step to simulate. */
    public long time() {
        return t;
    }

    /** Which recurrent neurons are adaptive (a copy). */
    public boolean[] adaptive() {
        return adaptive.clone();
    }

    /** The feedback weights B [j][k] (a copy). */
    public double[] feedback() {
        return feedback.clone();
    }

    /**
     * The weights as NEST shows them: each synapse's weight after its last transmitted spike. A copy.
     *
     * @param which 0 = W_in [j][i], 1 = W_rec [j][i], 2 = W_out [k][j].
     */
    public double[] weights(int which) {
        switch (which) {
            case 0: return in.w.clone();
            case 1: return rec.w.clone();
            case 2: return out.w.clone();
            default: throw new IllegalArgumentException("weights(" + which + "): must be 0 (W_in), 1 (W_rec) or 2 (W_out)");
        }
    }

    /**
     * Presents sequence {@code b} of a regression batch: its steps follow the previous sequence's without reset; the
     * batch's loss mask is the learning window.
     *
     * @param batch the batch (regression only).
     * @param b     which sequence.
     * @param learn false: plastic synapses act as static ones (weights, traces and optimizer untouched; the learner
     *              cannot learn afterwards: freeze a {@link #copy()}).
     * @return loss and readout of the sequence.
     */
    public NestIafSequence present(SequenceBatch batch, int b, boolean learn) {
        if (batch.loss() != LossKind.REGRESSION_MSE) {
            throw new IllegalArgumentException("loss = " + batch.loss()
                    + ": NEST's eprop_readout computes only the mean squared error (regression tasks)");
        }
        if (batch.inputs() != nIn || batch.outputs() != nOut) {
            throw new IllegalArgumentException("batch has " + batch.inputs() + " inputs and " + batch.outputs()
                    + " outputs: the network has " + nIn + " and " + nOut);
        }
        if (b < 0 || b >= batch.batchSize()) {
            throw new IllegalArgumentException("sequence " + b + ": must be in [0, " + batch.batchSize() + ")");
        }
        int steps = batch.steps();
        float[] x = Arrays.copyOfRange(batch.inputSpikes(), b * steps * nIn, (b + 1) * steps * nIn);
        double[] y = Arrays.copyOfRange(batch.targets(), b * steps * nOut, (b + 1) * steps * nOut);
        boolean[] w = Arrays.copyOfRange(batch.lossMask(), b * steps, (b + 1) * steps);
        return present(x, y, w, steps, learn);
    }

    /**
     * Presents one sequence.
     *
     * @param x      input spike counts [s][i], steps × n_in.
     * @param target y* [s][k], steps × n_out.
     * @param window learning window per step (NEST's {@code learning_window_signal}), or null for all 1.
     * @param steps  steps of the sequence.
     * @param learn  false: plastic synapses act as static ones; a learner that presented a sequence so cannot learn
     *               again (its synapses missed those steps' spikes), so freeze a {@link #copy()}.
     * @return loss and readout.
     */
    public NestIafSequence present(float[] x, double[] target, boolean[] window, int steps, boolean learn) {
        positive("steps", steps);
        if (learn && frozen) {
            throw new IllegalStateException("this learner presented sequences without learning; it cannot learn again"
                    + " (present(..., false) on a copy() instead)");
        }
        frozen |= !learn;
        check("input spikes", x, steps * nIn);
        if (target == null || target.length != steps * nOut) {
            throw new IllegalArgumentException("target: must have steps * outputs = " + steps * nOut + " values");
        }
        if (window != null && window.length != steps) {
            throw new IllegalArgumentException("window: must have " + steps + " values");
        }
        while (t < LEAD_IN_STEPS) {
            step(null, 0, null, 0, 0.0, learn, null, 0);
        }
        double[] readout = new double[steps * nOut];
        long spikes = 0;
        double sum = 0.0;
        for (int s = 0; s < steps; s++) {
            double win = window == null || window[s] ? 1.0 : 0.0;
            spikes += step(x, s * nIn, target, s * nOut, win, learn, readout, s * nOut);
        }
        double[] tw = new double[nOut];
        for (int s = 0; s < steps; s++) {
            double win = window == null || window[s] ? 1.0 : 0.0;
            for (int k = 0; k < nOut; k++) {
                tw[k] = target[s * nOut + k] * win;
                double d = readout[s * nOut + k] - tw[k];
                sum += d * d;
            }
        }
        double rate = spikes / (double) nRec / (steps * p.dtMs() / 1000.0);
        return new NestIafSequence(0.5 * sum, readout, spikes, rate);
    }

    /** One NEST step; returns the recurrent spikes emitted in it. */
    private int step(float[] x, int xOff, double[] target, int tOff, double win, boolean learn, double[] yRec,
            int yOff) {
        final long now = t;
        // 1. secondary events of stamp now: learning signals for entry now − 2
        if (now >= 2) {
            int h = ring(now - 2);
            for (int j = 0; j < nRec; j++) {
                int row = j * nOut;
                for (int k = 0; k < nOut; k++) {
                    lH[j * ringSize + h] += feedback[row + k] * errPrev[k];
                }
            }
        }
        // synapses silent for Δt_c steps integrate their window now (their learning signals are all in)
        if (learn) {
            in.flush(now);
            rec.flush(now);
            out.flush(now);
        }
        // 2. spikes of stamp now
        Arrays.fill(zIn, 0.0);
        Arrays.fill(zInOut, 0.0);
        if (x != null) {
            for (int i = 0; i < nIn; i++) {
                float c = x[xOff + i];
                if (c != 0f) {
                    inputSpikeCount++;
                    synapticEvents += nRec;
                    if (learn) {
                        in.spike(i, now);
                    }
                    for (int j = 0; j < nRec; j++) {
                        zIn[j] += in.w[j * nIn + i] * c;
                    }
                }
            }
        }
        for (int i = 0; i < nRec; i++) {
            if (z[i] != 0.0) {
                synapticEvents += nRec - 1 + nOut;
                if (learn) {
                    rec.spike(i, now);
                    out.spike(i, now);
                }
                for (int j = 0; j < nRec; j++) {
                    if (j != i) {
                        zIn[j] += rec.w[j * nRec + i];
                    }
                }
                for (int k = 0; k < nOut; k++) {
                    zInOut[k] += out.w[k * nRec + i];
                }
            }
        }
        // 3. recurrent neurons update step now
        int h = ring(now);
        int spikes = 0;
        final double vTh = p.vThMv();
        for (int j = 0; j < nRec; j++) {
            if (r[j] > 0) {
                r[j]--;
            }
            double vj = pI * iIn[j] + zIn[j] + alpha * v[j];
            double thr = vTh;
            if (adaptive[j]) {
                a[j] = rho * a[j] + z[j];
                thr = vTh + p.adaptBetaMv() * a[j];
            }
            double zj = 0.0;
            double psi = r[j] > 0 ? 0.0 : p.surrogate().value(vj - thr, p.gamma(), p.beta());
            if (vj >= thr && r[j] == 0) {
                zj = 1.0;
                vj -= vTh * zj;
                r[j] = refractory;
                spikes++;
                spikeCount++;
            }
            v[j] = vj;
            z[j] = zj;
            fAv[j] = p.kappaReg() * fAv[j] + (1.0 - p.kappaReg()) * zj / p.dtMs();
            int e = j * ringSize + h;
            psiH[e] = psi;
            lH[e] = 0.0;
            regH[e] = p.cReg() * (fAv[j] - p.fTargetPerMs() * p.dtMs());
            iIn[j] = p.iEPa();
        }
        // 4. readouts update step now (readout I_e = 0: its current term vanishes)
        for (int k = 0; k < nOut; k++) {
            double vk = zInOut[k] + kappaOut * vOut[k];
            vOut[k] = vk;
            double y = vk + 0.0;
            double tk = target == null ? 0.0 : target[tOff + k];
            double err = y - tk;
            y *= win;
            err *= win;
            errH[k * ringSize + h] = err;
            errPrev[k] = err;
            if (yRec != null) {
                yRec[yOff + k] = y;
            }
        }
        t = now + 1;
        return spikes;
    }

    private int ring(long step) {
        return (int) (step % ringSize);
    }

    /** The e-prop synapses from one population to another (all to all; {@code noAutapses}: not i → i). */
    private final class Projection {
        final int nPre;
        final int nPost;
        final boolean toReadout;
        final boolean noAutapses;
        final double[] w;
        final double[] wNext;
        final long[] tPrev;
        final boolean[] pending;
        final double[] zbar;
        final double[] ebar;
        final double[] ebarReg;
        final double[] eps;
        final double[] zBuf;
        final NestIafOptimizer.State os;
        final int[][] bucket;
        final int[] bucketSize;

        Projection(int nPre, int nPost, boolean toReadout, boolean noAutapses, double[] w) {
            this.nPre = nPre;
            this.nPost = nPost;
            this.toReadout = toReadout;
            this.noAutapses = noAutapses;
            this.w = w;
            int n = nPre * nPost;
            wNext = new double[n];
            tPrev = new long[nPre];
            pending = new boolean[nPre];
            zbar = new double[n];
            ebar = new double[n];
            ebarReg = new double[n];
            eps = new double[n];
            zBuf = new double[n];
            os = new NestIafOptimizer.State(n, opt.kind() == NestIafOptimizer.Kind.ADAM);
            bucket = new int[cut + 1][];
            bucketSize = new int[cut + 1];
        }

        private Projection(Projection o) {
            nPre = o.nPre;
            nPost = o.nPost;
            toReadout = o.toReadout;
            noAutapses = o.noAutapses;
            w = o.w.clone();
            wNext = o.wNext.clone();
            tPrev = o.tPrev.clone();
            pending = o.pending.clone();
            zbar = o.zbar.clone();
            ebar = o.ebar.clone();
            ebarReg = o.ebarReg.clone();
            eps = o.eps.clone();
            zBuf = o.zBuf.clone();
            os = o.os.copy();
            bucket = new int[o.bucket.length][];
            for (int b = 0; b < bucket.length; b++) {
                bucket[b] = o.bucket[b] == null ? null : o.bucket[b].clone();
            }
            bucketSize = o.bucketSize.clone();
        }

        Projection copy() {
            return new Projection(this);
        }

        /** {@code eprop_synapse::send} of every synapse from {@code i}, for a spike of stamp {@code ts}. */
        void spike(int i, long ts) {
            long tp = tPrev[i];
            if (tp != 0) {
                long until;
                if (pending[i]) {
                    until = Math.min(tp + cut, ts);
                    for (int j = 0; j < nPost; j++) {
                        if (!(noAutapses && j == i)) {
                            int s = j * nPre + i;
                            w[s] = integrate(s, j, tp, until, w[s]);
                        }
                    }
                } else {
                    until = tp + cut;
                    for (int j = 0; j < nPost; j++) {
                        int s = j * nPre + i;
                        w[s] = wNext[s];
                    }
                }
                long n = ts - until;
                if (n > 0) {
                    for (int j = 0; j < nPost; j++) {
                        if (!(noAutapses && j == i)) {
                            decay(j * nPre + i, j, n);
                        }
                    }
                }
            }
            tPrev[i] = ts;
            pending[i] = true;
            schedule(i, ts + cut);
        }

        /** Integrates, at the start of step {@code now}, the synapses whose cut-off window ends now. */
        void flush(long now) {
            int b = (int) (now % (cut + 1));
            int size = bucketSize[b];
            if (size == 0) {
                return;
            }
            int[] list = bucket[b];
            for (int q = 0; q < size; q++) {
                int i = list[q];
                if (pending[i] && tPrev[i] + cut == now) {
                    for (int j = 0; j < nPost; j++) {
                        int s = j * nPre + i;
                        wNext[s] = noAutapses && j == i ? w[s] : integrate(s, j, tPrev[i], now, w[s]);
                    }
                    pending[i] = false;
                }
            }
            bucketSize[b] = 0;
        }

        private void schedule(int i, long when) {
            int b = (int) (when % (cut + 1));
            int[] list = bucket[b];
            if (list == null) {
                list = new int[4];
                bucket[b] = list;
            } else if (bucketSize[b] == list.length) {
                list = Arrays.copyOf(list, list.length * 2);
                bucket[b] = list;
            }
            list[bucketSize[b]++] = i;
        }

        /** The compute_gradient loop over [from, until) of synapse s onto post; returns the weight. */
        private double integrate(int s, int post, long from, long until, double weight) {
            return toReadout ? integrateReadout(s, post, from, until, weight)
                    : integrateRecurrent(s, post, from, until, weight);
        }

        private double integrateRecurrent(int s, int post, long from, long until, double weight) {
            final boolean ad = adaptive[post];
            final double kappa = p.kappa();
            final double kappaReg = p.kappaReg();
            final double betaA = p.adaptBetaMv();
            final boolean eachStep = opt.eachStep();
            final int base = post * ringSize;
            double zb = zbar[s];
            double eb = ebar[s];
            double er = ebarReg[s];
            double ep = eps[s];
            double zp = zBuf[s];
            double zc = 1.0;
            double g = 0.0;
            double wt = weight;
            int h = ring(from - 1);
            for (long tt = from; tt < until; tt++) {
                double zz = zp;
                zp = zc;
                zc = 0.0;
                int e = base + h;
                h = h + 1 == ringSize ? 0 : h + 1;
                double psi = psiH[e];
                zb = alpha * zb + zz;
                double el;
                if (ad) {
                    el = psi * (zb - betaA * ep);
                    ep = rho * ep + el;
                } else {
                    el = psi * zb;
                }
                eb = kappa * eb + el;
                er = kappaReg * er + (1.0 - kappaReg) * el;
                double gt = lH[e] * eb + regH[e] * er;
                if (eachStep) {
                    wt = opt.optimizedWeight(os, s, tt, gt, wt);
                } else {
                    g += gt;
                }
            }
            if (!eachStep) {
                wt = opt.optimizedWeight(os, s, until, g, wt);
            }
            optimizerCalls += eachStep ? until - from : 1;
            zbar[s] = zb;
            ebar[s] = eb;
            ebarReg[s] = er;
            eps[s] = ep;
            zBuf[s] = zp;
            return wt;
        }

        private double integrateReadout(int s, int post, long from, long until, double weight) {
            final boolean eachStep = opt.eachStep();
            final int base = post * ringSize;
            double zb = zbar[s];
            double zp = zBuf[s];
            double zc = 1.0;
            double g = 0.0;
            double wt = weight;
            int h = ring(from - 1);
            for (long tt = from; tt < until; tt++) {
                double zz = zp;
                zp = zc;
                zc = 0.0;
                double l = errH[base + h];
                h = h + 1 == ringSize ? 0 : h + 1;
                zb = kappaOut * zb + zz;
                if (eachStep) {
                    wt = opt.optimizedWeight(os, s, tt, l * zb, wt);
                } else {
                    g += l * zb;
                }
            }
            if (!eachStep) {
                wt = opt.optimizedWeight(os, s, until, g, wt);
            }
            optimizerCalls += eachStep ? until - from : 1;
            zbar[s] = zb;
            zBuf[s] = zp;
            return wt;
        }

        /** The traces' decay over the n steps between the cut-off and the spike. */
        private void decay(int s, int post, long n) {
            if (toReadout) {
                zbar[s] *= StrictMath.pow(kappaOut, n);
                return;
            }
            zbar[s] *= StrictMath.pow(alpha, n);
            ebar[s] *= StrictMath.pow(p.kappa(), n);
            ebarReg[s] *= StrictMath.pow(p.kappaReg(), n);
            if (adaptive[post]) {
                eps[s] *= StrictMath.pow(rho, n);
            }
        }
    }

    private static int positive(String name, int n) {
        if (n < 1) {
            throw new IllegalArgumentException(name + " = " + n + ": must be >= 1");
        }
        return n;
    }

    private static void check(String name, double[] w, int n) {
        if (w == null || w.length != n) {
            throw new IllegalArgumentException(name + ": must have " + n + " values");
        }
        for (double d : w) {
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException(name + " holds " + d + ": weights must be finite");
            }
        }
    }

    private static void check(String name, float[] x, int n) {
        if (x == null || x.length != n) {
            throw new IllegalArgumentException(name + ": must have " + n + " values");
        }
    }
}
