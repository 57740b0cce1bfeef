package org.spikering.app.spec.data;

/**
 * The user's data set of a training spec ({@code training.data}; schema {@code $defs.data_set} in
 * {@code spec/schema/data.json}; rules in {@code docs/DATA.md}), loaded by {@link org.spikering.app.data.UserData#load}.
 * Defaults are filled by the spec core from the schema; optional fields without a default are null.
 *
 * <table>
 *   <caption>Fields</caption>
 *   <tr><th>field</th><th>unit</th><th>meaning</th></tr>
 *   <tr><td>inputs</td><td>-</td><td>input spikes: .npy/.npz [n, T, i] 0/1, CSV sequence,time_ms,neuron, SONATA</td></tr>
 *   <tr><td>targets</td><td>-</td><td>float [n, T, k] regression or integer [n] labels; CSV sequence,step,target_0..
 *       or sequence,label</td></tr>
 *   <tr><td>loss_mask</td><td>-</td><td>optional [n, T] bool: where the error counts</td></tr>
 *   <tr><td>recall_steps</td><td>steps</td><td>optional: the error counts in the last recall_steps steps only</td></tr>
 *   <tr><td>sequence_ms</td><td>ms</td><td>sequence length of event files (CSV spikes, SONATA)</td></tr>
 *   <tr><td>input_neurons</td><td>-</td><td>input count of event files (default: largest id + 1)</td></tr>
 *   <tr><td>population</td><td>-</td><td>SONATA population (default: the only one)</td></tr>
 *   <tr><td>classes</td><td>-</td><td>classes of integer labels (default: largest label + 1, at least 2)</td></tr>
 *   <tr><td>test_fraction</td><td>1</td><td>held-out fraction in [0, 1), default 0.2</td></tr>
 *   <tr><td>test</td><td>-</td><td>optional separate test files (then test_fraction is not used)</td></tr>
 *   <tr><td>shuffle_seed</td><td>-</td><td>seed of the split; default: the spec's seed</td></tr>
 * </table>
 *
 * @param inputs       input spike array.
 * @param targets      target array.
 * @param lossMask     loss mask array, or null.
 * @param recallSteps  last steps that count, or null.
 * @param sequenceMs   sequence length in ms of event files, or null.
 * @param inputNeurons number of input neurons of event files, or null.
 * @param population   SONATA population, or null.
 * @param classes      number of classes, or null.
 * @param testFraction held-out fraction, or null (the core fills the schema default 0.2).
 * @param test         separate test files, or null.
 * @param shuffleSeed  split seed, or null for the spec's seed.
 */
public record DataSetSpec(DataArray inputs, DataArray targets, DataArray lossMask, Integer recallSteps,
                          Double sequenceMs, Integer inputNeurons, String population, Integer classes,
                          Double testFraction, DataTestFiles test, Long shuffleSeed) {

    /** Field path of this object in a spec, for messages. */
    public static final String PATH = "training.data";

    /**
     * Data for {@code eval MODEL DATA}: every sequence of the files is test data.
     *
     * @param inputs  input spikes.
     * @param targets targets.
     * @return a data set with no split.
     */
    public static DataSetSpec allTest(final DataArray inputs, final DataArray targets) {
        return new DataSetSpec(inputs, targets, null, null, null, null, null, null, 0.0, null, 0L);
    }

    /**
     * The semantic checks of {@code training.data} for {@code spec check} and before a run: loads the data set
     * ({@link org.spikering.app.data.UserData#load}) and adds its problem, if any, as one line.
     *
     * @param problems where the problem goes.
     * @param spec     the spec (file resolution, seed).
     * @param dtMs     the network's time step, ms.
     * @return the loaded data set, or null if it has a problem.
     */
    public org.spikering.app.data.UserDataSet check(final org.spikering.app.spec.Problems problems,
                                                    final org.spikering.app.spec.Spec spec, final double dtMs) {
        try {
            return org.spikering.app.data.UserData.load(withDefaultSeed(spec.seed()), spec::resolve, dtMs);
        } catch (IllegalArgumentException e) {
            problems.addLine(e.getMessage());
            return null;
        }
    }

    /**
     * @param seed the spec's seed.
     * @return this with {@code shuffle_seed} set to {@code seed} if it was not given.
     */
    public DataSetSpec withDefaultSeed(final long seed) {
        return shuffleSeed != null ? this : new DataSetSpec(inputs, targets, lossMask, recallSteps, sequenceMs,
                inputNeurons, population, classes, testFraction, test, seed);
    }
}
