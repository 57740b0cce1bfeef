package org.spikering.app.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The spec pipeline on the top-level fields: version, unknown fields, types, defaults, overrides. */
class SpecLoaderTest {

    private static List<String> problems(final String yaml, final String... sets) {
        final SpecException e = assertThrows(SpecException.class,
                () -> SpecLoader.parse(yaml, "t.yaml", null, false, List.of(sets)));
        return e.problems();
    }

    @Test
    void unknownFieldNamesTheNearestAllowedOne() {
        assertEquals(List.of("t.yaml: seeed: unknown field; did you mean 'seed'?, must be one of: spikering, name, description,"
                + " seed, network, simulation, training, hardware, study, reservoir, output, sweep"), problems("spikering: 1\nseeed: 3\n"));
    }

    @Test
    void everyProblemIsReportedNotOnlyTheFirst() {
        final List<String> p = problems("spikering: 1\nseed: 1.5\nname: ''\nbogus: 1\n");
        assertEquals(3, p.size(), p.toString());
        assertTrue(p.contains("t.yaml: seed: 1.5, must be an integer"), p.toString());
        assertTrue(p.contains("t.yaml: name: '', must have at least 1 characters"), p.toString());
    }

    private static String fileProblem(final String yaml) {
        return assertThrows(IllegalArgumentException.class, () -> SpecLoader.parse(yaml, "t.yaml", null, false, List.of()))
                .getMessage();
    }

    @Test
    void versionIsRequiredAndChecked() {
        assertEquals("SPEC = 't.yaml': field spikering (the format version) is missing, must be 1 (write 'spikering: 1' as"
                + " the first line)", fileProblem("seed: 1\n"));
        assertEquals("SPEC = 't.yaml': field spikering (the format version) is 2, must be 1 (write 'spikering: 1' as the"
                + " first line)", fileProblem("spikering: 2\n"));
    }

    @Test
    void duplicateKeysAndBadYamlAreErrorsWithTheirLine() {
        assertEquals("SPEC = 't.yaml': must be valid YAML; line 3, column 5: Duplicate field 'seed'",
                fileProblem("spikering: 1\nseed: 1\nseed: 2\n"));
        assertTrue(fileProblem("spikering: 1\nseed: [1\n").startsWith("SPEC = 't.yaml': must be valid YAML; line "));
        assertEquals("SPEC = 't.yaml': must be a mapping with 'spikering: 1' and sections (network, training, ...); it is"
                + " a array", fileProblem("[1, 2]\n"));
    }

    @Test
    void defaultsAreFilledAndOverridesApply() {
        final Spec s = SpecLoader.parse("spikering: 1\n", "t.yaml", null, false, List.of());
        assertEquals(1, s.seed());
        assertEquals(7, SpecLoader.parse("spikering: 1\n", "t.yaml", null, false, List.of("seed=7")).seed());
        assertEquals(9, s.overriding(java.util.Map.of("seed", 9)).seed());
        assertEquals(List.of("t.yaml: seed: 'x', must be an integer (from --set seed=x)"), problems("spikering: 1\n", "seed=x"));
        assertEquals(List.of("t.yaml: --set 'seed': must be FIELD=VALUE, e.g. training.rule=bptt"), problems("spikering: 1\n", "seed"));
        final SpecException e = assertThrows(SpecException.class,
                () -> s.overriding(java.util.Map.of("seed", "x"), java.util.Map.of("seed", "--seed x")));
        assertEquals(List.of("t.yaml: seed: 'x', must be an integer (from --seed x)"), e.problems());
    }

    @Test
    void nearestNameToleratesSmallTyposOnly() {
        assertEquals("tau_m_ms", SpecSchema.nearest("tau_m_s", List.of("tau_m_ms", "v_th_mv")));
        assertEquals(null, SpecSchema.nearest("completely_else", List.of("tau_m_ms", "v_th_mv")));
    }
}
