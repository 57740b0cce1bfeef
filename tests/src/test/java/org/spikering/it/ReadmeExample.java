package org.spikering.it;

import org.spikering.neuron.lif.LifExpParameters;
import org.spikering.sim.Simulation;
import org.spikering.sim.SimulationConfig;
import org.spikering.sim.SimulationSummary;
import org.spikering.sim.network.Connector;
import org.spikering.sim.network.Distribution;
import org.spikering.sim.network.Network;
import org.spikering.sim.record.SpikeRecorder;

/** The Java API example of README.md, compiled and run by {@link ReadmeExampleTest}. */
final class ReadmeExample {

    private ReadmeExample() {
    }

    static SimulationSummary run() {
        // README-EXAMPLE-BEGIN
        LifExpParameters lif = LifExpParameters.cuba();          // tau_m 20 ms, C_m 250 pF, E_L -49 mV, ...
        Connector sparse = Connector.fixedProbability(0.08).autapses(false);
        Distribution delay = Distribution.constant(0.1);          // ms
        Network net = Network.builder(0.1).seed(42)               // dt = 0.1 ms
                .population("E", 800, lif)
                .population("I", 200, lif)
                .initialPotential("E", Distribution.uniform(-60, -50))
                .initialPotential("I", Distribution.uniform(-60, -50))
                .connect("E", "E", sparse, Distribution.constant(20.25), delay)   // pA
                .connect("E", "I", sparse, Distribution.constant(20.25), delay)
                .connect("I", "E", sparse, Distribution.constant(-112.5), delay)
                .connect("I", "I", sparse, Distribution.constant(-112.5), delay)
                .build();
        try (Simulation sim = Simulation.create(net, SimulationConfig.threads(2))) {
            SpikeRecorder spikes = sim.recordSpikes("E");
            sim.run(500.0);                                        // ms
            SimulationSummary summary = sim.summary();
            System.out.printf("%d spikes, %.2f Hz%n", spikes.count(), summary.meanRateHz());
            return summary;
        }
        // README-EXAMPLE-END
    }
}
