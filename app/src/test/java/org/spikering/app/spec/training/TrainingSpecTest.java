package org.spikering.app.spec.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spikering.app.spec.Examples;
import org.spikering.app.spec.Spec;
import org.spikering.app.spec.SpecException;
import org.spikering.app.spec.SpecLoader;
import org.spikering.app.spec.TrainingSpec;
import org.spikering.app.task.EvidenceAccumulationTask;
import org.spikering.app.task.OptimizerSettings;
import org.spikering.app.task.TaskPreset;
import org.spikering.plasticity.bptt.Bptt;
import org.spikering.plasticity.eprop.ClosedFormEventEprop;
import org.spikering.plasticity.network.NetworkParams;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.network.WeightMatrixId;
import org.spikering.plasticity.optim.LearningRateSchedule;
import org.spikering.plasticity.train.Computation;
import org.spikering.plasticity.train.LearningRule;

/**
 * A training spec that changes one field changes exactly that in what is built (the evidence preset file is the
 * base; the untouched parts are compared with the base bit for bit), and the bad-spec table of the training section:
 * each problem is one line naming the field path, the value and what is allowed.
 */
class TrainingSpecTest {

    private static TaskPreset evidence(final String... sets) {
        return TrainingSpec.preset(Examples.load("evidence", List.of(sets)));
    }

    private static void assertSameWeights(final RecurrentNetwork a, final RecurrentNetwork b) {
        for (WeightMatrixId id : WeightMatrixId.values()) {
            assertArrayEquals(a.weights(id), b.weights(id), id.name());
        }
    }

    @Test
    void tauAChangesOnlyTheAdaptationConstant() {
        final TaskPreset base = evidence();
        final TaskPreset p = evidence("training.network.tau_a_ms=800");
        final NetworkParams b = base.network().params();
        assertEquals(b.withAdaptation(800.0, b.betaAdapt()), p.network().params());
        assertNotEquals(b, p.network().params());
        assertSameWeights(base.network(), p.network());
        assertArrayEquals(base.network().adaptiveFlags(), p.network().adaptiveFlags());
        assertEquals(base.source(), p.source());
        assertEquals(base.optimizerSettings(), p.optimizerSettings());
    }

    @Test
    void alifFractionChangesOnlyTheAlifFlags() {
        final TaskPreset base = evidence();
        final TaskPreset p = evidence("training.network.alif_count=null", "training.network.alif_fraction=0.2");
        final boolean[] flags = p.network().adaptiveFlags();
        for (int j = 0; j < flags.length; j++) {
            assertEquals(j < 20, flags[j], "neuron " + j);
        }
        assertEquals(base.network().params(), p.network().params());
        assertSameWeights(base.network(), p.network());
    }

    @Test
    void recurrentSizeChangesTheShapesAndDrawsFromTheSameSeed() {
        final TaskPreset p = evidence("training.network.recurrent=200");
        assertEquals(200, p.network().recurrent());
        assertEquals(new EvidenceAccumulationTask(7, 100, 50, 1050, 150, 0.7, 40, 10), p.source());
        final RecurrentNetwork want = RecurrentNetwork.random(40, 200, 2, 50, evidence().network().params(), 1);
        assertSameWeights(want, p.network());
    }

