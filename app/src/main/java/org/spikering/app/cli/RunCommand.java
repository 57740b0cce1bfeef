package org.spikering.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder for the {@code run} command; replaced by its implementation. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Simulate the built-in default network and write spikes and plots.")
public final class RunCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("run: not implemented yet");
        return 2;
    }
}
