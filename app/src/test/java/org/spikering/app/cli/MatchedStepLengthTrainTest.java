package org.spikering.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.app.report.Json;
import org.spikering.app.spec.Examples;
import org.spikering.app.spec.Spec;
import org.spikering.app.spec.TrainingSpec;
import org.spikering.app.task.TaskPreset;
import org.spikering.app.train.BatchSeeds;
import org.spikering.app.train.TrainCheckpoint;
import org.spikering.app.train.TrainingRun;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.eprop.Gradients;
import org.spikering.plasticity.network.WeightMatrixId;
import org.spikering.plasticity.train.Computation;
import org.spikering.plasticity.train.LearningRule;
import org.spikering.plasticity.train.Rules;

/**
 * {@code training.bptt_step_length_of} end to end: the learning curve's alpha of the first update equals the
 * relative step length of e-prop along BPTT computed here from the two rules (dense e-prop) on the run's first batch;
 * summary.json names the rule; with SGD and a step-decay schedule a run resumed from its checkpoint ends as the
 * uninterrupted one (curve, alpha and weights); a bad combination ends with one line, exit 2, nothing written.
 */
class MatchedStepLengthTrainTest {

    @TempDir
    Path dir;

    private static final List<String> SETS = List.of("training.rule=bptt", "training.bptt_step_length_of=eprop",
            "training.optimizer={kind: sgd, lr: 0.05, schedule: {kind: step, factor: 0.5, every: 2}}");

    private record Run(TrainingRun run, TrainingRun.Outcome outcome) {
    }

    private static Run train(final Spec s, final Path checkpoints, final TrainCheckpoint resume) {
        final TrainingSpec t = s.section("training", TrainingSpec.class);
        final TrainingRun run = new TrainingRun(TrainingSpec.preset(s), t.learningRule(), t.gradientComputation(),
                s.seed()).withWeightClip(t.weightClipBound()).withSpec(s).withStepLengthOf(t.stepLengthRule());
        if (checkpoints != null) {
            run.withCheckpoints(checkpoints, 2);
        }
        if (resume != null) {
            run.withResume(resume, "--resume", "test");
        }
        return new Run(run, run.run(4, 2, t.optimizer().lr(), 2, 4, null));
    }

    private Path write(final Run r, final String name) throws Exception {
        final Path d = Files.createDirectories(dir.resolve(name));
        r.run().write(d, r.outcome());
        return d;
    }

