package org.spikering.app.hw;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.spikering.app.report.AtomicFiles;
import org.spikering.app.report.Json;
import org.spikering.app.report.Plots;
import org.spikering.app.task.TaskPreset;
import org.spikering.app.train.TrainingRun;
import org.spikering.hw.counters.OperationCounters;
import org.spikering.hw.energy.EnergyModel;
import org.spikering.hw.fixedpoint.QuantizingHook;
import org.spikering.hw.fixedpoint.Rounding;
import org.spikering.hw.mask.MaskFactory;
import org.spikering.hw.mask.PlasticityMask;
import org.spikering.plasticity.network.RecurrentSpikingNetwork;
import org.spikering.plasticity.network.WeightMatrixId;
import org.spikering.plasticity.train.Computation;
import org.spikering.plasticity.train.IterationResult;
import org.spikering.plasticity.train.LearningRule;

/**
 * The plasticity-sparsity study: for one task, every combination of plastic fraction (plus the
 * reservoir row, only readout plastic), weight bits (32 = float, else b-bit quantised weights with a
 * per-matrix exponent) and rounding mode, over several seeds; e-prop with the mask and the quantiser as
 * {@code WeightUpdateHook} decorators. Counters per run: recurrent spikes (mean rate × neurons × time),
 * synaptic operations (each recurrent spike reaches nRec + nOut targets), weight updates (plastic
 * entries × iterations), weight memory bits; energy from {@link EnergyModel#loihi()}.
 */
public final class PlasticityStudy {

    /** One row of the study table (means over seeds). */
    public record Row(String plastic, double fraction, int bits, String rounding, double finalLoss,
                      double finalAccuracy, double spikes, double synapticOps, double weightUpdates,
                      double weightMemoryBits, double energyJ, int seeds) {
    }

    private PlasticityStudy() {
    }

    /** Runs the study; writes study.csv, study.json and PNGs into {@code out}. */
    public static List<Row> run(String task, double[] fractions, int[] bits, List<Rounding> roundings, int seeds,
                                int iterations, int batch, Path out, PrintStream log) {
        for (double f : fractions) {
            if (!(f >= 0 && f <= 1)) {
                throw new IllegalArgumentException("--fractions contains " + f + ": each must be in [0, 1]");
            }
        }
        for (int b : bits) {
            if (b != 32 && (b < 2 || b > 16)) {
                throw new IllegalArgumentException("--bits contains " + b + ": each must be 32 (float) or in [2, 16]");
            }
        }
        if (seeds < 1) {
            throw new IllegalArgumentException("--seeds = " + seeds + ": must be >= 1");
        }
        final List<Row> rows = new ArrayList<>();
        final List<Double> fr = new ArrayList<>();
        fr.add(-1.0); // reservoir row
        for (double f : fractions) {
            fr.add(f);
        }
        for (int b : bits) {
            final List<Rounding> rs = b == 32 ? List.of(Rounding.NEAREST) : roundings;
            for (Rounding r : rs) {
                for (double f : fr) {
                    double loss = 0;
                    double acc = 0;
                    final OperationCounters total = new OperationCounters();
                    for (int s = 0; s < seeds; s++) {
                        final TaskPreset preset = TaskPreset.of(task, 1000 + s);
                        final RecurrentSpikingNetwork net = preset.network();
                        final QuantizingHook q = b == 32 ? null : new QuantizingHook(net, b, r, 77 + s);
                        final MaskFactory mf = new MaskFactory(net);
                        final PlasticityMask mask = f < 0 ? mf.onlyMatrices(Set.of(WeightMatrixId.OUTPUT))
                                : mf.randomFraction(f, 555 + s);
                        mask.bind(net, q);
                        final TrainingRun run = new TrainingRun(preset, LearningRule.EPROP, Computation.EVENT, 31 + s)
                                .withHook(mask);
                        final TrainingRun.Outcome o = run.run(iterations, batch, preset.learningRate(), iterations, 32, null);
                        loss += o.finalLoss();
                        acc += Double.isNaN(o.testAccuracy()) ? lastAccuracy(o.curve()) : o.testAccuracy();
                        count(total, o.curve(), net, preset.source().steps(), batch, mask, b);
                    }
                    final double n = seeds;
                    final Row row = new Row(f < 0 ? "readout-only" : "random", f < 0 ? mask0(task) : f, b,
                            b == 32 ? "float" : r.name().toLowerCase(Locale.ROOT), loss / n, acc / n,
                            total.spikes() / n, total.synapticOps() / n, total.weightUpdates() / n,
                            total.weightMemoryBits() / n, EnergyModel.loihi().joules(total) / n, seeds);
                    rows.add(row);
                    if (log != null) {
                        log.printf(Locale.ROOT, "%-12s p=%.3f bits=%2d %-10s loss %.4g acc %.3f synops %.3g energy %.3g J%n",
                                row.plastic(), row.fraction(), b, row.rounding(), row.finalLoss(), row.finalAccuracy(),
                                row.synapticOps(), row.energyJ());
                    }
                }
            }
        }
        write(out, task, rows, iterations, batch);
        return rows;
    }

