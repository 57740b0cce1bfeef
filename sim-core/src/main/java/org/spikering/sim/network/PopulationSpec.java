package org.spikering.sim.network;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.spikering.neuron.NeuronModel;

/**
 * A named population in a built network: model, size, position of its first neuron in the global
 * id space, and the distributions of its initial state (state variables not named keep the model's initial value).
 *
 * <p>Each named state variable is drawn per neuron, local index 0 first, from its own stream: V_m from
 * {@code SplittableRandom(mix(seed, 0x1A17 + p))} (p = the population's index), any other variable {@code name} from
 * {@code SplittableRandom(mix(mix(seed, 0x1A17 + p), name.hashCode()))} ({@link NetworkBuilder#mix}), so the draws
 * depend on neither the number of threads nor the other variables named.
 *
 * @param name         population name.
 * @param size         number of neurons, &ge; 1.
 * @param model        neuron model with its parameters.
 * @param offset       global id of local neuron 0.
 * @param initialState state variable name (the model's {@code settableStateVariableNames}) to its distribution at
 *                     t = 0, in the model's units, in declaration order; empty keeps the model's initial state.
 */
public record PopulationSpec(String name, int size, NeuronModel model, int offset, Map<String, Distribution> initialState) {

    /** Keeps an unmodifiable copy of the initial state, in its order. */
    public PopulationSpec {
        initialState = Collections.unmodifiableMap(new LinkedHashMap<>(initialState == null ? Map.of() : initialState));
    }

    /** @return the V_m(0) distribution in mV, or null (the model's own V_m(0)). */
    public Distribution initialPotential() {
        return initialState.get("V_m");
    }
}
