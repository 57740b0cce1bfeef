package org.spikering.plasticity.network;

/**
 * Excitatory and inhibitory cell types of the recurrent units of a {@link RecurrentNetwork} (LIF/ALIF or rate): units
 * 0 … E−1 are excitatory, E … N−1 inhibitory. Under Dale's law every outgoing recurrent weight of a unit has its
 * type's sign: W^rec_ji ≥ 0 for an excitatory presynaptic unit i, ≤ 0 for an inhibitory one (W_in and W_out are not
 * constrained). The types are also the classes of MDGL's cell-type-specific modulatory gains.
 *
 * @param excitatory E, the number of excitatory units (the first ones), 0 ≤ E ≤ N.
 * @param units      N, the number of recurrent units.
 */
public record CellTypes(int excitatory, int units) {

    /** Type index of an excitatory unit. */
    public static final int EXCITATORY = 0;
    /** Type index of an inhibitory unit. */
    public static final int INHIBITORY = 1;

    /** Validates the counts. */
    public CellTypes {
        if (units <= 0) {
            throw new IllegalArgumentException("units = " + units + ": must be > 0");
        }
        if (excitatory < 0 || excitatory > units) {
            throw new IllegalArgumentException("excitatory = " + excitatory + ": must be in [0, " + units + "]");
        }
    }

    /**
     * @param fraction the excitatory fraction, in [0, 1].
     * @param units    N.
     * @return E = round(fraction · N) excitatory units.
     */
    public static CellTypes ofFraction(final double fraction, final int units) {
        if (!(fraction >= 0.0 && fraction <= 1.0)) {
            throw new IllegalArgumentException("excitatory fraction = " + fraction + ": must be in [0, 1]");
        }
        return new CellTypes((int) Math.round(fraction * units), units);
    }

    /** @return N − E. */
    public int inhibitory() {
        return units - excitatory;
    }

    /**
     * @param j a unit.
     * @return {@link #EXCITATORY} or {@link #INHIBITORY}.
     */
    public int type(final int j) {
        return j < excitatory ? EXCITATORY : INHIBITORY;
    }

    /**
     * @param i a presynaptic unit.
     * @return the sign of its outgoing recurrent weights under Dale's law: +1 (excitatory) or −1 (inhibitory).
     */
    public double sign(final int i) {
        return i < excitatory ? 1.0 : -1.0;
    }
}
