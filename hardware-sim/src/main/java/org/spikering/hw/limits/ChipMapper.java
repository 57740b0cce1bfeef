package org.spikering.hw.limits;

import java.util.ArrayList;
import java.util.List;

/**
 * Partitions each population onto consecutive cores and checks the chip's limits.
 * Synapses are stored on the core of their postsynaptic neuron and assumed evenly spread over the
 * target population (fan-in per neuron K = synapses / postSize). Per population:
 * <pre>
 *   neurons per core n = min(neuronsPerCore, floor(synapseBitsPerCore / (bitsPerSynapse · K_total)))
 *   cores = ceil(size / n)
 *   fan-in of a core  = Σ_projections min(preSize, n · K)       (distinct presynaptic axons, upper bound)
 *   fan-out of a core = Σ_projections (cores of the target population)
 * </pre>
 * Each limit is checked and every violation is reported with where, which limit, the value and the limit.
 */
public final class ChipMapper {
    private ChipMapper() {
    }

    /** Result of a mapping. */
    public record Report(ChipDescription chip, List<String> placements, int coresUsed, List<Violation> violations) {
        public boolean fits() {
            return violations.isEmpty();
        }

        public String format() {
            final StringBuilder sb = new StringBuilder();
            sb.append("chip ").append(chip.name()).append(": ").append(coresUsed).append(" of ")
                    .append(chip.cores()).append(" cores used\n");
            for (String p : placements) {
                sb.append("  ").append(p).append('\n');
            }
            if (violations.isEmpty()) {
                sb.append("fits: all limits respected\n");
            } else {
                sb.append("DOES NOT FIT (").append(violations.size()).append(" violations):\n");
                for (Violation v : violations) {
                    sb.append("  ").append(v).append('\n');
                }
            }
            return sb.toString();
        }
    }

    public static Report map(NetworkDescription net, ChipDescription chip) {
        final List<Violation> vs = new ArrayList<>();
        final List<String> placements = new ArrayList<>();
        final int np = net.populations().size();
        final int[] perCore = new int[np];
        final int[] cores = new int[np];
        for (int k = 0; k < np; k++) {
            final NetworkDescription.Population pop = net.populations().get(k);
            double fanInPerNeuron = 0;
            for (NetworkDescription.Projection pr : net.projections()) {
                if (pr.post().equals(pop.name())) {
                    fanInPerNeuron += (double) pr.synapses() / pop.size();
                }
            }
            final double bitsPerNeuron = fanInPerNeuron * chip.bitsPerSynapse();
            if (bitsPerNeuron > chip.synapseBitsPerCore()) {
                vs.add(new Violation(pop.name() + " (one neuron)", "synapseBitsPerCore", Math.ceil(bitsPerNeuron),
                        chip.synapseBitsPerCore()));
                perCore[k] = 1;
            } else {
                final long byMem = bitsPerNeuron == 0 ? Long.MAX_VALUE : (long) Math.floor(chip.synapseBitsPerCore() / bitsPerNeuron);
                perCore[k] = (int) Math.max(1, Math.min(chip.neuronsPerCore(), byMem));
            }
            cores[k] = (pop.size() + perCore[k] - 1) / perCore[k];
        }
        int offset = 0;
        for (int k = 0; k < np; k++) {
            final NetworkDescription.Population pop = net.populations().get(k);
            placements.add(pop.name() + ": " + pop.size() + " neurons on cores " + offset + ".." + (offset + cores[k] - 1)
                    + " (" + perCore[k] + " per core)");
            double fanIn = 0;
            long fanOut = 0;
            for (NetworkDescription.Projection pr : net.projections()) {
                if (pr.post().equals(pop.name())) {
                    final double k1 = (double) pr.synapses() / pop.size();
                    fanIn += Math.min(net.population(pr.pre()).size(), Math.ceil(perCore[k] * k1));
                }
                if (pr.pre().equals(pop.name())) {
                    fanOut += cores[net.populations().indexOf(net.population(pr.post()))];
                }
                if (pr.post().equals(pop.name())) {
                    final int d = chip.delaySteps(pr.maxDelayMs());
                    if (d > chip.maxDelaySteps()) {
                        vs.add(new Violation("projection " + pr.pre() + "->" + pr.post(), "maxDelaySteps", d,
                                chip.maxDelaySteps()));
                    }
                }
            }
            if (fanIn > chip.maxFanIn()) {
                vs.add(new Violation(pop.name() + " core " + offset, "maxFanIn", fanIn, chip.maxFanIn()));
            }
            if (fanOut > chip.maxFanOut()) {
                vs.add(new Violation(pop.name() + " core " + offset, "maxFanOut", fanOut, chip.maxFanOut()));
            }
            offset += cores[k];
        }
        if (offset > chip.cores()) {
            vs.add(new Violation("chip", "cores", offset, chip.cores()));
        }
        return new Report(chip, List.copyOf(placements), offset, List.copyOf(vs));
    }
}
