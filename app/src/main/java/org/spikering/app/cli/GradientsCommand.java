package org.spikering.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder for the {@code gradients} command; replaced by its implementation. */
@Command(name = "gradients", mixinStandardHelpOptions = true, description = "Compare the gradients of learning rules with BPTT.")
public final class GradientsCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("gradients: not implemented yet");
        return 2;
    }
}
