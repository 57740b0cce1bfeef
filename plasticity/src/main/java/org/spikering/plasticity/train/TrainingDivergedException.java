package org.spikering.plasticity.train;

/** Training produced a non-finite gradient, loss or weight; the message names the iteration and the matrix. */
public final class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int iteration;

    public TrainingDivergedException(int iteration, String message) {
        super("training diverged at iteration " + iteration + ": " + message);
        this.iteration = iteration;
    }

    public int iteration() {
        return iteration;
    }
}
