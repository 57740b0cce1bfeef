package org.spikering.app.sweep;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import org.spikering.app.cli.MemoryBudget;
import org.spikering.app.cli.SpecNetworkDescription;
import org.spikering.app.run.NirDrive;
import org.spikering.app.run.NirInput;
import org.spikering.app.run.StepDrive;
import org.spikering.app.spec.HardwareSpec;
import org.spikering.app.spec.Problems;
import org.spikering.app.spec.hardware.MaskSpec;
import org.spikering.app.spec.network.NirEntry;
import org.spikering.hw.limits.ChipDescription;
import org.spikering.hw.limits.ChipMapper;
import org.spikering.hw.limits.NetworkDescription;
import org.spikering.nir.run.EngineRunner;
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
     * @param energy    the energy table of summary.json's hardware block ({@code --energy}), or null: the spec's
     *                  {@code hardware.energy}, Loihi's without a hardware section.
     * @param sonata    whether spikes.h5 (a SONATA spike report) is written.
     * @param outOption what messages call the result folder ({@code --out}, {@code output.folder}).
     */
    public record Options(EnergyModel energy, boolean sonata, String outOption) {

        /** None: the spec's energies, no SONATA file unless its recorder asks (a sweep point's). */
        public static final Options NONE = new Options(null, false, "output.folder");
    }

    @Override
    public String command() {
        return "run";
    }

    @Override
    public void check(final Spec spec) {
        final Spec s = withSimulation(spec);
        checkRun(s);
        MemoryBudget.require(memoryLabel(s), memoryBytes(s));
    }

    /**
     * What a run of the spec's network needs besides each section's own checks: the hardware section's parts that
     * a simulation without training can apply (weights only for a NIR graph; the plastic mask and the state
     * precision are training's), and a NIR graph's simulation (one partition thread, clock updates).
     */
    static void checkRun(final Spec s) {
        final Problems problems = new Problems();
        final NetworkSpec n = s.section("network", NetworkSpec.class);
        if (s.has("hardware") && !s.has("training")) {
            final HardwareSpec hw = s.section("hardware", HardwareSpec.class);
            if (hw.mask().kind() != MaskSpec.Kind.ALL) {
                problems.add("hardware.mask", s.tree().at("/hardware/mask"), "must be left out with run (it says which"
                        + " synapses learn in training; run simulates without plasticity)");
            }
            if (hw.state().quantised()) {
                problems.add("hardware.state", s.tree().at("/hardware/state"), "must be left out with run (the state"
                        + " precision of training's forward pass); loihi_lif populations have integer state");
            }
            if (hw.weights().quantised() && n.nir() == null) {
                problems.add("hardware.weights.bits", hw.weights().bits(), "must be 32 with a network of populations (run"
                        + " rounds the weights of a network.nir graph; loihi_lif populations take integer weights)");
            }
        }
        if (n.nir() != null) {
            final SimulationSpec sim = s.section("simulation", SimulationSpec.class);
            if (sim.threads() != 1) {
                problems.add("simulation.threads", sim.threads(), "must be 1 with network.nir (a NIR node's population"
                        + " updates as a whole, in one partition)");
            }
            if (sim.config().updateMode() != org.spikering.sim.kernel.UpdateMode.CLOCK) {
                problems.add("simulation.update", s.tree().at("/simulation/update"), "must be clock with network.nir");
            }
        }
        problems.throwIfAny(s.source());
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
        checkRun(s);
        MemoryBudget.require(memoryLabel(s), memoryBytes(s));
        final NetworkSpec netSpec = s.section("network", NetworkSpec.class);
        final SimulationSpec sim = s.section("simulation", SimulationSpec.class);
        final OutputSpec output = s.section("output", OutputSpec.class);
        final boolean plots = output == null || output.plots();
        final HardwareSpec hw = s.has("hardware") ? s.section("hardware", HardwareSpec.class) : null;
        final EnergyModel energy = options.energy() != null ? options.energy() : hw != null ? hw.energyModel()
                : EnergyModel.loihi();
        final Network net;
        StepDrive drive = null;
        int weightBits = 0;
        if (netSpec.nir() != null) {
            final NirEntry nir = netSpec.nir();
            final List<Map<String, Object>> matrices = NirDrive.newReport();
            final boolean quantise = hw != null && hw.weights().quantised();
            final EngineRunner.Prepared g = nir.prepare(netSpec.dtMs(), s::resolve, quantise
                    ? NirDrive.quantising(hw.weights().bits(), hw.weights().roundingMode(), s.seed(), matrices)
                    : EngineRunner.WeightMap.NONE);
            final int steps = (int) Math.round(sim.seconds() * 1000.0 / netSpec.dtMs());
            final Map<String, Object> block = new LinkedHashMap<>();
            block.put("graph", s.resolve(nir.file()).toAbsolutePath().toString());
            block.putAll(NirDrive.describe(nir.options(netSpec.dtMs())));
            block.put("input", nir.input() == null ? "zero" : s.resolve(nir.input()).toAbsolutePath().toString());
            if (quantise) {
                final Map<String, Object> w = new LinkedHashMap<>();
                w.put("bits", hw.weights().bits());
                w.put("rounding", hw.weights().rounding());
                w.put("matrices", matrices);
                block.put("weights", w);
                weightBits = hw.weights().bits();
            }
            drive = new NirDrive(g, nir.inputs(netSpec.dtMs(), s::resolve, steps, g.inputWidth()),
                    nir.inputRows(netSpec.dtMs(), s::resolve, g.inputWidth()), nir.input() == null ? NirDrive.Kind.NONE
                    : NirInput.isSonata(nir.input()) ? NirDrive.Kind.SONATA : NirDrive.Kind.CSV, netSpec.dtMs(), block,
                    weightBits);
            net = g.network();
        } else {
            net = netSpec.build(s.seed(), s::resolve);
        }
        final Map<String, Object> extra = new LinkedHashMap<>();
        if (hw != null) {
            extra.put("chip", chipMapping(s, hw, netSpec, net));
        }
        try (ResultFolder folder = ResultFolder.open(options.outOption(), dir)) {
            AtomicWrite.text(folder.file(SPEC_FILE), w -> w.write(s.toYaml()));
            return NetworkRun.simulateAndWrite(new NetworkRun.Settings(label(s), net,
                    Recording.of(netSpec.recorders(), plots), sim.config(), sim.seconds(), false, energy,
                    options.sonata(), drive, weightBits, extra), folder, progress, SPEC_FILE);
        }
    }

    /**
     * The chip the spec's hardware section names, and how the network maps onto it (hw-sim's {@link ChipMapper}, as
     * {@code hw map SPEC} maps it): summary.json's {@code hardware.chip} block.
     */
    private static Map<String, Object> chipMapping(final Spec s, final HardwareSpec hw, final NetworkSpec n,
                                                   final Network net) {
        final ChipDescription chip = hw.chipDescription(s);
        final NetworkDescription d = n.nir() != null ? SpecNetworkDescription.nir(n.nir().read(s::resolve), n.dtMs())
                : SpecNetworkDescription.describe(net);
        final ChipMapper.Report r = ChipMapper.map(d, chip);
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", chip.name());
        m.put("fits", r.fits());
        m.put("cores_used", r.coresUsed());
        m.put("placements", r.placements());
        m.put("violations", r.violations().stream().map(Object::toString).toList());
        return m;
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
