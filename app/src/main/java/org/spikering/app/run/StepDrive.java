package org.spikering.app.run;

import java.util.List;
import java.util.Map;
import org.spikering.app.report.ResultFolder;
import org.spikering.hw.counters.OperationCounters;
import org.spikering.sim.Simulation;

/**
 * Input that a {@link NetworkRun} gives its simulation step by step (an imported NIR graph's Input nodes, injected
 * before every step), and what it adds to the run's results. A run with a drive advances one step at a time:
 * {@link #beforeStep}, one step, {@link #afterStep}.
 */
public interface StepDrive {

    /** @param sim the run's simulation, before its first step (listeners may be registered). */
    void attach(Simulation sim);

    /**
     * @param sim  the simulation.
     * @param step the step about to run (0 first).
     */
    void beforeStep(Simulation sim, long step);

    /** @param step the step just run. */
    void afterStep(long step);

    /** @param c the run's counters: adds the input's operations (input events, the synaptic operations they cause). */
    void addCounters(OperationCounters c);

    /** @return fields for summary.json, under the drive's own key. */
    Map<String, Object> summary();

    /**
     * @param folder the open result folder.
     * @return the files written into it.
     */
    List<String> write(ResultFolder folder);
}
