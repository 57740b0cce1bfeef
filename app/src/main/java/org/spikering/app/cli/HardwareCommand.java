package org.spikering.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.spikering.app.hw.PlasticityStudy;
import org.spikering.app.report.Json;
import org.spikering.app.report.ResultFolder;
import org.spikering.app.report.RunRecords;
import org.spikering.hw.energy.EnergyModel;
import org.spikering.hw.fixedpoint.Rounding;
import org.spikering.hw.limits.ChipDescription;
import org.spikering.hw.limits.ChipMapper;
import org.spikering.hw.limits.NetworkDescription;
import org.spikering.hw.limits.NetworkDescription.Population;
import org.spikering.hw.limits.NetworkDescription.Projection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spikering hw map|study}: neuromorphic hardware constraints and the plasticity-sparsity study. */
@Command(name = "hw", mixinStandardHelpOptions = true, description = "Neuromorphic hardware constraints and studies.",
        subcommands = {HardwareCommand.Map.class, HardwareCommand.Study.class})
public final class HardwareCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("hw: choose a sub-command: map, study (see --help)");
        return 2;
    }

    /** Maps a benchmark network onto a chip and prints what does not fit. */
    @Command(name = "map", mixinStandardHelpOptions = true, description = "Map a network onto a chip description.")
    static final class Map implements Callable<Integer> {
        @Option(names = "--chip", defaultValue = "loihi", description = "loihi, spinnaker or a JSON file")
        String chip;
        @Option(names = "--network", defaultValue = "brunel", description = "cuba or brunel")
        String network;
        @Option(names = "--scale", defaultValue = "1.0", description = "network size factor")
        double scale;
        @Option(names = "--delay-ms", defaultValue = "1.5", description = "largest synaptic delay (ms)")
        double delayMs;
        @Option(names = "--nir", paramLabel = "GRAPH.nir", description = "map this NIR graph instead of --network (neuron nodes as populations)")
        String nir;

        @Override
        public Integer call() throws Exception {
            final ChipMapper.Report r = ChipMapper.map(nir != null ? NirCommand.hardwareDescription(nir, delayMs)
                    : network(network, scale, delayMs), ChipDescription.byName(chip));
            System.out.print(r.format());
            return r.fits() ? 0 : 1;
        }
    }

    /**
     * CUBA (Vogels-Abbott benchmark: 4000 neurons 80/20, connection probability 0.02) or Brunel 2000
     * (N_E = 10000, N_I = 2500, C_E = 1000, C_I = 250 incoming per neuron), times {@code scale} in size;
     * connection probability fixed for CUBA, in-degree fixed for Brunel.
     */
    static NetworkDescription network(String name, double scale, double delayMs) {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("--scale = " + scale + ": must be > 0");
        }
        switch (name) {
            case "cuba": {
                final int ne = (int) Math.round(3200 * scale);
                final int ni = (int) Math.round(800 * scale);
                final double p = 0.02;
                final List<Projection> pr = new ArrayList<>();
                for (String a : new String[] {"E", "I"}) {
                    for (String b : new String[] {"E", "I"}) {
                        final long n = Math.round(p * (a.equals("E") ? ne : ni) * (b.equals("E") ? ne : ni));
                        pr.add(new Projection(a, b, n, delayMs));
                    }
                }
                return new NetworkDescription(List.of(new Population("E", ne), new Population("I", ni)), pr);
            }
            case "brunel": {
                final int ne = (int) Math.round(10000 * scale);
                final int ni = (int) Math.round(2500 * scale);
                final List<Projection> pr = List.of(new Projection("E", "E", 1000L * ne, delayMs),
                        new Projection("E", "I", 1000L * ni, delayMs), new Projection("I", "E", 250L * ne, delayMs),
                        new Projection("I", "I", 250L * ni, delayMs));
                return new NetworkDescription(List.of(new Population("E", ne), new Population("I", ni)), pr);
            }
            default:
                throw new IllegalArgumentException("--network = " + name + ": must be cuba or brunel");
        }
    }

    /** The plasticity-sparsity study. */
    @Command(name = "study", mixinStandardHelpOptions = true, description = {"Sweep plastic fraction x weight bits x rounding.",
        "Trains with rule eprop (as train --rule eprop: e-prop with symmetric feedback B = W_out^T)."})
    static final class Study implements Callable<Integer> {
        @Option(names = "--task", defaultValue = "evidence", description = "evidence, nback, sine (sine-bellec)")
        String task;
        @Option(names = "--fractions", defaultValue = "1,0.5,0.2,0.1,0.05,0.01", split = ",")
        double[] fractions;
        @Option(names = "--bits", defaultValue = "32,8,6,4,2", split = ",")
        int[] bits;
        @Option(names = "--rounding", defaultValue = "nearest,stochastic", split = ",")
        String[] rounding;
        @Option(names = "--seeds", defaultValue = "3", description = "seeds (mean and sd over them)")
        int seeds;
        @Option(names = "--iterations", defaultValue = "150", description = "updates per run (default 150: float e-prop "
                + "reaches ~0.88 held-out accuracy on evidence accumulation; the full default grid takes about an hour)")
        int iterations;
        @Option(names = "--batch", defaultValue = "16", description = "sequences per update (default 16)")
        int batch;
        @Option(names = "--energy", description = "per-operation energies in pJ replacing the Loihi defaults, "
                + "e.g. synop=20,neuron=50 (keys synop, neuron, weight, spike)")
        String energy;
        @Option(names = "--test-batch", defaultValue = "128", description = "held-out test sequences per seed")
        int testBatch;
        @Option(names = "--out", defaultValue = "spikering-out/hw-study", description = "output folder, replaced as a whole "
                + "when the study completes; a study killed half-way and started again with the same settings reuses its completed runs")
        Path out;

        @Override
        public Integer call() {
            final String t = "sine".equals(task) ? "sine-bellec" : task;
            final List<Rounding> rs = new ArrayList<>();
            for (String s : rounding) {
                rs.add(Rounding.parse(s));
            }
            final long t0 = System.nanoTime();
            final PlasticityStudy.Settings settings = new PlasticityStudy.Settings(t, fractions, bits, rs, seeds, iterations,
                    batch, testBatch, EnergyModel.loihiWith(energy));
            try (ResultFolder folder = ResultFolder.open("--out", out)) {
                final RunRecords records = RunRecords.open(folder.checkpointDir(), Json.MAPPER.valueToTree(
                        java.util.Map.of("task", t, "fractions", fractions, "bits", bits, "rounding", rs.toString(),
                                "seeds", seeds, "iterations", iterations, "batch", batch, "test_batch", testBatch,
                                "energy", String.valueOf(settings.energy().describe()))), System.err);
                PlasticityStudy.run(settings, folder.dir(), System.out, records);
                if (records.reused() > 0) {
                    System.err.printf("spikering: reused %d runs of an interrupted study with the same settings%n", records.reused());
                }
                folder.commit("hw study", PlasticityStudy.RESULT_FILES);
                System.out.printf("wrote %s, study.json, loss.png, accuracy.png, energy.png, synops.png (wall time %.1f s)%n",
                        folder.target().resolve("study.csv"), (System.nanoTime() - t0) / 1e9);
            }
            return 0;
        }
    }
}
