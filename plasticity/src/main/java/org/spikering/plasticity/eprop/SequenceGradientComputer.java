package org.spikering.plasticity.eprop;

import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.feedback.Feedback;
import org.spikering.plasticity.network.ForwardModel;
import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.StateUpdateHook;
import org.spikering.plasticity.network.Trajectory;
import org.spikering.plasticity.network.TrajectoryListener;
import org.spikering.plasticity.reg.RateRegularisation;

/**
 * Shared batch loop of the e-prop computations: forward pass, learning signals, per-sequence
 * eligibility-trace gradient (subclass), output-weight gradient, mean over the batch.
 * Output weights (both computations): zbar_j^t = κ zbar_j^{t−1} + ζ_out z_j^t, dE/dW^out_kj = Σ_t err_k^t zbar_j^t.
 */
abstract class SequenceGradientComputer implements GradientComputer {
    private final Feedback feedback;
    private final RecurrentSignal signal;
    private Trajectory trajectory;
    private double[] recSignalBuffer = new double[0];
    /** MDGL's cell-type gains w_ab of the current batch ({@link LearningSignals#cellTypeGains}). */
    private double[] gains = new double[4];
    private double[] regFactor = new double[0];
    private boolean nestLateLastSignal;
    private ForwardModel forward = ForwardModel.LOOPS;
    private TrajectoryListener listener = TrajectoryListener.NONE;
    /** Reward-based e-prop's errors and value signal, or null for the supervised errors of the forward pass. */
    private ActorCritic reward;

    SequenceGradientComputer(Feedback feedback, RecurrentSignal signal) {
        if (feedback == null) {
            throw new IllegalArgumentException("feedback: must not be null");
        }
        if (signal == null) {
            throw new IllegalArgumentException("recurrent learning signal: must not be null");
        }
        this.feedback = feedback;
        this.signal = signal;
    }


    /**
     * Reproduces NEST 3.9's {@code *_bsshslm_2020} e-prop, which leaves the last step's learning-signal term
     * L_j^{T−1} ebar_ji^{T−1} out of the gradient of every synapse i → j whose presynaptic neuron's first spike of
     * the following interval arrives at that interval's step 1: the spike reaches the synapse before the readout has
     * computed the error of step T−1. In NEST's time steps (dt = 1 ms, every delay one step, update interval T;
     * interval k of a recurrent neuron holds its history steps [kT + 2, (k+1)T + 2), 2 being
     * {@code eprop_iaf_bsshslm_2020::get_shift()} = offset_gen + delay_in_rec):
     * <ol>
     * <li>{@code eprop_iaf_bsshslm_2020::update} appends the history entry of step τ (ψ^τ, learning signal 0)
     * while updating step τ.</li>
     * <li>A spike of j at step τ has stamp τ + 1 and enters the readout's V_m at step τ + 1.
     * {@code eprop_readout_bsshslm_2020::update} computes, while updating step τ + 2, the error
     * {@code readout_signal_ − target_signal_} whose {@code readout_signal_} is the V_m of the step before, and sends
     * it at the end of the step ({@code send_secondary}, a {@code LearningSignalConnectionEvent}, stamp τ + 3).
     * {@code EpropArchivingNodeRecurrent::write_learning_signal_to_history(τ + 3, B_jk err)} adds it to the entry
     * stamp − (delay_rec_out + delay_out_rec + delay_out_norm) = τ.</li>
     * <li>{@code eprop_synapse_bsshslm_2020::send} runs when a spike with stamp t_spike is delivered, at the start of
     * step t_spike, before any node updates that step ({@code SimulationManager::update_}). A spike whose interval
     * step (t_spike − 2) mod T is 0 is not transmitted to a recurrent neuron. The first spike with
     * t_spike &gt; t_next_update + 2 triggers {@code compute_gradient}, which reads the history from the interval's
     * first presynaptic spike up to t_next_update + 2, exclusive: its last entry is τ_last = (k+1)T + 1.</li>
     * <li>A trigger at interval step 1 has t_spike = τ_last + 2: it runs at the start of step τ_last + 2, the step in
     * which the readout computes the error of τ_last, and reads L = 0 there. From interval step 2 on
     * (t_spike ≥ τ_last + 3) the learning signal has arrived.</li>
     * </ol>
     * Which presynaptic neurons: an input whose pattern has a spike at step 1 (its generator spikes at
     * 1 + t + kT ms, the parrot relays it with stamp 2 + t + kT, interval step t; the example clears step 0), and a
     * recurrent neuron spiking at step 0 of the following interval (a spike at step t of interval k has stamp
     * kT + 3 + t, interval step t + 1), which in NEST's setup never happens: with eprop_reset_neurons_on_update every
     * interval starts at v = 0, and nothing arrives at step 0 (interval step 0 is not transmitted), so z^0 = 0.
     *
     * <p>With this option on, the term is left out for the presynaptic neurons whose spike arrives at step 1 (input)
     * or who spike at step 0 (recurrent) in the same sequence, which assumes that the following interval begins as
     * this sequence does, as in NEST's example, which repeats one frozen pattern. Turn it off before the last
     * update: NEST's example ends with a spike generator firing at n·T + 3 ms (task + delays, weight 1000, to every
     * parrot and recurrent neuron), whose relayed spikes have stamp n·T + 4, interval step 2, so NEST's last update
     * has every term (the tests module's NestSineWaveReproductionTest checks NEST's final weights this way).
     * Off by default. Sources (nest/nest-simulator): models/eprop_synapse_bsshslm_2020.h ({@code send}),
     * models/eprop_iaf_bsshslm_2020.cpp ({@code update}, {@code compute_gradient}),
     * models/eprop_readout_bsshslm_2020.cpp ({@code update}, {@code compute_error_signal_mean_squared_error}),
     * nestkernel/eprop_archiving_node_recurrent_impl.h ({@code write_learning_signal_to_history}),
     * nestkernel/simulation_manager.cpp ({@code update_}), pynest/examples/eprop_plasticity/
     * eprop_supervised_regression_sine-waves_bsshslm_2020.py ("Force final update").
     *
     * @param on whether the following interval repeats this sequence's first arrivals.
     * @return this.
     */
    public final SequenceGradientComputer nestLateLastSignal(boolean on) {
        this.nestLateLastSignal = on;
        return this;
    }

