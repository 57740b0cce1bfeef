package org.spikering.app.spec;

import java.util.Locale;
import org.spikering.app.spec.network.PopulationEntry;
import org.spikering.app.spec.network.SourceEntry;
import org.spikering.sim.Engine;
import org.spikering.sim.SimulationConfig;
import org.spikering.sim.kernel.UpdateMode;

/**
 * The {@code simulation} section: how {@code run} simulates the network (schema {@code schema/simulation.json};
 * {@code run}'s options {@code --seconds}, {@code --threads}, {@code --engine}, {@code --update} override these
 * fields).
 *
 * <table>
 *   <caption>Fields</caption>
 *   <tr><th>field</th><th>unit</th><th>allowed</th><th>meaning</th></tr>
 *   <tr><td>seconds</td><td>s</td><td>[0.01, 3600]</td><td>simulated time</td></tr>
 *   <tr><td>threads</td><td></td><td>[1, 256]; 1 with reference</td><td>partition threads</td></tr>
 *   <tr><td>engine</td><td></td><td>disruptor, reference</td><td>the engine</td></tr>
 *   <tr><td>update</td><td></td><td>clock, event (lif_delta only)</td><td>neuron update mode</td></tr>
 * </table>
 *
 * @param seconds simulated seconds.
 * @param threads partition threads.
 * @param engine  engine name.
 * @param update  update mode name.
 */
public record SimulationSpec(double seconds, int threads, String engine, String update) implements SpecSection {

    @Override
    public void check(final Problems problems, final String path, final Spec spec) {
        if ("reference".equals(engine) && threads != 1) {
            problems.add(path + ".threads", threads, "must be 1 with " + path + ".engine = reference (it runs one thread;"
                    + " or use engine disruptor)");
        }
        NetworkSpec net = null;
        try {
            net = spec.has("network") ? spec.section("network", NetworkSpec.class) : null;
        } catch (SpecException e) {
            // the network section's own binding problem is reported by it
        }
        if ("event".equals(update) && net != null) {
            for (PopulationEntry p : net.populations()) {
                if (!"lif_delta".equals(p.model())) {
                    problems.add(path + ".update", update, "must be clock: population '" + p.name() + "' is " + p.model()
                            + "; event-driven update needs delta synapses (every population lif_delta)");
                    break;
                }
            }
            for (SourceEntry s : net.sources()) {
                if ("dc".equals(s.kind()) || "step_current".equals(s.kind())) {
                    problems.add(path + ".update", update, "must be clock: network has a " + s.kind() + " source (currents"
                            + " act only with clock-driven updates)");
                    break;
                }
            }
        }
    }

    /** @return the engine configuration. */
    public SimulationConfig config() {
        return new SimulationConfig(Engine.valueOf(engine.toUpperCase(Locale.ROOT)), threads,
                UpdateMode.valueOf(update.toUpperCase(Locale.ROOT)));
    }
}
