package org.spikering.app.spec.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.app.spec.Examples;
import org.spikering.app.spec.Spec;
import org.spikering.app.spec.SpecLoader;
import org.spikering.app.spec.TrainingSpec;
import org.spikering.app.spec.network.BrokenSpecRuns;
import org.spikering.app.task.TaskPreset;
import org.spikering.neuron.rate.LeakyRateUnit;
import org.spikering.neuron.rate.RateActivation;
import org.spikering.plasticity.network.RateUnits;
import org.spikering.plasticity.network.RecurrentNetwork;

/**
 * {@code training.network.kind: rate} and its {@code rate} block: defaults, round trip through the spec's YAML, the
 * network built (the same draws as the spiking network of the same spec, made rate units), and the bad-field table
 * (one line per problem, exit 2, no folder).
 */
class RateNetworkSpecTest {

    @TempDir
    Path tmp;

    @Test
    void rateBlockGetsTheSchemaDefaultsOnlyWithKindRate() {
        final Spec s = Examples.load("pattern-liu", List.of("training.network.kind=rate",
                "training.regularisation.c_reg=0"));
        final RecurrentNetworkSpec n = s.section("training", TrainingSpec.class).network();
        assertTrue(n.isRate());
        assertEquals(new RateUnitsSpec("tanh", 10.0, "rate_leak", 0.0), n.rate());
        assertEquals(new RateUnits(RateActivation.TANH, 10.0, LeakyRateUnit.Form.RATE_LEAK, 0.0), n.rate().units());
        assertNull(n.cellTypes());
        final RecurrentNetworkSpec spiking = Examples.load("pattern-liu", List.of()).section("training",
                TrainingSpec.class).network();
        assertEquals("spiking", spiking.kind());
        assertFalse(spiking.isRate());
        assertNull(spiking.rate(), "no rate block filled in for kind spiking");
    }

    @Test
    void shippedExampleRoundTripsAndBuildsTheSpikingDrawsAsRateUnits() {
        final Spec s = Examples.load("pattern-liu-rate", List.of("training.network.rate.activation=softplus",
                "training.network.rate.form=current_leak", "training.network.rate.tau_ms=25",
                "training.network.rate.bias=0.5"));
        final Spec again = SpecLoader.parse(s.tree().toString(), "again", null, true, List.of());
        assertEquals(s.tree(), again.tree(), "round trip");
        final TaskPreset p = TrainingSpec.preset(again);
        final RecurrentNetwork net = p.network();
        assertEquals(new RateUnits(RateActivation.SOFTPLUS, 25.0, LeakyRateUnit.Form.CURRENT_LEAK, 0.5), net.rateUnits());
        // the spiking example of the same task, seed and gains: the same W_in, W_rec, W_out (one stream, same order)
        final TaskPreset spiking = TrainingSpec.preset(Examples.load("pattern-liu",
                List.of("training.task.encoding=analog")));
        assertFalse(spiking.network().isRate());
        assertArrayEquals(spiking.network().wIn(), net.wIn(), 0.0);
        assertArrayEquals(spiking.network().wRec(), net.wRec(), 0.0);
        assertArrayEquals(spiking.network().wOut(), net.wOut(), 0.0);
        // g = recurrent_gain scales W_rec linearly
        final RecurrentNetwork g2 = TrainingSpec.preset(Examples.load("pattern-liu-rate",
                List.of("training.network.weights.recurrent_gain=2"))).network();
        for (int k = 0; k < net.wRec().length; k++) {
            assertEquals(2 * net.wRec()[k], g2.wRec()[k], 1e-15 * Math.abs(net.wRec()[k]), "W_rec[" + k + "]");
        }
    }

    @Test
    void badRateFieldsAreOneLineEachExit2AndNoFolder() throws Exception {
        final String base = Examples.text("pattern-liu-rate");
        final String rate = "with training.network.kind = 'rate'";
        BrokenSpecRuns.assertEveryCaseRejected(tmp, base, new String[][] {
            {"kind: rate", "kind: rate\n    alif_count: 3",
                "training.network.alif_count: 3, must be 0 or left out " + rate + " (no ALIF units)"},
            {"kind: rate", "kind: rate\n    alif_fraction: 0.5",
                "training.network.alif_fraction: 0.5, must be 0 or left out " + rate + " (no ALIF units)"},
            {"rule: eprop", "rule: mdgl-exact",
                "training.rule: 'mdgl-exact', not " + rate + " (a rule of LIF/ALIF neurons); use eprop, random-eprop,"
                    + " rflo, mdgl, bptt, rtrl, uoro, kf-rtrl, kernl, or (rate_leak units) sg or bp-lambda"},
            {"computation: event", "computation: engine",
                "training.computation: 'engine', not with training.task.encoding analog (sim-core's spike engine takes"
                    + " 0/1 input spikes only); use event, event-stepwise or dense\n"
                    + "training.computation: 'engine', must be event or dense " + rate + " (no spike events)"},
            {"computation: event", "computation: event-stepwise",
                "training.computation: 'event-stepwise', must be event or dense " + rate + " (no spike events)"},
            {"c_reg: 0.0", "c_reg: 0.5",
                "training.regularisation.c_reg: 0.5, must be 0 " + rate + ": rate units have no firing rate to"
                    + " regularise; set 0"},
            {"tau_ms: 10.0", "tau_ms: 0.5",
                "training.network.rate.tau_ms: 0.5, must be >= training.network.dt_ms = 1 (lambda = dt/tau in (0, 1])"},
            {"kind: rate", "kind: spiking",
                "training.network.rate: '...', only with training.network.kind = 'rate', not 'spiking'"},
            {"activation: tanh", "activation: sigmoid",
                "training.network.rate.activation: 'sigmoid', must be one of relu, tanh, softplus, rectified_tanh, linear"},
            {"rule: eprop", "rule: bptt\n  bptt_step_length_of: mdgl-exact",
                "training.bptt_step_length_of: 'mdgl-exact', not " + rate + " (a rule of LIF/ALIF neurons); use eprop,"
                    + " random-eprop, rflo or mdgl"},
            {"form: rate_leak", "form: leaky",
                "training.network.rate.form: 'leaky', must be one of rate_leak, current_leak"},
            {"kind: normal", "kind: nest_sine_reference",
                "training.network.weights.kind: 'nest_sine_reference', only with training.task.name sine-nest (NEST's"
                    + " recorded weights are for its 100 inputs and 1 readout), not pattern-liu\n"
                    + "training.network.weights.kind: 'nest_sine_reference', must be normal " + rate + " (NEST's recorded"
                    + " weights are of LIF neurons without cell types)"},
            {"kind: rate", "kind: ratee",
                "training.network.kind: 'ratee', must be one of spiking, rate (did you mean 'rate'?)"},
            {"kind: rate", "kind: rate\n    cell_types:\n      excitatory_fraction: 1.5",
                "training.network.cell_types.excitatory_fraction: 1.5, must be <= 1"},
            {"training:", "hardware:\n  state:\n    v: {bits: 16, frac_bits: 8}\ntraining:",
                "hardware.state: {\"v\":{\"bits\":16,\"frac_bits\":8},\"rounding\":\"nearest\"}, must be left"
                    + " out (or {}) " + rate + " (hardware.state holds LIF/ALIF v and a)"},
        }, "train");
    }
}
