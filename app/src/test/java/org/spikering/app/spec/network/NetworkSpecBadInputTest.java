package org.spikering.app.spec.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.app.cli.SpikeringCli;

/**
 * The bad-spec table of the network and simulation sections: each broken file, run with {@code spikering run FILE
 * --out DIR} in-process, exits 2 with one line per problem naming the field path, the value and what is allowed,
 * prints nothing on stdout, and leaves DIR uncreated.
 */
final class NetworkSpecBadInputTest {

    @TempDir
    Path tmp;

    /** A small valid spec: each case replaces one piece of it. */
    private static final String BASE = String.join("\n",
            "spikering: 1",
            "network:",
            "  dt_ms: 0.1",
            "  populations:",
            "    - {name: E, size: 8, model: lif_exp, tau_m_ms: 20}",
            "    - {name: I, size: 2, model: lif_delta}",
            "  projections:",
            "    - {source: E, target: E, connector: {rule: fixed_probability, p: 0.5}, weight_pa: 10, delay_ms: 0.5}",
            "    - {source: E, target: I, connector: {rule: fixed_in_degree, k: 3}, weight_mv: 0.2}",
            "  sources:",
            "    - {kind: poisson, target: E, rate_hz: 100, weight_pa: 5}",
            "    - {kind: spike_array, name: S, spike_times_ms: [[1.0], [2.0]]}",
            "  recorders:",
            "    state: [{population: E, variable: V_m, neurons: [0, 1]}]",
            "simulation: {seconds: 0.01, threads: 1, engine: disruptor}",
            "");

