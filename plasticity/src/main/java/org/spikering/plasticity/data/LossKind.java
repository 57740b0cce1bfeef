package org.spikering.plasticity.data;

/** Loss of the readout: mean squared error on identity outputs, or softmax cross-entropy. */
public enum LossKind {
    /** Identity readout, loss = ½ Σ_t Σ_k (y_k − y*_k)² over masked steps (NEST: 0.5·sum). */
    REGRESSION_MSE,
    /** Softmax over readouts, loss = −Σ_t Σ_k y*_k log π_k over masked steps. */
    CLASSIFICATION_CE
}
