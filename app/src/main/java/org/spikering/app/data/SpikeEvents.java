package org.spikering.app.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import org.spikering.nir.NirFormatException;
import org.spikering.nir.sonata.SonataSpikes;
import org.spikering.nir.sonata.SpikePopulation;

/**
 * Input spikes as events (sequence, step, neuron), read from an event file and binned to the time step:
 * <ul>
 *   <li>CSV, header {@code sequence,time_ms,neuron}: one row per spike, {@code time_ms} from the start of its
 *       sequence, in [0, sequence_ms);</li>
 *   <li>SONATA HDF5 ({@code /spikes/<population>/timestamps} in ms and {@code node_ids}, read with
 *       {@link SonataSpikes#read}): one continuous recording cut into sequences: a spike at t belongs to sequence
 *       s = ⌊t / sequence_ms⌋ at time t − s·sequence_ms; node id = input neuron.</li>
 * </ul>
 * In both, the step of a spike at time τ from its sequence's start is ⌊τ/dt + 10⁻⁹⌋ (the 10⁻⁹ keeps a time that is
 * a multiple of dt up to rounding in its own step), and spikes of one neuron in one step add up (a count of 2).
 *
 * @param sequence sequence of each spike.
 * @param step     step of each spike.
 * @param neuron   input neuron of each spike.
 * @param steps    T = sequence_ms / dt.
 * @param file     where they came from.
 */
record SpikeEvents(int[] sequence, int[] step, int[] neuron, int steps, DataFile file) {

    private static final double EPS = 1e-9;

    /**
     * @param f          an event file (CSV or SONATA).
     * @param sequenceMs sequence length, ms.
     * @param dtMs       time step, ms.
     * @param population the SONATA population, or null for the only one.
     * @param popField   the field path of the population, for messages.
     * @return the events.
     */
    static SpikeEvents read(final DataFile f, final double sequenceMs, final double dtMs, final String population,
                            final String popField) {
        final int steps = (int) Math.round(sequenceMs / dtMs);
        return f.format() == DataFormat.CSV ? csv(f, sequenceMs, dtMs, steps) : sonata(f, sequenceMs, dtMs, steps,
                population, popField);
    }

    /** @return the largest neuron id, or −1 without spikes. */
    int maxNeuron() {
        int m = -1;
        for (int v : neuron) {
            m = Math.max(m, v);
        }
        return m;
    }

    /** @return the largest sequence index, or −1 without spikes. */
    int maxSequence() {
        int m = -1;
        for (int v : sequence) {
            m = Math.max(m, v);
        }
        return m;
    }

    /**
     * @param n      number of sequences (from the targets).
     * @param inputs number of input neurons.
     * @param nField where n came from, for messages.
     * @param iField where the input count came from, for messages.
     * @return the dense counts.
     * @throws IllegalArgumentException if a spike lies in a sequence &ge; n or has a neuron &ge; inputs.
     */
    DenseSpikes toDense(final int n, final int inputs, final String nField, final String iField) {
        final float[] x = new float[Math.multiplyExact(Math.multiplyExact(n, steps), inputs)];
        for (int k = 0; k < sequence.length; k++) {
            if (sequence[k] >= n) {
                throw file.fail(file.where() + " has a spike in sequence " + sequence[k] + ", but " + nField + " has "
                        + n + " sequences (0.." + (n - 1) + ")");
            }
            if (neuron[k] >= inputs) {
                throw file.fail(file.where() + " has a spike of neuron " + neuron[k] + ", must be < " + iField
                        + " = " + inputs);
            }
            x[(sequence[k] * steps + step[k]) * inputs + neuron[k]] += 1f;
        }
        return new DenseSpikes(n, steps, inputs, x);
    }

    private static int binOf(final double tauMs, final double dtMs, final int steps) {
        return Math.min(steps - 1, (int) Math.floor(tauMs / dtMs + EPS));
    }

