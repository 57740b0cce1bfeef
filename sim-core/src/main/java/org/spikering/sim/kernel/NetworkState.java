package org.spikering.sim.kernel;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.spikering.neuron.NeuronPopulation;
import org.spikering.neuron.lif.LifDeltaPopulation;
import org.spikering.neuron.source.PoissonSource;
import org.spikering.sim.network.Network;
import org.spikering.sim.network.NetworkBuilder;
import org.spikering.sim.network.PoissonDriveSpec;
import org.spikering.sim.network.PopulationSpec;
import org.spikering.sim.network.Projection;
import org.spikering.sim.synapse.Csr;

/**
 * The mutable state of a running network and the two operations every engine is made of:
 * {@link #update} (coordinator thread: drive, neuron update, read and clear wheel slot t) and
 * {@link #deliver} (partition q's thread: scatter one spike's synapses into partition q's targets).
 *
 * <p><b>Timing wheel.</b> Per population and input channel one {@code double[slots · n]}; input for
 * arrival step t of local neuron i is at {@code (t & mask) · n + i}. With delays in [D, D_max] steps
 * and the coordinator at most D − 1 steps ahead of the slowest delivery, slots = next power of two
 * above D_max + 1 never alias the slot being read.
 *
 * <p><b>Threading.</b> {@code update} runs on one thread. {@code deliver(q, ...)} for a given q runs
 * on one thread and writes only targets of partition q, and only wheel slots of arrival steps later
 * than the step the coordinator is reading. Callers provide the happens-before edges (ring sequences).
 */
public final class NetworkState {

    private final Network net;
    private final int nPops;
    private final NeuronPopulation[] pops;
    private final int[] offset;
    private final int[] size;
    private final int[] popOf;
    private final int slots;
    private final int mask;
    private final double[][] wheel0;
    private final double[][] wheel1;
    private final int partitions;
    private final int[][] partFrom;
    private final int[][] partTo;
    private final int[] partOfLocal0;
    private final Csr[][] csr;
    private final int[] projSrc;
    private final int[] projTgt;
    private final boolean[] projChannelBySign;
    private final int[][] outgoing;
    private final boolean[] eventDriven;
    private final int[][][][] touched;
    private final int[][][] touchedCount;
    private final int[][] partitionOfNeuron;
    private final PoissonSource[] driveSource;
    private final int[] driveTarget;
    private final double[] driveWeight;
    private final long[] eventsDelivered;
    private final int[] localSpikes;
    private final int minDelay;
    private final long[] populationSpikes;
    private long gridPoint;

