package org.spikering.app.spec.training;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.nio.file.Path;
import org.spikering.app.spec.Problems;
import org.spikering.app.task.BellecSineTask;
import org.spikering.app.task.DelayComparisonTask;
import org.spikering.app.task.DelayedMatchToSampleTask;
import org.spikering.app.task.EvidenceAccumulationTask;
import org.spikering.app.task.FourSixBackTask;
import org.spikering.app.task.InputEncoding;
import org.spikering.app.task.LiuPatternTask;
import org.spikering.app.task.NestIafSineTask;
import org.spikering.app.task.NestSineTask;
import org.spikering.app.task.PerceptualDecisionTask;
import org.spikering.app.task.SequentialFashionMnistTask;
import org.spikering.app.task.StoreRecallTask;
import org.spikering.plasticity.data.SequenceSource;
import org.spikering.plasticity.reference.NestIafSineWaveReference;
import org.spikering.plasticity.reference.NestSineWaveReference;

/**
 * {@code training.task}: a built-in task by name with its parameters (1-ms steps; durations are whole ms). Each task
 * has its own parameters (schema {@code $defs.training_task} fills their defaults); a parameter of another task is
 * an error. The task classes in {@code org.spikering.app.task} generate the sequences; this record only names them.
 *
 * <table>
 * <caption>Parameters (unit in the field name)</caption>
 * <tr><th>task</th><th>field</th><th>unit</th><th>preset</th></tr>
 * <tr><td>evidence</td><td>cues, cue_ms, gap_ms, delay_ms, recall_ms</td><td>—, ms</td><td>7, 100, 50, 1050, 150</td></tr>
 * <tr><td>evidence</td><td>p_majority, cue_rate_hz, background_rate_hz</td><td>—, Hz</td><td>0.7, 40, 10</td></tr>
 * <tr><td>dms</td><td>cue_ms, delay_ms, response_ms, neurons_per_group, ood_delay_factor</td><td>ms, —, —</td>
 *     <td>2, 16, 4, 10, 2</td></tr>
 * <tr><td>nback</td><td>symbols, steps_per_symbol, neurons_per_group, rate_hz</td><td>—, steps, —, Hz</td>
 *     <td>60, 1, 10, 1000</td></tr>
 * <tr><td>sine-bellec</td><td>duration_ms, inputs, rate_hz</td><td>ms, —, Hz</td><td>1000, 100, 50 (pattern from
 *     the top-level seed)</td></tr>
 * <tr><td>pattern-liu</td><td>duration_ms, inputs, test_noise_sd</td><td>ms, —, —</td><td>50, 20, 0.5 (input
 *     and target from the top-level seed)</td></tr>
 * <tr><td>perceptual-decision</td><td>fixation_ms, stimulus_ms, decision_ms, dim_ring, noise_sigma, rate_hz,
 *     neurons_per_group</td><td>ms, —, per √ms, Hz, —</td><td>100, 2000, 100, 2, 1, 100, 10 (neurogym's periods)</td></tr>
 * <tr><td>delay-comparison</td><td>fixation_ms, stimulus_ms, delay_ms, decision_ms, noise_sigma, rate_hz,
 *     neurons_per_group</td><td>ms, —, per √ms, Hz, —</td><td>500, 500, 1000, 100, 1, 100, 10 (neurogym's periods)</td></tr>
 * <tr><td>store-recall</td><td>char_ms, delay_bits, rate_hz, neurons_per_group</td><td>ms, —, Hz, —</td>
 *     <td>200, 6, 50, 25 (Bellec et al.'s)</td></tr>
 * <tr><td>seq-fashion-mnist</td><td>train_images, test_images, ood_noise_sd, data_dir, encoding</td><td>—, —, —,
 *     folder</td><td>60000, 10000, 0.2, /usr/share/datasets/fashion-mnist, analog</td></tr>
 * <tr><td>sine-nest</td><td>—</td><td></td><td>NEST 3.9's recorded pattern</td></tr>
 * <tr><td>sine-nest-iaf</td><td>—</td><td></td><td>NEST 3.9's recorded pattern of its run with the current e-prop
 *     models (eprop_iaf; rule nest-eprop-iaf)</td></tr>
 * </table>
 *
 * @param name             the task.
 * @param cues             evidence: number of cues (odd).
 * @param cueMs            evidence, dms: cue length, ms.
 * @param gapMs            evidence: silence after each cue, ms.
 * @param delayMs          evidence: delay after the cues; dms, delay-comparison: between the cues; ms.
 * @param recallMs         evidence: recall window, ms.
 * @param pMajority        evidence: probability of the majority side per cue.
 * @param cueRateHz        evidence: cue and recall rate, Hz.
 * @param backgroundRateHz evidence: background rate, Hz.
 * @param responseMs       dms: response window, ms.
 * @param neuronsPerGroup  dms, nback, perceptual-decision, delay-comparison, store-recall: input neurons per group.
 * @param symbols          nback: bits per sequence.
 * @param stepsPerSymbol   nback: steps per bit.
 * @param rateHz           nback: active-group rate; sine-bellec: input rate; perceptual-decision,
 *                         delay-comparison: input rate at observation 1; store-recall: active-group rate; Hz.
 * @param durationMs       sine-bellec, pattern-liu: sequence length, ms.
 * @param inputs           sine-bellec: input trains; pattern-liu: Gaussian input channels.
 * @param testNoiseSd      pattern-liu: σ of the test set's additive input noise (dimensionless).
 * @param oodDelayFactor   dms: longest out-of-distribution test delay over delay_ms (1: no such test).
 * @param fixationMs       perceptual-decision, delay-comparison: fixation period, ms.
 * @param stimulusMs       perceptual-decision: stimulus period; delay-comparison: each stimulus period; ms.
 * @param decisionMs       perceptual-decision, delay-comparison: decision period, ms.
 * @param dimRing          perceptual-decision: number of choices.
 * @param noiseSigma       perceptual-decision, delay-comparison: stimulus noise σ per √ms.
 * @param charMs           store-recall: character duration, ms.
 * @param delayBits        store-recall: bits from STORE to RECALL (the first is stored).
 * @param encoding         pattern-liu, dms, perceptual-decision, delay-comparison, store-recall: {@code spikes}
 *                         (default when absent) or {@code analog} (the observation values, one input per channel;
 *                         {@code neurons_per_group} and {@code rate_hz} are then not allowed); seq-fashion-mnist:
 *                         {@code analog} (default, pixel/255) or {@code spikes} (Bernoulli per pixel).
 * @param trainImages      seq-fashion-mnist: training images used (the first of the IDX training file).
 * @param testImages       seq-fashion-mnist: test images (the first of the IDX test file).
 * @param oodNoiseSd       seq-fashion-mnist: σ of the noisy-input test's pixel noise (units of pixel/255; 0: none).
 * @param dataDir          seq-fashion-mnist: folder of the four IDX files (relative: to the spec's folder).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskSpec(String name, Integer cues, Integer cueMs, Integer gapMs, Integer delayMs, Integer recallMs,
                       Double pMajority, Double cueRateHz, Double backgroundRateHz, Integer responseMs,
                       Integer neuronsPerGroup, Integer symbols, Integer stepsPerSymbol, Double rateHz,
                       Integer durationMs, Integer inputs, Double testNoiseSd,
                       Double oodDelayFactor, Integer fixationMs, Integer stimulusMs,
                       Integer decisionMs, Integer dimRing, Double noiseSigma, Integer charMs, Integer delayBits,
                       String encoding, Integer trainImages, Integer testImages, Double oodNoiseSd, String dataDir) {

    /** The sequential Fashion-MNIST task's name. */
    static final String FASHION = "seq-fashion-mnist";

    /** Each task's parameters, by field name. */
    static final Map<String, List<String>> PARAMETERS = parameters();

    private static Map<String, List<String>> parameters() {
        final Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("sine-nest", List.of());
        m.put("sine-nest-iaf", List.of());
        m.put("sine-bellec", List.of("duration_ms", "inputs", "rate_hz"));
        m.put("pattern-liu", List.of("duration_ms", "inputs", "test_noise_sd", "encoding"));
        m.put("evidence", List.of("cues", "cue_ms", "gap_ms", "delay_ms", "recall_ms", "p_majority", "cue_rate_hz",
                "background_rate_hz"));
        m.put("dms", List.of("cue_ms", "delay_ms", "response_ms", "neurons_per_group",
                "ood_delay_factor", "encoding"));
        m.put("nback", List.of("symbols", "steps_per_symbol", "neurons_per_group", "rate_hz"));
        m.put("perceptual-decision", List.of("fixation_ms", "stimulus_ms", "decision_ms", "dim_ring", "noise_sigma",
                "rate_hz", "neurons_per_group", "encoding"));
        m.put("store-recall", List.of("char_ms", "delay_bits", "rate_hz", "neurons_per_group", "encoding"));
        m.put("delay-comparison", List.of("fixation_ms", "stimulus_ms", "delay_ms", "decision_ms", "noise_sigma",
                "rate_hz", "neurons_per_group", "encoding"));
        m.put("seq-fashion-mnist", List.of("train_images", "test_images", "ood_noise_sd", "data_dir", "encoding"));
        return m;
    }

    private Map<String, Object> given() {
        final Map<String, Object> g = new LinkedHashMap<>();
        g.put("cues", cues);
        g.put("cue_ms", cueMs);
        g.put("gap_ms", gapMs);
        g.put("delay_ms", delayMs);
        g.put("recall_ms", recallMs);
        g.put("p_majority", pMajority);
        g.put("cue_rate_hz", cueRateHz);
        g.put("background_rate_hz", backgroundRateHz);
        g.put("response_ms", responseMs);
        g.put("neurons_per_group", neuronsPerGroup);
        g.put("symbols", symbols);
        g.put("steps_per_symbol", stepsPerSymbol);
        g.put("rate_hz", rateHz);
        g.put("duration_ms", durationMs);
        g.put("inputs", inputs);
        g.put("test_noise_sd", testNoiseSd);
        g.put("ood_delay_factor", oodDelayFactor);
        g.put("fixation_ms", fixationMs);
        g.put("stimulus_ms", stimulusMs);
        g.put("decision_ms", decisionMs);
        g.put("dim_ring", dimRing);
        g.put("noise_sigma", noiseSigma);
        g.put("char_ms", charMs);
        g.put("delay_bits", delayBits);
        g.put("encoding", encoding);
        g.put("train_images", trainImages);
        g.put("test_images", testImages);
        g.put("ood_noise_sd", oodNoiseSd);
        g.put("data_dir", dataDir);
        return g;
    }

    /**
     * @param problems where problems go.
     * @param path     this object's path ({@code training.task}).
     */
    public void check(final Problems problems, final String path) {
        check(problems, path, Path::of);
    }

    /**
     * @param problems where problems go.
     * @param path     this object's path ({@code training.task}).
     * @param files    resolves a file field of the spec ({@code data_dir}) to a path.
     */
    public void check(final Problems problems, final String path, final Function<String, Path> files) {
        final List<String> own = PARAMETERS.get(name);
        final List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Object> e : given().entrySet()) {
            if (e.getValue() != null && !own.contains(e.getKey())) {
                wrong.add(e.getKey());
                problems.add(path + "." + e.getKey(), e.getValue(), "not a parameter of task " + name + " ("
                        + (own.isEmpty() ? "it has none" : "its parameters: " + String.join(", ", own)) + ")");
            }
        }
        final boolean evenCues = "evidence".equals(name) && cues != null && cues % 2 == 0;
        if (evenCues) {
            problems.add(path + ".cues", cues, "must be odd (a majority side must exist)");
        }
        final boolean analogGroups = wrong.isEmpty() && analog() && (neuronsPerGroup != null || rateHz != null);
        if (analogGroups) {
            for (Object[] f : new Object[][] {{"neurons_per_group", neuronsPerGroup}, {"rate_hz", rateHz}}) {
                if (f[1] != null) {
                    problems.add(path + "." + f[0], f[1], "not with encoding analog (the input is the observation"
                            + " itself, one input per channel); leave it out or set encoding spikes");
                }
            }
        }
        if (wrong.isEmpty() && FASHION.equals(name)) {
            // the files' headers only: the images are read once, when the task is built
            final SequentialFashionMnistTask.Problem p = SequentialFashionMnistTask.problem(files.apply(dataDir),
                    trainImages, testImages, oodNoiseSd);
            if (p != null) {
                problems.add(path + "." + p.field(), p.value(), p.what());
            }
        } else if (wrong.isEmpty() && !evenCues && !analogGroups && !"sine-nest".equals(name) && !"sine-nest-iaf".equals(name)) {
            try {
                source(1);
            } catch (IllegalArgumentException e) {
                problems.add(path, name, "cannot be built: " + e.getMessage());
            }
        }
    }

    /** @return whether the task's input is analog values, not 0/1 spikes ({@code encoding: analog}). */
    public boolean analogInput() {
        return analog();
    }

    private boolean analog() {
        return "analog".equals(encoding);
    }

    /** @return the encoding (absent: spikes). */
    private InputEncoding inputEncoding() {
        return InputEncoding.of(encoding, InputEncoding.SPIKES);
    }

    /** @return neurons_per_group as the task records take it (analog: 1, one input per channel). */
    private int groupSize() {
        return analog() ? 1 : neuronsPerGroup;
    }

    /** @return rate_hz as the task records take it (analog: 0, unused). */
    private double rate() {
        return analog() ? 0 : rateHz;
    }

    /**
     * @param seed the top-level seed (the sine-bellec pattern is drawn from it).
     * @return the task's sequences.
     */
    public SequenceSource source(final long seed) {
        return source(seed, "sine-nest".equals(name) ? NestSineWaveReference.load() : null);
    }

    /**
     * @param seed the top-level seed (the sine-bellec pattern is drawn from it).
     * @param nest NEST's loaded reference (task sine-nest; else unused).
     * @return the task's sequences.
     */
    public SequenceSource source(final long seed, final NestSineWaveReference nest) {
        return source(seed, nest, Path::of);
    }

    /**
     * @param seed  the top-level seed (the sine-bellec pattern is drawn from it).
     * @param nest  NEST's loaded reference (task sine-nest; else unused).
     * @param files resolves a file field of the spec ({@code data_dir}) to a path.
     * @return the task's sequences.
     */
    public SequenceSource source(final long seed, final NestSineWaveReference nest, final Function<String, Path> files) {
        return source(seed, nest, files, 1);
    }

    /** The neurogym tasks (perceptual-decision, delay-comparison) that take a step other than 1 ms. */
    public static final java.util.Set<String> STEPPED = java.util.Set.of("perceptual-decision", "delay-comparison");

    /**
     * @param seed   the top-level seed (the sine-bellec pattern is drawn from it).
     * @param nest   NEST's loaded reference (task sine-nest; else unused).
     * @param files  resolves a file field of the spec ({@code data_dir}) to a path.
     * @param stepMs the network's dt, ms: the step of the {@link #STEPPED} tasks (every other task is on 1-ms steps).
     * @return the task's sequences.
     */
    public SequenceSource source(final long seed, final NestSineWaveReference nest, final Function<String, Path> files,
            final int stepMs) {
        switch (name) {
            case FASHION:
                return new SequentialFashionMnistTask(files.apply(dataDir), trainImages, testImages, oodNoiseSd,
                        InputEncoding.of(encoding, InputEncoding.ANALOG));
            case "sine-nest":
                return new NestSineTask(nest);
            case "sine-nest-iaf":
                return new NestIafSineTask(NestIafSineWaveReference.load());
            case "sine-bellec":
                return new BellecSineTask(durationMs, inputs, rateHz, seed);
            case "pattern-liu":
                return new LiuPatternTask(durationMs, inputs, testNoiseSd, seed, inputEncoding());
            case "evidence":
                return new EvidenceAccumulationTask(cues, cueMs, gapMs, delayMs, recallMs, pMajority, cueRateHz,
                        backgroundRateHz);
            case "dms":
                return new DelayedMatchToSampleTask(cueMs, delayMs, responseMs, groupSize(), oodDelayFactor,
                        inputEncoding());
            case "nback":
                return new FourSixBackTask(symbols, stepsPerSymbol, neuronsPerGroup, rateHz);
            case "perceptual-decision":
                return new PerceptualDecisionTask(fixationMs, stimulusMs, decisionMs, dimRing, noiseSigma, rate(),
                        groupSize(), inputEncoding(), stepMs);
            case "store-recall":
                return new StoreRecallTask(charMs, delayBits, rate(), groupSize(), inputEncoding());
            case "delay-comparison":
                return new DelayComparisonTask(fixationMs, stimulusMs, delayMs, decisionMs, noiseSigma, rate(),
                        groupSize(), inputEncoding(), stepMs);
            default:
                throw new IllegalArgumentException("training.task.name = '" + name + "': not a built-in task");
        }
    }

    /** @return loss-counting steps per sequence for the per-symbol loss (nback: symbols − 6), else 0. */
    public int scoredSteps() {
        return "nback".equals(name) ? symbols - 6 : 0;
    }
}
