package org.spikering.app.spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.spikering.app.spec.hardware.EnergySpec;
import org.spikering.app.spec.hardware.MaskSpec;
import org.spikering.app.spec.hardware.StateSpec;
import org.spikering.app.spec.hardware.WeightsSpec;
import org.spikering.app.train.TrainingRun;
import org.spikering.hw.energy.EnergyModel;
import org.spikering.hw.fixedpoint.QuantizingHook;
import org.spikering.hw.fixedpoint.StateQuantizer;
import org.spikering.hw.limits.ChipDescription;
import org.spikering.hw.mask.PlasticityMask;
import org.spikering.plasticity.network.RecurrentNetwork;
import org.spikering.plasticity.optim.WeightUpdateHook;

/**
 * The {@code hardware} section: the constraints of a neuromorphic chip applied to training (which synapses learn,
 * weight precision), the chip a network is mapped onto, and the energy table of the estimate.
 * <table>
 *   <caption>Fields</caption>
 *   <tr><th>field</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>mask</td><td>plastic synapses ({@link MaskSpec})</td><td>kind all</td></tr>
 *   <tr><td>weights</td><td>weight bits and rounding ({@link WeightsSpec})</td><td>32 bits (float), nearest</td></tr>
 *   <tr><td>state</td><td>fixed-point formats of v and a in the training forward pass, rounding ({@link StateSpec})</td>
 *       <td>double precision</td></tr>
 *   <tr><td>chip</td><td>loihi, spinnaker or a chip description JSON file ({@link ChipDescription} fields),
 *       relative to the spec file</td><td>loihi</td></tr>
 *   <tr><td>energy</td><td>pJ per operation ({@link EnergySpec})</td><td>Loihi, Davies et al. 2018</td></tr>
 * </table>
 * The state block rounds v and a after every step's update in the plain-loop forward pass of every rule and in the
 * test evaluations; the {@code engine} computation (sim-core's ALIF populations, double precision) cannot take it.
 *
 * @param mask    plastic mask.
 * @param weights weight precision.
 * @param state   neuron state precision.
 * @param chip    chip name or file.
 * @param energy  energy table.
 */
public record HardwareSpec(MaskSpec mask, WeightsSpec weights, StateSpec state, String chip, EnergySpec energy) implements SpecSection {

    /**
     * What {@link #configure} attached to a run.
     *
     * @param mask      the bound mask, or null (every synapse plastic, float weights: no hook).
     * @param quantiser the weight quantiser, or null (float weights).
     * @param state     the state quantiser of the training forward passes, or null (double precision).
     */
    public record Applied(PlasticityMask mask, QuantizingHook quantiser, StateQuantizer state) {

        /** @return the plastic fraction of all synapses (1 without a mask). */
        public double plasticFraction() {
            return mask == null ? 1.0 : mask.plasticFraction();
        }
    }

    @Override
    public void check(final Problems problems, final String path, final Spec spec) {
        mask.check(problems, path + ".mask", spec.has("study"));
        state.check(problems, path + ".state");
        final String computation = spec.tree().at("/training/computation").asText("");
        if (state.quantised() && "engine".equals(computation)) {
            problems.add(path + ".state", spec.tree().at("/hardware/state"), "must be left out (or {}) with"
                    + " training.computation = 'engine' (sim-core's ALIF populations hold the state in double precision);"
                    + " use event, event-stepwise or dense");
        }
        if (!builtInChip(chip)) {
            final Path file = spec.resolve(chip);
            if (!Files.isRegularFile(file)) {
                problems.add(path + ".chip", chip, "must be loihi, spinnaker or a chip description JSON file ("
                        + (Files.isDirectory(file) ? "a folder" : "no such file") + ": " + file + ")");
            } else {
                try {
                    if (ChipDescription.fromJson(file) == null) {
                        problems.add(path + ".chip", chip, "must hold a chip description object, not null");
                    }
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    problems.add(path + ".chip", chip, "must be a valid chip description: "
                            + (e.getCause() instanceof IllegalArgumentException c ? c.getMessage()
                                : e.getOriginalMessage().lines().findFirst().orElse("")));
                } catch (IllegalArgumentException e) {
                    problems.add(path + ".chip", chip, "must be a valid chip description: " + e.getMessage());
                } catch (IOException e) {
                    problems.add(path + ".chip", chip, "must be readable: " + e.getMessage());
                }
            }
        }
    }