    /** True if presynaptic neuron i's last-step learning-signal term is dropped (see {@link #nestLateLastSignal}). */
    static boolean dropsLast(boolean option, SequenceBatch batch, int seq, Trajectory tr, int i, boolean recurrent) {
        if (!option || tr.steps < 2) {
            return false;
        }
        if (recurrent) {
            return tr.z[i] != 0.0;
        }
        return batch.inputSpikes()[(seq * tr.steps + 1) * batch.inputs() + i] != 0f;
    }

    /**
     * Simulates the sequences with {@code f} instead of the plain loops, e.g. on sim-core's engine
     * ({@code org.spikering.plasticity.engine.EngineForwardPass}); the gradients are computed from its
     * trajectories.
     *
     * @param f the forward model.
     * @return this.
     */
    public final SequenceGradientComputer withForward(ForwardModel f) {
        if (f == null) {
            throw new IllegalArgumentException("forward model: must not be null");
        }
        this.forward = f;
        return this;
    }

    /**
     * Learns from rewards instead of targets (reward-based e-prop, {@link ActorCritic}): after each forward pass the
     * errors err_k^t are the actor-critic errors of sampled actions, and the learning signal gets the critic's term;
     * the eligibility traces, output-weight gradient and rate regularisation are this computer's as before.
     *
     * @param r the actor-critic (one per computer), or null for supervised errors.
     * @return this.
     */
    public final SequenceGradientComputer withReward(ActorCritic r) {
        this.reward = r;
        return this;
    }

    /** The actor-critic of {@link #withReward}, or null. */
    public final ActorCritic reward() {
        return reward;
    }

    /** "reward " when learning from rewards, else "" (the start of {@link #name()}). */
    final String rewardPrefix() {
        return reward == null ? "" : "reward ";
    }

    final boolean nestLateLastSignal() {
        return nestLateLastSignal;
    }

    @Override
    public final void setStateHook(StateUpdateHook q) {
        if (q == null) {
            throw new IllegalArgumentException("state hook = null: use StateUpdateHook.NONE for double precision");
        }
        if (forward != ForwardModel.LOOPS && !(forward instanceof QuantisedLoops)) {
            throw new IllegalArgumentException("state precision: needs the plain-loop forward pass (computation event,"
                    + " event_stepwise or dense), not " + forward.getClass().getSimpleName());
        }
        this.forward = q == StateUpdateHook.NONE ? ForwardModel.LOOPS : new QuantisedLoops(q);
    }

