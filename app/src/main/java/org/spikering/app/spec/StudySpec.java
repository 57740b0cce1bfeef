package org.spikering.app.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.LongFunction;
import org.spikering.app.hw.PlasticityStudy;
import org.spikering.app.spec.hardware.WeightsSpec;
import org.spikering.app.task.TaskPreset;
import org.spikering.hw.fixedpoint.Rounding;

/**
 * The {@code study} section: the grid of {@code hw study} ({@link PlasticityStudy}). The task comes from
 * {@code training.task.name}; the mask kind, its matrices and the energy table from the {@code hardware} section,
 * whose mask fraction and weight precision the grid replaces.
 * <table>
 *   <caption>Fields</caption>
 *   <tr><th>field</th><th>unit</th><th>range</th><th>default</th></tr>
 *   <tr><td>fractions</td><td>share of synapses</td><td>each in [0, 1], each once</td><td>1, 0.5, 0.2, 0.1, 0.05, 0.01</td></tr>
 *   <tr><td>bits</td><td>bits per weight</td><td>each 32 (float) or in [2, 16], each once</td><td>32, 8, 6, 4, 2</td></tr>
 *   <tr><td>roundings</td><td>-</td><td>nearest, stochastic, truncate, each once</td><td>nearest, stochastic</td></tr>
 *   <tr><td>seeds</td><td>runs per configuration</td><td>[1, 1000]</td><td>3</td></tr>
 *   <tr><td>iterations</td><td>updates per run</td><td>[1, 1e7]</td><td>150</td></tr>
 *   <tr><td>batch</td><td>sequences per update</td><td>[1, 1e6]</td><td>16</td></tr>
 *   <tr><td>test_batch</td><td>held-out sequences per seed</td><td>[1, 1e6]</td><td>128</td></tr>
 * </table>
 * Study seed k = 0 .. seeds-1 is s = {@code seed} − 1 + k (so the default seed 1 gives s = 0, 1, 2).
 *
 * @param fractions  plastic fractions.
 * @param bits       weight bits.
 * @param roundings  roundings of the quantised runs.
 * @param seeds      seeds per configuration.
 * @param iterations updates per run.
 * @param batch      sequences per update.
 * @param testBatch  held-out sequences per seed.
 */
public record StudySpec(List<Double> fractions, List<Integer> bits, List<String> roundings, int seeds, int iterations,
                        int batch, int testBatch) implements SpecSection {

    /** The tasks the study trains (e-prop with symmetric feedback, event computation). */
    public static final List<String> TASKS = List.of("evidence", "dms", "nback", "sine-bellec");

    @Override
    public void check(final Problems problems, final String path, final Spec spec) {
        for (int k = 0; k < bits.size(); k++) {
            final int b = bits.get(k);
            if (b != WeightsSpec.FLOAT && b > 16) {
                problems.add(path + ".bits[" + k + "]", b, "must be 32 (float) or in [2, 16]");
            }
        }
        final JsonNode task = spec.tree().path("training").path("task").path("name");
        if (!task.isTextual()) {
            problems.add("training.task.name", task, "required by the study: one of " + String.join(", ", TASKS));
        } else if (!TASKS.contains(task.asText())) {
            problems.add("training.task.name", task, "must be one of " + String.join(", ", TASKS) + " in a study");
        }
        final JsonNode raw = spec.raw();
        final JsonNode hw = raw.path("hardware");
        if (hw.path("mask").has("fraction")) {
            problems.add("hardware.mask.fraction", hw.path("mask").get("fraction"), "must be left out in a study:"
                    + " study.fractions sets it for each run");
        }
        final String kind = spec.tree().path("hardware").path("mask").path("kind").asText("all");
        if (!List.of("all", "random", "per_neuron").contains(kind)) {
            problems.add("hardware.mask.kind", kind, "must be random or per_neuron in a study (study.fractions sweeps"
                    + " its fraction; all counts as random)");
        }
    }

    /**
     * Fields of the spec a study replaces, when the file gives them: they are legal (a spec stored by a result folder
     * has every default filled in and must run again) but the study uses its own values.
     *
     * @param spec the spec.
     * @return one note per such field.
     */
    public List<String> replacedFields(final Spec spec) {
        final JsonNode raw = spec.raw();
        final List<String> notes = new java.util.ArrayList<>();
        final String[][] fields = {{"training", "batch", "study.batch = " + batch}, {"training", "iterations",
            "study.iterations = " + iterations}, {"training", "evaluation", "study.test_batch = " + testBatch
                + ", once after the last update"}, {"training", "checkpoint_every", "per-run records"},
            {"hardware", "weights", "study.bits x study.roundings"}};
        for (String[] f : fields) {
            if (raw.path(f[0]).has(f[1])) {
                notes.add(f[0] + "." + f[1] + " is replaced in a study by " + f[2]);
            }
        }
        return notes;
    }

    /**
     * @param spec the spec this section belongs to.
     * @return the study's settings: task from {@code training.task.name}, hardware from the {@code hardware}
     *         section (its defaults if absent), seeds from the top-level {@code seed}.
     */
    public PlasticityStudy.Settings settings(final Spec spec) {
        final TrainingSpec t = spec.section("training", TrainingSpec.class);
        final LongFunction<TaskPreset> presets = seed -> TrainingSpec.preset(spec, seed);
        final HardwareSpec hw = spec.has("hardware") ? spec.section("hardware", HardwareSpec.class) : HardwareSpec.defaults();
        return new PlasticityStudy.Settings(t.task().name(), presets, t.learningRule(), t.gradientComputation(),
                t.weightClipBound(), fractions.stream().mapToDouble(Double::doubleValue).toArray(),
                bits.stream().mapToInt(Integer::intValue).toArray(),
                roundings.stream().map(Rounding::parse).toList(), spec.seed() - 1, seeds, iterations, batch, testBatch, hw);
    }
}
