package org.spikering.app.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.spikering.app.report.ResultFolder;
import org.spikering.hw.counters.OperationCounters;
import org.spikering.hw.fixedpoint.Rounding;
import org.spikering.hw.fixedpoint.WeightQuantizer;
import org.spikering.nir.run.EngineRunner;
import org.spikering.nir.run.RunOptions;
import org.spikering.sim.Simulation;
import org.spikering.sim.record.AtomicWrite;

/**
 * The input and output of an imported NIR graph in a spec run ({@code network.nir}): injects each step's input row
 * before the step ({@link EngineRunner.Prepared#inject}), keeps the top-level Output nodes' values after it and
 * writes them to {@code output.csv} ({@code step,time_ms,<node>[<i>]...}, time_ms = (step + 1) · dt, the grid point
 * the values belong to, as {@code nir run} writes it).
 *
 * <p>Counters of the input (the engine counts the spikes and synaptic events between spiking nodes itself); the
 * Input paths' non-zero weights are added to the weight memory, at the hardware section's bits (64 without):
 * <table>
 *   <caption>Input counters</caption>
 *   <tr><th>input</th><th>counter</th><th>count</th></tr>
 *   <tr><td>SONATA spike file</td><td>input spikes, synaptic operations</td><td>each input spike; per spike of
 *       column c, fan(c) = the non-zero weights from c into the spiking nodes</td></tr>
 *   <tr><td>CSV (graded values)</td><td>dense MACs</td><td>Σ_c fan(c) per step: every weight multiplies its input
 *       every step, zero or not (the counter's definition)</td></tr>
 *   <tr><td>none</td><td>—</td><td>nothing</td></tr>
 * </table>
 */
public final class NirDrive implements StepDrive {

    private final EngineRunner.Prepared graph;
    private final double[][] input;
    private final int inputRows;
    private final Kind kind;
    private final double[][] output;
    private final double dtMs;
    private final Map<String, Object> summary;
    private final int weightBits;

    /** What the input file is. */
    public enum Kind {
        /** No file: zero input. */
        NONE,
        /** A CSV file of graded values. */
        CSV,
        /** A SONATA spike file: spike counts. */
        SONATA
    }

    /**
     * @param graph     the graph on the engine.
     * @param input     the input of every step of the run, [step][column].
     * @param inputRows rows the input file held (0 without one).
     * @param kind      the input file's kind.
     * @param dtMs       step, ms.
     * @param summary    summary.json's {@code nir} block (the graph, the options, the weights); the drive adds
     *                   {@code input_rows} and {@code output_columns}.
     * @param weightBits bits per input weight in the weight-memory counter (the hardware precision), 0: 64 (double).
     */
    public NirDrive(final EngineRunner.Prepared graph, final double[][] input, final int inputRows, final Kind kind,
                    final double dtMs, final Map<String, Object> summary, final int weightBits) {
        this.weightBits = weightBits > 0 ? weightBits : 64;
        this.graph = graph;
        this.input = input;
        this.inputRows = inputRows;
        this.kind = kind;
        this.dtMs = dtMs;
        this.output = new double[input.length][];
        this.summary = new LinkedHashMap<>(summary);
        this.summary.put("input_rows", inputRows);
        this.summary.put("output_columns", graph.outputColumns());
    }

    @Override
    public void attach(final Simulation sim) {
        graph.attach(sim);
    }

    @Override
    public void beforeStep(final Simulation sim, final long step) {
        graph.inject(sim, input[(int) step]);
    }

    @Override
    public void afterStep(final long step) {
        output[(int) step] = graph.outputRow();
    }

    @Override
    public void addCounters(final OperationCounters c) {
        final long[] fan = graph.inputFanOut();
        long weights = 0;
        for (long f : fan) {
            weights += f;
        }
        c.addWeightMemory(weights, weightBits); // the Input paths' non-zero weights (the engine counts its synapses)
        if (kind == Kind.SONATA) {
            long spikes = 0;
            long ops = 0;
            for (double[] row : input) {
                for (int col = 0; col < row.length; col++) {
                    final long n = Math.round(row[col]);
                    spikes += n;
                    ops += n * fan[col];
                }
            }
            c.addInputSpikes(spikes);
            c.addSynapticOps(ops);
        } else if (kind == Kind.CSV) {
            long perStep = 0;
            for (long f : fan) {
                perStep += f;
            }
            c.addDenseMacs(perStep * input.length);
        }
    }

    @Override
    public Map<String, Object> summary() {
        return summary;
    }

    @Override
    public List<String> write(final ResultFolder folder) {
        final List<String> columns = graph.outputColumns();
        if (columns.isEmpty()) {
            return List.of();
        }
        final Path file = folder.file("output.csv");
        AtomicWrite.text(file, w -> {
            w.write("step,time_ms," + String.join(",", columns) + "\n");
            for (int k = 0; k < output.length; k++) {
                final StringBuilder sb = new StringBuilder().append(k).append(',')
                        .append(String.format(Locale.ROOT, "%.6g", (k + 1) * dtMs));
                for (double v : output[k]) {
                    sb.append(',').append(v);
                }
                w.write(sb.append('\n').toString());
            }
        });
        return List.of("output.csv");
    }

    /**
     * Weight precision for an imported graph: every composed matrix into a spiking node (synapses between nodes and
     * the Input paths) rounded to a {@code bits}-bit mantissa times its own power-of-two scale, fitted so that its
     * largest |w| fits ({@link WeightQuantizer#fitting}: w = m · 2^e, m in [-2^(b-1), 2^(b-1) - 1]). Matrix k (in the
     * order the engine builds them) draws stochastic rounding from seed 31 · (77 + seed) + k, as training's matrix k does.
     *
     * @param bits     mantissa bits incl. sign, 2..31.
     * @param rounding nearest, stochastic or truncate.
     * @param seed     the spec's seed.
     * @param report   gets one entry per matrix: source, target, exponent, lsb.
     * @return the map.
     */
    public static EngineRunner.WeightMap quantising(final int bits, final Rounding rounding, final long seed,
                                                    final List<Map<String, Object>> report) {
        return (source, target, w, rows, cols) -> {
            final int k = report.size();
            final WeightQuantizer q = WeightQuantizer.fitting(w, bits, rounding, 31 * (77 + seed) + k);
            final double[] out = w.clone();
            q.quantizeInPlace(out);
            final Map<String, Object> m = new LinkedHashMap<>();
            m.put("source", source);
            m.put("target", target);
            m.put("exponent", q.exponent());
            m.put("lsb", q.step());
            report.add(m);
            return out;
        };
    }

    /**
     * @param options the run options.
     * @return their names as the spec writes them.
     */
    public static Map<String, Object> describe(final RunOptions options) {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("scheme", name(options.scheme()));
        m.put("reset", name(options.reset()));
        m.put("precision", name(options.precision()));
        m.put("integrator_input", name(options.integratorInput()));
        m.put("delay", "one step on every edge between spiking nodes (the engine), none on the Input paths");
        return m;
    }

    private static String name(final Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** @return an empty report list for {@link #quantising}. */
    public static List<Map<String, Object>> newReport() {
        return new ArrayList<>();
    }
}