    /**
     * @param network    the network.
     * @param partitions number of target partitions (delivery threads), &ge; 1.
     * @param mode       update mode.
     */
    public NetworkState(final Network network, final int partitions, final UpdateMode mode) {
        if (partitions < 1) {
            throw new IllegalArgumentException("threads = " + partitions + ": must be >= 1");
        }
        this.net = network;
        final List<PopulationSpec> specs = network.populations();
        this.nPops = specs.size();
        this.pops = new NeuronPopulation[nPops];
        this.offset = new int[nPops];
        this.size = new int[nPops];
        this.popOf = new int[network.neuronCount()];
        this.partitions = partitions;
        this.partFrom = new int[nPops][partitions];
        this.partTo = new int[nPops][partitions];
        this.partOfLocal0 = new int[nPops];
        this.partitionOfNeuron = new int[nPops][];
        this.minDelay = Math.min(network.minDelaySteps(), 1 << 20);
        this.slots = Integer.highestOneBit(network.maxDelaySteps() + 1) << 1;
        this.mask = slots - 1;
        this.wheel0 = new double[nPops][];
        this.wheel1 = new double[nPops][];
        this.eventDriven = new boolean[nPops];
        this.touched = new int[nPops][][][];
        this.touchedCount = new int[nPops][][];
        int maxPop = 1;
        for (int p = 0; p < nPops; p++) {
            final PopulationSpec s = specs.get(p);
            pops[p] = s.model().createPopulation(s.size(), network.dtMs());
            offset[p] = s.offset();
            size[p] = s.size();
            maxPop = Math.max(maxPop, s.size());
            Arrays.fill(popOf, s.offset(), s.offset() + s.size(), p);
            if (s.initialPotential() != null) {
                final SplittableRandom rnd = new SplittableRandom(NetworkBuilder.mix(network.seed(), 0x1A17L + p));
                for (int i = 0; i < s.size(); i++) {
                    pops[p].setMembranePotential(i, s.initialPotential().sample(rnd));
                }
            }
            wheel0[p] = new double[slots * s.size()];
            wheel1[p] = pops[p].inputChannels() > 1 ? new double[slots * s.size()] : null;
            partitionOfNeuron[p] = new int[s.size()];
            for (int q = 0; q < partitions; q++) {
                partFrom[p][q] = (int) ((long) s.size() * q / partitions);
                partTo[p][q] = (int) ((long) s.size() * (q + 1) / partitions);
                Arrays.fill(partitionOfNeuron[p], partFrom[p][q], partTo[p][q], q);
            }
            if (mode == UpdateMode.EVENT && pops[p] instanceof LifDeltaPopulation lif) {
                if (!lif.canRunEventDriven()) {
                    throw new IllegalArgumentException("update mode = event: population '" + s.name()
                            + "' has a bias current that drives V_m to threshold without input; use update mode clock");
                }
                eventDriven[p] = true;
                touched[p] = new int[partitions][slots][];
                touchedCount[p] = new int[partitions][slots];
                for (int q = 0; q < partitions; q++) {
                    for (int sl = 0; sl < slots; sl++) {
                        touched[p][q][sl] = new int[partTo[p][q] - partFrom[p][q]];
                    }
                }
            }
        }
        this.localSpikes = new int[maxPop];
        final List<Projection> projections = network.projections();
        final int np = projections.size();
        this.csr = new Csr[np][partitions];
        this.projSrc = new int[np];
        this.projTgt = new int[np];
        this.projChannelBySign = new boolean[np];
        final int[] outCount = new int[nPops];
        for (int j = 0; j < np; j++) {
            final Projection pr = projections.get(j);
            projSrc[j] = pr.sourcePopulation();
            projTgt[j] = pr.targetPopulation();
            projChannelBySign[j] = pops[projTgt[j]].inputChannels() > 1;
            for (int q = 0; q < partitions; q++) {
                csr[j][q] = partitions == 1 ? pr.synapses()
                        : pr.synapses().partition(partFrom[projTgt[j]][q], partTo[projTgt[j]][q]);
            }
            outCount[projSrc[j]]++;
        }
        this.outgoing = new int[nPops][];
        for (int p = 0; p < nPops; p++) {
            outgoing[p] = new int[outCount[p]];
            int k = 0;
            for (int j = 0; j < np; j++) {
                if (projSrc[j] == p) {
                    outgoing[p][k++] = j;
                }
            }
        }
        final List<PoissonDriveSpec> drives = network.drives();
        this.driveSource = new PoissonSource[drives.size()];
        this.driveTarget = new int[drives.size()];
        this.driveWeight = new double[drives.size()];
        for (int d = 0; d < drives.size(); d++) {
            final PoissonDriveSpec ds = drives.get(d);
            driveTarget[d] = network.populationIndex(ds.target());
            driveWeight[d] = ds.weight();
            driveSource[d] = new PoissonSource(size[driveTarget[d]], ds.rateHz(), network.dtMs(),
                    NetworkBuilder.mix(network.seed(), 0xD21FEL + d));
        }
        this.eventsDelivered = new long[partitions * 8];
        this.populationSpikes = new long[nPops];
    }

    /**
     * @param p population index.
     * @return spikes of population p so far (coordinator's count).
     */
    public long populationSpikes(final int p) {
        return populationSpikes[p];
    }

    /** @return the grid point the clock-driven state is at (last updated step + 1). */
    public long gridPoint() {
        return gridPoint;
    }

    /** @return the network. */
    public Network network() {
        return net;
    }

    /** @return number of partitions. */
    public int partitions() {
        return partitions;
    }