    @Test
    void ruleChangesOnlyTheGradientComputer() {
        final Spec base = Examples.load("evidence", List.of());
        final Spec bptt = Examples.load("evidence", List.of("training.rule=bptt"));
        final TrainingSpec tb = base.section("training", TrainingSpec.class);
        final TrainingSpec tp = bptt.section("training", TrainingSpec.class);
        assertEquals(LearningRule.EPROP, tb.learningRule());
        assertEquals(LearningRule.BPTT, tp.learningRule());
        final TaskPreset a = TrainingSpec.preset(base);
        final TaskPreset b = TrainingSpec.preset(bptt);
        assertSameWeights(a.network(), b.network());
        assertEquals(a.network().params(), b.network().params());
        assertEquals(a.optimizerSettings(), b.optimizerSettings());
        assertSame(ClosedFormEventEprop.class, a.computer(tb.learningRule(), tb.gradientComputation(), 1).getClass());
        assertSame(Bptt.class, b.computer(tp.learningRule(), tp.gradientComputation(), 1).getClass());
        // everything else of the section is equal
        final var ta = base.tree().get("training").deepCopy();
        final var tt = bptt.tree().get("training").deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) ta).remove("rule");
        ((com.fasterxml.jackson.databind.node.ObjectNode) tt).remove("rule");
        assertEquals(ta, tt);
    }

    @Test
    void optimizerFieldsChangeOnlyTheOptimizer() {
        final TaskPreset base = evidence();
        final TaskPreset p = evidence("training.optimizer.beta1=0.8", "training.optimizer.lr=0.01");
        assertEquals(new OptimizerSettings(true, 0.8, 0.999, 1e-7, LearningRateSchedule.Kind.CONSTANT, 1.0, 1),
                p.optimizerSettings());
        assertEquals(0.01, p.learningRate(), 0.0);
        assertSameWeights(base.network(), p.network());
        final TaskPreset s = evidence("training.optimizer={kind: sgd, lr: 0.1, schedule: {kind: step, factor: 0.5, every: 100}}");
        assertEquals(new OptimizerSettings(false, 0.9, 0.999, 1e-7, LearningRateSchedule.Kind.STEP, 0.5, 100),
                s.optimizerSettings());
    }

    @Test
    void regularisationAndSurrogateReachTheNetworkConstants() {
        final NetworkParams b = evidence().network().params();
        assertEquals(b.withRegularisation(300.0, 5.0),
                evidence("training.regularisation.c_reg=300", "training.regularisation.f_target_hz=5").network().params());
        final NetworkParams raw = evidence("training.network.surrogate.scaled_by_v_th=false").network().params();
        assertEquals(0.3, raw.surrogateGamma(), 0.0);
        assertEquals(1.0, raw.surrogateBeta(), 0.0);
        assertEquals(b.withRefractorySteps(3), evidence("training.network.t_ref_ms=3").network().params());
        assertEquals(b.withSurrogate(org.spikering.neuron.SurrogateGradient.FAST_SIGMOID),
                evidence("training.network.surrogate.kind=fast_sigmoid").network().params());
    }

    @Test
    void weightGainsScaleExactlyTheirMatrix() {
        final RecurrentNetwork base = evidence().network();
        final RecurrentNetwork p = evidence("training.network.weights.input_gain=2").network();
        final RecurrentNetwork want = RecurrentNetwork.random(40, 100, 2, 50, base.params(), 1, 2.0, 1.0, 1.0);
        assertSameWeights(want, p);
        assertArrayEquals(base.weights(WeightMatrixId.RECURRENT), p.weights(WeightMatrixId.RECURRENT));
        assertArrayEquals(base.weights(WeightMatrixId.OUTPUT), p.weights(WeightMatrixId.OUTPUT));
    }

    @Test
    void taskParametersReachTheTask() {
        assertEquals(new EvidenceAccumulationTask(5, 100, 50, 500, 150, 0.9, 40, 10),
                evidence("training.task.cues=5", "training.task.delay_ms=500", "training.task.p_majority=0.9").source());
        // a task without its parameters gets the task's defaults from the schema
        final TaskPreset d = TrainingSpec.preset(Examples.load("evidence", List.of("training.task={name: dms}")));
        assertEquals(ReferencePresets.of("dms", 1).source(), d.source());
    }

    /** The problem lines of the evidence file with the overrides. */
    private static List<String> problems(final String... sets) {
        return assertThrows(SpecException.class, () -> Examples.load("evidence", List.of(sets))).problems();
    }

    @Test
    void badSpecTable() {
        final String[][] table = {
            {"training.bogus=1", "example:evidence: training.bogus: unknown field"},
            {"training.network.tau_a_s=800", "example:evidence: training.network.tau_a_s: unknown field; did you mean 'tau_a_ms'?"},
            {"training.batch=many", "example:evidence: training.batch: 'many', must be an integer"},
            {"training.network.tau_m_ms='20 ms'", "example:evidence: training.network.tau_m_ms: '20 ms', must be a number (the unit, ms, is in the field name: write the number alone)"},
            {"training.optimizer.lr=0", "example:evidence: training.optimizer.lr: 0, must be > 0"},
            {"training.optimizer.lr=2", "example:evidence: training.optimizer.lr: 2, must be <= 1"},
            {"training.batch=0", "example:evidence: training.batch: 0, must be >= 1"},
            {"training.iterations=0", "example:evidence: training.iterations: 0, must be >= 1"},
            {"training.iterations=20000000", "example:evidence: training.iterations: 20000000, must be <= 10000000"},
            {"training.rule=nest-eprop", "example:evidence: training.rule: 'nest-eprop', only with training.task.name sine-nest"},
            {"training.rule=eprob", "example:evidence: training.rule: 'eprob', must be one of eprop, random-eprop, nest-eprop, mdgl-exact, bptt, nest-eprop-iaf, rflo, mdgl, rtrl, uoro, kf-rtrl, kernl, reward-eprop, sg, bp-lambda (did you mean 'eprop'?)"},
            {"training.network.alif_count=101", "example:evidence: training.network.alif_count: 101, must be <= training.network.recurrent = 100"},
            {"training.network.alif_fraction=0.5", "example:evidence: training.network.alif_fraction: 0.5, must be left out when alif_count = 50 is given"},
            {"training.network.alif_fraction=1.5", "example:evidence: training.network.alif_fraction: 1.5, must be <= 1"},
            {"training.network.t_ref_ms=2.5", "example:evidence: training.network.t_ref_ms: 2.5, must be a whole number of steps"},
            {"training.network.dt_ms=0.5", "example:evidence: training.network.dt_ms: 0.5, must be 1"},
            {"training.task.symbols=60", "example:evidence: training.task.symbols: 60, not a parameter of task evidence"},
            {"training.task.cues=6", "example:evidence: training.task.cues: 6, must be odd"},
            {"training.task.name=mnist", "example:evidence: training.task.name: 'mnist', must be one of sine-nest, sine-bellec, evidence, dms, nback"},
            {"training.computation=dense", null},
            {"training.optimizer.kind=sgd", "example:evidence: training.optimizer.beta1: 0.9, only with kind adam"},
            {"training.optimizer.schedule.kind=step", "example:evidence: training.optimizer.schedule.factor: missing, required"},
            {"training.checkpoint_every=301", "example:evidence: training.checkpoint_every: 301, must be <= training.iterations = 300"},
            {"training.evaluation.early_stopping={min_delta: 0.1}", "example:evidence: training.evaluation.early_stopping.patience: missing, required"},
            {"training.network.weights.recurrent_in_degree=100", "example:evidence: training.network.weights.recurrent_in_degree: 100, must be < training.network.recurrent = 100"},
            {"training.network.weights.kind=nest_sine_reference", "example:evidence: training.network.weights.kind: 'nest_sine_reference', only with training.task.name sine-nest"},
            {"training.weight_clip=-1", "example:evidence: training.weight_clip: -1, must be > 0"},
        };
        for (String[] row : table) {
            if (row[1] == null) {
                Examples.load("evidence", List.of(row[0])); // legal
                continue;
            }
            final List<String> p = problems(row[0]);
            assertTrue(p.stream().anyMatch(l -> l.startsWith(row[1])), row[0] + " gave " + p);
        }
        // bptt with another computation
        assertTrue(problems("training.rule=bptt", "training.computation=dense").get(0).startsWith(
                "example:evidence: training.computation: 'dense', must be left at event with rule bptt"));
        // several problems: all reported
        assertEquals(3, problems("training.batch=0", "training.iterations=0", "training.optimizer.lr=0").size());
        assertEquals(2, problems("training.network.alif_count=101", "training.network.t_ref_ms=2.5").size());
    }

    @Test
    void specRoundTripsThroughItsYaml() {
        for (String name : TaskPreset.NAMES) {
            // seq-fashion-mnist: the committed image subset, so the test needs no data package
            final Spec s = Examples.load(name, "seq-fashion-mnist".equals(name)
                    ? org.spikering.app.task.FashionSubset.sets() : List.of());
            final Spec again = SpecLoader.parse(s.toYaml(), "again", null, false, List.of());
            assertEquals(s.tree(), again.tree(), name);
            PresetFilesTest.assertSameNetwork(TrainingSpec.preset(s).network(), TrainingSpec.preset(again).network());
        }
    }

    @Test
    void rulesAndComputationsNameTheEnums() {
        for (LearningRule r : LearningRule.values()) {
            // nest-eprop-iaf has its own task and network (examples/sine-nest-iaf.yaml); the RTRL family's rate-only
            // rules and sg, bp-lambda need a rate network (examples/nback-rate.yaml)
            final boolean rateOnly = java.util.Set.of(LearningRule.UORO, LearningRule.KF_RTRL, LearningRule.KERNL,
                    LearningRule.SG, LearningRule.BP_LAMBDA).contains(r);
            final Spec s = Examples.load(r == LearningRule.NEST_EPROP_IAF ? "sine-nest-iaf" : rateOnly ? "nback-rate"
                    : "sine-nest", List.of("training.rule=" + r.id()));
            assertEquals(r, s.section("training", TrainingSpec.class).learningRule());
        }
        for (Computation c : Computation.values()) {
            final Spec s = Examples.load("evidence", List.of("training.computation=" + c.name().toLowerCase().replace('_', '-')));
            assertEquals(c, s.section("training", TrainingSpec.class).gradientComputation());
        }
    }
}
