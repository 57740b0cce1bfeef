package org.spikering.sim.kernel;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.spikering.neuron.NeuronPopulation;
import org.spikering.neuron.lif.LifDeltaPopulation;
import org.spikering.neuron.source.PoissonSource;
import org.spikering.neuron.source.StepCurrentSource;
import org.spikering.sim.network.Distribution;
import org.spikering.sim.network.Network;
import org.spikering.sim.network.NetworkBuilder;
import org.spikering.sim.network.PoissonDriveSpec;
import org.spikering.sim.network.PopulationSpec;
import org.spikering.sim.network.Projection;
import org.spikering.sim.network.StepCurrentSpec;
import org.spikering.sim.synapse.Csr;
import org.spikering.sim.synapse.CsrSlice;

/**
 * The mutable state of a running network, split into P partitions, and the two operations every
 * engine is made of: {@link #updatePartition} (partition q's owner: drive, neuron update, read and
 * clear its part of wheel slot t) and {@link #deliver} (partition q's owner: scatter one spike's
 * synapses into partition q's targets).
 *
 * <p><b>Partitions.</b> Each population is split into P contiguous index ranges; partition q of
 * population p is a population object of its own, with its own state arrays and its own timing wheel
 * (as NEST gives each thread its own neurons). Two threads never write to the same array: arrays
 * shared by threads, even in disjoint halves, halve the speed of the neuron update on our 2-core
 * machine (measured: 0.27 s against 0.15 s for the same loop).
 *
 * <p><b>Timing wheel.</b> Per population, partition and input channel, {@code slots} arrays of the
 * partition's size; input for arrival step t of partition-local neuron i is at {@code [t & mask][i]}.
 * With delays in [D, D_max] steps, a partition's deliveries write slots up to D_max steps after the
 * step delivered, and every engine delivers step s into a partition before that partition reads slot
 * s + D (s + D + 1 for lagged steps, which read slot t − 1 at step t), so at most D_max + 1 slots are in
 * use; slots = the power of two above D_max (2 for CUBA's one-step delay) never alias the slot being read.
 *
 * <p><b>Staged delivery.</b> A clock-driven population whose incoming projections all have float weights and
 * {@linkplain Csr#isBanded delay bands}, one of them per-synapse delays, does not use the timing wheel: {@link
 * #deliver} copies each delay band of the spike's row (partition q's targets) as one run into partition q's {@link
 * StagedInput} slot of its arrival step, and just before partition q reads the input of step x it adds slot x's
 * pairs, in the order delivered, into one input array per population and channel. Each cell of that array so
 * receives exactly the additions the wheel cell would have received, in the same order (source step, source id,
 * projection, row order; a (delay, target)-sorted row keeps the edge order of equal (delay, target) pairs), so sums
 * and spikes are bit-identical to push delivery. The reads of the synapses stay sequential (one band at a time), the
 * copies are sequential, and the scattered additions go to one array of the partition's size that stays in cache,
 * instead of to {@code slots} arrays (158 MB for PD14 at full scale). A slot is emptied when read, and a delivery
 * into slot x + slots comes from a step after x (slots &gt; the maximum delay), which partition q delivers after it
 * has read x. {@link #inject} into a staged population first turns it back to push delivery (its staged pairs
 * added into a new wheel in their order), so the injected amount lands after them, as it would have. The system
 * property {@code spikering.delivery=push} turns staging off (for comparisons).
 *
 * <p><b>Threading.</b> {@code updatePartition(q, …)} and {@code deliver(q, …)} for a given q run on one
 * thread (partition q's owner) and touch only partition q's state. Callers provide the happens-before
 * edges (ring sequences and volatile step counters).
 */
public final class NetworkState {