    /** The plain loops with a state hook. */
    private record QuantisedLoops(StateUpdateHook q) implements ForwardModel {
        @Override
        public void run(RecurrentNetwork net, SequenceBatch batch, int b, Trajectory tr) {
            org.spikering.plasticity.network.ForwardPass.run(net, batch, b, tr, q);
        }
    }

    @Override
    public final void setTrajectoryListener(TrajectoryListener l) {
        if (l == null) {
            throw new IllegalArgumentException("trajectory listener = null: use TrajectoryListener.NONE for none");
        }
        this.listener = l;
    }

    @Override
    public final void compute(RecurrentNetwork net, SequenceBatch batch, Gradients out) {
        if (net.isRate()) {
            throw new IllegalArgumentException(name() + ": a spiking rule; for a rate network use Rules.create");
        }
        if (!out.fits(net)) {
            throw new IllegalArgumentException("gradients shaped for another network");
        }
        out.clear();
        int steps = batch.steps();
        if (trajectory == null || !trajectory.fits(steps, net.recurrent(), net.outputs())) {
            trajectory = new Trajectory(steps, net.recurrent(), net.outputs());
            recSignalBuffer = new double[steps * net.recurrent()];
        }
        if (regFactor.length != net.recurrent()) {
            regFactor = new double[net.recurrent()];
        }
        double[] b = feedback.matrix(net);
        Trajectory tr = trajectory;
        NetworkParams p = net.params();
        if (signal == RecurrentSignal.MDGL) {
            gains = LearningSignals.cellTypeGains(net, gains);
        }
        double correct = 0.0;
        long spikes = 0;
        if (reward != null) {
            reward.beginBatch(net, batch);
        }
        for (int s = 0; s < batch.batchSize(); s++) {
            forward.run(net, batch, s, tr);
            listener.onForwardPass(net, batch, s, tr);
            if (reward != null) {
                reward.sequence(net, batch, s, tr);
            }
            LearningSignals.eprop(tr, b);
            if (reward != null) {
                reward.addValueSignal(tr);
            }
            double[] recSignal = tr.learning;
            if (signal == RecurrentSignal.MDGL_EXACT) {
                LearningSignals.mdglExact(net, tr, recSignalBuffer);
                recSignal = recSignalBuffer;
            } else if (signal == RecurrentSignal.MDGL) {
                LearningSignals.mdglCellType(net, tr, gains, recSignalBuffer);
                recSignal = recSignalBuffer;
            }
            RateRegularisation.factors(p, tr.spikeCount, steps, regFactor);
            accumulate(net, batch, s, tr, tr.learning, recSignal, regFactor, out);
            outputGradient(net, tr, out.wOut);
            out.loss += tr.loss;
            correct += tr.correct;
            spikes += tr.totalSpikes();
        }
        if (reward != null) {
            reward.endBatch();
        }
        double inv = 1.0 / batch.batchSize();
        scale(out.wIn, inv);
        scale(out.wRec, inv);
        scale(out.wOut, inv);
        out.loss *= inv;
        out.accuracy = correct * inv;
        out.meanRateHz = spikes * inv / net.recurrent() / (steps * p.dtMs() / 1000.0);
    }

    /**
     * Adds this sequence's dE/dW_in and dE/dW_rec (task + regularisation) to out.wIn / out.wRec.
     * {@code inSignal}, {@code recSignal}: learning signals [t][j] for input and recurrent synapses.
     */
    abstract void accumulate(RecurrentNetwork net, SequenceBatch batch, int seq, Trajectory tr,
            double[] inSignal, double[] recSignal, double[] reg, Gradients out);

    /** The most recent trajectory (for inspection). */
    public Trajectory lastTrajectory() {
        return trajectory;
    }

    private static void outputGradient(RecurrentNetwork net, Trajectory tr, double[] gOut) {
        int nRec = net.recurrent();
        int nOut = net.outputs();
        double kappa = net.params().kappa();
        double zetaOut = net.params().zetaOut();
        double[] zbar = new double[nRec];
        for (int t = 0; t < tr.steps; t++) {
            for (int j = 0; j < nRec; j++) {
                zbar[j] = kappa * zbar[j] + zetaOut * tr.z[t * nRec + j];
            }
            for (int k = 0; k < nOut; k++) {
                double e = tr.err[t * nOut + k];
                if (e != 0.0) {
                    int row = k * nRec;
                    for (int j = 0; j < nRec; j++) {
                        gOut[row + j] += e * zbar[j];
                    }
                }
            }
        }
    }

    private static void scale(double[] a, double f) {
        for (int n = 0; n < a.length; n++) {
            a[n] *= f;
        }
    }
}
