package org.spikering.plasticity.train;

/** Learning rules: e-prop (B = W_outᵀ), random e-prop (fixed random B), MDGL (Liu et al.), exact BPTT. */
public enum LearningRule {
    EPROP, RANDOM_EPROP, MDGL, BPTT
}