    private final Network net;
    private final int nPops;
    /** [population][partition]; null where a partition of a small population is empty. */
    private final NeuronPopulation[][] pops;
    private final int[] offset;
    private final int[] size;
    private final int[] popOf;
    private final int slots;
    private final int mask;
    /** [population][partition][slot][partition-local neuron]. */
    private final double[][][][] wheel0;
    private final double[][][][] wheel1;
    private final int partitions;
    private final int[][] partFrom;
    private final int[][] partTo;
    /** Per projection and partition, the partition's synapses as a view of the projection's CSR (no copy). */
    private final CsrSlice[][] csr;
    private final int[] projSrc;
    private final int[] projTgt;
    private final boolean[] projChannelBySign;
    /** Per source population, its projections into push (wheel) and into staged populations, in declaration order. */
    private int[][] pushOut;
    private int[][] stagedOut;
    /** Per population: whether its input is staged; then its wheel has one slot ({@link #popMask} 0). */
    private final boolean[] staged;
    private final int[] popMask;
    /** [partition]: its staged input. */
    private final StagedInput[] stagedInput;
    /**
     * Per population, its first {@link StagedInput} lane: lane laneStart[p] + 2·chunk + channel holds the staged input
     * of channel c onto partition-local targets [chunk·65 536, (chunk + 1)·65 536); none for a population not staged.
     */
    private final int[] laneStart;
    /** [partition][lane]: the one input array of the lane's population and channel (null where not staged). */
    private final double[][][] stagedIn;
    /**
     * Per projection into a staged population of one chunk, its lane when every weight goes to one channel; −1 when
     * the weights have both signs and the target has two channels, or the target more than one chunk (one pair at a
     * time, {@link StagedInput#appendEach}).
     */
    private final int[] projLane;
    private final boolean[] eventDriven;
    /** [population][partition][slot]: partition-local neurons with input in that slot (event mode). */
    private final int[][][][] touched;
    private final int[][][] touchedCount;
    private final int[][] partitionOfNeuron;
    private final PoissonSource[] driveSource;
    private final int[] driveTarget;
    private final double[] driveWeight;
    private final StepCurrentSource[] currentSource;
    private final int[] currentTarget;
    /** [partition][step current]: number of its changes applied to partition q so far. */
    private final int[][] currentCursor;
    private final long[] eventsDelivered;
    /** [partition · 8]: Poisson drive spikes arrived (padded: one cache line per partition). */
    private final long[] driveSpikes;
    private final int[][] localSpikes;
    private final int minDelay;
    private final long[][] populationSpikes;
    private long gridPoint;

    /**
     * @param network    the network.
     * @param partitions number of partitions (threads), &ge; 1.
     * @param mode       update mode.
     */
    public NetworkState(final Network network, final int partitions, final UpdateMode mode) {
        this(network, partitions, mode, stagingFromProperty());
    }

    private static boolean stagingFromProperty() {
        final String v = System.getProperty("spikering.delivery", "staged");
        if (!"staged".equals(v) && !"push".equals(v)) {
            throw new IllegalArgumentException("spikering.delivery = " + v + ": must be staged or push");
        }
        return "staged".equals(v);
    }

