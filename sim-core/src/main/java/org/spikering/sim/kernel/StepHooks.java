package org.spikering.sim.kernel;

import java.util.ArrayList;
import java.util.List;
import org.spikering.sim.metrics.StepTimer;
import org.spikering.sim.spi.SpikeListener;
import org.spikering.sim.spi.StepListener;

/**
 * What engines call besides the state: spike listeners (consumers of the spike stream), step
 * listeners (state sampling on the coordinator) and the step timer. Listeners are registered before
 * the first run.
 */
public final class StepHooks {

    /** Spike listeners, called in registration order. */
    public final List<SpikeListener> spikeListeners = new ArrayList<>();
    /** Step listeners, called in registration order. */
    public final List<StepListener> stepListeners = new ArrayList<>();
    /** Wall time per step. */
    public final StepTimer timer = new StepTimer();
}
