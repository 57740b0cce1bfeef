package org.spikering.plasticity.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.spikering.plasticity.TestNetworks;
import org.spikering.plasticity.data.LossKind;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.network.ForwardPass;
import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.Trajectory;
import org.spikering.plasticity.network.WeightMatrixId;

/**
 * The surrogate Hessian of a LIF/ALIF network ({@code Bptt}). W.r.t. W_out alone it is a true Hessian with a closed
 * form: the spikes do not depend on W_out and the readout is linear in it, yv_k^t = Σ_j W^out_kj zbar_j^t with
 * zbar_j^t = κ zbar_j^{t−1} + ζ_out z_j^t, so for the MSE loss
 * <pre>
 * ∂²E/∂W^out_kj ∂W^out_k'j' = δ_kk' (1/B) Σ_{b,t} m_bt zbar_j^t zbar_j'^t
 * </pre>
 * Claim: HVP matrix within 1e-8·max|H| of it. W.r.t. W_in and W_rec the operator is the Jacobian of the surrogate
 * gradient field, not symmetric: the check must report a non-zero asymmetry.
 */
final class SpikingSurrogateHessianTest {

    @Test
    void outputBlockIsTheGramMatrixOfTheFilteredSpikesAndTheRecurrentBlockIsNotSymmetric() {
        final RecurrentNetwork net = TestNetworks.network(4, false, 1.5, 3);
        final SequenceBatch batch = TestNetworks.batch(2, LossKind.REGRESSION_MSE, 5);
        final NetworkGradientOracle out = NetworkGradientOracle.bptt(net, batch, EnumSet.of(WeightMatrixId.OUTPUT));
        assertTrue(out.surrogate());
        final int nRec = net.recurrent();
        final int nOut = net.outputs();
        final NetworkParams p = net.params();
        final double[][] exact = new double[nOut * nRec][nOut * nRec];
        final Trajectory tr = new Trajectory(batch.steps(), nRec, nOut);
        long spikes = 0;
        for (int b = 0; b < batch.batchSize(); b++) {
            ForwardPass.run(net, batch, b, tr);
            final double[] zbar = new double[nRec];
            for (int t = 0; t < batch.steps(); t++) {
                for (int j = 0; j < nRec; j++) {
                    zbar[j] = p.kappa() * zbar[j] + p.zetaOut() * tr.z[t * nRec + j];
                    spikes += tr.z[t * nRec + j] != 0.0 ? 1 : 0;
                }
                if (!batch.lossMask()[batch.maskIndex(b, t)]) {
                    continue;
                }
                for (int k = 0; k < nOut; k++) {
                    for (int j = 0; j < nRec; j++) {
                        for (int jj = 0; jj < nRec; jj++) {
                            exact[k * nRec + j][k * nRec + jj] += zbar[j] * zbar[jj] / batch.batchSize();
                        }
                    }
                }
            }
        }
        assertTrue(spikes > 50, "too few spikes to test: " + spikes);
        final double[] theta = out.parameters();
        final double[][] hvp = RateNetworkHessianTest.columns(
                new HessianVectorProduct(out, theta, HessianVectorProduct.defaultStep(theta)));
        final double scale = RateNetworkHessianTest.maxAbs(exact);
        for (int a = 0; a < exact.length; a++) {
            for (int c = 0; c < exact.length; c++) {
                assertEquals(exact[a][c], hvp[a][c], 1e-8 * scale, "H[" + a + "][" + c + "]");
            }
        }
        final NetworkGradientOracle rec = NetworkGradientOracle.bptt(net, batch, EnumSet.of(WeightMatrixId.RECURRENT));
        final double[] t2 = rec.parameters();
        final SymmetryCheck s = SymmetryCheck.of(new HessianVectorProduct(rec, t2, HessianVectorProduct.defaultStep(t2)), 1);
        assertTrue(Double.isFinite(s.asymmetry()) && s.asymmetry() > 1e-3,
                "surrogate Hessian of W_rec: asymmetry " + s.asymmetry() + " (" + s.vAw() + " vs " + s.wAv() + ")");
    }
}