    /** {replace this, with this, expected problem line(s) after 'FILE: '}. */
    private static final String[][] CASES = {
        {"tau_m_ms: 20}", "tau_m_s: 20}",
            "network.populations[0].tau_m_s: unknown field; did you mean 'tau_m_ms'?, must be one of: name, size, model,"
                + " tau_m_ms, c_m_pf, e_l_mv, v_th_mv, v_reset_mv, t_ref_ms, tau_syn_ex_ms, tau_syn_in_ms, i_e_pa, reset,"
                + " regular_spike_arrival, surrogate, surrogate_gamma_per_mv, surrogate_beta_per_mv, tau_a_ms, beta_a_mv,"
                + " initial, du, dv, vth, bias_mant, bias_exp, state_width_bits, shift_bits, input_width_bits, adaptation"},
        {"tau_m_ms: 20}", "tau_m_ms: 20 ms}",
            "network.populations[0].tau_m_ms: '20 ms', must be a number (the unit, ms, is in the field name: write the"
                + " number alone)"},
        {"size: 8,", "size: eight,", "network.populations[0].size: 'eight', must be an integer"},
        {"size: 8,", "size: 0,", "network.populations[0].size: 0, must be >= 1"},
        {"tau_m_ms: 20}", "tau_m_ms: -20}", "network.populations[0].tau_m_ms: -20, must be > 0"},
        {"model: lif_delta", "model: lif_delt", "network.populations[1].model: 'lif_delt', must be one of lif_exp,"
            + " lif_delta, eprop_lif, eprop_alif, loihi_lif, loihi_lif_float (did you mean 'lif_delta'?)"},
        {"model: lif_delta", "model: lif_delta, tau_syn_ex_ms: 2", "network.populations[1].tau_syn_ex_ms: 2, not a"
            + " parameter of model lif_delta (its parameters: tau_m_ms, c_m_pf, e_l_mv, v_th_mv, v_reset_mv, t_ref_ms,"
            + " i_e_pa, reset)"},
        {"tau_m_ms: 20}", "tau_m_ms: 20, v_reset_mv: -50}", "network.populations[0].v_reset_mv: -50, must be <"
            + " v_th_mv = -55"},
        {"{name: I,", "{name: E,", "network.populations[1].name: 'E', must be unique (population names and"
            + " spike_array names share one name space)\nnetwork.projections[1].target: 'I', must name a population (one"
            + " of E, E)"},
        {"p: 0.5", "p: 1.5", "network.projections[0].connector.p: 1.5, must be <= 1"},
        {"p: 0.5", "p: 0.5, k: 3", "network.projections[0].connector.k: 3, not a field of rule fixed_probability (its"
            + " fields: p)"},
        {"target: E, connector", "target: X, connector", "network.projections[0].target: 'X', must name a population"
            + " (one of E, I)"},
        {"source: E, target: I", "source: Q, target: I", "network.projections[1].source: 'Q', must name a population"
            + " or spike_array source (one of E, I, S)"},
        {"target: E, connector", "target: S, connector", "network.projections[0].target: 'S', must be a population,"
            + " not a spike_array source (spike generators take no input)"},
        {"delay_ms: 0.5", "delay_ms: 0.05", "network.projections[0].delay_ms: 0.05, must be >= dt_ms = 0.1"},
        {"delay_ms: 0.5", "delay_ms: -1", "network.projections[0].delay_ms: -1, must be >= dt_ms = 0.1"},
        {"delay_ms: 0.5", "delay_ms: 0.25", "network.projections[0].delay_ms: 0.25, must be a multiple of dt_ms = 0.1"
            + " (nearest: 0.2 or 0.3)"},
        {"delay_ms: 0.5", "delay_ms: {kind: normal, mean: 1, std: 0.5}", "network.projections[0].delay_ms: 'normal with"
            + " lowest value -Infinity', every draw must be >= dt_ms / 2 = 0.05 (rounds to at least one step): set"
            + " redraw_min"},
        {"delay_ms: 0.5", "delay_ms: 0.5 ms", "network.projections[0].delay_ms: '0.5 ms', must be a number or a"
            + " mapping (object) (the unit, ms, is in the field name: write the number alone)"},
        {"weight_mv: 0.2", "weight_pa: 0.2", "network.projections[1].weight_pa: 0.2, not for this target: target 'I'"
            + " is lif_delta (delta synapses: a weight is a jump of V_m in mV); write weight_mv"},
        {"weight_pa: 10, delay_ms", "delay_ms", "network.projections[0].weight_pa: missing, required: target 'E' is"
            + " lif_exp (current synapses: a weight is a current in pA)"},
        {"k: 3}", "k: 9, multapses: false}", "network.projections[1].connector.k: 9, must be <= 8 (the source's"
            + " neurons) without multapses"},
        {"rule: fixed_in_degree, k: 3", "rule: explicit, file: nowhere.csv", "network.projections[1].connector.file:"
            + " 'nowhere.csv', must be an existing file (TMP/nowhere.csv)"},
        {"rate_hz: 100", "rate_hz: -100", "network.sources[0].rate_hz: -100, must be >= 0"},
        {"target: E, rate_hz", "target: S, rate_hz", "network.sources[0].target: 'S', must be a population, not a"
            + " spike_array source (spike generators take no input)"},
        {"[[1.0], [2.0]]", "[[1.0], [2.05]]", "network.sources[1].spike_times_ms: spike_times[1][0] = 2.05 ms is not on"
            + " the grid of dt = 0.1 ms: nearest allowed values are 2.0 and 2.1 ms"},
        {"variable: V_m", "variable: V", "network.recorders.state[0].variable: 'V', must be a state variable of lif_exp"
            + " (one of V_m, I_syn_ex, I_syn_in, refractory_steps)"},
        {"neurons: [0, 1]", "neurons: [0, 8]", "network.recorders.state[0].neurons[1]: 8, must be < the size of 'E' = 8"},
        {"seconds: 0.01", "secs: 0.01", "simulation.secs: unknown field, must be one of: seconds,"
            + " threads, engine, update"},
        {"threads: 1, engine: disruptor", "threads: 2, engine: reference", "simulation.threads: 2, must be 1 with"
            + " simulation.engine = reference (it runs one thread; or use engine disruptor)"},
        {"engine: disruptor", "engine: disruptor, update: event", "simulation.update: 'event', must be clock:"
            + " population 'E' is lif_exp; event-driven update needs delta synapses (every population lif_delta)"},
        {"seconds: 0.01", "seconds: 0", "simulation.seconds: 0, must be >= 0.01"},
        // several problems: every one is reported
        // several problems: every one is reported (the schema's first; the section checks once the schema passes)
        {"size: 8, model: lif_exp, tau_m_ms: 20}", "size: 0, model: lif_exp, tau_m_ms: 0}",
            "network.populations[0].size: 0, must be >= 1\nnetwork.populations[0].tau_m_ms: 0, must be > 0"},
        {"target: E, connector: {rule: fixed_probability, p: 0.5}, weight_pa: 10, delay_ms: 0.5",
            "target: X, connector: {rule: fixed_probability, p: 0.5}, weight_pa: 10, delay_ms: 0.05",
            "network.projections[0].target: 'X', must name a population (one of E, I)\nnetwork.projections[0].delay_ms:"
                + " 0.05, must be >= dt_ms = 0.1"},
    };

    @Test
    void everyBrokenSpecEndsWithItsFieldPathBeforeAnythingRuns() throws Exception {
        BrokenSpecRuns.assertEveryCaseRejected(tmp, BASE, CASES);
    }

    @Test
    void theBaseSpecIsValid() throws Exception {
        final Path file = tmp.resolve("base.yaml");
        Files.writeString(file, BASE);
        final StringWriter err = new StringWriter();
        final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        final PrintStream old = System.out;
        final int code;
        try {
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            code = SpikeringCli.commandLine().setErr(new PrintWriter(err, true))
                    .execute("spec", "check", file.toString());
        } finally {
            System.setOut(old);
        }
        assertEquals(0, code, err.toString());
        assertFalse(stdout.toString().isEmpty());
    }
}
