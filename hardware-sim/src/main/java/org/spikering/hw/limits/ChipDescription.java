package org.spikering.hw.limits;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Limits of a neuromorphic chip against which a network is mapped.
 * <table>
 *   <caption>Fields</caption>
 *   <tr><th>name</th><th>meaning</th></tr>
 *   <tr><td>neuronsPerCore</td><td>compartments per core</td></tr>
 *   <tr><td>synapseBitsPerCore</td><td>synaptic memory per core (bits)</td></tr>
 *   <tr><td>bitsPerSynapse</td><td>bits per stored synapse (weight + delay + index)</td></tr>
 *   <tr><td>maxFanIn</td><td>distinct presynaptic axons per core</td></tr>
 *   <tr><td>maxFanOut</td><td>destination cores per core</td></tr>
 *   <tr><td>maxDelaySteps</td><td>largest synaptic delay in steps</td></tr>
 *   <tr><td>cores</td><td>number of cores</td></tr>
 *   <tr><td>dtMs</td><td>time step (ms), delays are quantised to it</td></tr>
 * </table>
 */
public record ChipDescription(String name, int neuronsPerCore, long synapseBitsPerCore, int bitsPerSynapse,
                              int maxFanIn, int maxFanOut, int maxDelaySteps, int cores, double dtMs) {

    public ChipDescription {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name = " + name + ": must be non-empty");
        }
        pos("neuronsPerCore", neuronsPerCore);
        pos("synapseBitsPerCore", synapseBitsPerCore);
        pos("bitsPerSynapse", bitsPerSynapse);
        pos("maxFanIn", maxFanIn);
        pos("maxFanOut", maxFanOut);
        pos("maxDelaySteps", maxDelaySteps);
        pos("cores", cores);
        if (!(dtMs > 0) || !Double.isFinite(dtMs)) {
            throw new IllegalArgumentException("dtMs = " + dtMs + " ms: must be finite and > 0");
        }
    }

    /**
     * Loihi-like: Davies et al., "Loihi: A Neuromorphic Manycore Processor with On-Chip Learning",
     * IEEE Micro 2018 (HARDWARE.md §1.4): 1,024 compartments per core, 128 KB synaptic SRAM per core
     * (1,048,576 bits, as nengo-loihi), fan-in ≤ 4,096 axons, fan-out ≤ 4,096 core-to-core edges,
     * 6-bit delay with 8 steps guaranteed (we use the guaranteed 8), 128 cores per chip, 1 ms step.
     * Bits per synapse: 8-bit weight + 6-bit delay + 10-bit index = 24 (nengo-loihi's accounting).
     */
    public static ChipDescription loihiLike() {
        return new ChipDescription("loihi-like", 1024, 1_048_576L, 24, 4096, 4096, 8, 128, 1.0);
    }

    /**
     * SpiNNaker-like: sPyNNaker (SpiNNakerManchester/sPyNNaker, HARDWARE.md §2.1): 256 neurons per core,
     * 32-bit synaptic words (16-bit weight | delay | type | index), native delays up to 16 steps
     * (MAX_SUPPORTED_DELAY_TICS), 16 application cores per chip, 1 ms step; synaptic rows in SDRAM:
     * 128 MB per chip shared by 16 cores = 8 MB = 67,108,864 bits per core; fan-in/out bound only by
     * routing and memory, modelled here as 1,000,000.
     */
    public static ChipDescription spinnakerLike() {
        return new ChipDescription("spinnaker-like", 256, 67_108_864L, 32, 1_000_000, 1_000_000, 16, 16, 1.0);
    }

    /** Reads a description from a JSON object with the record's field names. */
    public static ChipDescription fromJson(Path file) throws IOException {
        return new ObjectMapper().readValue(file.toFile(), ChipDescription.class);
    }

    /** "loihi", "spinnaker" or a JSON file path. */
    public static ChipDescription byName(String s) throws IOException {
        switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "loihi":
            case "loihi-like":
                return loihiLike();
            case "spinnaker":
            case "spinnaker-like":
                return spinnakerLike();
            default:
                final Path file = Path.of(s);
                if (!java.nio.file.Files.isRegularFile(file)) {
                    throw new IllegalArgumentException("--chip = '" + s
                            + "': must be loihi, spinnaker or the path of a chip description JSON file ("
                            + (java.nio.file.Files.isDirectory(file) ? "a folder"
                                : java.nio.file.Files.exists(file) ? "not a regular file" : "no such file") + ")");
                }
                final ChipDescription c;
                try {
                    c = fromJson(file);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalArgumentException("--chip = '" + s + "': must be a valid chip description: "
                            + e.getOriginalMessage(), e);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--chip = '" + s + "': must be a valid chip description: "
                            + e.getMessage(), e);
                }
                if (c == null) {
                    throw new IllegalArgumentException("--chip = '" + s + "': must hold an object with the fields of"
                            + " ChipDescription, not null");
                }
                return c;
        }
    }

    /**
     * Quantises a delay in ms to whole steps (nearest, at least 1, at most {@link Integer#MAX_VALUE}, so that a
     * huge delay stays a violation instead of wrapping around).
     */
    public int delaySteps(double delayMs) {
        if (Double.isNaN(delayMs)) {
            throw new IllegalArgumentException("delay = NaN ms: must be a number");
        }
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, Math.round(delayMs / dtMs)));
    }

    private static void pos(String n, long v) {
        if (v < 1) {
            throw new IllegalArgumentException(n + " = " + v + ": must be >= 1");
        }
    }
}
