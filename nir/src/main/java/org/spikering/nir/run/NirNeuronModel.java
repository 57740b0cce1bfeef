package org.spikering.nir.run;

import java.util.Arrays;
import org.spikering.neuron.NeuronModel;
import org.spikering.neuron.NeuronPopulation;
import org.spikering.nir.NirNode;
import org.spikering.nir.Tensor;

/**
 * A spiking NIR neuron node (LIF, IF, CubaLIF) as a model of the project's neuron SPI, so that sim-core's
 * engine can place it ({@link EngineRunner}). The equations are those of {@link LeakyNeuron},
 * {@link CubaNeuron} and {@link IntegratingNeuron} with the given {@link RunOptions}; the population's
 * channel 0 is the summed input x of the step (held over the step, applied in the update from t to t + 1,
 * as the SPI prescribes). Per-neuron parameters: a partition starting at {@code firstIndex} gets its slice.
 */
public final class NirNeuronModel implements NeuronModel {

    private final String name;
    private final NirNode node;
    private final RunOptions options;

    /**
     * @param name    node name (for messages).
     * @param node    LIF, IF or CubaLIF.
     * @param options scheme, reset, precision, dt.
     */
    public NirNeuronModel(final String name, final NirNode node, final RunOptions options) {
        if (!(node instanceof NirNode.Lif || node instanceof NirNode.IntegrateAndFire || node instanceof NirNode.CubaLif)) {
            throw new IllegalArgumentException("node '" + name + "' (" + node.nirType() + "): only spiking nodes (LIF, IF, CubaLIF) are engine populations");
        }
        this.name = name;
        this.node = node;
        this.options = options;
    }

    @Override
    public String modelName() {
        return "nir_" + node.nirType().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public NeuronPopulation createPopulation(final int size, final double dtMs) {
        return createPopulation(size, dtMs, 0);
    }

    @Override
    public NeuronPopulation createPopulation(final int size, final double dtMs, final int firstIndex) {
        if (dtMs != options.dtMs()) {
            throw new IllegalArgumentException("node '" + name + "': network dt = " + dtMs + " ms: must be the run's dt = " + options.dtMs() + " ms");
        }
        return new Population(NirRunner.neuronStep(slice(node, firstIndex, size), options), size, dtMs);
    }

    private static Tensor cut(final Tensor t, final int from, final int n) {
        return new Tensor(new int[] {n}, Arrays.copyOfRange(t.values(), from, from + n), t.float32());
    }

    private static NirNode slice(final NirNode node, final int from, final int n) {
        if (node instanceof NirNode.Lif l) {
            return new NirNode.Lif(cut(l.tau(), from, n), cut(l.r(), from, n), cut(l.vLeak(), from, n),
                    cut(l.vThreshold(), from, n), cut(l.vReset(), from, n));
        } else if (node instanceof NirNode.IntegrateAndFire f) {
            return new NirNode.IntegrateAndFire(cut(f.r(), from, n), cut(f.vThreshold(), from, n), cut(f.vReset(), from, n));
        }
        final NirNode.CubaLif c = (NirNode.CubaLif) node;
        return new NirNode.CubaLif(cut(c.tauSyn(), from, n), cut(c.tauMem(), from, n), cut(c.r(), from, n),
                cut(c.vLeak(), from, n), cut(c.vThreshold(), from, n), cut(c.vReset(), from, n), cut(c.wIn(), from, n));
    }

    /**
     * The SPI population around one NodeStep. State variables: {@code v}, and {@code I} of CubaLIF (no unit, as in the
     * file).
     */
    private static final class Population implements NeuronPopulation {
        private final NodeStep core;
        private final int n;
        private final double dt;
        private final double[] y;
        private final double[] zero;

        Population(final NodeStep core, final int n, final double dt) {
            this.core = core;
            this.n = n;
            this.dt = dt;
            this.y = new double[n];
            this.zero = new double[n];
        }

        public int size() {
            return n;
        }

        public double dtMs() {
            return dt;
        }

        public int inputChannels() {
            return 1;
        }

        public int update(final long step, final int from, final int to, final double[] input0, final double[] input1,
                          final int[] spikes, final int spikeCount) {
            if (from != 0 || to != n) {
                throw new IllegalStateException("NIR populations update whole partitions: [" + from + ", " + to + ") of " + n);
            }
            core.step(input0, y);
            int c = spikeCount;
            for (int i = 0; i < n; i++) {
                if (y[i] != 0.0) {
                    spikes[c++] = i;
                }
            }
            return c;
        }

        /** Steps of zero input (spikes, if any, are dropped: callers use it only where none can occur). */
        public void advanceWithoutInput(final int neuron, final long steps) {
            throw new UnsupportedOperationException("NIR populations are clock-driven only");
        }

        public double membranePotential(final int neuron) {
            return core.voltage()[neuron];
        }

        public void setMembranePotential(final int neuron, final double v) {
            core.voltage()[neuron] = v;
        }

        public String[] stateVariableNames() {
            return core.current() == null ? new String[] {"v"} : new String[] {"v", "I"};
        }

        public double stateVariable(final String variable, final int neuron) {
            if ("I".equals(variable) && core.current() != null) {
                return core.current()[neuron];
            }
            if (!"v".equals(variable)) {
                throw new IllegalArgumentException("state variable '" + variable + "' of a NIR population: must be one of "
                        + java.util.Arrays.toString(stateVariableNames()));
            }
            return core.voltage()[neuron];
        }
    }
}