    private static SpikeEvents csv(final DataFile f, final double sequenceMs, final double dtMs, final int steps) {
        final IntList s = new IntList();
        final IntList t = new IntList();
        final IntList i = new IntList();
        try (BufferedReader r = Files.newBufferedReader(f.file(), StandardCharsets.UTF_8)) {
            final String header = r.readLine();
            if (header == null || !header.strip().replace(" ", "").equals("sequence,time_ms,neuron")) {
                throw f.fail(f.where() + " line 1: '" + (header == null ? "" : header.strip())
                        + "', must be the header sequence,time_ms,neuron");
            }
            String line;
            int no = 1;
            while ((line = r.readLine()) != null) {
                no++;
                if (line.isBlank()) {
                    continue;
                }
                final String[] c = line.split(",", -1);
                final int seq;
                final double time;
                final int nrn;
                try {
                    if (c.length != 3) {
                        throw new NumberFormatException();
                    }
                    seq = Integer.parseInt(c[0].strip());
                    time = Double.parseDouble(c[1].strip());
                    nrn = Integer.parseInt(c[2].strip());
                } catch (NumberFormatException e) {
                    throw f.fail(f.where() + " line " + no + ": '" + line.strip() + "', must be sequence,time_ms,neuron"
                            + " (an integer >= 0, a time in ms, an integer >= 0)");
                }
                if (seq < 0 || nrn < 0 || !(time >= 0) || !(time < sequenceMs)) {
                    throw f.fail(f.where() + " line " + no + ": '" + line.strip() + "', must have sequence >= 0, neuron"
                            + " >= 0 and 0 <= time_ms < training.data.sequence_ms = " + fmt(sequenceMs));
                }
                s.add(seq);
                t.add(binOf(time, dtMs, steps));
                i.add(nrn);
            }
        } catch (IOException e) {
            throw f.fail(f.where() + " cannot be read: " + e.getMessage());
        }
        return new SpikeEvents(s.toArray(), t.toArray(), i.toArray(), steps, f);
    }

    private static SpikeEvents sonata(final DataFile f, final double sequenceMs, final double dtMs, final int steps,
                                      final String population, final String popField) {
        final List<SpikePopulation> pops;
        try {
            pops = SonataSpikes.read(f.file());
        } catch (NirFormatException e) {
            throw f.fail(e.getMessage().replace(f.file().toString(), "'" + f.file().getFileName() + "'"));
        }
        final StringBuilder names = new StringBuilder();
        SpikePopulation p = null;
        for (SpikePopulation q : pops) {
            names.append(names.length() == 0 ? "" : ", ").append(q.name());
            if (q.name().equals(population)) {
                p = q;
            }
        }
        if (population == null) {
            if (pops.size() != 1) {
                throw new IllegalArgumentException(popField + ": missing, '" + f.file().getFileName() + "' has "
                        + pops.size() + " populations (" + names + "); name one");
            }
            p = pops.get(0);
        } else if (p == null) {
            throw new IllegalArgumentException(popField + ": '" + population + "', '" + f.file().getFileName()
                    + "' has no such population (it has: " + names + ")");
        }
        final double[] ts = p.timestampsMs();
        final long[] ids = p.nodeIds();
        final int[] s = new int[ts.length];
        final int[] t = new int[ts.length];
        final int[] i = new int[ts.length];
        for (int k = 0; k < ts.length; k++) {
            if (!(ts[k] >= 0) || ids[k] > Integer.MAX_VALUE) {
                throw f.fail(f.where() + " spike " + k + " at " + fmt(ts[k]) + " ms of node " + ids[k]
                        + ": times must be >= 0 ms and node ids < 2^31");
            }
            final long seq = (long) Math.floor(ts[k] / sequenceMs + EPS);
            if (seq > Integer.MAX_VALUE) {
                throw f.fail(f.where() + " spike " + k + " at " + fmt(ts[k]) + " ms: beyond 2^31 sequences");
            }
            s[k] = (int) seq;
            t[k] = binOf(Math.max(0, ts[k] - seq * sequenceMs), dtMs, steps);
            i[k] = (int) ids[k];
        }
        return new SpikeEvents(s, t, i, steps, f);
    }

    static String fmt(final double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }

    /** A growable int array. */
    static final class IntList {
        private int[] a = new int[64];
        private int n;

        void add(final int v) {
            if (n == a.length) {
                a = java.util.Arrays.copyOf(a, 2 * n);
            }
            a[n++] = v;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }
    }
}
