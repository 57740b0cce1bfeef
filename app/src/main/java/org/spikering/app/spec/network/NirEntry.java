package org.spikering.app.spec.network;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.spikering.app.run.NirInput;
import org.spikering.app.spec.NetworkSpec;
import org.spikering.app.spec.Problems;
import org.spikering.nir.NirFile;
import org.spikering.nir.NirFormatException;
import org.spikering.nir.NirReader;
import org.spikering.nir.run.EngineRunner;
import org.spikering.nir.run.RunOptions;
import org.spikering.sim.network.PopulationSpec;

/**
 * {@code network.nir}: a NIR graph as the spec's network, run on sim-core's engine as {@code nir run --runner engine}
 * runs it ({@link EngineRunner}): one population per spiking node (LIF, IF, CubaLIF), named as the node, the static
 * nodes between them composed into explicit synapses with one step of delay, the top-level Input nodes' values
 * injected every step. The fields are the choices NIR leaves to a simulator ({@link RunOptions}); {@code network.dt_ms}
 * is the step. The loop-delay placement and the extra synaptic delay of {@code nir run --runner step} do not apply:
 * the engine puts one step of delay on every edge between spiking nodes.
 *
 * <table>
 *   <caption>Fields</caption>
 *   <tr><th>field</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>file</td><td>required</td><td>the NIR file, relative to the spec file</td></tr>
 *   <tr><td>scheme</td><td>euler</td><td>{@link RunOptions.Scheme}: euler or exact</td></tr>
 *   <tr><td>reset</td><td>zero</td><td>{@link RunOptions.Reset}: zero or subtract</td></tr>
 *   <tr><td>precision</td><td>float64</td><td>{@link RunOptions.Precision}: float64, float32, float32-coefficients</td></tr>
 *   <tr><td>integrator_input</td><td>charge</td><td>{@link RunOptions.IntegratorInput}: charge or current</td></tr>
 *   <tr><td>input</td><td>zero input</td><td>CSV (one row per step) or SONATA spike file ({@link NirInput}), relative to the spec file</td></tr>
 *   <tr><td>input_population</td><td>the file's only one</td><td>the SONATA population of {@code input}</td></tr>
 * </table>
 *
 * @param file            NIR file.
 * @param scheme          integration scheme.
 * @param reset           reset.
 * @param precision       arithmetic precision.
 * @param integratorInput how IF reads input.
 * @param input           input file, or null.
 * @param inputPopulation SONATA population of the input, or null.
 */
