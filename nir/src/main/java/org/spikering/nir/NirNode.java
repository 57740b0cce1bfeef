package org.spikering.nir;

import java.util.List;

/**
 * One node of a NIR graph, one record per NIR node type (NIR.md §2; NIR's {@code nir/ir/*.py}). The
 * parameters keep the file's shapes and units: time constants and delays in <b>seconds</b>, as every real
 * NIR file stores them; voltages have no unit. Neuron parameters all share the population shape P.
 *
 * <table>
 *   <caption>Node types</caption>
 *   <tr><th>record</th><th>NIR type</th><th>output / dynamics (x = sum of the incoming edges)</th></tr>
 *   <tr><td>{@link Input}</td><td>Input</td><td>y = external data of shape {@code shape}</td></tr>
 *   <tr><td>{@link Output}</td><td>Output</td><td>y = x</td></tr>
 *   <tr><td>{@link Affine}</td><td>Affine</td><td>y = W x + b, W shaped (out, in)</td></tr>
 *   <tr><td>{@link Linear}</td><td>Linear</td><td>y = W x</td></tr>
 *   <tr><td>{@link Scale}</td><td>Scale</td><td>y = s ⊙ x</td></tr>
 *   <tr><td>{@link Threshold}</td><td>Threshold</td><td>y = 1 if x &gt; θ else 0</td></tr>
 *   <tr><td>{@link Delay}</td><td>Delay</td><td>y(t) = x(t − τ_d)</td></tr>
 *   <tr><td>{@link Flatten}</td><td>Flatten</td><td>row-major merge of dims start..end</td></tr>
 *   <tr><td>{@link Integrator}</td><td>I</td><td>dv/dt = R x; y = v</td></tr>
 *   <tr><td>{@link IntegrateAndFire}</td><td>IF</td><td>dv/dt = R x; spike rule</td></tr>
 *   <tr><td>{@link Li}</td><td>LI</td><td>τ dv/dt = (v_leak − v) + R x; y = v</td></tr>
 *   <tr><td>{@link Lif}</td><td>LIF</td><td>as LI, plus the spike rule</td></tr>
 *   <tr><td>{@link CubaLi}</td><td>CubaLI</td><td>τ_syn dI/dt = −I + w_in ⊙ x; τ_mem dv/dt = (v_leak − v) + R I; y = v</td></tr>
 *   <tr><td>{@link CubaLif}</td><td>CubaLIF</td><td>as CubaLI, plus the spike rule on v (I is not reset)</td></tr>
 *   <tr><td>{@link NirGraph}</td><td>NIRGraph</td><td>a nested sub-graph</td></tr>
 *   <tr><td>{@link Unsupported}</td><td>Conv1d, Conv2d, SumPool2d, AvgPool2d, …</td><td>kept by name, not runnable</td></tr>
 * </table>
 * Spike rule: z = 1 when v &gt; v_threshold (strictly), and then v is set to v_reset; y = z.
 */
