package org.spikering.app.sweep;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.spikering.app.report.Json;
import org.spikering.app.report.Progress;
import org.spikering.app.report.ResultFolder;
import org.spikering.app.spec.Spec;

/**
 * A test double of a runner: its summary is a formula of the spec's fields ({@link #score}), written with the spec
 * through a {@link ResultFolder} as a command writes its result set. It refuses {@code training.iterations} above
 * {@link #MAX_ITERATIONS} in {@link #check} (a value a real runner would accept, to see that the sweep calls check on
 * every point) and counts its runs.
 */
final class FormulaRunner implements SpecRunner {

    static final int MAX_ITERATIONS = 1000;

    final AtomicInteger runs = new AtomicInteger();
    private final long sleepMs;

    FormulaRunner(final long sleepMs) {
        this.sleepMs = sleepMs;
    }

    /** The formula: depends on every axis field of the tests and on the seed. */
    static double score(final String rule, final int iterations, final long seed) {
        return Math.sin(1.3 * seed + iterations) + (rule.equals("bptt") ? 1 : 0) + iterations / 10.0;
    }

    @Override
    public String command() {
        return "formula";
    }

    @Override
    public void check(final Spec spec) {
        final int it = spec.tree().path("training").path("iterations").asInt();
        if (it > MAX_ITERATIONS) {
            throw new IllegalArgumentException("training.iterations = " + it + ": must be <= " + MAX_ITERATIONS
                    + " for the formula runner");
        }
    }

    @Override
    public double memoryBytes(final Spec spec) {
        return 1e6;
    }

    @Override
    public Map<String, Object> run(final Spec spec, final Path dir, final Progress progress) {
        runs.incrementAndGet();
        final String rule = spec.tree().path("training").path("rule").asText();
        final int it = spec.tree().path("training").path("iterations").asInt();
        final Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("score", score(rule, it, spec.seed()));
        summary.put("rule", rule);
        summary.put("seed", spec.seed());
        try (ResultFolder f = ResultFolder.open("--out", dir)) {
            org.spikering.app.report.AtomicFiles.writeString(f.file("spec.yaml"), spec.toYaml());
            if (sleepMs > 0) {
                Thread.sleep(sleepMs);
            }
            Json.write(f.file("summary.json"), summary);
            f.commit(command(), "spec.yaml", "summary.json");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
        return summary;
    }
}
