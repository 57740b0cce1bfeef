package org.spikering.spark;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.spikering.app.report.AtomicFiles;
import org.spikering.app.report.Json;
import org.spikering.app.report.Progress;
import org.spikering.app.report.ResultFolder;
import org.spikering.app.spec.Spec;
import org.spikering.app.sweep.SpecRunner;

/**
 * A test double of a point's runner, so that the Spark tests take seconds: its summary is a formula of the spec's
 * {@code training.rule}, {@code training.iterations} and seed, written with the spec through a {@link ResultFolder}
 * as a command writes its result set. {@code training.rule: bptt} with {@code training.iterations: 13} fails (a point
 * that throws while running); {@code training.iterations} above 1000 is refused by {@link #check} (bad input found for
 * a point before anything runs). {@link #RUNS} counts the runs in this JVM (local Spark runs its tasks here).
 */
final class CountingRunner implements SpecRunner {

    /** Runs in this JVM, by any instance. */
    static final AtomicInteger RUNS = new AtomicInteger();

    /** @return a runner for any spec (the tests' {@link SparkSweep.Runners}). */
    static SpecRunner of(final Spec spec) {
        return new CountingRunner();
    }

    @Override
    public String command() {
        return "counting";
    }

    @Override
    public void check(final Spec spec) {
        final int it = spec.tree().path("training").path("iterations").asInt();
        if (it > 1000) {
            throw new IllegalArgumentException("training.iterations = " + it + ": must be <= 1000 for the counting runner");
        }
    }

    @Override
    public double memoryBytes(final Spec spec) {
        return 1e6;
    }

    @Override
    public Map<String, Object> run(final Spec spec, final Path dir, final Progress progress) {
        RUNS.incrementAndGet();
        final String rule = spec.tree().path("training").path("rule").asText();
        final int it = spec.tree().path("training").path("iterations").asInt();
        if (rule.equals("bptt") && it == 13) {
            throw new IllegalStateException("bptt with 13 iterations diverged (the counting runner's failing point)");
        }
        final Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("loss", Math.exp(-it / 7.0) * (rule.equals("bptt") ? 0.5 : 1.0) + 1e-3 * spec.seed());
        summary.put("rule", rule);
        summary.put("converged", it >= 5);
        try (ResultFolder f = ResultFolder.open("--out", dir)) {
            AtomicFiles.writeString(f.file("spec.yaml"), spec.toYaml());
            Json.write(f.file("summary.json"), summary);
            f.commit(command(), "spec.yaml", "summary.json");
        }
        return summary;
    }
}
