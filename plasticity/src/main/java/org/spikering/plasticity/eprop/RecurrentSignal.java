package org.spikering.plasticity.eprop;

/**
 * Which learning signal the recurrent weights of an e-prop computation use (input weights always use e-prop's
 * L_j^t = Σ_k B_jk err_k^t, output weights the exact gradient).
 */
public enum RecurrentSignal {
    /** e-prop's L_j^t. */
    EPROP("e-prop"),
    /** {@link org.spikering.plasticity.train.LearningRule#MDGL_EXACT}: {@link LearningSignals#mdglExact}. */
    MDGL_EXACT("MDGL-exact"),
    /** {@link org.spikering.plasticity.train.LearningRule#MDGL}: {@link LearningSignals#mdglCellType}. */
    MDGL("MDGL");

    private final String label;

    RecurrentSignal(String label) {
        this.label = label;
    }

    /** The rule's name in a computer's {@code name()}, e.g. "MDGL". */
    public String label() {
        return label;
    }

    /** {@link #MDGL_EXACT} if {@code mdglExact}, else {@link #EPROP} (the old boolean constructors). */
    static RecurrentSignal of(boolean mdglExact) {
        return mdglExact ? MDGL_EXACT : EPROP;
    }
}
