package org.spikering.app.sweep;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.spikering.app.cli.MemoryBudget;
import org.spikering.app.report.Progress;
import org.spikering.app.report.ResultFolder;
import org.spikering.app.run.NetworkRun;
import org.spikering.app.run.Recording;
import org.spikering.app.spec.NetworkSpec;
import org.spikering.app.spec.OutputSpec;
import org.spikering.app.spec.SimulationSpec;
import org.spikering.app.spec.Spec;
import org.spikering.app.spec.SpecException;
import org.spikering.hw.energy.EnergyModel;
import org.spikering.sim.network.Network;
import org.spikering.sim.record.AtomicWrite;

/**
 * {@code run} of a spec's {@code network} section with its {@code simulation} section (defaults when absent),
 * in-process: what {@code spikering run SPEC} does once its options are written into the spec. Checks the memory of
 * the network, builds it from the spec's seed, writes {@code spec.yaml} and simulates it ({@link NetworkRun}: spikes,
 * rates, state variables, summary.json, plots when {@code output.plots}). The summary is summary.json's content
 * (nested as in the file: {@code step_time_micros}, {@code population_rates_hz}, {@code hardware}).
 *
 * <p>What a spec cannot say ({@code --energy}, {@code --sonata}) comes in {@link Options}. Holds no state: one
 * instance serves any number of threads.
 */
public final class RunSpecRunner implements SpecRunner {

    /** The spec a spec run ran, in its result folder. */
    public static final String SPEC_FILE = "spec.yaml";

    /**
     * Settings of a run that are not fields of the spec (the command line's).
     *
     * @param energy    the energy table of summary.json's hardware block.
     * @param sonata    whether spikes.h5 (a SONATA spike report) is written.
     * @param outOption what messages call the result folder ({@code --out}, {@code output.folder}).
     */
    public record Options(EnergyModel energy, boolean sonata, String outOption) {

        /** None: Loihi's energies, no SONATA file (a sweep point's). */
        public static final Options NONE = new Options(EnergyModel.loihi(), false, "output.folder");
    }

    @Override
    public String command() {
        return "run";
    }

    @Override
    public void check(final Spec spec) {
        final Spec s = withSimulation(spec);
        MemoryBudget.require(memoryLabel(s), memoryBytes(s));
    }

    @Override
    public double memoryBytes(final Spec spec) {
        final Spec s = withSimulation(spec);
        final NetworkSpec n = s.section("network", NetworkSpec.class);
        return MemoryBudget.network(n.neurons(), n.expectedSynapses(), s.section("simulation", SimulationSpec.class).seconds(),
                100);
    }

    @Override
    public Map<String, Object> run(final Spec spec, final Path dir, final Progress progress) {
        return run(spec, dir, Options.NONE, ProgressStarter.showing(progress)).summary();
    }

    /**
     * @param spec     a loaded spec with a network section (its output folder is not read: {@code dir} is the folder).
     * @param dir      the result folder (checked by the caller: new, empty or an earlier result folder).
     * @param options  the settings the spec cannot hold.
     * @param progress starts the display of simulated milliseconds.
     * @return summary.json's fields, the files and where they went.
     */
    public NetworkRun.Result run(final Spec spec, final Path dir, final Options options, final ProgressStarter progress) {
        final Spec s = withSimulation(spec);
        MemoryBudget.require(memoryLabel(s), memoryBytes(s));
        final NetworkSpec netSpec = s.section("network", NetworkSpec.class);
        final SimulationSpec sim = s.section("simulation", SimulationSpec.class);
        final OutputSpec output = s.section("output", OutputSpec.class);
        final boolean plots = output == null || output.plots();
        final Network net = netSpec.build(s.seed(), s::resolve);
        try (ResultFolder folder = ResultFolder.open(options.outOption(), dir)) {
            AtomicWrite.text(folder.file(SPEC_FILE), w -> w.write(s.toYaml()));
            return NetworkRun.simulateAndWrite(new NetworkRun.Settings(label(s), net,
                    Recording.of(netSpec.recorders(), plots), sim.config(), sim.seconds(), false, options.energy(),
                    options.sonata()), folder, progress, SPEC_FILE);
        }
    }

    /**
     * @param spec a loaded spec.
     * @throws SpecException if it has no network section.
     */
    public static void requireNetwork(final Spec spec) {
        SpecRunners.requireNoSweep(spec, "run");
        if (!spec.has("network")) {
            throw new SpecException(spec.source(), List.of("network: missing, required: run simulates the spec's network"
                    + " section (start from 'spikering spec show cuba')"));
        }
    }

    /** @return the spec's name, else its source: what notes call the network. */
    public static String label(final Spec spec) {
        return spec.name() != null ? spec.name() : spec.source();
    }

    /** @return the spec with a network section and a simulation section (the defaults when it had none). */
    private static Spec withSimulation(final Spec spec) {
        requireNetwork(spec);
        return spec.has("simulation") ? spec : spec.overriding(Map.of("simulation", Map.of()));
    }

    private static String memoryLabel(final Spec s) {
        final NetworkSpec n = s.section("network", NetworkSpec.class);
        return s.source() + ": network.populations sizes and connectors (" + n.neurons() + " neurons, "
                + String.format("%.3g", n.expectedSynapses()) + " synapses), simulation.seconds = "
                + s.section("simulation", SimulationSpec.class).seconds();
    }
}
