package org.spikering.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code spikering analyze curvature|lyapunov}: measurements on a saved model (issue 15). */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Measurements on a saved model (model.json of train): curvature, lyapunov.",
        subcommands = {CurvatureCommand.class, LyapunovCommand.class})
public final class AnalyzeCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new IllegalArgumentException("a sub-command must follow: curvature or lyapunov");
    }
}
