package org.spikering.app.sweep;

import java.nio.file.Path;
import java.util.Map;
import org.spikering.app.report.Progress;
import org.spikering.app.spec.ReservoirSpec;
import org.spikering.app.spec.Spec;

/**
 * {@code reservoir} of a spec's {@code reservoir} section, in-process: what {@code spikering reservoir SPEC} (and its
 * sub-commands) do once the options are written into the spec. Runs the benchmark the section names (mc, narma,
 * mackey-glass, lsm, bits: {@link ReservoirRun}) into the result folder; the summary is the JSON line the command
 * prints (= {@code <benchmark>.json}; {@code mc_per_delay}, {@code xor_accuracy_by_delay} are arrays). A scaling spec
 * is one run of the scaling study (one size, one gain, seeds 1; run seed s = seed − 1; summary = scaling_run.json: size,
 * gain, run_seed and the run's measures); a grid of runs is refused here: {@code reservoir scaling} runs it as a sweep
 * of such runs ({@link org.spikering.app.reservoir.ScalingSweep}). Holds no state: one instance serves any number of
 * threads.
 */
public final class ReservoirSpecRunner implements SpecRunner {

    @Override
    public String command() {
        return "reservoir";
    }

    @Override
    public void check(final Spec spec) {
        check(spec, FieldNames.FIELDS);
    }

    /**
     * @param spec  a loaded spec.
     * @param names what messages call the fields (a command's options).
     */
    public void check(final Spec spec, final FieldNames names) {
        new ReservoirRun(requireReservoir(spec), names).check();
    }

    @Override
    public double memoryBytes(final Spec spec) {
        return new ReservoirRun(requireReservoir(spec), FieldNames.FIELDS).memoryBytes();
    }

    @Override
    public Map<String, Object> run(final Spec spec, final Path dir, final Progress progress) {
        return run(spec, dir, FieldNames.FIELDS, ProgressStarter.showing(progress));
    }

    /**
     * @param spec     a loaded spec with a reservoir section (its output folder is not read: {@code dir} is the folder).
     * @param dir      the result folder (checked by the caller: new, empty or an earlier result folder).
     * @param names    what messages call the fields (a command's options).
     * @param progress starts the progress of a scaling study's runs.
     * @return the summary.
     */
    public Map<String, Object> run(final Spec spec, final Path dir, final FieldNames names, final ProgressStarter progress) {
        return new ReservoirRun(requireReservoir(spec), names).run(dir, progress);
    }

    /**
     * Checks the memory of the largest run of a scaling study (of any size: a grid of runs, before it is swept).
     *
     * @param spec  a spec of benchmark scaling.
     * @param names what messages call the fields.
     */
    public static void checkScalingMemory(final Spec spec, final FieldNames names) {
        new ReservoirRun(requireReservoir(spec), names).checkScalingMemory();
    }

    /**
     * @param spec a spec with a reservoir section.
     * @return the command's folder when neither {@code --out} nor {@code output.folder} is given.
     */
    public static Path defaultFolder(final Spec spec) {
        return ReservoirRun.defaultFolder(requireReservoir(spec));
    }

    private static Spec requireReservoir(final Spec spec) {
        SpecRunners.requireNoSweep(spec, "reservoir");
        if (!spec.has(ReservoirSpec.PATH)) {
            throw new IllegalArgumentException("SPEC = '" + spec.source() + "': reservoir: missing; must have a 'reservoir'"
                    + " section to run with 'spikering reservoir' ('spikering spec show reservoir-mc' is one)");
        }
        return spec;
    }
}
