package org.spikering.app.spec.training;

import org.spikering.plasticity.network.CellTypes;

/**
 * {@code training.network.cell_types} (optional, both kinds): excitatory and inhibitory recurrent units, Dale's law on
 * W_rec set on the initial weights and kept through training.
 *
 * <table>
 * <caption>Fields</caption>
 * <tr><th>field</th><th>unit</th><th>meaning</th></tr>
 * <tr><td>excitatory_fraction</td><td>—</td><td>in [0, 1]: the first round(fraction · recurrent) units are
 *     excitatory, the rest inhibitory</td></tr>
 * </table>
 *
 * @param excitatoryFraction the excitatory fraction.
 */
public record CellTypesSpec(double excitatoryFraction) {

    /**
     * @param recurrent the number of recurrent units.
     * @return the types ({@link CellTypes#ofFraction}).
     */
    public CellTypes types(final int recurrent) {
        return CellTypes.ofFraction(excitatoryFraction, recurrent);
    }
}
