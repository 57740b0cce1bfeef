package org.spikering.app.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.app.cli.SpikeringCli;
import org.spikering.app.train.TrainingRun;
import org.spikering.plasticity.eprop.GradientComputer;
import org.spikering.plasticity.feedback.RandomFeedback;
import org.spikering.plasticity.feedback.SymmetricFeedback;
import org.spikering.plasticity.optim.Sgd;
import org.spikering.plasticity.optim.WeightClip;
import org.spikering.plasticity.optim.WeightUpdateHook;
import org.spikering.plasticity.reference.NestSineWaveReference;
import org.spikering.plasticity.train.Computation;
import org.spikering.plasticity.train.IterationResult;
import org.spikering.plasticity.train.LearningRule;
import org.spikering.plasticity.train.Rules;
import org.spikering.plasticity.train.Trainer;
import picocli.CommandLine;

/** A rule name means the same computation on every task, NEST's sine task included. */
final class RuleNamesTest {

    @TempDir
    Path dir;

    /** Losses of {@code iterations} plain-SGD updates of NEST's network and pattern with a given computer. */
    private static double[] direct(GradientComputer g, int iterations) {
        NestSineWaveReference ref = NestSineWaveReference.load();
        Trainer t = new Trainer(ref.network(), g, new Sgd(1e-4), WeightClip.nestDefault(), WeightUpdateHook.NONE);
        double[] loss = new double[iterations];
        for (int n = 0; n < iterations; n++) {
            loss[n] = t.step(ref.batch(1)).loss();
        }
        return loss;
    }

    private static double[] viaTask(LearningRule rule, int iterations, long seed) {
        List<IterationResult> curve = new TrainingRun(TaskPreset.of("sine-nest", seed), rule, Computation.EVENT, seed)
                .run(iterations, 1, 1e-4, iterations, 1, null).curve();
        return curve.stream().mapToDouble(IterationResult::loss).toArray();
    }

    @Test
    void shouldRunEachRuleOnTheNestTaskAsItsNameSays() {
        int n = 4;
        double[] nest = NestSineWaveReference.losses200();
        // eprop: symmetric feedback B = W_outᵀ, the same as on any other network
        double[] eprop = viaTask(LearningRule.EPROP, n, 1);
        assertArrayBits(direct(Rules.eprop(new SymmetricFeedback(), false, Computation.EVENT), n), eprop, "eprop");
        // random-eprop: B drawn from the seed
        double[] random = viaTask(LearningRule.RANDOM_EPROP, n, 5);
        assertArrayBits(direct(Rules.eprop(RandomFeedback.gaussian(100, 1, 5), false, Computation.EVENT), n), random,
                "random-eprop");
        // nest-eprop: NEST's recorded B and late last signal, which follows NEST's own losses
        double[] nestEprop = viaTask(LearningRule.NEST_EPROP, n, 1);
        for (int k = 0; k < n; k++) {
            assertEquals(nest[k], nestEprop[k], 1e-6 * nest[k], "nest-eprop iteration " + (k + 1));
        }
        // the first loss is before any update; from the second on, symmetric and random feedback are not NEST's
        for (double[] other : new double[][] {eprop, random}) {
            assertEquals(nest[0], other[0], 1e-6 * nest[0]);
            assertTrue(Math.abs(other[n - 1] - nest[n - 1]) > 1e-3 * nest[n - 1],
                    "another rule must not reproduce NEST's curve: " + other[n - 1] + " vs " + nest[n - 1]);
        }
    }

    @Test
    void shouldRefuseNestEpropOffTheNestTaskBeforeAnyWork() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TaskPreset.of("evidence", 1).computer(LearningRule.NEST_EPROP, Computation.EVENT, 1));
        assertTrue(e.getMessage().startsWith("--rule = 'nest-eprop': only with --task sine-nest"), e.getMessage());
        StringWriter err = new StringWriter();
        CommandLine cl = SpikeringCli.commandLine();
        cl.setErr(new PrintWriter(err, true));
        Path out = dir.resolve("out");
        assertEquals(2, cl.execute("train", "--task", "dms", "--rule", "nest-eprop", "--out", out.toString()));
        assertTrue(err.toString().contains("--rule = 'nest-eprop': only with --task sine-nest"), err.toString());
        assertFalse(Files.exists(out), "no output folder");
    }

    @Test
    void shouldNameEveryRuleOnceWithItsCommandLineValue() {
        assertEquals(List.of("eprop", "random-eprop", "nest-eprop", "mdgl-exact", "bptt", "nest-eprop-iaf", "rflo", "mdgl",
                "rtrl", "uoro", "kf-rtrl", "kernl", "reward-eprop", "sg", "bp-lambda"),
                java.util.Arrays.stream(LearningRule.values()).map(LearningRule::id).toList());
    }

    private static void assertArrayBits(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int k = 0; k < expected.length; k++) {
            assertEquals(Double.doubleToRawLongBits(expected[k]), Double.doubleToRawLongBits(actual[k]),
                    what + " iteration " + (k + 1) + ": " + actual[k] + " vs " + expected[k]);
        }
    }
}