public sealed interface NirNode permits NirNode.Input, NirNode.Output, NirNode.Affine, NirNode.Linear,
        NirNode.Scale, NirNode.Threshold, NirNode.Delay, NirNode.Flatten, NirNode.Integrator,
        NirNode.IntegrateAndFire, NirNode.Li, NirNode.Lif, NirNode.CubaLi, NirNode.CubaLif, NirGraph,
        NirNode.Unsupported {

    /** @return the NIR type string as stored in the file's {@code type} dataset. */
    String nirType();

    /**
     * @param shape input shape (no batch dim).
     */
    record Input(int[] shape) implements NirNode {
        public String nirType() {
            return "Input";
        }
    }

    /**
     * @param shape output shape.
     */
    record Output(int[] shape) implements NirNode {
        public String nirType() {
            return "Output";
        }
    }

    /**
     * @param weight (out, in).
     * @param bias   (out).
     */
    record Affine(Tensor weight, Tensor bias) implements NirNode {
        public String nirType() {
            return "Affine";
        }
    }

    /**
     * @param weight (out, in).
     */
    record Linear(Tensor weight) implements NirNode {
        public String nirType() {
            return "Linear";
        }
    }

    /**
     * @param scale (P).
     */
    record Scale(Tensor scale) implements NirNode {
        public String nirType() {
            return "Scale";
        }
    }

    /**
     * @param threshold θ (P).
     */
    record Threshold(Tensor threshold) implements NirNode {
        public String nirType() {
            return "Threshold";
        }
    }

    /**
     * @param delay τ_d (P), seconds.
     */
    record Delay(Tensor delay) implements NirNode {
        public String nirType() {
            return "Delay";
        }
    }

    /**
     * @param startDim  first merged dim (0-based, no batch dim; negative counts from the end).
     * @param endDim    last merged dim (−1 = last).
     * @param inputType input shape.
     */
    record Flatten(int startDim, int endDim, int[] inputType) implements NirNode {
        public String nirType() {
            return "Flatten";
        }

        /** @return the output shape. */
        public int[] outputShape() {
            final int n = inputType.length;
            final int s = startDim < 0 ? startDim + n : startDim;
            final int e = endDim < 0 ? endDim + n : endDim;
            final int[] out = new int[n - (e - s)];
            int k = 0;
            for (int d = 0; d < s; d++) {
                out[k++] = inputType[d];
            }
            int merged = 1;
            for (int d = s; d <= e; d++) {
                merged *= inputType[d];
            }
            out[k++] = merged;
            for (int d = e + 1; d < n; d++) {
                out[k++] = inputType[d];
            }
            return out;
        }
    }

    /**
     * @param r R (P).
     */
    record Integrator(Tensor r) implements NirNode {
        public String nirType() {
            return "I";
        }
    }

    /**
     * @param r          R (P).
     * @param vThreshold v_threshold (P).
     * @param vReset     v_reset (P); zeros when the file has none (files before NIR 1.0.6).
     */
    record IntegrateAndFire(Tensor r, Tensor vThreshold, Tensor vReset) implements NirNode {
        public String nirType() {
            return "IF";
        }
    }

    /**
     * @param tau   τ (P), seconds.
     * @param r     R (P).
     * @param vLeak v_leak (P).
     */
    record Li(Tensor tau, Tensor r, Tensor vLeak) implements NirNode {
        public String nirType() {
            return "LI";
        }
    }

    /**
     * @param tau        τ (P), seconds.
     * @param r          R (P).
     * @param vLeak      v_leak (P).
     * @param vThreshold v_threshold (P).
     * @param vReset     v_reset (P); zeros when the file has none.
     */
    record Lif(Tensor tau, Tensor r, Tensor vLeak, Tensor vThreshold, Tensor vReset) implements NirNode {
        public String nirType() {
            return "LIF";
        }
    }

    /**
     * @param tauSyn τ_syn (P), seconds.
     * @param tauMem τ_mem (P), seconds.
     * @param r      R (P).
     * @param vLeak  v_leak (P).
     * @param wIn    w_in (P); ones when the file has none.
     */
    record CubaLi(Tensor tauSyn, Tensor tauMem, Tensor r, Tensor vLeak, Tensor wIn) implements NirNode {
        public String nirType() {
            return "CubaLI";
        }
    }

    /**
     * @param tauSyn     τ_syn (P), seconds.
     * @param tauMem     τ_mem (P), seconds.
     * @param r          R (P).
     * @param vLeak      v_leak (P).
     * @param vThreshold v_threshold (P).
     * @param vReset     v_reset (P); zeros when the file has none.
     * @param wIn        w_in (P); ones when the file has none.
     */
    record CubaLif(Tensor tauSyn, Tensor tauMem, Tensor r, Tensor vLeak, Tensor vThreshold, Tensor vReset,
                   Tensor wIn) implements NirNode {
        public String nirType() {
            return "CubaLIF";
        }
    }

    /**
     * A node type this importer reads but cannot run (convolutions, pooling): kept with its name so that
     * a run can say which nodes stop it.
     *
     * @param type     the NIR type string.
     * @param datasets names of its parameter datasets, as stored.
     */
    record Unsupported(String type, List<String> datasets) implements NirNode {
        public String nirType() {
            return type;
        }
    }
}
