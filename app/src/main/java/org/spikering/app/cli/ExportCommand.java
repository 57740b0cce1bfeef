package org.spikering.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spikering.app.data.NpyArray;
import org.spikering.app.data.WeightsNpz;
import org.spikering.app.report.Json;
import org.spikering.app.train.TrainedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code spikering export MODEL --out FILE.npz}: the weights and neuron constants of a saved model
 * ({@code model.json} of {@code train}) as a NumPy {@code .npz} ({@link WeightsNpz}: the same arrays as the
 * {@code weights.npz} that {@code train} writes beside the model). Every option is checked before anything is
 * written; prints one JSON line naming the file and its arrays.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a saved model's weights (model.json of train) as a NumPy .npz: "
                + "w = np.load(FILE); w[\"recurrent__recurrent\"].")
public final class ExportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL", description = "a model.json written by train")
    Path model;

    @Option(names = "--out", required = true, paramLabel = "FILE.npz",
            description = "the .npz to write (replaced if it exists; missing folders are created)")
    Path out;

    @Override
    public Integer call() {
        Check.outputFile("--out", out);
        final String name = out.getFileName() == null ? "" : out.getFileName().toString();
        if (!name.toLowerCase(Locale.ROOT).endsWith(".npz")) {
            throw new IllegalArgumentException("--out = '" + out + "': must be a file name ending in .npz");
        }
        final TrainedModel m = TrainedModel.read("MODEL", model);
        final Map<String, NpyArray> arrays = WeightsNpz.arrays(m.network());
        try {
            Files.createDirectories(out.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("--out = '" + out + "': must be writable: " + e.getMessage());
        }
        WeightsNpz.write(out, m.network());
        final Map<String, Object> o = new LinkedHashMap<>();
        o.put("model", model.toString());
        o.put("out", out.toString());
        final Map<String, String> shapes = new LinkedHashMap<>();
        arrays.forEach((k, v) -> shapes.put(k, v.toString()));
        o.put("arrays", shapes);
        System.out.println(Json.oneLine(o));
        return 0;
    }
}
