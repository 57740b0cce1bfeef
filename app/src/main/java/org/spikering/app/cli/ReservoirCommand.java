package org.spikering.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder for the {@code reservoir} command; replaced by its implementation. */
@Command(name = "reservoir", mixinStandardHelpOptions = true, description = "Reservoir computing benchmarks and scaling studies.")
public final class ReservoirCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("reservoir: not implemented yet");
        return 2;
    }
}
