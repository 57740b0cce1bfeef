package org.spikering.sim.network;

/**
 * How a projection connects a source population to a target population, in PyNN/NEST terms.
 * Immutable; the switches return modified copies.
 *
 * <table>
 *   <caption>Rules</caption>
 *   <tr><th>rule</th><th>meaning</th><th>NEST</th></tr>
 *   <tr><td>all-to-all</td><td>every source to every target</td><td>all_to_all</td></tr>
 *   <tr><td>one-to-one</td><td>source i to target i (equal sizes)</td><td>one_to_one</td></tr>
 *   <tr><td>fixed probability p</td><td>each pair independently with probability p</td><td>pairwise_bernoulli</td></tr>
 *   <tr><td>fixed in-degree k</td><td>each target draws k sources</td><td>fixed_indegree</td></tr>
 *   <tr><td>fixed out-degree k</td><td>each source draws k targets</td><td>fixed_outdegree</td></tr>
 *   <tr><td>fixed total number n</td><td>n synapses, each with a source and a target drawn uniformly and
 *       independently, with replacement</td><td>fixed_total_number</td></tr>
 *   <tr><td>explicit</td><td>given (source, target) pairs</td><td>array connect</td></tr>
 * </table>
 * Autapses (a neuron onto itself, only when source and target are the same population) and
 * multapses (repeated pairs) are allowed by default, as in NEST; all-to-all and fixed probability
 * never create multapses. Fixed total number always allows multapses (NEST's {@code fixed_total_number} cannot
 * suppress them either); with autapses off, a drawn pair that is an autapse is drawn again, source and target
 * (NEST {@code FixedTotalNumberBuilder}).
 *
 * @param rule      the rule.
 * @param parameter p for fixed probability, k for the degree rules, n for fixed total number, unused otherwise.
 * @param sources   explicit source indices (explicit rule), else null.
 * @param targets   explicit target indices (explicit rule), else null.
 * @param autapses  whether autapses are allowed.
 * @param multapses whether multapses are allowed.
 */
public record Connector(Rule rule, double parameter, int[] sources, int[] targets, boolean autapses, boolean multapses) {

    /** The connection rules. */
    public enum Rule {
        /** Every source to every target. */
        ALL_TO_ALL,
        /** Source i to target i. */
        ONE_TO_ONE,
        /** Independent pairs with probability p. */
        FIXED_PROBABILITY,
        /** k sources per target. */
        FIXED_IN_DEGREE,
        /** k targets per source. */
        FIXED_OUT_DEGREE,
        /** Given pairs. */
        EXPLICIT,
        /** n synapses with uniformly drawn sources and targets, with replacement. */
        FIXED_TOTAL_NUMBER
    }

    /** Validates the parameter of the rule. */
    public Connector {
        if (rule == null) {
            throw new IllegalArgumentException("connector rule = null: must be one of " + java.util.Arrays.toString(Rule.values()));
        }
        if (rule == Rule.FIXED_PROBABILITY && !(parameter >= 0 && parameter <= 1)) {
            throw new IllegalArgumentException("connection probability p = " + parameter + ": must be in [0, 1]");
        }
        if ((rule == Rule.FIXED_IN_DEGREE || rule == Rule.FIXED_OUT_DEGREE)
                && !(parameter >= 0 && parameter == Math.rint(parameter) && parameter <= Integer.MAX_VALUE)) {
            throw new IllegalArgumentException((rule == Rule.FIXED_IN_DEGREE ? "indegree" : "outdegree") + " = " + parameter
                    + ": must be a whole number >= 0");
        }
        if (rule == Rule.FIXED_TOTAL_NUMBER) {
            if (!(parameter >= 0 && parameter == Math.rint(parameter) && parameter <= Integer.MAX_VALUE - 8)) {
                throw new IllegalArgumentException("total number N = " + parameter + ": must be a whole number in [0, "
                        + (Integer.MAX_VALUE - 8) + "]");
            }
            if (!multapses) {
                throw new IllegalArgumentException("fixed total number with multapses = false: not supported (sources and"
                        + " targets are drawn with replacement, as NEST's fixed_total_number does)");
            }
        }
        if (rule == Rule.EXPLICIT) {
            if (sources == null || targets == null || sources.length != targets.length) {
                throw new IllegalArgumentException("explicit connector: sources and targets must be non-null arrays of equal length, got "
                        + (sources == null ? "null" : sources.length) + " and " + (targets == null ? "null" : targets.length));
            }
        }
    }

    /** @return all-to-all. */
    public static Connector allToAll() {
        return new Connector(Rule.ALL_TO_ALL, 0, null, null, true, false);
    }

    /** @return one-to-one. */
    public static Connector oneToOne() {
        return new Connector(Rule.ONE_TO_ONE, 0, null, null, true, false);
    }

    /**
     * @param p connection probability in [0, 1].
     * @return pairwise Bernoulli.
     */
    public static Connector fixedProbability(final double p) {
        return new Connector(Rule.FIXED_PROBABILITY, p, null, null, true, false);
    }

    /**
     * @param k sources per target.
     * @return fixed in-degree.
     */
    public static Connector fixedInDegree(final int k) {
        return new Connector(Rule.FIXED_IN_DEGREE, k, null, null, true, true);
    }

    /**
     * @param k targets per source.
     * @return fixed out-degree.
     */
    public static Connector fixedOutDegree(final int k) {
        return new Connector(Rule.FIXED_OUT_DEGREE, k, null, null, true, true);
    }

    /**
     * NEST's {@code fixed_total_number}: exactly n synapses, each from a source drawn uniformly from the source
     * population to a target drawn uniformly from the target population, independently and with replacement,
     * so in- and out-degrees are binomial, not fixed. Autapses and multapses are allowed.
     *
     * @param n number of synapses, &ge; 0.
     * @return fixed total number.
     */
    public static Connector fixedTotalNumber(final long n) {
        return new Connector(Rule.FIXED_TOTAL_NUMBER, n, null, null, true, true);
    }

    /**
     * @param sourceIdx local source indices.
     * @param targetIdx local target indices (same length).
     * @return explicit pairs.
     */
    public static Connector explicit(final int[] sourceIdx, final int[] targetIdx) {
        return new Connector(Rule.EXPLICIT, 0, sourceIdx == null ? null : sourceIdx.clone(),
                targetIdx == null ? null : targetIdx.clone(), true, true);
    }

    /**
     * @param allowed whether a neuron may connect to itself.
     * @return a copy with the autapse switch set.
     */
    public Connector autapses(final boolean allowed) {
        return new Connector(rule, parameter, sources, targets, allowed, multapses);
    }

    /**
     * @param allowed whether a pair may be connected more than once.
     * @return a copy with the multapse switch set.
     */
    public Connector multapses(final boolean allowed) {
        return new Connector(rule, parameter, sources, targets, autapses, allowed);
    }
}
