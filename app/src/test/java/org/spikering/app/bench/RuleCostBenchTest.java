package org.spikering.app.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spikering.plasticity.train.LearningRule;

/** The structure of {@code bench rules} on a tiny network (the numbers themselves are measurements, not checked). */
final class RuleCostBenchTest {

    @Test
    void shouldListEveryRuleWithItsCostOrWhyNotAndFitTheRtrlExponent() {
        Map<String, Object> out = RuleCostBench.run(6, 5, List.of(4, 8), 1, 3);
        @SuppressWarnings("unchecked")
        Map<String, Object> rules = (Map<String, Object>) out.get("rules");
        for (LearningRule r : LearningRule.values()) {
            assertTrue(rules.containsKey(r.id()), "every rule appears: " + r.id());
        }
        for (String id : List.of("eprop", "bptt", "rtrl", "uoro", "kf-rtrl", "kernl")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> o = (Map<String, Object>) rules.get(id);
            assertTrue((double) o.get("ns_per_step") > 0, id);
            assertTrue((double) o.get("ratio_to_eprop") > 0, id);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> rtrl = (Map<String, Object>) rules.get("rtrl");
        assertEquals(8L * 6 * 6 * (6 + RuleCostBench.INPUTS), rtrl.get("state_bytes"), "M: n · n (n_in + n) doubles");
        assertTrue(((String) rules.get("nest-eprop")).startsWith("not available: "));
        @SuppressWarnings("unchecked")
        Map<String, Object> sc = (Map<String, Object>) out.get("rtrl_scaling");
        // n³(n + 10) between n = 4 and 8: log2(8³·18 / (4³·14)) = 3.363
        assertEquals(Math.log(512.0 * 18 / (64.0 * 14)) / Math.log(2), (double) sc.get("exponent_of_the_multiply_add_count"),
                1e-3);
    }

    @Test
    void shouldFitTheExponentOfAPowerLaw() {
        double[] x = {Math.log(16), Math.log(32), Math.log(48), Math.log(64)};
        double[] y = new double[4];
        for (int k = 0; k < 4; k++) {
            y[k] = Math.log(3.0) + 4.0 * x[k];
        }
        assertEquals(4.0, RuleCostBench.slope(x, y), 1e-12);
    }
}
