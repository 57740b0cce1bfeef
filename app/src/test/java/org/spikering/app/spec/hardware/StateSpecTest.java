package org.spikering.app.spec.hardware;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.app.report.Json;
import org.spikering.app.spec.Examples;
import org.spikering.app.spec.HardwareSpec;
import org.spikering.app.spec.Spec;
import org.spikering.app.spec.TrainingSpec;
import org.spikering.app.spec.network.BrokenSpecRuns;
import org.spikering.app.task.TaskPreset;
import org.spikering.app.train.TrainCheckpoint;
import org.spikering.app.train.TrainingRun;
import org.spikering.hw.fixedpoint.Rounding;
import org.spikering.plasticity.network.WeightMatrixId;

/**
 * {@code hardware.state}: the block's fields reach the state quantiser and nothing else, bad values are refused with
 * their field path before anything runs, the summary reports the formats and the counted saturations, and a run with
 * stochastic rounding of weights and state resumed from a checkpoint ends bit for bit as the uninterrupted run.
 */
class StateSpecTest {

    @TempDir
    Path tmp;

    private static final List<String> STOCHASTIC = List.of("hardware.weights.bits=6",
            "hardware.weights.rounding=stochastic", "hardware.state.v.bits=6", "hardware.state.v.frac_bits=4",
            "hardware.state.a.bits=8", "hardware.state.a.frac_bits=2", "hardware.state.rounding=stochastic");

    @Test
    void eachFieldReachesTheQuantiserAndSetChangesExactlyThatField() {
        final Spec s = Examples.load("evidence", STOCHASTIC);
        final HardwareSpec hw = s.section("hardware", HardwareSpec.class);
        final TaskPreset p = TrainingSpec.preset(s);
        final HardwareSpec.Applied a = hw.configure(new TrainingRun(p, TrainingSpec.class.cast(
                s.section("training", TrainingSpec.class)).learningRule(), org.spikering.plasticity.train.Computation.EVENT,
                s.seed()), p.network(), s.seed());
        assertEquals(6, a.state().vFormat().width());
        assertEquals(4, a.state().vFormat().fracBits());
        assertEquals(8, a.state().aFormat().width());
        assertEquals(2, a.state().aFormat().fracBits());
        assertTrue(a.state().vFormat().saturating() && a.state().aFormat().saturating());
        assertEquals(Rounding.STOCHASTIC, a.state().rounding());
        assertEquals(StateSpec.SEED_OFFSET + s.seed(), a.state().stream().state(), "no draw yet: the state is the seed");

        final Spec changed = s.overriding(Map.of("hardware.state.v.frac_bits", 3));
        final ObjectNode before = (ObjectNode) s.tree().deepCopy();
        final ObjectNode after = (ObjectNode) changed.tree().deepCopy();
        assertEquals(3, after.at("/hardware/state/v/frac_bits").asInt());
        ((ObjectNode) after.at("/hardware/state/v")).put("frac_bits", 4);
        assertEquals(before, after, "only hardware.state.v.frac_bits differs");
        final StateSpec st = changed.section("hardware", HardwareSpec.class).state();
        assertEquals(new StateSpec.Format(6, 3), st.v());
        assertEquals(hw.state().a(), st.a());
        assertEquals(hw.state().rounding(), st.rounding());
        assertEquals(hw.withState(st), changed.section("hardware", HardwareSpec.class));

        final HardwareSpec none = Examples.load("evidence", List.of()).section("hardware", HardwareSpec.class);
        assertFalse(none.state().quantised(), "the default state block is double precision");
        assertNull(none.state().quantiser(1));
    }

