package org.spikering.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder for the {@code hw} command; replaced by its implementation. */
@Command(name = "hw", mixinStandardHelpOptions = true, description = "Neuromorphic hardware constraints and studies.")
public final class HardwareCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("hw: not implemented yet");
        return 2;
    }
}
