package org.spikering.app.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import org.spikering.app.bench.BenchResult;
import org.spikering.app.bench.BrunelNetwork;
import org.spikering.app.bench.CubaNetwork;
import org.spikering.app.report.Json;
import org.spikering.sim.Engine;
import org.spikering.sim.Simulation;
import org.spikering.sim.SimulationConfig;
import org.spikering.sim.kernel.UpdateMode;
import org.spikering.sim.network.Network;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code spikering bench cuba|brunel}: runs a benchmark network and prints one JSON line. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmarks printing one JSON line.",
            "cuba: Brette et al. 2007 CUBA network (4000 LIF, exp synapses).",
            "brunel: Brunel 2000 model A (12 500 LIF, delta synapses, Poisson drive)."})
public final class BenchCommand implements Callable<Integer> {

    /** Benchmark models. */
    enum Model { cuba, brunel }

    @Parameters(index = "0", description = "benchmark: ${COMPLETION-CANDIDATES}")
    Model model;

    @Option(names = "--scale", description = "fraction of the full network size (default 1)")
    double scale = 1.0;

    @Option(names = "--neurons", description = "total neurons (overrides --scale)")
    Integer neurons;

    @Option(names = "--threads", description = "delivery threads (Disruptor engine), default 1")
    int threads = 1;

    @Option(names = "--seconds", description = "simulated seconds, default 1")
    double seconds = 1.0;

    @Option(names = "--seed", description = "seed, default 42")
    long seed = 42;

    @Option(names = "--engine", description = "disruptor or reference (single thread), default disruptor")
    String engine = "disruptor";

    @Option(names = "--update", description = "clock or event (delta-synapse populations only), default clock")
    String update = "clock";

    @Override
    public Integer call() {
        final Engine eng = Cli.parseEnum(Engine.class, "--engine", engine);
        final UpdateMode mode = Cli.parseEnum(UpdateMode.class, "--update", update);
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("--seconds = " + seconds + ": must be a finite number > 0");
        }
        final long b0 = System.nanoTime();
        final Network net;
        if (model == Model.cuba) {
            net = CubaNetwork.build(neurons != null ? neurons : (int) Math.round(CubaNetwork.FULL_SIZE * scale), seed);
        } else {
            net = BrunelNetwork.build(neurons != null ? neurons / 12_500.0 : scale, seed);
        }
        final double build = (System.nanoTime() - b0) / 1e9;
        final SimulationConfig cfg = new SimulationConfig(eng, eng == Engine.REFERENCE ? 1 : threads, mode);
        try (Simulation sim = Simulation.create(net, cfg)) {
            sim.run(seconds * 1000.0);
            final Map<String, Object> out = BenchResult.fields(model.name(), build, sim.summary(), cfg.threads());
            System.out.println(Json.oneLine(out));
        }
        return 0;
    }
}
