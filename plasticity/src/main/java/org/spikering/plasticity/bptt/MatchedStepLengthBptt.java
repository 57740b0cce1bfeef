package org.spikering.plasticity.bptt;

import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.eprop.GradientComputer;
import org.spikering.plasticity.eprop.Gradients;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.StateUpdateHook;
import org.spikering.plasticity.network.TrajectoryListener;
import org.spikering.plasticity.network.WeightMatrixId;

/**
 * BPTT with another rule's step length: on every batch computes the BPTT gradient g and the other rule's gradient
 * g̃ on the same batch with the same weights, and returns α·g with
 * <pre>
 * α = (g̃·g) / ‖g‖²        (g, g̃: W_in, W_rec and W_out concatenated)
 * cos = (g̃·g) / (‖g̃‖ ‖g‖)
 * </pre>
 * α is the relative step length of g̃ along the true gradient (TASKS.md §6.5), so the update α·g has BPTT's
 * direction and the other rule's progress along it. This is the control of Liu et al. 2022 ("Beyond accuracy",
 * NeurIPS; BPTT with its step length matched to a truncated rule's, after their Theorem 1).
 *
 * <p><b>Our choices</b> (the paper's exact recipe — per matrix or over all parameters, every iteration or once —
 * was not found in the public text or code we could search): one α over all three trained matrices, recomputed
 * every iteration on that iteration's batch. One α keeps the update parallel to g (per-matrix factors would turn it
 * away from BPTT's direction). The per-matrix α_m = (g̃_m·g_m)/‖g_m‖² and cos_m are computed as well, for reporting
 * only ({@link #lastStepLength(WeightMatrixId)}); e-prop's W_out gradient is exact, so its α_out = cos_out = 1.
 * When g = 0, α := 0 (the update is 0 whatever α); when g or g̃ is 0, cos := 0. α is negative when g̃ points
 * uphill along g (g̃·g &lt; 0); the matched update then steps uphill along g as well, by the same projected length.
 *
 * <p>With Adam the factor α largely cancels (Adam divides by the running RMS of the gradient it is given): the
 * matched step length is meant for SGD, as in Liu et al.'s experiments.
 *
 * <p>Same trajectory: both computers run their own forward pass of the same sequences with the same weights and
 * no state hook; the forward pass is deterministic (no noise, no random stream), so both see the same trajectory
 * bit for bit, and {@link #compute} checks it (the two losses must be equal, else IllegalStateException). A
 * {@link StateUpdateHook} is refused, because a stochastic-rounding hook would round the two passes differently.
 * The trajectory listener sees BPTT's pass only (the update applied); the other rule's pass is a measurement.
 * Loss, accuracy and rate are BPTT's (= the other rule's).
 */
public final class MatchedStepLengthBptt implements GradientComputer {
    private static final WeightMatrixId[] IDS = WeightMatrixId.values();
    private final GradientComputer bptt;
    private final GradientComputer other;
    private final String otherName;
    private Gradients otherGradients;
    private double alpha = Double.NaN;
    private double cosine = Double.NaN;
    private final double[] alphaOf = new double[IDS.length];
    private final double[] cosineOf = new double[IDS.length];

    /**
     * @param bptt      the BPTT computer (for the network's kind).
     * @param other     the rule whose step length is matched; not BPTT.
     * @param otherName the other rule's name, e.g. "eprop".
     */
    public MatchedStepLengthBptt(GradientComputer bptt, GradientComputer other, String otherName) {
        if (bptt == null || other == null || otherName == null) {
            throw new IllegalArgumentException("bptt, other, otherName: none may be null");
        }
        if (bptt == other) {
            throw new IllegalArgumentException("the other rule's computer must not be the BPTT computer itself");
        }
        this.bptt = bptt;
        this.other = other;
        this.otherName = otherName;
        java.util.Arrays.fill(alphaOf, Double.NaN);
        java.util.Arrays.fill(cosineOf, Double.NaN);
    }

    @Override
    public void compute(RecurrentNetwork net, SequenceBatch batch, Gradients out) {
        if (otherGradients == null || !otherGradients.fits(net)) {
            otherGradients = Gradients.zerosFor(net);
        }
        bptt.compute(net, batch, out);
        other.compute(net, batch, otherGradients);
        if (Double.doubleToLongBits(out.loss) != Double.doubleToLongBits(otherGradients.loss)) {
            throw new IllegalStateException("BPTT's loss " + out.loss + " and " + otherName + "'s " + otherGradients.loss
                    + " differ: the two forward passes did not see the same trajectory");
        }
        double dotAll = 0.0;
        double bbAll = 0.0;
        double rrAll = 0.0;
        for (WeightMatrixId id : IDS) {
            final double[] g = out.get(id);
            final double[] r = otherGradients.get(id);
            double dot = 0.0;
            double bb = 0.0;
            double rr = 0.0;
            for (int n = 0; n < g.length; n++) {
                dot += r[n] * g[n];
                bb += g[n] * g[n];
                rr += r[n] * r[n];
            }
            alphaOf[id.ordinal()] = bb == 0.0 ? 0.0 : dot / bb;
            cosineOf[id.ordinal()] = bb == 0.0 || rr == 0.0 ? 0.0 : dot / Math.sqrt(bb * rr);
            dotAll += dot;
            bbAll += bb;
            rrAll += rr;
        }
        alpha = bbAll == 0.0 ? 0.0 : dotAll / bbAll;
        cosine = bbAll == 0.0 || rrAll == 0.0 ? 0.0 : dotAll / Math.sqrt(bbAll * rrAll);
        for (WeightMatrixId id : IDS) {
            final double[] g = out.get(id);
            for (int n = 0; n < g.length; n++) {
                g[n] *= alpha;
            }
        }
    }

    /** @return α of the last {@link #compute} over all matrices (NaN before the first). */
    public double lastStepLength() {
        return alpha;
    }

    /** @return cos(g̃, g) of the last {@link #compute} over all matrices (NaN before the first). */
    public double lastCosine() {
        return cosine;
    }

    /** @return α_m = (g̃_m·g_m)/‖g_m‖² of one matrix in the last {@link #compute} (reporting only; NaN before). */
    public double lastStepLength(WeightMatrixId id) {
        return alphaOf[id.ordinal()];
    }

    /** @return cos(g̃_m, g_m) of one matrix in the last {@link #compute} (NaN before the first). */
    public double lastCosine(WeightMatrixId id) {
        return cosineOf[id.ordinal()];
    }

    /** @return the other rule's gradients of the last {@link #compute} (live; null before the first). */
    public Gradients lastOtherGradients() {
        return otherGradients;
    }

    @Override
    public String name() {
        return "BPTT (step length of " + otherName + ")";
    }

    @Override
    public void setTrajectoryListener(TrajectoryListener listener) {
        bptt.setTrajectoryListener(listener);
    }

    @Override
    public void setStateHook(StateUpdateHook q) {
        if (q == null) {
            throw new IllegalArgumentException("state hook = null: use StateUpdateHook.NONE for double precision");
        }
        if (q != StateUpdateHook.NONE) {
            throw new IllegalArgumentException("state precision with BPTT at another rule's step length: not supported"
                    + " (the two forward passes would round differently)");
        }
        bptt.setStateHook(q);
        other.setStateHook(q);
    }
}