    /**
     * @param network      the network.
     * @param partitions   number of partitions (threads), &ge; 1.
     * @param mode         update mode.
     * @param staging    whether populations that can be staged are (false: every population by push into its
     *                   timing wheel; the spikes are the same).
     */
    public NetworkState(final Network network, final int partitions, final UpdateMode mode, final boolean staging) {
        if (partitions < 1) {
            throw new IllegalArgumentException("threads = " + partitions + ": must be >= 1");
        }
        this.net = network;
        final List<PopulationSpec> specs = network.populations();
        this.nPops = specs.size();
        this.pops = new NeuronPopulation[nPops][partitions];
        this.offset = new int[nPops];
        this.size = new int[nPops];
        this.popOf = new int[network.neuronCount()];
        this.partitions = partitions;
        this.partFrom = new int[nPops][partitions];
        this.partTo = new int[nPops][partitions];
        this.partitionOfNeuron = new int[nPops][];
        this.minDelay = Math.min(network.minDelaySteps(), 1 << 20);
        this.slots = Integer.highestOneBit(network.maxDelaySteps()) << 1;
        this.mask = slots - 1;
        this.wheel0 = new double[nPops][partitions][][];
        this.wheel1 = new double[nPops][partitions][][];
        this.eventDriven = new boolean[nPops];
        this.touched = new int[nPops][][][];
        this.touchedCount = new int[nPops][][];
        int maxPart = 1;
        for (int p = 0; p < nPops; p++) {
            final PopulationSpec s = specs.get(p);
            offset[p] = s.offset();
            size[p] = s.size();
            Arrays.fill(popOf, s.offset(), s.offset() + s.size(), p);
            partitionOfNeuron[p] = new int[s.size()];
            for (int q = 0; q < partitions; q++) {
                partFrom[p][q] = (int) ((long) s.size() * q / partitions);
                partTo[p][q] = (int) ((long) s.size() * (q + 1) / partitions);
                Arrays.fill(partitionOfNeuron[p], partFrom[p][q], partTo[p][q], q);
                final int n = partTo[p][q] - partFrom[p][q];
                maxPart = Math.max(maxPart, n);
                if (n > 0) {
                    pops[p][q] = s.model().createPopulation(n, network.dtMs(), partFrom[p][q]);
                }
            }
            for (Map.Entry<String, Distribution> e : s.initialState().entrySet()) {
                // the streams of PopulationSpec: V_m's as before other variables could be set, one of its own for each other
                final long stream = NetworkBuilder.mix(network.seed(), 0x1A17L + p);
                final SplittableRandom rnd = new SplittableRandom("V_m".equals(e.getKey()) ? stream
                        : NetworkBuilder.mix(stream, e.getKey().hashCode()));
                for (int i = 0; i < s.size(); i++) {
                    final int q = partitionOfNeuron[p][i];
                    pops[p][q].setStateVariable(e.getKey(), i - partFrom[p][q], e.getValue().sample(rnd));
                }
            }
            if (mode == UpdateMode.EVENT && pops[p][partitions - 1] instanceof LifDeltaPopulation) {
                for (int q = 0; q < partitions; q++) {
                    if (pops[p][q] != null && !((LifDeltaPopulation) pops[p][q]).canRunEventDriven()) {
                        throw new IllegalArgumentException("update mode = event: population '" + s.name()
                                + "' has a bias current that drives V_m to threshold without input; use update mode clock");
                    }
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
        this.localSpikes = new int[partitions][maxPart];
        final List<Projection> projections = network.projections();
        final int np = projections.size();
        this.staged = new boolean[nPops];
        this.popMask = new int[nPops];
        this.stagedInput = new StagedInput[partitions];
        this.laneStart = new int[nPops + 1];
        for (int p = 0; p < nPops; p++) {
            boolean stageable = true;
            boolean anyDelays = false;
            for (Projection pr : projections) {
                if (pr.targetPopulation() == p) {
                    stageable &= pr.synapses().isBanded() && pr.synapses().weights() != null;
                    anyDelays |= !pr.synapses().hasConstantDelay();
                }
            }
            staged[p] = staging && !eventDriven[p] && stageable && anyDelays;
            popMask[p] = staged[p] ? 0 : mask;
            int largest = 0;
            for (int q = 0; q < partitions; q++) {
                largest = Math.max(largest, partTo[p][q] - partFrom[p][q]);
                if (pops[p][q] != null) {
                    final int n = pops[p][q].size();
                    final int w = staged[p] ? 1 : slots;
                    wheel0[p][q] = new double[w][n];
                    wheel1[p][q] = pops[p][q].inputChannels() > 1 ? new double[w][n] : null;
                }
            }
            // lanes 2·chunk + channel, a chunk per 65 536 partition-local targets
            final int chunks = Math.max(1, (largest + StagedInput.CHUNK - 1) / StagedInput.CHUNK);
            laneStart[p + 1] = laneStart[p] + (staged[p] ? 2 * chunks : 0);
        }
        final int lanes = laneStart[nPops];
        final int[] laneOffset = new int[lanes];
        for (int p = 0; p < nPops; p++) {
            for (int l = laneStart[p]; l < laneStart[p + 1]; l++) {
                laneOffset[l] = (l - laneStart[p]) / 2 * StagedInput.CHUNK;
            }
        }
        this.stagedIn = new double[partitions][lanes][];
        for (int q = 0; q < partitions; q++) {
            for (int p = 0; p < nPops; p++) {
                if (staged[p] && pops[p][q] != null) {
                    for (int l = laneStart[p]; l < laneStart[p + 1]; l += 2) {
                        stagedIn[q][l] = wheel0[p][q][0];
                        stagedIn[q][l + 1] = wheel1[p][q] == null ? null : wheel1[p][q][0];
                    }
                    if (stagedInput[q] == null) {
                        stagedInput[q] = new StagedInput(slots, laneOffset);
                    }
                }
            }
        }
        this.csr = new CsrSlice[np][partitions];
        this.projSrc = new int[np];
        this.projTgt = new int[np];
        this.projChannelBySign = new boolean[np];
        this.projLane = new int[np];
        for (int j = 0; j < np; j++) {
            final Projection pr = projections.get(j);
            projSrc[j] = pr.sourcePopulation();
            projTgt[j] = pr.targetPopulation();
            projChannelBySign[j] = pops[projTgt[j]][partitions - 1].inputChannels() > 1;
            final int tp = projTgt[j];
            projLane[j] = staged[tp] && laneStart[tp + 1] - laneStart[tp] == 2
                    ? lane(pr.synapses().weights(), laneStart[tp], projChannelBySign[j]) : -1;
            if (partitions == 1) {
                csr[j][0] = CsrSlice.whole(pr.synapses());
            } else {
                final int[] bounds = new int[partitions + 1];
                for (int q = 0; q < partitions; q++) {
                    bounds[q] = partFrom[projTgt[j]][q];
                }
                bounds[partitions] = partTo[projTgt[j]][partitions - 1];
                csr[j] = CsrSlice.partition(pr.synapses(), bounds);
            }
        }
        routeProjections();
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
        final List<StepCurrentSpec> currents = network.stepCurrents();
        this.currentSource = new StepCurrentSource[currents.size()];
        this.currentTarget = new int[currents.size()];
        this.currentCursor = new int[partitions][currents.size()];
        for (int c = 0; c < currents.size(); c++) {
            final StepCurrentSpec cs = currents.get(c);
            final int p = network.populationIndex(cs.target());
            currentTarget[c] = p;
            currentSource[c] = cs.source();
            final NeuronPopulation any = pops[p][partitions - 1];
            if (!any.acceptsStimulusCurrent()) {
                throw new IllegalArgumentException("stepCurrent into population '" + cs.target() + "': model '"
                        + specs.get(p).model().modelName() + "' has no current input: must be a model with I_e "
                        + "(e.g. lif_delta, lif_exp)");
            }
            if (eventDriven[p]) {
                throw new IllegalArgumentException("update mode = event: population '" + cs.target()
                        + "' receives a step current, which event-driven updates cannot integrate; use update mode clock");
            }
        }
        this.eventsDelivered = new long[partitions * 8];
        this.driveSpikes = new long[partitions * 8];
        this.populationSpikes = new long[partitions][nPops + 8];
    }

    /**
     * @return the staged lane of a projection with float weights {@code w} into a population of one chunk whose
     *         lanes start at {@code lane0}: lane0, or lane0 + 1 when it has two channels and every weight is
     *         negative, or −1 when it has two channels and the weights both signs.
     */
    private static int lane(final float[] w, final int lane0, final boolean bySign) {
        if (!bySign) {
            return lane0;
        }
        int negative = 0;
        for (float x : w) {
            negative += x < 0 ? 1 : 0;
        }
        return negative == 0 ? lane0 : negative == w.length ? lane0 + 1 : -1;
    }

    /** Fills pushOut and stagedOut from {@link #staged}. */
    private void routeProjections() {
        final int np = projSrc.length;
        pushOut = new int[nPops][];
        stagedOut = new int[nPops][];
        for (int p = 0; p < nPops; p++) {
            int nStaged = 0;
            for (int j = 0; j < np; j++) {
                if (projSrc[j] == p && staged[projTgt[j]]) {
                    nStaged++;
                }
            }
            int nPush = 0;
            for (int j = 0; j < np; j++) {
                nPush += projSrc[j] == p ? 1 : 0;
            }
            pushOut[p] = new int[nPush - nStaged];
            stagedOut[p] = new int[nStaged];
            nPush = 0;
            nStaged = 0;
            for (int j = 0; j < np; j++) {
                if (projSrc[j] == p) {
                    if (staged[projTgt[j]]) {
                        stagedOut[p][nStaged++] = j;
                    } else {
                        pushOut[p][nPush++] = j;
                    }
                }
            }
        }
    }

    /**
     * @param p population index.
     * @return spikes of population p so far.
     */
    public long populationSpikes(final int p) {
        long sum = 0;
        for (int q = 0; q < partitions; q++) {
            sum += populationSpikes[q][p];
        }
        return sum;
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

    /** @return minimum delay D in steps (how far a partition may run ahead of delivery, plus one). */
    public int minDelaySteps() {
        return minDelay;
    }

    /**
     * @param p population index.
     * @return its state variable names.
     */
    public String[] stateVariableNames(final int p) {
        return pops[p][partitions - 1].stateVariableNames();
    }

    /**
     * @param p        population index.
     * @param variable a state variable name of the population's model.
     * @param i        population-local neuron index.
     * @return its current value.
     */
    public double stateVariable(final int p, final String variable, final int i) {
        final int q = partitionOfNeuron[p][i];
        return pops[p][q].stateVariable(variable, i - partFrom[p][q]);
    }

    /**
     * @param p population index.
     * @return whether its synaptic input is staged (see the class comment), not pushed into a timing wheel.
     */
    public boolean isStaged(final int p) {
        return staged[p];
    }

    /**
     * @param p population index.
     * @return whether it is updated event-driven.
     */
    public boolean isEventDriven(final int p) {
        return eventDriven[p];
    }

    /** @return Poisson drive spikes arrived so far, all partitions (each is one input to one neuron). */
    public long driveSpikes() {
        long s = 0;
        for (int q = 0; q < partitions; q++) {
            s += driveSpikes[q * 8];
        }
        return s;
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
     * Step t of a one-partition state in the calling thread (the reference path): Poisson drive arriving at t,
     * neuron updates reading and clearing wheel slot t. Spiking neurons are written to {@code spikesOut}
     * as ascending global ids.
     *
     * @param t         step.
     * @param spikesOut output, length &ge; number of neurons.
     * @return number of spikes.
     */
    public int update(final long t, final int[] spikesOut) {
        if (partitions != 1) {
            throw new IllegalStateException("update(t) runs a one-partition state; this one has " + partitions
                    + " partitions: use updatePartition");
        }
        final int n = updatePartition(0, t, spikesOut);
        gridPoint = t + 1;
        return n;
    }

    /**
     * @param q partition.
     * @return number of neurons in partition q, all populations.
     */
    public int partitionNeurons(final int q) {
        int n = 0;
        for (int p = 0; p < nPops; p++) {
            n += partTo[p][q] - partFrom[p][q];
        }
        return n;
    }

    /**
     * Step t of partition q's neurons only (the thread owning partition q calls this): Poisson drive
     * of its neurons, their update reading and clearing their part of wheel slot t. Writes the global
     * ids of its spiking neurons to {@code out}, ascending, grouped by population.
     *
     * @param q      partition.
     * @param t      step.
     * @param out    output, length &ge; neurons of partition q.
     * @return number of spikes.
     */
    public int updatePartition(final int q, final long t, final int[] out) {
        final int slot = (int) (t & mask);
        applyStaged(q, t);
        addDrive(q, t, slot);
        applyStepCurrents(q, t);
        return updateNeurons(q, t, slot, false, out);
    }

    /**
     * Whether every population has a {@linkplain NeuronPopulation#hasSplitUpdate split update} (input at
     * step t first changes spikes at step t + 1) and none is event-driven. Then an engine may run
     * {@link #updatePartitionLagged} steps, which need the spikes of steps up to t − D − 1 only (D =
     * minimum delay), instead of t − D, so partitions can run one step further ahead of each other.
     *
     * @return whether lagged steps are possible.
     */
    public boolean canLagInput() {
        for (int p = 0; p < nPops; p++) {
            if (eventDriven[p]) {
                return false;
            }
            for (int q = 0; q < partitions; q++) {
                if (pops[p][q] != null && !pops[p][q].hasSplitUpdate()) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * A lagged step t of partition q (requires {@link #canLagInput}): the input half of step t − 1
     * (Poisson drive arriving at t − 1, then wheel slot t − 1 read and cleared) unless t is the first step
     * of the run, then the membrane half of step t. Needs every spike of steps up to t − 1 − D delivered
     * into partition q. A run of lagged steps from … to − 1 must be closed by {@link #closeLaggedRun}
     * before its state is read; spikes and state are then bit-identical to {@link #updatePartition}'s.
     *
     * @param q         partition.
     * @param t         step.
     * @param firstStep whether t is the first step of the run.
     * @param out       output, length &ge; neurons of partition q.
     * @return number of spikes.
     */
    public int updatePartitionLagged(final int q, final long t, final boolean firstStep, final int[] out) {
        applyStepCurrents(q, t); // I_stim enters the membrane half, of step t
        if (firstStep) {
            return updateNeurons(q, t, -1, true, out);
        }
        final int previousSlot = (int) ((t - 1) & mask);
        applyStaged(q, t - 1);
        addDrive(q, t - 1, previousSlot);
        return updateNeurons(q, t, previousSlot, true, out);
    }

    /**
     * Closes a run of lagged steps of partition q whose last step was {@code lastStep}: its input half
     * (drive arriving at lastStep, wheel slot lastStep). Needs every spike of steps up to lastStep − D
     * delivered into partition q. Call from partition q's owner, or from another thread once that owner
     * is idle (with a happens-before edge to it).
     *
     * @param q        partition.
     * @param lastStep the run's last step.
     */
    public void closeLaggedRun(final int q, final long lastStep) {
        final int slot = (int) (lastStep & mask);
        applyStaged(q, lastStep);
        addDrive(q, lastStep, slot);
        for (int p = 0; p < nPops; p++) {
            final NeuronPopulation pop = pops[p][q];
            if (pop != null) {
                final int sl = slot & popMask[p];
                pop.integrateInput(0, pop.size(), wheel0[p][q][sl], wheel1[p][q] == null ? null : wheel1[p][q][sl]);
            }
        }
    }

    /**
     * Neuron updates of partition q at step t, standard or lagged.
     *
     * @param slot   wheel slot to read: t's (standard), t − 1's (lagged), or −1 (first lagged step, no input).
     * @param lagged whether to run {@link NeuronPopulation#updateLagged}.
     */
    private int updateNeurons(final int q, final long t, final int slot, final boolean lagged, final int[] out) {
        final int[] local = localSpikes[q];
        final long[] popCount = populationSpikes[q];
        int count = 0;
        for (int p = 0; p < nPops; p++) {
            final int before = count;
            final NeuronPopulation pop = pops[p][q];
            if (pop != null) {
                final int base = offset[p] + partFrom[p][q];
                if (eventDriven[p]) {
                    count = updateLazily(p, q, t, slot, out, count);
                    Arrays.sort(out, before, count);
                } else {
                    final int sl = slot & popMask[p];
                    final double[] in0 = slot < 0 ? null : wheel0[p][q][sl];
                    final double[] in1 = slot < 0 || wheel1[p][q] == null ? null : wheel1[p][q][sl];
                    final int c = lagged
                            ? pop.updateLagged(t, 0, pop.size(), in0, in1, local, 0)
                            : pop.updateAndClearInput(t, 0, pop.size(), in0, in1, local, 0);
                    for (int s = 0; s < c; s++) {
                        out[count++] = local[s] + base;
                    }
                }
            }
            popCount[p] += count - before;
        }
        return count;
    }

    /**
     * Marks step t as complete for all partitions (the grid point the state is at becomes t + 1).
     *
     * @param t step.
     */
    public void completeStep(final long t) {
        gridPoint = t + 1;
    }

    private int updateLazily(final int p, final int q, final long t, final int slot, final int[] spikesOut,
                             final int count0) {
        final LifDeltaPopulation lif = (LifDeltaPopulation) pops[p][q];
        final double[] w = wheel0[p][q][slot];
        final int base = offset[p] + partFrom[p][q];
        int count = count0;
        final int[] list = touched[p][q][slot];
        final int c = touchedCount[p][q][slot];
        for (int k = 0; k < c; k++) {
            final int i = list[k];
            if (lif.lastUpdateStep(i) > t) {
                continue; // listed twice (input summed back to exactly 0 in between)
            }
            final double x = w[i];
            w[i] = 0.0;
            if (lif.receiveLazily(i, t, x)) {
                spikesOut[count++] = i + base;
            }
        }
        touchedCount[p][q][slot] = 0;
        return count;
    }

    private void addDrive(final int q, final long t, final int slot) {
        for (int d = 0; d < driveSource.length; d++) {
            final int p = driveTarget[d];
            if (pops[p][q] == null) {
                continue;
            }
            final double wgt = driveWeight[d];
            final double[] w = (wgt < 0 && wheel1[p][q] != null ? wheel1[p][q] : wheel0[p][q])[slot & popMask[p]];
            final PoissonSource src = driveSource[d];
            final boolean lazy = eventDriven[p];
            final int from = partFrom[p][q];
            long arrived = 0;
            for (int i = from, end = partTo[p][q]; i < end; i++) {
                final int c = src.count(i, t); // the stream of population-local neuron i
                if (c != 0) {
                    final int li = i - from;
                    if (lazy && w[li] == 0.0) {
                        track(p, q, slot, li);
                    }
                    w[li] += c * wgt;
                    arrived += c;
                }
            }
            driveSpikes[q * 8] += arrived;
        }
    }

    /**
     * Sets I_stim of partition q's populations to the amplitude of step t where a step current changes at t
     * (steps are visited in increasing order, each once per partition): the sum of the current amplitudes
     * of every step current into that population, in declaration order.
     */
    private void applyStepCurrents(final int q, final long t) {
        final int[] cursor = currentCursor[q];
        for (int c = 0; c < currentSource.length; c++) {
            final StepCurrentSource src = currentSource[c];
            int k = cursor[c];
            if (k == src.changes() || src.changeStep(k) > t) {
                continue;
            }
            while (k < src.changes() && src.changeStep(k) <= t) {
                k++;
            }
            cursor[c] = k;
            final int p = currentTarget[c];
            final NeuronPopulation pop = pops[p][q];
            if (pop == null) {
                continue;
            }
            double sum = 0.0;
            for (int d = 0; d < currentSource.length; d++) {
                if (currentTarget[d] == p && cursor[d] > 0) {
                    sum += currentSource[d].amplitude(cursor[d] - 1);
                }
            }
            pop.setStimulusCurrent(sum);
        }
    }

    private void track(final int p, final int q, final int slot, final int li) {
        int[] list = touched[p][q][slot];
        if (touchedCount[p][q][slot] == list.length) {
            list = Arrays.copyOf(list, 2 * list.length + 16);
            touched[p][q][slot] = list;
        }
        list[touchedCount[p][q][slot]++] = li;
    }

    /**
     * Delivery for partition q of one spike of step t: adds the spike's weights to the wheel slots
     * (t + delay) of the targets in partition q of push-delivered populations, and files the spike in partition
     * q's staged input for the staged ones (one run per delay band). Call for the spikes of a step in ascending ids, steps in increasing order.
     *
     * @param q        partition.
     * @param t        step in which the source spiked.
     * @param globalId the source neuron.
     */
    public void deliver(final int q, final long t, final int globalId) {
        final int sp = popOf[globalId];
        final int local = globalId - offset[sp];
        final int[] out = pushOut[sp];
        long events = 0;
        for (int o = 0; o < out.length; o++) {
            final int j = out[o];
            final CsrSlice slice = csr[j][q];
            final int nb = slice.bands();
            final int d0 = slice.isBanded() ? slice.csr().bandLo() : -1;
            for (int b = 0; b < nb; b++) {
                final int i = local * nb + b;
                events += push(q, t, j, slice.lo()[i + slice.loShift()], slice.hi()[i + slice.hiShift()],
                        d0 < 0 ? -1 : d0 + b);
            }
        }
        final int[] st = stagedOut[sp];
        for (int o = 0; o < st.length; o++) {
            final int j = st[o];
            final CsrSlice slice = csr[j][q];
            final Csr c = slice.csr();
            final int nb = slice.bands();
            final long t0 = t + c.bandLo();
            final int[] lo = slice.lo();
            final int[] hi = slice.hi();
            final int i0 = local * nb;
            final int ls = i0 + slice.loShift();
            final int hs = i0 + slice.hiShift();
            final int tp = projTgt[j];
            final int lane = projLane[j];
            final int base = slice.targetBase();
            final StagedInput in = stagedInput[q];
            final int[] tg = c.target();
            final float[] w = c.weights();
            for (int b = 0; b < nb; b++) {
                final int a = lo[ls + b];
                final int e = hi[hs + b];
                if (a < e) {
                    final int h = (int) ((t0 + b) & mask);
                    if (lane >= 0) {
                        in.append(h, lane, tg, w, a, e, base);
                    } else {
                        in.appendEach(h, laneStart[tp], projChannelBySign[j], tg, w, a, e, base);
                    }
                    events += e - a;
                }
            }
        }
        eventsDelivered[q * 8] += events;
    }

    /**
     * Pushes synapses [lo, hi) of projection j's row (a band of delay {@code delay}, or for an unbanded CSR, delay −1,
     * a whole row with per-synapse delays) into partition q's wheel; @return hi − lo.
     */
    private int push(final int q, final long t, final int j, final int lo, final int hi, final int delay) {
        if (lo == hi) {
            return 0;
        }
        final CsrSlice slice = csr[j][q];
        final Csr c = slice.csr();
        final int tp = projTgt[j];
        final int base = slice.targetBase();
        if (eventDriven[tp]) {
            deliverTracked(q, t, tp, c, lo, hi, base, delay);
        } else if (c.hasConstantWeight() && c.hasConstantDelay()) {
            final double w = c.constantWeight();
            final int slot = (int) ((t + c.constantDelay()) & mask);
            final double[] wheel = (projChannelBySign[j] && w < 0 ? wheel1[tp][q] : wheel0[tp][q])[slot];
            final int[] tg = c.target();
            for (int k = lo; k < hi; k++) {
                wheel[tg[k] - base] += w;
            }
        } else {
            deliverGeneral(q, t, tp, c, lo, hi, base, projChannelBySign[j], delay);
        }
        return hi - lo;
    }

    /** Adds the staged input of step x into partition q's staged populations' input arrays. */
    private void applyStaged(final int q, final long x) {
        final StagedInput in = stagedInput[q];
        if (in != null) {
            in.apply((int) (x & mask), stagedIn[q]);
        }
    }

    /**
     * Turns staged population p to push delivery: gives it a timing wheel and adds its staged pairs into it, slot by
     * slot in the order delivered. Only between runs, from the coordinator thread.
     */
    private void convertToPush(final int p) {
        for (int q = 0; q < partitions; q++) {
            if (pops[p][q] == null) {
                continue;
            }
            final int n = pops[p][q].size();
            final boolean two = wheel1[p][q] != null;
            wheel0[p][q] = new double[slots][n];
            wheel1[p][q] = two ? new double[slots][n] : null;
            for (int h = 0; h < slots; h++) {
                for (int l = laneStart[p]; l < laneStart[p + 1]; l += 2) {
                    stagedInput[q].drain(h, l, wheel0[p][q][h]);
                    if (two) {
                        stagedInput[q].drain(h, l + 1, wheel1[p][q][h]);
                    }
                }
            }
            for (int l = laneStart[p]; l < laneStart[p + 1]; l++) {
                stagedIn[q][l] = null;
            }
        }
        popMask[p] = mask;
        staged[p] = false;
        routeProjections();
    }

    /** Synapses [lo, hi) into the wheel; {@code delay} ≥ 0 is theirs (a band), −1 reads per-synapse delays. */
    private void deliverGeneral(final int q, final long t, final int tp, final Csr c, final int lo, final int hi,
                                final int base, final boolean bySign, final int delay) {
        final int[] tg = c.target();
        final double[][] w0 = wheel0[tp][q];
        final double[][] w1 = wheel1[tp][q];
        for (int k = lo; k < hi; k++) {
            final double w = c.weight(k);
            final double[][] wheel = bySign && w < 0 ? w1 : w0;
            wheel[(int) ((t + (delay >= 0 ? delay : c.delay(k))) & mask)][tg[k] - base] += w;
        }
    }

    private void deliverTracked(final int q, final long t, final int tp, final Csr c, final int lo, final int hi,
                                final int base, final int delay) {
        final int[] tg = c.target();
        final double[][] w0 = wheel0[tp][q];
        for (int k = lo; k < hi; k++) {
            final int slot = (int) ((t + (delay >= 0 ? delay : c.delay(k))) & mask);
            final double[] w = w0[slot];
            final int idx = tg[k] - base;
            if (w[idx] == 0.0) {
                track(tp, q, slot, idx);
            }
            w[idx] += c.weight(k);
        }
    }

    /**
     * Adds {@code amount} to the input of neuron (p, i) arriving at step {@code step} (a direct input, as a
     * spike generator with weight {@code amount} connected to that neuron would deliver). Call only from
     * the coordinator thread between runs.
     *
     * @param p       population index.
     * @param i       population-local index.
     * @param channel input channel (0, or 1 for inhibitory current of two-channel models).
     * @param amount  mV (delta synapses) or pA (current synapses).
     * @param step    arrival step, not yet updated.
     */
    public void inject(final int p, final int i, final int channel, final double amount, final long step) {
        if (staged[p]) {
            convertToPush(p);
        }
        final int q = partitionOfNeuron[p][i];
        final int li = i - partFrom[p][q];
        final int slot = (int) (step & mask);
        final double[] w = (channel == 1 && wheel1[p][q] != null ? wheel1[p][q] : wheel0[p][q])[slot];
        if (eventDriven[p] && w[li] == 0.0) {
            track(p, q, slot, li);
        }
        w[li] += amount;
    }

    /**
     * Brings event-driven neuron (p, i) up to grid point {@code gridPoint} so its state can be read.
     *
     * @param p         population index.
     * @param i         population-local index.
     * @param gridPoint grid point.
     */
    public void catchUp(final int p, final int i, final long gridPoint) {
        if (eventDriven[p]) {
            final int q = partitionOfNeuron[p][i];
            ((LifDeltaPopulation) pops[p][q]).catchUp(i - partFrom[p][q], gridPoint);
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