    @Test
    void badStateValuesAreRefusedWithTheirFieldPath() throws Exception {
        // comment lines left out: the example's comment shows a state block too, and each case must edit the real one;
        // one iteration, so that a case that is wrongly accepted fails in seconds
        final String base = Examples.text("evidence").lines().filter(l -> !l.startsWith("#"))
                .collect(java.util.stream.Collectors.joining("\n", "", "\n"))
                .replace("  iterations: 300\n", "  iterations: 1\n").replace("hardware:\n", "hardware:\n  state:\n"
                + "    v: {bits: 8, frac_bits: 4}\n    a: {bits: 8, frac_bits: 2}\n    rounding: nearest\n");
        BrokenSpecRuns.assertEveryCaseRejected(tmp, base, new String[][] {
            {"v: {bits: 8, frac_bits: 4}", "v: {bits: 0, frac_bits: 4}", "hardware.state.v.bits: 0, must be >= 2"},
            {"a: {bits: 8, frac_bits: 2}", "a: {bits: 8, frac_bits: 8}",
                "hardware.state.a.frac_bits: 8, must be < hardware.state.a.bits = 8 (one of the bits is the sign)"},
            {"v: {bits: 8, frac_bits: 4}", "v: {bits: 8, frac_bits: 9}",
                "hardware.state.v.frac_bits: 9, must be < hardware.state.v.bits = 8 (one of the bits is the sign)"},
            {"v: {bits: 8, frac_bits: 4}", "v: {bits: 63, frac_bits: 4}", "hardware.state.v.bits: 63, must be <= 62"},
            {"v: {bits: 8, frac_bits: 4}", "v: {bits: 8}",
                "hardware.state.v.frac_bits: missing, required (fractional bits, 0..bits-1 (LSB = 2^-frac_bits in the"
                    + " variable's unit))"},
            {"v: {bits: 8, frac_bits: 4}", "psi: {bits: 8, frac_bits: 4}",
                "hardware.state.psi: unknown field, must be one of: v, a, rounding"},
            {"v: {bits: 8, frac_bits: 4}", "v: {bits: 8, frac_bits: 4, lsb_mv: 0.1}",
                "hardware.state.v.lsb_mv: unknown field, must be one of: bits, frac_bits"},
            {"rounding: nearest\n", "rounding: up\n",
                "hardware.state.rounding: 'up', must be one of nearest, stochastic, truncate"},
            {"v: {bits: 8, frac_bits: 4}", "v: {bits: 8.5, frac_bits: 4}", "hardware.state.v.bits: 8.5, must be an integer"},
            {"computation: event", "computation: engine", "hardware.state: {\"v\":{\"bits\":8,\"frac_bits\":4},\"a\":"
                + "{\"bits\":8,\"frac_bits\":2..., must be left out (or {}) with training.computation = 'engine'"
                + " (sim-core's ALIF populations hold the state in double precision); use event, event-stepwise or dense"},
        }, "train");
    }

    private record Run(TrainingRun run, TrainingRun.Outcome outcome) {
    }

    private static Run train(final Spec s, final Path checkpoints, final TrainCheckpoint resume) {
        final TrainingSpec t = s.section("training", TrainingSpec.class);
        final TaskPreset p = TrainingSpec.preset(s);
        final TrainingRun run = new TrainingRun(p, t.learningRule(), t.gradientComputation(), s.seed())
                .withWeightClip(t.weightClipBound()).withSpec(s);
        s.section("hardware", HardwareSpec.class).configure(run, p.network(), s.seed());
        if (checkpoints != null) {
            run.withCheckpoints(checkpoints, 2);
        }
        if (resume != null) {
            run.withResume(resume, "--resume", "test");
        }
        return new Run(run, run.run(4, 2, t.optimizer().lr(), 2, 4, null));
    }

    private JsonNode summary(final Run r, final String name) throws Exception {
        final Path d = Files.createDirectories(tmp.resolve(name));
        r.run().write(d, r.outcome());
        final ObjectNode s = (ObjectNode) Json.MAPPER.readTree(d.resolve("summary.json").toFile());
        s.remove("wall_s");
        return s;
    }

    private static void assertSameModel(final Run a, final Run b, final String what) {
        for (WeightMatrixId id : WeightMatrixId.values()) {
            assertArrayEquals(a.run().trainedModel().network().weights(id), b.run().trainedModel().network().weights(id),
                    what + ": " + id);
        }
        assertEquals(a.outcome().curve(), b.outcome().curve(), what + ": learning curve");
    }