    /** @return minimum delay D in steps (how far the coordinator may run ahead of delivery, plus one). */
    public int minDelaySteps() {
        return minDelay;
    }

    /**
     * @param p population index.
     * @return the population.
     */
    public NeuronPopulation population(final int p) {
        return pops[p];
    }

    /**
     * @param p population index.
     * @return whether it is updated event-driven.
     */
    public boolean isEventDriven(final int p) {
        return eventDriven[p];
    }

    /** @return synaptic events delivered so far, all partitions. */
    public long eventsDelivered() {
        long s = 0;
        for (int q = 0; q < partitions; q++) {
            s += eventsDelivered[q * 8];
        }
        return s;
    }

    /**
     * Coordinator phase of step t: Poisson drive arriving at t, neuron updates reading and clearing
     * wheel slot t. Spiking neurons are written to {@code spikesOut} as ascending global ids.
     *
     * @param t         step.
     * @param spikesOut output, length &ge; number of neurons.
     * @return number of spikes.
     */
    public int update(final long t, final int[] spikesOut) {
        final int slot = (int) (t & mask);
        addDrive(t, slot);
        int count = 0;
        for (int p = 0; p < nPops; p++) {
            final int before = count;
            final int n = size[p];
            final int base = slot * n;
            final int off = offset[p];
            if (eventDriven[p]) {
                final int start = count;
                count = updateLazily(p, t, slot, spikesOut, count);
                Arrays.sort(spikesOut, start, count);
            } else {
                final int c = pops[p].updateAndClearInput(t, 0, n, wheel0[p], wheel1[p], base, localSpikes, 0);
                for (int s = 0; s < c; s++) {
                    spikesOut[count++] = localSpikes[s] + off;
                }
            }
            populationSpikes[p] += count - before;
        }
        gridPoint = t + 1;
        return count;
    }

    private int updateLazily(final int p, final long t, final int slot, final int[] spikesOut, final int count0) {
        final LifDeltaPopulation lif = (LifDeltaPopulation) pops[p];
        final double[] w = wheel0[p];
        final int base = slot * size[p];
        final int off = offset[p];
        int count = count0;
        for (int q = 0; q < partitions; q++) {
            final int[] list = touched[p][q][slot];
            final int c = touchedCount[p][q][slot];
            for (int k = 0; k < c; k++) {
                final int i = list[k];
                if (lif.lastUpdateStep(i) > t) {
                    continue; // listed twice (input summed back to exactly 0 in between)
                }
                final double x = w[base + i];
                w[base + i] = 0.0;
                if (lif.receiveLazily(i, t, x)) {
                    spikesOut[count++] = i + off;
                }
            }
            touchedCount[p][q][slot] = 0;
        }
        return count;
    }

    private void addDrive(final long t, final int slot) {
        for (int d = 0; d < driveSource.length; d++) {
            final int p = driveTarget[d];
            final int n = size[p];
            final int base = slot * n;
            final double wgt = driveWeight[d];
            final double[] w = wgt < 0 && wheel1[p] != null ? wheel1[p] : wheel0[p];
            final PoissonSource src = driveSource[d];
            final boolean lazy = eventDriven[p];
            for (int i = 0; i < n; i++) {
                final int c = src.count(i, t);
                if (c != 0) {
                    if (lazy && w[base + i] == 0.0) {
                        final int q = partitionOfNeuron[p][i];
                        int[] list = touched[p][q][slot];
                        if (touchedCount[p][q][slot] == list.length) {
                            list = Arrays.copyOf(list, 2 * list.length + 16);
                            touched[p][q][slot] = list;
                        }
                        list[touchedCount[p][q][slot]++] = i;
                    }
                    w[base + i] += c * wgt;
                }
            }
        }
    }

