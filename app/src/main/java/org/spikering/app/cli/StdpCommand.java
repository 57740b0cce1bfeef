package org.spikering.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code spikering stdp window|triplet|song|distal-reward}: STDP as chips run it (issue 18 items 5 and 4), on the
 * sum-of-products learning engine of {@code org.spikering.plasticity.stdp} in float or Loihi fixed-point precision.
 */
@Command(name = "stdp", mixinStandardHelpOptions = true,
        description = "STDP on a Loihi-style sum-of-products learning engine: window, triplet, song, distal-reward.",
        subcommands = {StdpWindowCommand.class, StdpTripletCommand.class, StdpSongCommand.class,
            StdpDistalRewardCommand.class})
public final class StdpCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new IllegalArgumentException("a sub-command must follow: window, triplet, song or distal-reward");
    }
}