    private static boolean builtInChip(final String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "loihi", "loihi-like", "spinnaker", "spinnaker-like" -> true;
            default -> false;
        };
    }

    /**
     * @param spec the spec this section belongs to (a chip file is relative to its folder).
     * @return the chip description.
     */
    public ChipDescription chipDescription(final Spec spec) {
        try {
            return ChipDescription.byName(builtInChip(chip) ? chip : spec.resolve(chip).toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("hardware.chip: '" + chip + "', must be readable: " + e.getMessage());
        }
    }

    /** @return the energy model of the estimate. */
    public EnergyModel energyModel() {
        return energy.model();
    }

    /** @return the section with every field at its default (from the schema, as a spec without the fields gets). */
    public static HardwareSpec defaults() {
        return SpecLoader.parse("spikering: 1\nhardware: {}\n", "hardware defaults", null, false, java.util.List.of())
                .section("hardware", HardwareSpec.class);
    }

    /** @return this section with another energy table. */
    public HardwareSpec withEnergy(final EnergyModel e) {
        return new HardwareSpec(mask, weights, state, chip, new EnergySpec(e.synapticOpPj(), e.neuronUpdatePj(),
                e.weightUpdatePj(), e.spikeTransportPj()));
    }

    /** @return this section with another mask. */
    public HardwareSpec withMask(final MaskSpec m) {
        return new HardwareSpec(m, weights, state, chip, energy);
    }

    /** @return this section with another weight precision. */
    public HardwareSpec withWeights(final WeightsSpec w) {
        return new HardwareSpec(mask, w, state, chip, energy);
    }

    /** @return this section with another state precision. */
    public HardwareSpec withState(final StateSpec st) {
        return new HardwareSpec(mask, weights, st, chip, energy);
    }

    /**
     * Checks what depends on the network's sizes (engram neurons, explicit indices).
     *
     * @param problems where problems go.
     * @param path     this section's path ({@code hardware}).
     * @param net      the network the run trains.
     */
    public void checkAgainst(final Problems problems, final String path, final RecurrentNetwork net) {
        mask.checkAgainst(problems, path + ".mask", net);
    }

    /**
     * Applies the section to a training run, as the decorators of the learning rule: quantises {@code net}'s weights
     * in place ({@link WeightsSpec#quantiser}, seed 77 + seed), builds the mask ({@link MaskSpec#build}, seed
     * 555 + seed), binds it to {@code net} around the quantiser ({@link PlasticityMask#bind}: frozen weights are the
     * quantised initial ones) and sets the run's hook, weight bits ({@link TrainingRun#withWeightBits}) and energy
     * model ({@link TrainingRun#withEnergyModel}). Every synapse plastic with float weights sets no hook. With a
     * {@code state} block it sets the run's state quantiser ({@link StateSpec#quantiser}, seed 919 + seed; tests
     * 7919 + seed; {@link TrainingRun#withStatePrecision}). The stochastic-rounding streams of the weights and the
     * state go into the run's checkpoints ({@link TrainingRun#withRoundingStreams}).
     *
     * <p>{@code net} must be the network the run starts from, before the run copies it: the task's
     * {@code preset.network()} (the object the run copies when it starts), or a network passed to
     * {@link TrainingRun#withInitialNetwork} <em>after</em> this call (that method copies it).
     *
     * @param run  the run to configure.
     * @param net  the network it starts from; its weights are quantised in place.
     * @param seed the run's seed.
     * @return the mask and quantisers attached.
     */
    public Applied configure(final TrainingRun run, final RecurrentNetwork net, final long seed) {
        final QuantizingHook q = weights.quantiser(net, seed);
        final StateQuantizer sq = state.quantiser(seed);
        run.withWeightBits(weights.bits()).withEnergyModel(energyModel());
        final java.util.Map<String, org.spikering.hw.fixedpoint.RoundingStream> streams = new java.util.LinkedHashMap<>();
        if (q != null) {
            for (org.spikering.plasticity.network.WeightMatrixId id : org.spikering.plasticity.network.WeightMatrixId.values()) {
                streams.put("weights." + id.name().toLowerCase(Locale.ROOT), q.quantizer(id).stream());
            }
        }
        if (sq != null) {
            streams.put("state", sq.stream());
            run.withStatePrecision(sq, StateSpec.TEST_SEED_OFFSET + seed);
        }
        run.withRoundingStreams(streams);
        if (mask.kind() == MaskSpec.Kind.ALL && q == null) {
            run.withHook(WeightUpdateHook.NONE);
            return new Applied(null, null, sq);
        }
        final PlasticityMask m = mask.build(net, seed).bind(net, q);
        run.withHook(m);
        return new Applied(m, q, sq);
    }
}
