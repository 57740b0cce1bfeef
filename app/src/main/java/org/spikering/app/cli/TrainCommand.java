package org.spikering.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.nio.file.Files;
import org.spikering.app.report.Json;
import org.spikering.app.report.ResultFolder;
import org.spikering.app.spec.Examples;
import org.spikering.app.spec.OutputSpec;
import org.spikering.app.spec.SpecLoader;
import org.spikering.app.spec.TrainingSpec;
import org.spikering.app.sweep.ProgressStarter;
import org.spikering.app.sweep.TrainSpecRunner;
import org.spikering.app.task.TaskPreset;
import org.spikering.app.train.TrainCheckpoint;
import org.spikering.hw.energy.EnergyModel;
import org.spikering.plasticity.train.Computation;
import org.spikering.plasticity.train.LearningRule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code spikering train [SPEC]}: trains the {@code training} section of a spec file (or of the shipped preset file
 * {@code examples/<task>.yaml} of {@code --task}) and writes the learning curve; every option overrides one field of
 * the spec ({@code --rule} → {@code training.rule}, ..., {@code --set FIELD=VALUE} any field).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train the training section of a spec file (default: the shipped preset examples/<--task>.yaml);"
                + " writes learning_curve.csv/.png, summary.json, model.json (the trained network with its spec) and "
                + "spec.yaml. Options override single fields of the spec.",
            "Tasks: sine-nest (NEST 3.9's frozen sine pattern), sine-bellec, evidence, dms, nback, sine-nest-iaf (NEST 3.9's"
                + " sine-wave example with its current eprop_iaf models), pattern-liu (Liu et al. 2022's pattern generation), perceptual-decision (neurogym's 2AFC),"
                + " delay-comparison (Romo's parametric working memory), store-recall (Bellec et al.).",
            "Network kinds: training.network.kind spiking (LIF/ALIF, default) or rate (leaky rate units, training.network.rate:"
                + " activation, tau_ms, form, bias; rules eprop, random-eprop, rflo, mdgl, bptt, rtrl, uoro, kf-rtrl, kernl; example pattern-liu-rate);"
                + " training.network.cell_types.excitatory_fraction adds E/I units with Dale's law (both kinds).",
            "Rules mean the same on every task. On sine-nest, --rule eprop is symmetric",
            "e-prop on NEST's network and pattern; --rule nest-eprop is e-prop as NEST",
            "computed it there (NEST's B, late last signal) and follows NEST's loss curve."})
