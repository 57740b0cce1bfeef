package org.spikering.app.data;

import java.nio.file.Path;
import java.util.function.Function;
import org.spikering.app.spec.data.DataSetSpec;

/**
 * Loads the user's data set of a {@code training.data} spec ({@link DataSetSpec}) into a {@link UserDataSet}; the
 * file formats and rules are in {@code docs/DATA.md}.
 */
public final class UserData {

    private UserData() {
    }

    /**
     * @param spec    the data set (defaults filled; {@code shuffle_seed} null means 1 unless
     *                {@link DataSetSpec#withDefaultSeed} set the spec's seed).
     * @param resolve turns a file field into a path ({@code Spec::resolve}).
     * @param dtMs    the network's time step in ms (event files are binned to it), &gt; 0.
     * @return the data set, split.
     * @throws IllegalArgumentException one line naming {@code training.data.<field>}, the value and what is allowed.
     */
    public static UserDataSet load(final DataSetSpec spec, final Function<String, Path> resolve, final double dtMs) {
        throw new UnsupportedOperationException("not yet");
    }
}
