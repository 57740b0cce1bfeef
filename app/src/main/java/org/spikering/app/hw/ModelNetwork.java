package org.spikering.app.hw;

import java.util.List;
import org.spikering.hw.limits.NetworkDescription;
import org.spikering.hw.limits.NetworkDescription.Population;
import org.spikering.hw.limits.NetworkDescription.Projection;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.WeightMatrixId;

/**
 * A trained recurrent network ({@code model.json} of {@code train}) as the chip mapper sees it
 * ({@link NetworkDescription}).
 * <table>
 *   <caption>Populations and projections</caption>
 *   <tr><th>name</th><th>size or synapses</th></tr>
 *   <tr><td>input</td><td>N_in input channels (counted as neurons: an upper bound, a chip may inject input spikes
 *       into axons without compartments)</td></tr>
 *   <tr><td>recurrent</td><td>N_rec LIF/ALIF neurons</td></tr>
 *   <tr><td>readout</td><td>N_out leaky readout units</td></tr>
 *   <tr><td>input → recurrent</td><td>non-zero entries of W_in</td></tr>
 *   <tr><td>recurrent → recurrent</td><td>non-zero entries of W_rec (its diagonal is zero: no autapses)</td></tr>
 *   <tr><td>recurrent → readout</td><td>non-zero entries of W_out</td></tr>
 * </table>
 * A zero weight is no synapse (sparse networks such as nback store only their connections). Every projection has the
 * network's one-step delay, dt ms.
 */
public final class ModelNetwork {

    private ModelNetwork() {
    }

    /**
     * @param net the network.
     * @return its description.
     */
    public static NetworkDescription describe(final RecurrentNetwork net) {
        final double delayMs = net.params().dtMs();
        return new NetworkDescription(
                List.of(new Population("input", net.inputs()), new Population("recurrent", net.recurrent()),
                        new Population("readout", net.outputs())),
                List.of(new Projection("input", "recurrent", nonZero(net, WeightMatrixId.INPUT), delayMs),
                        new Projection("recurrent", "recurrent", nonZero(net, WeightMatrixId.RECURRENT), delayMs),
                        new Projection("recurrent", "readout", nonZero(net, WeightMatrixId.OUTPUT), delayMs)));
    }

    private static long nonZero(final RecurrentNetwork net, final WeightMatrixId id) {
        long n = 0;
        for (double w : net.weights(id)) {
            if (w != 0) {
                n++;
            }
        }
        return n;
    }
}