    @Test
    void theCurvesAlphaIsTheOtherRulesStepLengthAndAResumedRunEndsAsTheWholeOne() throws Exception {
        final Spec s = Examples.load("dms", SETS);
        final Run whole = train(s, null, null);
        final Path w = write(whole, "whole");
        final List<String> csv = Files.readAllLines(w.resolve("learning_curve.csv"));
        assertEquals("iteration,loss,loss_per_scored_step,batch_accuracy,mean_rate_hz,alpha,cosine", csv.get(0));
        assertEquals(5, csv.size());

        // independent: BPTT and dense e-prop on the initial network and the first batch, alpha = g~.g / |g|^2
        final TaskPreset p = TrainingSpec.preset(s);
        final SequenceBatch first = p.source().batch(2, new BatchSeeds(s.seed(), 4).training(0));
        final Gradients g = Gradients.zerosFor(p.network());
        Rules.create(LearningRule.BPTT, Computation.DENSE, p.network(), s.seed(), 1.0).compute(p.network(), first, g);
        final Gradients e = Gradients.zerosFor(p.network());
        Rules.create(LearningRule.EPROP, Computation.DENSE, p.network(), s.seed(), 1.0).compute(p.network(), first, e);
        double dot = 0.0;
        double gg = 0.0;
        double ee = 0.0;
        for (WeightMatrixId id : WeightMatrixId.values()) {
            for (int n = 0; n < g.get(id).length; n++) {
                dot += e.get(id)[n] * g.get(id)[n];
                gg += g.get(id)[n] * g.get(id)[n];
                ee += e.get(id)[n] * e.get(id)[n];
            }
        }
        final String[] row1 = csv.get(1).split(",");
        assertEquals(dot / gg, Double.parseDouble(row1[5]), 1e-8 * Math.abs(dot / gg), "alpha of update 1");
        assertEquals(dot / Math.sqrt(gg * ee), Double.parseDouble(row1[6]), 1e-8, "cosine of update 1");
        assertTrue(Math.abs(dot / gg - 1.0) > 1e-3, "alpha = " + dot / gg + " is 1: the check is vacuous");

        final JsonNode summary = Json.MAPPER.readTree(w.resolve("summary.json").toFile());
        assertEquals("bptt", summary.get("rule").asText());
        assertEquals("eprop", summary.get("step_length_of").asText());
        double mean = 0.0;
        for (int k = 1; k <= 4; k++) {
            mean += Double.parseDouble(csv.get(k).split(",")[5]) / 4;
        }
        assertEquals(mean, summary.get("mean_alpha").asDouble(), 1e-12 * Math.abs(mean));

        final Path cpDir = dir.resolve("cp");
        train(s, cpDir, null);
        final TrainCheckpoint cp = TrainCheckpoint.read("test", cpDir.resolve(TrainCheckpoint.FILE));
        assertEquals(2, cp.model().completed());
        assertEquals(2, cp.stepLength().size());
        final Run resumed = train(s, null, cp);
        final Path r = write(resumed, "resumed");
        assertEquals(csv, Files.readAllLines(r.resolve("learning_curve.csv")), "resumed learning curve with alpha");
        for (WeightMatrixId id : WeightMatrixId.values()) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(whole.run().trainedModel().network().weights(id),
                    resumed.run().trainedModel().network().weights(id), id.toString());
        }
        final ObjectNode a = (ObjectNode) summary;
        final ObjectNode b = (ObjectNode) Json.MAPPER.readTree(r.resolve("summary.json").toFile());
        a.remove("wall_s");
        b.remove("wall_s");
        assertEquals(a, b, "summary");
        // a plain-BPTT checkpoint does not resume a matched run
        final Spec plain = Examples.load("dms", SETS.subList(0, 1));
        final Path cpPlain = dir.resolve("cp-plain");
        train(plain, cpPlain, null);
        final IllegalArgumentException x = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> train(s, null, TrainCheckpoint.read("test", cpPlain.resolve(TrainCheckpoint.FILE))));
        assertTrue(x.getMessage().startsWith("--resume = 'test': the checkpoint was made with"), x.getMessage());
    }

    @Test
    void aBadCombinationEndsWithOneLineAndNothingWritten() {
        final Path out = dir.resolve("never");
        final String[][] cases = {
            {"training.bptt_step_length_of=eprop", "training.bptt_step_length_of: 'eprop', only with training.rule bptt"},
            {"training.rule=bptt", "training.bptt_step_length_of=nest-eprop-iaf",
                "training.bptt_step_length_of: 'nest-eprop-iaf', must be a rule with a batch gradient other than bptt"},
            {"training.rule=bptt", "training.bptt_step_length_of=bptt",
                "training.bptt_step_length_of: 'bptt', must be a rule with a batch gradient other than bptt"},
            {"training.rule=bptt", "training.bptt_step_length_of=sgd",
                "training.bptt_step_length_of: 'sgd', must be one of eprop"},
        };
        for (String[] c : cases) {
            final List<String> args = new java.util.ArrayList<>(List.of("train", "dms"));
            for (int k = 0; k < c.length - 1; k++) {
                args.add("--set");
                args.add(c[k]);
            }
            args.addAll(List.of("--out", out.toString()));
            final TrainSpecCliTest.Result r = TrainSpecCliTest.run(args.toArray(new String[0]));
            assertEquals(2, r.code(), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().contains(c[c.length - 1]), r.err());
            assertFalse(Files.exists(out), "nothing written");
        }
    }

    /** A --set field and an option's field are validated together: --rule bptt counts for bptt_step_length_of. */
    @Test
    void aSetFieldAndAnOptionAreCheckedTogether() {
        final Path out = dir.resolve("together");
        final TrainSpecCliTest.Result r = TrainSpecCliTest.run("train", "dms", "--set",
                "training.bptt_step_length_of=eprop", "--rule", "bptt", "--iterations", "1", "--checkpoint-every", "0",
                "--set", "training.evaluation.every=1", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.exists(out.resolve("summary.json")));
    }
}
