package org.spikering.app.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.spikering.app.bench.RateRnnBench;
import org.spikering.app.report.Json;
import org.spikering.plasticity.train.LearningRule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spikering bench rate-rnn}: ms per training iteration of a rate RNN and a LIF network ({@link RateRnnBench}). */
@Command(name = "rate-rnn", mixinStandardHelpOptions = true,
        description = {"Milliseconds per training iteration (forward, gradient, Adam update; one thread) of Liu et al."
            + " 2022's pattern-generation shape: 100 units, 50 steps, batch 32, 40 inputs, 1 readout; a tanh rate RNN"
            + " (rate_leak, tau 10 ms) and the pattern-liu example's 100 LIF neurons as the baseline, in one run;"
            + " prints one JSON line with every round's figure and the median.",
            "PyTorch peer: /usr/bin/python3 tests/bench/rate-rnn-torch.py."})
public final class BenchRateRnnCommand implements Callable<Integer> {

    @Option(names = "--rule", split = ",", paramLabel = "RULE",
            description = "rules to time, comma-separated: bptt, eprop, random-eprop, rflo, mdgl; default bptt,eprop")
    List<String> rules = List.of("bptt", "eprop");

    @Option(names = "--warmup", description = "untimed iterations per network and rule first, in [0, 100000], default 20")
    int warmup = 20;

    @Option(names = "--iterations", description = "timed iterations per round, in [1, 100000], default 20")
    int iterations = 20;

    @Option(names = "--repeat", description = "timed rounds (the networks and rules take turns), in [1, 1000], default 5")
    int repeat = 5;

    @Option(names = "--seed", description = "seed of the task's pattern and the weights, default 1")
    long seed = 1;

    @Override
    public Integer call() {
        Check.range("--warmup", warmup, 0, 100_000);
        Check.range("--iterations", iterations, 1, 100_000);
        Check.range("--repeat", repeat, 1, 1000);
        Check.distinct("--rule", rules);
        final List<LearningRule> parsed = new ArrayList<>();
        for (String r : rules) {
            parsed.add(LearningRule.valueOf(Check.choice("--rule", r.trim(), "bptt", "eprop", "random-eprop", "rflo",
                    "mdgl").toUpperCase(java.util.Locale.ROOT).replace('-', '_')));
        }
        System.out.println(Json.oneLine(RateRnnBench.run(parsed, warmup, iterations, repeat, seed)));
        return 0;
    }
}
