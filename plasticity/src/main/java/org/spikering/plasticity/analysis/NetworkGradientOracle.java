package org.spikering.plasticity.analysis;

import java.util.EnumSet;
import java.util.Set;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.eprop.GradientComputer;
import org.spikering.plasticity.eprop.Gradients;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.WeightMatrixId;
import org.spikering.plasticity.train.Computation;
import org.spikering.plasticity.train.LearningRule;
import org.spikering.plasticity.train.Rules;

/**
 * The batch-mean gradient of a network's training objective with respect to chosen weight matrices, as a
 * {@link GradientOracle} for the curvature methods. θ is the concatenation, in the order W_in, W_rec, W_out (those
 * chosen), of each matrix's row-major entries, W_rec without its diagonal (always 0, no autapses: not a parameter).
 * Every call runs the same fixed batch through a private copy of the network with the weights θ (the other matrices
 * stay as given), so the same θ gives the same bits.
 *
 * <p>With {@link #bptt} the gradient is exact BPTT: for a rate network ({@code RateBptt}) the gradient of the loss
 * E = (1/B) Σ_b Σ_t E_b^t of {@code ReadoutLoss}, so its Jacobian is the Hessian; for a spiking network ({@code Bptt},
 * surrogate gradient, reset detached) the surrogate gradient of the task loss plus the firing-rate regularisation,
 * which is not the gradient of any function: its Jacobian is the "surrogate Hessian" ({@link #surrogate()}).
 */
public final class NetworkGradientOracle implements GradientOracle {
    private final RecurrentNetwork net;
    private final GradientComputer computer;
    private final SequenceBatch batch;
    private final WeightMatrixId[] matrices;
    private final int[][] index;
    private final Gradients grads;
    private final int dimension;
    private final double[] theta0;

    /**
     * @param net      the network (copied; its weights are the point θ₀ of {@link #parameters}).
     * @param computer the gradient computer (e.g. BPTT).
     * @param batch    the fixed batch.
     * @param matrices the matrices differentiated, at least one.
     */
    public NetworkGradientOracle(final RecurrentNetwork net, final GradientComputer computer, final SequenceBatch batch,
            final Set<WeightMatrixId> matrices) {
        if (matrices == null || matrices.isEmpty()) {
            throw new IllegalArgumentException("matrices: must name at least one of input, recurrent, output");
        }
        if (batch.inputs() != net.inputs() || batch.outputs() != net.outputs()) {
            throw new IllegalArgumentException("batch has " + batch.inputs() + " inputs and " + batch.outputs()
                    + " outputs: the network needs " + net.inputs() + " and " + net.outputs());
        }
        this.net = net.copy();
        this.computer = computer;
        this.batch = batch;
        this.matrices = EnumSet.copyOf(matrices).toArray(new WeightMatrixId[0]);
        this.index = new int[this.matrices.length][];
        int n = 0;
        for (int m = 0; m < this.matrices.length; m++) {
            final WeightMatrixId id = this.matrices[m];
            final int rows = net.rows(id);
            final int cols = net.columns(id);
            final int[] ix = new int[id == WeightMatrixId.RECURRENT ? rows * cols - rows : rows * cols];
            int k = 0;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    if (id != WeightMatrixId.RECURRENT || r != c) {
                        ix[k++] = r * cols + c;
                    }
                }
            }
            index[m] = ix;
            n += ix.length;
        }
        this.dimension = n;
        this.grads = Gradients.zerosFor(net);
        this.theta0 = new double[n];
        int o = 0;
        for (int m = 0; m < this.matrices.length; m++) {
            final double[] w = this.net.weights(this.matrices[m]);
            for (int ix : index[m]) {
                theta0[o++] = w[ix];
            }
        }
    }

    /**
     * Exact BPTT gradients ({@code Rules.create(BPTT, …)}: rate or surrogate, by the network's kind).
     *
     * @param net      the network.
     * @param batch    the fixed batch.
     * @param matrices the matrices.
     * @return the oracle.
     */
    public static NetworkGradientOracle bptt(final RecurrentNetwork net, final SequenceBatch batch,
            final Set<WeightMatrixId> matrices) {
        return new NetworkGradientOracle(net, Rules.create(LearningRule.BPTT, Computation.EVENT, net, 0L), batch,
                matrices);
    }

    /** @return θ₀: the given network's weights of the chosen matrices (a copy; gradient calls do not change it). */
    public double[] parameters() {
        return theta0.clone();
    }

    /** @return the chosen matrices, in θ's order. */
    public WeightMatrixId[] matrices() {
        return matrices.clone();
    }

    /** @return true for a spiking network: the Jacobian of the gradient is a surrogate Hessian. */
    public boolean surrogate() {
        return !net.isRate();
    }

    /** @return the batch. */
    public SequenceBatch batch() {
        return batch;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public double gradient(final double[] theta, final double[] grad) {
        if (theta.length != dimension || grad.length != dimension) {
            throw new IllegalArgumentException("theta, grad: must have " + dimension + " entries");
        }
        int o = 0;
        for (int m = 0; m < matrices.length; m++) {
            final double[] w = net.weights(matrices[m]);
            for (int ix : index[m]) {
                w[ix] = theta[o++];
            }
        }
        computer.compute(net, batch, grads);
        o = 0;
        for (int m = 0; m < matrices.length; m++) {
            final double[] g = grads.get(matrices[m]);
            for (int ix : index[m]) {
                grad[o++] = g[ix];
            }
        }
        return grads.loss;
    }
}