    private static double mask0(String task) {
        final RecurrentSpikingNetwork net = TaskPreset.of(task, 1000).network();
        return new MaskFactory(net).onlyMatrices(Set.of(WeightMatrixId.OUTPUT)).plasticFraction();
    }

    private static double lastAccuracy(List<IterationResult> c) {
        return c.isEmpty() ? Double.NaN : c.get(c.size() - 1).accuracy();
    }

    private static void count(OperationCounters c, List<IterationResult> curve, RecurrentSpikingNetwork net,
                              int steps, int batch, PlasticityMask mask, int bits) {
        final double seconds = steps * net.params().dtMs() / 1000.0 * batch;
        long plastic = 0;
        long all = 0;
        for (WeightMatrixId id : WeightMatrixId.values()) {
            plastic += mask.plasticCount(id);
            all += mask.size(id);
        }
        for (IterationResult r : curve) {
            final long spikes = Math.round(r.meanRateHz() * net.recurrent() * seconds);
            c.addSpikes(spikes);
            c.addSynapticOps(spikes * (net.recurrent() + net.outputs()));
            c.addNeuronUpdates((long) net.recurrent() * steps * batch);
            c.addWeightUpdates(plastic);
        }
        c.addWeightMemory(all, bits);
    }

    private static void write(Path out, String task, List<Row> rows, int iterations, int batch) {
        final StringBuilder csv = new StringBuilder(
                "plastic,fraction,bits,rounding,final_loss,final_accuracy,spikes,synaptic_ops,weight_updates,weight_memory_bits,energy_J,seeds\n");
        for (Row r : rows) {
            csv.append(String.format(Locale.ROOT, "%s,%.5f,%d,%s,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%d%n", r.plastic(),
                    r.fraction(), r.bits(), r.rounding(), r.finalLoss(), r.finalAccuracy(), r.spikes(), r.synapticOps(),
                    r.weightUpdates(), r.weightMemoryBits(), r.energyJ(), r.seeds()));
        }
        AtomicFiles.writeString(out.resolve("study.csv"), csv.toString());
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("task", task);
        json.put("rule", "eprop");
        json.put("iterations", iterations);
        json.put("batch", batch);
        json.put("energy_model", EnergyModel.loihi());
        json.put("rows", rows);
        Json.write(out.resolve("study.json"), json);
        final Map<String, List<Row>> byCfg = new LinkedHashMap<>();
        for (Row r : rows) {
            byCfg.computeIfAbsent(r.bits() + "-bit " + r.rounding(), k -> new ArrayList<>()).add(r);
        }
        final List<Plots.Series> loss = new ArrayList<>();
        final List<Plots.Series> acc = new ArrayList<>();
        final List<Plots.Series> energy = new ArrayList<>();
        final List<Plots.Series> synops = new ArrayList<>();
        for (Map.Entry<String, List<Row>> e : byCfg.entrySet()) {
            final List<Row> rs = new ArrayList<>(e.getValue());
            rs.sort((a, b) -> Double.compare(a.fraction(), b.fraction()));
            final double[] x = new double[rs.size()];
            final double[] l = new double[rs.size()];
            final double[] a = new double[rs.size()];
            final double[] en = new double[rs.size()];
            final double[] so = new double[rs.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = rs.get(i).fraction();
                l[i] = rs.get(i).finalLoss();
                a[i] = rs.get(i).finalAccuracy();
                en[i] = rs.get(i).energyJ();
                so[i] = rs.get(i).synapticOps();
            }
            loss.add(new Plots.Series(e.getKey(), x, l));
            acc.add(new Plots.Series(e.getKey(), x, a));
            energy.add(new Plots.Series(e.getKey(), x, en));
            synops.add(new Plots.Series(e.getKey(), x, so));
        }
        Plots.savePng(Plots.lineChart("final loss vs plastic fraction (" + task + ")", "plastic fraction", "final loss",
                loss.toArray(new Plots.Series[0])), out.resolve("loss.png"));
        Plots.savePng(Plots.lineChart("final accuracy vs plastic fraction (" + task + ")", "plastic fraction", "accuracy",
                acc.toArray(new Plots.Series[0])), out.resolve("accuracy.png"));
        Plots.savePng(Plots.lineChart("energy estimate (Loihi per-op energies)", "plastic fraction", "energy (J)",
                energy.toArray(new Plots.Series[0])), out.resolve("energy.png"));
        Plots.savePng(Plots.lineChart("synaptic operations", "plastic fraction", "synaptic ops",
                synops.toArray(new Plots.Series[0])), out.resolve("synops.png"));
    }
}