    /**
     * Delivery phase for partition q of one spike of step t: adds the spike's weights to the wheel
     * slots (t + delay) of the targets of partition q.
     *
     * @param q        partition.
     * @param t        step in which the source spiked.
     * @param globalId the source neuron.
     */
    public void deliver(final int q, final long t, final int globalId) {
        final int sp = popOf[globalId];
        final int local = globalId - offset[sp];
        final int[] out = outgoing[sp];
        long events = 0;
        for (int o = 0; o < out.length; o++) {
            final int j = out[o];
            final Csr c = csr[j][q];
            final int[] rs = c.rowStart();
            final int lo = rs[local];
            final int hi = rs[local + 1];
            if (lo == hi) {
                continue;
            }
            events += hi - lo;
            final int tp = projTgt[j];
            final int n = size[tp];
            if (eventDriven[tp]) {
                deliverTracked(q, t, tp, c, lo, hi);
            } else if (c.weights() == null && c.delays() == null) {
                final double w = c.constantWeight();
                final double[] wheel = projChannelBySign[j] && w < 0 ? wheel1[tp] : wheel0[tp];
                final int base = (int) ((t + c.constantDelay()) & mask) * n;
                final int[] tg = c.target();
                for (int k = lo; k < hi; k++) {
                    wheel[base + tg[k]] += w;
                }
            } else {
                deliverGeneral(t, tp, c, lo, hi, projChannelBySign[j]);
            }
        }
        eventsDelivered[q * 8] += events;
    }

    private void deliverGeneral(final long t, final int tp, final Csr c, final int lo, final int hi, final boolean bySign) {
        final int n = size[tp];
        final int[] tg = c.target();
        final double[] w0 = wheel0[tp];
        final double[] w1 = wheel1[tp];
        for (int k = lo; k < hi; k++) {
            final double w = c.weight(k);
            final double[] wheel = bySign && w < 0 ? w1 : w0;
            wheel[(int) ((t + c.delay(k)) & mask) * n + tg[k]] += w;
        }
    }

    private void deliverTracked(final int q, final long t, final int tp, final Csr c, final int lo, final int hi) {
        final int n = size[tp];
        final int[] tg = c.target();
        final double[] w0 = wheel0[tp];
        final int[][] lists = touched[tp][q];
        final int[] counts = touchedCount[tp][q];
        for (int k = lo; k < hi; k++) {
            final int slot = (int) ((t + c.delay(k)) & mask);
            final int idx = slot * n + tg[k];
            if (w0[idx] == 0.0) {
                if (counts[slot] == lists[slot].length) {
                    lists[slot] = Arrays.copyOf(lists[slot], 2 * lists[slot].length + 16);
                }
                lists[slot][counts[slot]++] = tg[k];
            }
            w0[idx] += c.weight(k);
        }
    }

    /**
     * Adds {@code amount} to the input of neuron (p, i) arriving at step {@code step} (a direct input, as a
     * spike generator with weight {@code amount} connected to that neuron would deliver). Call only from
     * the coordinator thread between steps.
     *
     * @param p       population index.
     * @param i       local index.
     * @param channel input channel (0, or 1 for inhibitory current of two-channel models).
     * @param amount  mV (delta synapses) or pA (current synapses).
     * @param step    arrival step, not yet updated.
     */
    public void inject(final int p, final int i, final int channel, final double amount, final long step) {
        final double[] w = channel == 1 && wheel1[p] != null ? wheel1[p] : wheel0[p];
        final int slot = (int) (step & mask);
        final int idx = slot * size[p] + i;
        if (eventDriven[p] && w[idx] == 0.0) {
            final int q = partitionOfNeuron[p][i];
            int[] list = touched[p][q][slot];
            if (touchedCount[p][q][slot] == list.length) {
                list = Arrays.copyOf(list, 2 * list.length + 16);
                touched[p][q][slot] = list;
            }
            list[touchedCount[p][q][slot]++] = i;
        }
        w[idx] += amount;
    }

    /**
     * Brings event-driven neuron (p, i) up to grid point {@code gridPoint} so its state can be read.
     *
     * @param p         population index.
     * @param i         local index.
     * @param gridPoint grid point.
     */
    public void catchUp(final int p, final int i, final long gridPoint) {
        if (eventDriven[p]) {
            ((LifDeltaPopulation) pops[p]).catchUp(i, gridPoint);
        }
    }

    /**
     * @param globalId a global neuron id.
     * @return its population index.
     */
    public int populationOf(final int globalId) {
        return popOf[globalId];
    }
}
