package org.spikering.app.sweep;

import java.nio.file.Path;
import java.util.Map;
import org.spikering.app.report.Progress;
import org.spikering.app.spec.Spec;

/**
 * One kind of run a spec describes ({@code train}, {@code run}, {@code reservoir}): what {@code spikering train SPEC}
 * (and the others) do, callable in-process so that a sweep point is a normal run. Implementations hold no state
 * between calls and may be called from several threads at once (one spec per call).
 *
 * <p>Contract: {@link #check} does every check the command does before it starts work (spec sections, files, shapes,
 * memory) and throws {@link org.spikering.app.spec.SpecException} or {@link IllegalArgumentException} with one line per
 * problem; {@link #run} writes exactly the files the command writes into its folder (through
 * {@link org.spikering.app.report.ResultFolder}, so the folder is complete or absent) and returns the summary.
 */
public interface SpecRunner {

    /** @return the command whose run this is: {@code train}, {@code run} or {@code reservoir}. */
    String command();

    /**
     * @param spec a loaded spec.
     * @throws IllegalArgumentException (or {@code SpecException}) naming the field if the run could not start.
     */
    void check(Spec spec);

    /**
     * @param spec a checked spec.
     * @return estimated peak heap bytes of one run of it (for how many points run at once).
     */
    double memoryBytes(Spec spec);

    /**
     * @param spec     a checked spec; its {@code output.folder} is ignored.
     * @param dir      the result folder (new, empty or an earlier complete result folder; replaced as a whole).
     * @param progress where the run shows its progress ({@link Progress#OFF} inside a sweep).
     * @return the run's summary: what it prints as its JSON line and writes as summary.json (metric name to number,
     *         string or boolean; flat).
     */
    Map<String, Object> run(Spec spec, Path dir, Progress progress);
}
