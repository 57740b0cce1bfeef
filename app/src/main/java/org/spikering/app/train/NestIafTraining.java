package org.spikering.app.train;

import org.spikering.app.spec.TrainingSpec;
import org.spikering.app.spec.training.RecurrentNetworkSpec;
import org.spikering.app.task.NestIafSineTask;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.nestiaf.NestIafLearner;
import org.spikering.plasticity.nestiaf.NestIafOptimizer;
import org.spikering.plasticity.nestiaf.NestIafParams;
import org.spikering.plasticity.nestiaf.NestIafSequence;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.train.Evaluation;

/**
 * Rule {@code nest-eprop-iaf} in {@code train}: a {@code training} section read as NEST 3.9's current e-prop family
 * ({@link NestIafLearner}), the recurrent network as {@code eprop_iaf} neurons (the first alif_count as
 * {@code eprop_iaf_adapt}) and one {@code eprop_readout}.
 *
 * <table>
 * <caption>Spec field → NEST parameter</caption>
 * <tr><th>field</th><th>NEST</th></tr>
 * <tr><td>network.dt_ms, tau_m_ms, v_th_mv, t_ref_ms</td><td>resolution, tau_m, V_th (E_L = 0), t_ref</td></tr>
 * <tr><td>network.surrogate (kind, gamma, beta, scaled_by_v_th)</td><td>surrogate_gradient_function, gamma, beta</td></tr>
 * <tr><td>network.tau_a_ms, beta_a_mv</td><td>adapt_tau, adapt_beta (adaptive neurons)</td></tr>
 * <tr><td>network.tau_out_ms</td><td>readout tau_m</td></tr>
 * <tr><td>regularisation.c_reg, f_target_hz</td><td>c_reg (NEST's example: 300 / sequence steps), f_target</td></tr>
 * <tr><td>optimizer.kind sgd / adam, lr, beta1, beta2, epsilon</td><td>optimizer type gradient_descent / adam, eta,
 *     beta_1, beta_2, epsilon (Adam defaults 0.9, 0.999, 1e-7: NEST's)</td></tr>
 * <tr><td>weight_clip c</td><td>Wmin = −c, Wmax = c (none: ±Double.MAX_VALUE)</td></tr>
 * <tr><td>batch</td><td>sequences per iteration, presented one after the other (NEST's n_batch; the loss of an
 *     iteration is their mean)</td></tr>
 * </table>
 * Fixed at NEST's sine-wave example values, not spec fields: κ = κ_reg = 0.97, {@code eprop_isi_trace_cutoff}
 * 100 ms, {@code optimize_each_step} false, C_m = 1 pF, I_e = 0.
 *
 * <p>Testing: the trained weights in a fresh learner (every state variable at rest, as NEST before its first step),
 * no learning, the test sequences presented one after the other; the loss is the mean per sequence.
 */
public final class NestIafTraining {
    /** NEST's κ and κ_reg in its sine-wave example. */
    public static final double KAPPA = 0.97;
    /** NEST's eprop_isi_trace_cutoff in its sine-wave example, ms. */
    public static final double CUTOFF_MS = 100.0;

    private NestIafTraining() {
    }

    /** The NEST constants of a training section. */
    public static NestIafParams params(final TrainingSpec t) {
        final RecurrentNetworkSpec n = t.network();
        return new NestIafParams(n.dtMs(), n.tauMMs(), 1.0, 0.0, n.vThMv(), n.tRefMs(), n.surrogate().form(),
                n.surrogate().gammaPerMv(n.vThMv()), n.surrogate().betaPerMv(n.vThMv()), KAPPA, KAPPA,
                t.regularisation().cReg(), t.regularisation().fTargetHz(), n.betaAMv(), n.tauAMs(), n.tauOutMs(),
                CUTOFF_MS);
    }

    /** NEST's optimizer of a training section with learning rate {@code eta} and weights clipped to ±{@code clip}. */
    public static NestIafOptimizer optimizer(final TrainingSpec t, final double eta, final double clip) {
        final double c = Double.isInfinite(clip) ? Double.MAX_VALUE : clip;
        final boolean adam = "adam".equals(t.optimizer().kind());
        final double b1 = t.optimizer().beta1() != null ? t.optimizer().beta1() : 0.9;
        final double b2 = t.optimizer().beta2() != null ? t.optimizer().beta2() : 0.999;
        final double eps = t.optimizer().epsilon() != null ? t.optimizer().epsilon() : 1e-7;
        return new NestIafOptimizer(adam ? NestIafOptimizer.Kind.ADAM : NestIafOptimizer.Kind.GRADIENT_DESCENT, eta,
                b1, b2, eps, -c, c, false);
    }

    /** A learner starting from {@code net}'s weights with the task's recorded feedback B. */
    public static NestIafLearner learner(final TrainingSpec t, final RecurrentNetwork net, final NestIafSineTask task,
                                         final double eta, final double clip) {
        return new NestIafLearner(params(t), optimizer(t, eta, clip), net.adaptiveFlags(), net.wIn(), net.wRec(),
                net.wOut(), task.reference().feedback(), net.inputs(), net.outputs());
    }

    /** The learner's weights (as NEST shows them) in {@code shape}'s network. */
    public static RecurrentNetwork network(final NestIafLearner l, final RecurrentNetwork shape) {
        return new RecurrentNetwork(shape.inputs(), shape.recurrent(), shape.outputs(), shape.adaptiveFlags(),
                shape.params(), l.weights(0), l.weights(1), l.weights(2));
    }

    /**
     * Presents every sequence of {@code batch} in turn.
     *
     * @return {mean loss per sequence, mean rate in Hz}.
     */
    public static double[] present(final NestIafLearner l, final SequenceBatch batch, final boolean learn) {
        double loss = 0.0;
        double rate = 0.0;
        for (int b = 0; b < batch.batchSize(); b++) {
            final NestIafSequence s = l.present(batch, b, learn);
            loss += s.loss();
            rate += s.meanRateHz();
        }
        return new double[] {loss / batch.batchSize(), rate / batch.batchSize()};
    }

    /** The trained weights of {@code net} tested from rest without learning (see the class comment). */
    public static Evaluation evaluate(final TrainingSpec t, final RecurrentNetwork net, final NestIafSineTask task,
                                      final SequenceBatch batch) {
        final double[] r = present(learner(t, net, task, 0.0, Double.POSITIVE_INFINITY), batch, false);
        return new Evaluation(r[0], Double.NaN, r[1]);
    }
}