    @Test
    void aResumedRunWithStochasticRoundingEndsAsTheUninterruptedOne() throws Exception {
        final Spec s = Examples.load("evidence", STOCHASTIC);
        final Run whole = train(s, null, null);
        final Path cpDir = tmp.resolve("cp");
        final Run withCheckpoints = train(s, cpDir, null);
        assertSameModel(whole, withCheckpoints, "writing checkpoints changes nothing");
        final TrainCheckpoint cp = TrainCheckpoint.read("test", cpDir.resolve(TrainCheckpoint.FILE));
        assertEquals(2, cp.model().completed());
        final JsonNode streams = cp.rounding().get("streams");
        assertEquals(List.of("state", "weights.input", "weights.output", "weights.recurrent"),
                List.copyOf(iterable(streams.fieldNames())));
        assertNotEquals(StateSpec.SEED_OFFSET + s.seed(), streams.get("state").asLong(), "the state stream has advanced");

        final Run resumed = train(s, null, cp);
        assertSameModel(whole, resumed, "resumed");
        final JsonNode ws = summary(whole, "whole");
        assertEquals(ws, summary(resumed, "resumed"), "summary, saturations included");
        assertTrue(ws.at("/state_precision/v/saturations").asLong() > 0, "the 6-bit v saturates: " + ws);
        assertEquals(0.0625, ws.at("/state_precision/v/lsb_mv").asDouble(), 0.0);
        assertEquals(100 * 6 + 100 * 8 + 2 * 64 + 100 * 32, ws.at("/hardware/state_memory_bits").asLong());

        // a checkpoint with a state stream does not resume a run without a state block, nor the reverse
        final Spec noState = Examples.load("evidence", STOCHASTIC.subList(0, 2));
        final IllegalArgumentException e1 = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> train(noState, null, cp));
        assertEquals("--resume = 'test': the checkpoint was made with a rounding stream state that this command does not"
                + " have (other hardware settings; settings must match to resume)", e1.getMessage());
        final Path cpDir2 = tmp.resolve("cp2");
        train(noState, cpDir2, null);
        final IllegalArgumentException e2 = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> train(s, null, TrainCheckpoint.read("test", cpDir2.resolve(TrainCheckpoint.FILE))));
        assertTrue(e2.getMessage().startsWith("--resume = 'test': the checkpoint was made with spec.hardware.state = (none)"),
                e2.getMessage());

        // teeth: a checkpoint whose state stream is one draw further on resumes into another run
        final ObjectNode shifted = cp.rounding().deepCopy();
        ((ObjectNode) shifted.get("streams")).put("state", streams.get("state").asLong() + 0x9E3779B97F4A7C15L);
        final Run off = train(s, null, cp.withRounding(shifted));
        assertFalse(java.util.Arrays.equals(whole.run().trainedModel().network().wRec(),
                off.run().trainedModel().network().wRec()), "the restored state stream is what makes the runs equal");
        final ObjectNode shiftedW = cp.rounding().deepCopy();
        ((ObjectNode) shiftedW.get("streams")).put("weights.recurrent",
                streams.get("weights.recurrent").asLong() + 0x9E3779B97F4A7C15L);
        final Run offW = train(s, null, cp.withRounding(shiftedW));
        assertFalse(java.util.Arrays.equals(whole.run().trainedModel().network().wRec(),
                offW.run().trainedModel().network().wRec()), "and so is the restored weight stream");
    }

    /** Runs the CLI in-process; returns {exit code, stdout}. */
    private static synchronized Object[] cli(final String... args) {
        final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        final java.io.PrintStream old = System.out;
        try {
            System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
            final int code = org.spikering.app.cli.SpikeringCli.commandLine()
                    .setErr(new java.io.PrintWriter(new java.io.StringWriter(), true)).execute(args);
            return new Object[] {code, out.toString(java.nio.charset.StandardCharsets.UTF_8)};
        } finally {
            System.setOut(old);
        }
    }

    @Test
    void evalOfTheSavedModelTestsWithTheStatePrecisionOfItsRun() throws Exception {
        final Path spec = tmp.resolve("s.yaml");
        Files.writeString(spec, Examples.text("evidence").replace("hardware:\n", "hardware:\n  state:\n"
                + "    v: {bits: 7, frac_bits: 4}\n    a: {bits: 8, frac_bits: 2}\n    rounding: stochastic\n"));
        final Path out = tmp.resolve("run");
        assertEquals(0, cli("train", spec.toString(), "--iterations", "2", "--batch", "2", "--test-batch", "6",
                "--eval-every", "2", "--out", out.toString())[0]);
        final List<String> curve = Files.readAllLines(out.resolve("test_curve.csv"));
        final String[] last = curve.get(curve.size() - 1).split(",");
        final Object[] e = cli("eval", out.resolve("model.json").toString());
        assertEquals(0, e[0]);
        final JsonNode ev = Json.MAPPER.readTree((String) e[1]);
        assertEquals(Double.parseDouble(last[2]), ev.get("test_loss").doubleValue(), 0.0, "eval = the run's last test");
        final double plain = org.spikering.plasticity.train.Evaluator.evaluate(
                org.spikering.app.train.TrainedModel.read("m", out.resolve("model.json")).network(),
                TrainingRun.heldOutBatch(TaskPreset.of("evidence", 1), new org.spikering.app.train.BatchSeeds(1, 2), 6))
                .loss();
        assertNotEquals(plain, ev.get("test_loss").doubleValue(), "double precision tests to another loss");
    }

    private static <T> List<T> iterable(final java.util.Iterator<T> it) {
        final java.util.ArrayList<T> l = new java.util.ArrayList<>();
        it.forEachRemaining(l::add);
        return l;
    }
}
