package org.spikering.app.spec.reservoir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spikering.app.spec.Examples;
import org.spikering.app.spec.ReservoirSpec;
import org.spikering.app.spec.Spec;

/**
 * The shipped reservoir examples hold the defaults the sub-commands had before they ran spec files: the reference
 * is the option initialisers of {@code ReservoirCommand} at commit d7364ed (written out below, literally), not the
 * schema or the files. And a spec that changes one field changes exactly that field of the resolved document.
 */
final class ReservoirExamplesTest {

    private static ReservoirSpec section(final String example, final String... sets) {
        return Examples.load(example, List.of(sets)).section("reservoir", ReservoirSpec.class);
    }

    @Test
    void examplesHoldTheDefaultsOfTheSubCommandsBeforeSpecs() {
        // EsnOptions: size 200, rho 0.9, connectivity 0.1, input scaling 0.3, leak 1, tanh, gaussian, seed 1
        assertEquals(new ReservoirSpec(Benchmark.MC, 200, 0.9, 0.1, 0.3, 1.0, "tanh", "gaussian", 1000, 20_000, 5000, 1e-10,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null), section("reservoir-mc"));
        assertEquals(new ReservoirSpec(Benchmark.NARMA, 200, 0.9, 0.1, 0.3, 1.0, "tanh", "gaussian", 200, null, 2000, null,
                7200, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null), section("reservoir-narma"));
        assertEquals(new ReservoirSpec(Benchmark.MACKEY_GLASS, 200, 0.9, 0.1, 0.3, 1.0, "tanh", "gaussian", null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null), section("reservoir-mackey-glass"));
        // Lsm: size 135, gain 0.2, random false, samples 400, sample-ms 30, tau 30, delays 10
        assertEquals(new ReservoirSpec(Benchmark.LSM, 135, null, null, null, null, null, null, null, null, null, null, null,
                0.2, false, 400, 30.0, 30.0, 10, null, null, null, null, null, null, null, null, null, null, null, null, null), section("reservoir-lsm"));
        // Binary: kind esn; size 200 / 135, gain 0.9 / 0.2, samples 3000 / 1500 for esn / lsm; delay 1
        assertEquals(new ReservoirSpec(Benchmark.BITS, 200, null, null, null, null, null, null, null, null, null, null, null,
                0.9, null, 3000, null, null, null, "esn", 1, null, null, null, null, null, null, null, null, null, null, null), section("reservoir-bits"));
        assertEquals(new ReservoirSpec(Benchmark.BITS, 135, null, null, null, null, null, null, null, null, null, null, null,
                0.2, null, 1500, null, null, null, "lsm", 1, null, null, null, null, null, null, null, null, null, null, null), section("reservoir-bits", "reservoir.kind=lsm"));
        // Scaling: kind esn; sizes 50..800 / 135,270,540; gains 0.5..1.4 / 0.05..1; seeds 3
        assertEquals(new ReservoirSpec(Benchmark.SCALING, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, "esn", null, List.of(50, 100, 200, 400, 800),
                List.of(0.5, 0.8, 0.95, 1.1, 1.4), 3, null, null, null, null, null, null, null, null), section("reservoir-scaling"));
        assertEquals(new ReservoirSpec(Benchmark.SCALING, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, "lsm", null, List.of(135, 270, 540),
                List.of(0.05, 0.1, 0.2, 0.5, 1.0), 3, null, null, null, null, null, null, null, null), section("reservoir-scaling", "reservoir.kind=lsm"));
        // Force: Sussillo & Abbott's network and target
        assertEquals(new ReservoirSpec(Benchmark.FORCE, 1000, null, 0.1, null, null, null, null, null, null, null, null,
                null, 1.5, null, null, null, 10.0, null, null, null, null, null, null, 1.0, 1.0, 2, 1.0, 1.3, 1200.0,
                14400.0, 14400.0), section("reservoir-force"));
        for (Benchmark b : Benchmark.values()) {
            assertEquals(1, Examples.load(b.example(), List.of()).seed(), b + ": seed");
            assertEquals(b, section(b.example()).benchmark());
        }
    }

    /** One field of every reservoir example, a new value for it. */
    private static final Map<String, List<String>> ONE_FIELD = Map.of(
            "reservoir-mc", List.of("reservoir.ridge", "0.001"),
            "reservoir-narma", List.of("reservoir.length_steps", "5000"),
            "reservoir-mackey-glass", List.of("reservoir.topology", "orthogonal"),
            "reservoir-lsm", List.of("reservoir.random_connectivity", "true"),
            "reservoir-bits", List.of("reservoir.delay_samples", "3"),
            "reservoir-scaling", List.of("reservoir.seeds", "5"));

    @Test
    void changingOneFieldChangesExactlyThatField() {
        for (Map.Entry<String, List<String>> e : ONE_FIELD.entrySet()) {
            final Spec base = Examples.load(e.getKey(), List.of());
            final Spec changed = Examples.load(e.getKey(), List.of(e.getValue().get(0) + "=" + e.getValue().get(1)));
            final List<String> diff = new ArrayList<>();
            diff(base.tree(), changed.tree(), "", diff);
            assertEquals(List.of(e.getValue().get(0)), diff, e.getKey());
            // and the bound record differs in that component only: compare with the base record re-bound after the edit
            final ReservoirSpec a = base.section("reservoir", ReservoirSpec.class);
            final ReservoirSpec b = changed.section("reservoir", ReservoirSpec.class);
            int differing = 0;
            for (java.lang.reflect.RecordComponent c : ReservoirSpec.class.getRecordComponents()) {
                try {
                    if (!java.util.Objects.equals(c.getAccessor().invoke(a), c.getAccessor().invoke(b))) {
                        differing++;
                    }
                } catch (ReflectiveOperationException x) {
                    throw new AssertionError(x);
                }
            }
            assertEquals(1, differing, e.getKey());
        }
    }

    private static void diff(final JsonNode a, final JsonNode b, final String at, final List<String> out) {
        if (a.isObject() && b.isObject()) {
            final java.util.Set<String> names = new java.util.TreeSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String n : names) {
                final String p = at.isEmpty() ? n : at + "." + n;
                if (!a.has(n) || !b.has(n)) {
                    out.add(p);
                } else {
                    diff(a.get(n), b.get(n), p, out);
                }
            }
        } else if (!a.equals(b)) {
            out.add(at);
        }
    }

    @Test
    void kindDependentDefaultsFollowKindAndAWrittenValueWins() {
        assertEquals(300, section("reservoir-bits", "reservoir.kind=lsm", "reservoir.size=300").size());
        assertEquals(0.2, section("reservoir-bits", "reservoir.kind=lsm", "reservoir.size=300").gain());
        assertEquals(List.of(20, 30), section("reservoir-scaling", "reservoir.kind=lsm", "reservoir.sizes=[20, 30]").sizes());
    }
}
