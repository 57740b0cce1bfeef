package org.spikering.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder for the {@code train} command; replaced by its implementation. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train a task with a learning rule.")
public final class TrainCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("train: not implemented yet");
        return 2;
    }
}