public record NirEntry(String file, String scheme, String reset, String precision, String integratorInput, String input,
                       String inputPopulation) {

    /**
     * @param dtMs the step ({@code network.dt_ms}), ms.
     * @return the run options (no synaptic delay; the loop delay is the engine's).
     */
    public RunOptions options(final double dtMs) {
        return new RunOptions(dtMs, parse(RunOptions.Scheme.class, scheme), parse(RunOptions.Reset.class, reset),
                RunOptions.LoopDelay.BEFORE, parse(RunOptions.Precision.class, precision),
                parse(RunOptions.IntegratorInput.class, integratorInput), 0);
    }

    private static <E extends Enum<E>> E parse(final Class<E> type, final String value) {
        return Enum.valueOf(type, value.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** @return an option's name as the spec writes it (lower case, '-' for '_'). */
    public static String name(final Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * @param resolve the spec's file names to paths.
     * @return the graph.
     * @throws NirFormatException if it cannot be read.
     */
    public NirFile read(final Function<String, Path> resolve) {
        return NirReader.read(resolve.apply(file));
    }

    /**
     * @param dtMs    step, ms.
     * @param resolve the spec's file names to paths.
     * @param weights applied to the composed weight matrices (hardware precision).
     * @return the graph on the engine.
     * @throws NirFormatException if it cannot be read or run (checked when the spec was loaded).
     */
    public EngineRunner.Prepared prepare(final double dtMs, final Function<String, Path> resolve,
                                         final EngineRunner.WeightMap weights) {
        return EngineRunner.prepare(read(resolve), options(dtMs), weights);
    }

    /**
     * The input of every step of the run: the file's rows, zero input after its last row and without a file.
     *
     * @param dtMs    step, ms.
     * @param resolve the spec's file names to paths.
     * @param steps   steps of the run.
     * @param width   input columns of the graph.
     * @return [step][column].
     * @throws IllegalArgumentException one line if the file is not a valid input (checked when the spec was loaded).
     */
    public double[][] inputs(final double dtMs, final Function<String, Path> resolve, final int steps, final int width) {
        final double[][] data = new double[steps][];
        double[][] file = new double[0][];
        if (input != null) {
            final Path p = resolve.apply(input);
            file = NirInput.isSonata(input)
                    ? NirInput.sonata(FIELD_INPUT, FIELD_POPULATION, p, inputPopulation, dtMs, null, width)
                    : NirInput.csv(FIELD_INPUT, p, width);
        }
        final double[] zero = new double[width]; // shared by every step without input: read, never written
        for (int k = 0; k < steps; k++) {
            data[k] = k < file.length ? file[k] : zero;
        }
        return data;
    }

    /** @return the rows the input file holds (0 without one). */
    public int inputRows(final double dtMs, final Function<String, Path> resolve, final int width) {
        if (input == null) {
            return 0;
        }
        final Path p = resolve.apply(input);
        return (NirInput.isSonata(input) ? NirInput.sonata(FIELD_INPUT, FIELD_POPULATION, p, inputPopulation, dtMs, null, width)
                : NirInput.csv(FIELD_INPUT, p, width)).length;
    }

    private static final String FIELD_INPUT = "network.nir.input";
    private static final String FIELD_POPULATION = "network.nir.input_population";

    /**
     * Checks the graph (readable, every node runnable on the engine: one problem per node that is not), the input
     * file and the recorders against the graph's spiking nodes.
     *
     * @param n        the network section (populations, projections, sources must be empty).
     * @param problems where problems go.
     * @param path     the section's path ({@code network}).
     * @param resolve  file names to paths.
     */
    void check(final NetworkSpec n, final Problems problems, final String path, final Function<String, Path> resolve) {
        final String at = path + ".nir";
        if (!n.populations().isEmpty()) {
            problems.add(path + ".populations", n.populations().size() + " entries", "must be left out with " + at
                    + " (the graph is the network)");
        }
        if (!n.projections().isEmpty()) {
            problems.add(path + ".projections", n.projections().size() + " entries", "must be left out with " + at
                    + " (the graph's edges are the synapses)");
        }
        if (!n.sources().isEmpty()) {
            problems.add(path + ".sources", n.sources().size() + " entries", "must be left out with " + at + " (its input"
                    + " is " + at + ".input)");
        }
        if (inputPopulation != null && (input == null || !NirInput.isSonata(input))) {
            problems.add(at + ".input_population", inputPopulation, "must be left out unless " + at + ".input is a SONATA"
                    + " spike file (.h5, .hdf5, .sonata)");
        }
        final Path graph = resolve.apply(file);
        if (!Files.isRegularFile(graph)) {
            problems.add(at + ".file", file, "must be a NIR file (" + (Files.isDirectory(graph) ? "a folder" : "no such file")
                    + ": " + graph + ")");
            return;
        }
        final EngineRunner.Prepared prepared;
        try {
            prepared = EngineRunner.prepare(NirReader.read(graph), options(n.dtMs()), EngineRunner.WeightMap.NONE);
        } catch (NirFormatException e) {
            for (String line : e.getMessage().split("\n")) {
                final String what = line.startsWith(graph + ": ") ? line.substring(graph.toString().length() + 2) : line;
                problems.add(at + ".file", file, "must be a NIR graph the engine runs: " + what);
            }
            return;
        } catch (IllegalArgumentException e) {
            problems.add(at + ".file", file, "must be a NIR graph the engine runs: " + e.getMessage());
            return;
        }
        if (input != null) {
            final Path p = resolve.apply(input);
            if (!Files.isRegularFile(p)) {
                problems.add(at + ".input", input, "must be a CSV or SONATA input file (" + (Files.isDirectory(p) ? "a folder"
                        : "no such file") + ": " + p + ")");
            } else {
                try {
                    inputRows(n.dtMs(), resolve, prepared.inputWidth());
                } catch (IllegalArgumentException e) {
                    problems.addLine(e.getMessage());
                }
            }
        }
        recorders(n.recorders(), prepared, problems, path + ".recorders");
    }

    private static void recorders(final RecordersEntry r, final EngineRunner.Prepared g, final Problems problems,
                                  final String at) {
        final List<String> nodes = g.spikingNodes();
        if (r.spikes().populations() != null) {
            for (int k = 0; k < r.spikes().populations().size(); k++) {
                final String name = r.spikes().populations().get(k);
                if (!nodes.contains(name)) {
                    problems.add(at + ".spikes.populations[" + k + "]", name, "must name a spiking node of the graph (one of "
                            + String.join(", ", nodes) + ")");
                }
            }
        }
        final List<String> files = new ArrayList<>();
        for (int k = 0; k < r.state().size(); k++) {
            final RecordersEntry.State s = r.state().get(k);
            final String sa = at + ".state[" + k + "]";
            if (files.contains(s.file())) {
                problems.add(sa + ".file", s.file(), "must be unique: give each state recorder its own file");
            } else if (NetworkChecks.RESERVED_FILES.contains(s.file()) || "output.csv".equals(s.file())) {
                problems.add(sa + ".file", s.file(), "must not be one of the files run writes itself " + NetworkChecks.RESERVED_FILES
                        + " or output.csv");
            }
            files.add(s.file());
            final int p = nodes.indexOf(s.population());
            if (p < 0) {
                problems.add(sa + ".population", s.population(), "must name a spiking node of the graph (one of "
                        + String.join(", ", nodes) + ")");
                continue;
            }
            final PopulationSpec pop = g.network().populations().get(p);
            final List<String> vars = List.of(pop.model().createPopulation(1, g.network().dtMs()).stateVariableNames());
            if (!vars.contains(s.variable())) {
                problems.add(sa + ".variable", s.variable(), "must be " + (vars.size() == 1 ? vars.get(0) : "one of "
                        + String.join(", ", vars)) + " (the state of NIR node '" + pop.name() + "' on the engine: v, and I"
                        + " of a CubaLIF)");
            }
            for (int j = 0; j < s.neurons().size(); j++) {
                if (s.neurons().get(j) >= pop.size()) {
                    problems.add(sa + ".neurons[" + j + "]", s.neurons().get(j), "must be < the size of node '" + pop.name()
                            + "' = " + pop.size());
                }
            }
        }
    }
}
