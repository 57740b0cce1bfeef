package org.spikering.app.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.spikering.app.bench.RuleCostBench;
import org.spikering.app.report.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spikering bench rules}: per-step cost and state of every learning rule on a rate network ({@link RuleCostBench}). */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = {"Nanoseconds per time step per sequence (forward pass and gradient, one thread) and bytes of"
            + " state of every learning rule on a tanh rate network (10 inputs, 2 readouts), e-prop measured in the same"
            + " run as the baseline, and exact RTRL at several sizes with the fitted exponent of its cost; rules rate"
            + " networks do not have are listed as not available. Prints one JSON line."})
public final class BenchRulesCommand implements Callable<Integer> {

    @Option(names = "--units", description = "rate units of the network every rule runs on, in [2, 1000], default 100")
    int units = 100;

    @Option(names = "--steps", description = "steps of the sequence, in [1, 100000], default 50")
    int steps = 50;

    @Option(names = "--rtrl-sizes", split = ",", paramLabel = "N",
            description = "sizes of the RTRL scaling runs, comma-separated, each in [2, 256], default 16,32,48,64")
    List<Integer> rtrlSizes = List.of(16, 32, 48, 64);

    @Option(names = "--min-ms", description = "least timed milliseconds per measurement, in [1, 600000], default 2000")
    int minMs = 2000;

    @Option(names = "--seed", description = "seed of the weights, the sequence and the rules' random streams, default 1")
    long seed = 1;

    @Override
    public Integer call() {
        Check.range("--units", units, 2, 1000);
        Check.range("--steps", steps, 1, 100_000);
        Check.range("--min-ms", minMs, 1, 600_000);
        Check.distinct("--rtrl-sizes", rtrlSizes);
        for (int n : rtrlSizes) {
            Check.range("--rtrl-sizes", n, 2, 256);
        }
        // RTRL's influence matrix at --units: n · n (n + inputs) doubles, twice (the product's buffer)
        MemoryBudget.require("--units = " + units + " (rtrl's influence matrix)",
                2.0 * 8 * units * (double) units * (units + RuleCostBench.INPUTS));
        System.out.println(Json.oneLine(RuleCostBench.run(units, steps, rtrlSizes, minMs, seed)));
        return 0;
    }
}