public final class TrainCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "SPEC", description = "a spec file with a training section, or a "
            + "shipped example's name ('spikering spec list'); default: the preset file of --task")
    String specFile;

    @Option(names = "--set", paramLabel = "FIELD=VALUE", description = "override one field of the spec, e.g. "
            + "training.network.tau_a_ms=800 or training.rule=bptt (repeatable; the value is read as YAML)")
    List<String> sets = new ArrayList<>();

    @Option(names = "--task", description = {"sine-nest, sine-bellec, evidence, dms, nback, sine-nest-iaf, pattern-liu, perceptual-decision, delay-comparison, "
            + "store-recall or seq-fashion-mnist (default sine-nest): without "
            + "SPEC the shipped preset file examples/<task>.yaml; with SPEC it replaces training.task by the task with its"
            + " default parameters.",
        "sine-nest, sine-bellec, pattern-liu: one frozen input pattern; tested on the same target with fresh input noise "
            + "(test_loss_fresh_input; pattern-liu: the frozen Gaussian input plus N(0, test_noise_sd^2)) and, named so,"
            + " on the training pattern (training_pattern_loss).",
        "dms: also tested out of distribution on delays longer than the training delay, up to ood_delay_factor times "
            + "(test_accuracy_longer_delay).",
        "evidence: NEST's evidence-accumulation network and task, except: eligibility filter and readout input factor 1 "
            + "(NEST 1 - kappa), gradients summed (NEST: averaged over the recall window), c_reg 1 (NEST 300), "
            + "surrogate gamma 0.5, beta 1.67 (NEST 0.3, 1), adaptation beta_a 1.7 (NEST 0.0174), Adam eps 1e-7 (NEST 1e-8), "
            + "W_out N(0, 1/100) (NEST Glorot), feedback B of the rule (NEST: random N(0, 1); random-eprop: N(0, 1/100)), "
            + "cue spacing after each cue (NEST before), 300 iterations (NEST 50).",
        "dms: the evidence settings with tau_a 200 ms; NEST has no DMS example.",
        "seq-fashion-mnist: Fashion-MNIST row by row (28 steps of 28 inputs, pixel/255, analog by default), 10 classes at"
            + " the last step; tested on the IDX test images and, out of distribution, on them with N(0, ood_noise_sd^2)"
            + " pixel noise clipped to [0, 1] (test_accuracy_noisy_input); needs apt install dataset-fashion-mnist or"
            + " training.task.data_dir.",
        "perceptual-decision, delay-comparison, pattern-liu, dms, store-recall: training.task.encoding analog feeds the"
            + " observation values, one input per channel, instead of input spikes.",
        "sine-nest-iaf: NEST 3.9's sine-wave example with eprop_iaf, eprop_readout and eprop_synapse, trained by rule "
            + "nest-eprop-iaf only.",
        "evidence, dms, nback: tested on a held-out batch never trained on."})
    String task;

    @Option(names = "--rule", description = {"eprop: e-prop with symmetric feedback B = W_out^T, on every task, sine-nest included (default);",
        "random-eprop: e-prop with a fixed random B drawn from --seed;",
        "nest-eprop: e-prop as NEST 3.9's eprop_*_bsshslm_2020 models compute it (random B read from NEST's run, "
            + "last learning signal of an interval applied one step late; --task sine-nest only, reproduces NEST's loss curve);",
        "mdgl-exact: e-prop plus MDGL's one-step non-local term with per-synapse weights (exact truncation, not the "
            + "cell-type rule of Liu et al. 2021);",
        "nest-eprop-iaf: NEST 3.9's current event-based e-prop (eprop_iaf/_adapt, eprop_readout, eprop_synapse: reset in "
            + "the spike step, no zeta, continuous learning at presynaptic spikes with a 100-ms trace cut-off); --task "
            + "sine-nest-iaf only, reproduces NEST's losses;",
        "rflo: Murray 2019's random-feedback local online rule (its own low-pass trace, fixed random B);",
        "mdgl: e-prop plus MDGL's one-step non-local term with cell-type-averaged gains (Liu et al. 2021);",
        "reward-eprop: reward-based e-prop (Bellec et al. 2020): an action sampled from the softmax readouts at every"
            + " step of the recall window, reward 1 for the target class and 0 otherwise, actor-critic learning"
            + " signal on e-prop's traces; classification tasks and LIF/ALIF networks only, no checkpoints or --resume;",
        "bptt: backpropagation through time (reset path detached).",
        "rtrl: exact real-time recurrent learning (Marschall et al. 2020), the same gradient as bptt, forward in time;",
        "uoro, kf-rtrl, kernl (rate networks only): RTRL's rank-one (UORO) and Kronecker-factored (KF-RTRL) unbiased "
            + "estimates, and kernel RNN learning (Marschall et al. 2020);",
        "A rate network (training.network.kind rate) takes eprop, random-eprop, rflo, mdgl, bptt, rtrl, uoro, kf-rtrl or "
            + "kernl."})
    String rule;

    @Option(names = "--energy", description = "per-operation energies in pJ replacing the Loihi defaults in summary.json, "
            + "e.g. synop=20,neuron=50 (keys synop, neuron, weight, spike)")
    String energy;

    @Option(names = "--computation", description = "event, event-stepwise, dense or engine (default event; not with --rule bptt)")
    String computation;

    @Option(names = "--iterations", description = "updates, in [1, 10000000] (default: the task's)")
    Integer iterations;

    @Option(names = "--batch", description = "sequences per update, >= 1 and fitting the memory (default: the task's)")
    Integer batch;

    @Option(names = "--lr", description = "learning rate, in (0, 1] (default: the task's)")
    Double lr;

    @Option(names = "--seed", description = "seed, any integer (default: the spec's seed, 1 in the presets)")
    Long seed;

    @Option(names = "--eval-every", description = "test evaluation interval of the classification tasks, >= 1 (default 10;"
            + " the sine tasks are tested once, after the last update)")
    Integer evalEvery;

    @Option(names = "--test-batch", description = "test sequences, >= 1 and fitting the memory (default 128): held out for"
            + " evidence, dms and nback; for the sine tasks the training target with fresh input noise")
    Integer testBatch;

    @Option(names = "--weight-clip", description = "clip weights to [-c, c] after each update (default 100, NEST's; Infinity = none)")
    Double weightClip;

    @Option(names = "--out", description = "output folder (default: the spec's output.folder, else spikering-out/train-<task>-<rule>), replaced as a "
            + "whole when training ends (a new, empty or earlier result folder); checkpoints go beside it in .<name>.checkpoint")
    Path out;

    @Option(names = "--checkpoint-every", description = "write a checkpoint every N iterations (default: a tenth of "
            + "--iterations, so at most 10 checkpoints and a tenth of the run lost to a kill; 0 = none)")
    Integer checkpointEvery;

    @Option(names = "--resume", description = "continue the interrupted run whose --out was DIR from its last checkpoint "
            + "(same settings; the results go to DIR)")
    Path resume;

    @Option(names = "--init-from", description = "start from the network of a model.json written by train (shapes must fit the task)")
    Path initFrom;

    @picocli.CommandLine.Spec
    CommandSpec spec;

    /** Most updates of one run. */
    static final int MAX_ITERATIONS = 10_000_000;
    /** Most sequences per batch (memory is checked as well). */
    static final int MAX_BATCH = 1_000_000;
    /** Largest learning rate: Adam moves each weight by about lr per update, SGD by lr times the gradient. */
    static final double MAX_LR = 1.0;

    @Override
    public Integer call() {
        final LearningRule optionRule = rule == null ? null : Cli.parseEnum(LearningRule.class, "--rule", rule);
        if (computation != null) {
            Cli.parseEnum(Computation.class, "--computation", computation);
        }
        if (optionRule == LearningRule.BPTT && computation != null) {
            throw new IllegalArgumentException("--computation = '" + computation + "' with --rule = '" + rule
                    + "': must be left out; BPTT has one computation (exact backpropagation through time)");
        }
        if (task != null && !Arrays.asList(TaskPreset.NAMES).contains(task)) {
            throw new IllegalArgumentException("--task = '" + task + "': must be one of " + String.join(", ", TaskPreset.NAMES));
        }
        if (iterations != null) {
            Check.range("--iterations", iterations, 1, MAX_ITERATIONS);
        }
        if (batch != null) {
            Check.range("--batch", batch, 1, MAX_BATCH);
        }
        if (lr != null) {
            Check.rangeOpenLow("--lr", lr, 0, MAX_LR);
        }
        if (evalEvery != null) {
            Check.range("--eval-every", evalEvery, 1, MAX_ITERATIONS);
        }
        if (testBatch != null) {
            Check.range("--test-batch", testBatch, 1, MAX_BATCH);
        }
        if (weightClip != null && !(weightClip > 0)) {
            throw new IllegalArgumentException("--weight-clip = " + weightClip + ": must be > 0 (Infinity = none)");
        }
        final EnergyModel energyModel = EnergyModel.loihiWith(energy);
        if (out != null) {
            Check.outputFolder("--out", out);
        }
        org.spikering.app.spec.Spec s = resolvedSpec();
        final TrainingSpec t = s.section("training", TrainingSpec.class);
        if (t == null) {
            throw new IllegalArgumentException("SPEC = '" + specFile + "': has no training section (train needs one; "
                    + "'spikering spec show evidence' prints an example)");
        }
        final int its = t.iterations();
        if (checkpointEvery != null && (checkpointEvery < 0 || checkpointEvery > its)) {
            throw new IllegalArgumentException("--checkpoint-every = " + checkpointEvery + ": must be in [1, --iterations = "
                    + its + "], or 0 for no checkpoints");
        }
        if (checkpointEvery != null) {
            s = s.overriding(Map.of("training.checkpoint_every", checkpointEvery));
        }
        if (resume != null && (Files.exists(resume) && !Files.isDirectory(resume)
                || !Files.isRegularFile(ResultFolder.checkpointDir(resume).resolve(TrainCheckpoint.FILE)))) {
            throw new IllegalArgumentException("--resume = '" + resume + "': must be the --out folder of an interrupted train "
                    + "run with a checkpoint (none at " + ResultFolder.checkpointDir(resume).resolve(TrainCheckpoint.FILE) + ")");
        }
        if (resume != null && out != null && !resume.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("--resume = '" + resume + "': resumes into its own folder; --out = '" + out
                    + "' must be the same folder or left out");
        }
        final OutputSpec output = s.section("output", OutputSpec.class);
        final Path dir = resume != null ? resume : out != null ? out : output != null && output.folder() != null
                ? s.resolve(output.folder()) : TrainSpecRunner.defaultFolder(s);
        if (resume == null) {
            Check.outputFolder("--out", dir);
        }
        final TrainSpecRunner.Result result = new TrainSpecRunner().run(s, dir, new TrainSpecRunner.Options(initFrom,
                resume, energy != null ? energyModel : null, "--out", f -> OPTION_FIELDS.getOrDefault(f, f)), ProgressStarter.on(System.err));
        System.out.println(Json.oneLine(result.summary()));
        if (result.divergedAt() != null) {
            throw new IllegalStateException("training diverged at iteration " + result.divergedAt()
                    + " (non-finite loss or weights); lower --lr. Files hold the finite iterations before it: "
                    + result.folder());
        }
        return 0;
    }

    /** The option that sets each field the runner's messages name: a field without one is named by its path. */
    private static final Map<String, String> OPTION_FIELDS = Map.of("training.batch", "--batch",
            "training.evaluation.test_batch", "--test-batch");

    /**
     * The spec to train: SPEC (or the preset file of --task, default sine-nest) with the --set overrides, then each
     * given option written into its field (--task replaces training.task by the task's defaults when SPEC is given).
     */
    private org.spikering.app.spec.Spec resolvedSpec() {
        if (specFile != null && !Files.isRegularFile(Path.of(specFile)) && !Examples.names().contains(specFile)) {
            throw new IllegalArgumentException("SPEC = '" + specFile + "': must be a spec file or a shipped example's name ("
                    + String.join(", ", Examples.names()) + "); " + (Files.isDirectory(Path.of(specFile)) ? "it is a folder"
                    : "no such file"));
        }
        for (String set : sets) {
            final int eq = set.indexOf('=');
            if (eq <= 0 || set.substring(0, eq).isBlank()) {
                throw new IllegalArgumentException("--set = '" + set + "': must be FIELD=VALUE, e.g. training.rule=bptt");
            }
        }
        org.spikering.app.spec.Spec withSets = null;
        org.spikering.app.spec.SpecException setsProblem = null;
        if (!sets.isEmpty()) {
            try {
                withSets = load(sets);
            } catch (org.spikering.app.spec.SpecException e) {
                setsProblem = e; // perhaps an option below mends it (--set X with --rule bptt): all are checked together
            }
        }
        if (withSets == null) {
            // the spec without the overrides, checked only when they are absent or do not load: a --set may mend the
            // file (training.task.data_dir of a data set that is not installed), so it is not checked first
            try {
                withSets = load(List.of());
            } catch (org.spikering.app.spec.SpecException e) {
                if (setsProblem != null) {
                    throw setsProblem(setsProblem);
                }
                throw e;
            }
        }
        final String taskName = task != null ? task : withSets.tree().at("/training/task/name").asText(null);
        if (rule != null && Cli.parseEnum(LearningRule.class, "--rule", rule) == LearningRule.NEST_EPROP
                && taskName != null && !"sine-nest".equals(taskName)) {
            throw new IllegalArgumentException("--rule = '" + rule + "': only with --task sine-nest (it uses the feedback B"
                    + " recorded from NEST's sine-wave run), not with --task " + taskName + "; use eprop or random-eprop");
        }
        final Map<String, Object> f = new LinkedHashMap<>();
        if (specFile != null && task != null) {
            f.put("training.task", Map.of("name", task));
        }
        if (rule != null) {
            f.put("training.rule", rule.toLowerCase(java.util.Locale.ROOT));
        }
        if (computation != null) {
            f.put("training.computation", computation.toLowerCase(java.util.Locale.ROOT));
        }
        if (iterations != null) {
            f.put("training.iterations", iterations);
        }
        if (batch != null) {
            f.put("training.batch", batch);
        }
        if (lr != null) {
            f.put("training.optimizer.lr", lr);
        }
        if (seed != null) {
            f.put("seed", seed);
        }
        if (evalEvery != null) {
            f.put("training.evaluation.every", evalEvery);
        }
        if (testBatch != null) {
            f.put("training.evaluation.test_batch", testBatch);
        }
        if (weightClip != null) {
            f.put("training.weight_clip", Double.isInfinite(weightClip) ? null : weightClip);
        }
        if (out != null || resume != null) {
            f.put("output.folder", (out != null ? out : resume).toString());
        }
        if (f.isEmpty()) {
            if (setsProblem != null) {
                throw setsProblem(setsProblem);
            }
            return withSets;
        }
        final Map<String, String> origins = new LinkedHashMap<>();
        f.forEach((k, v) -> origins.put(k, k + "=" + v));
        try {
            return specFile != null ? SpecLoader.load(specFile, sets, f, origins)
                    : Examples.load(task != null ? task : "sine-nest", sets, f, origins);
        } catch (org.spikering.app.spec.SpecException e) {
            throw setsProblem != null ? setsProblem(e) : e;
        }
    }

    /** Problems the --set overrides take part in: one problem of --set, with the overrides and each problem line. */
    private IllegalArgumentException setsProblem(final org.spikering.app.spec.SpecException e) {
        return new IllegalArgumentException("--set " + String.join(" --set ", sets) + ": " + String.join("\n", e.problems()));
    }

    /** The spec file (or the --task preset) with the given --set overrides. */
    private org.spikering.app.spec.Spec load(final List<String> overrides) {
        return specFile != null ? SpecLoader.load(specFile, overrides)
                : Examples.load(task != null ? task : "sine-nest", overrides);
    }

}
