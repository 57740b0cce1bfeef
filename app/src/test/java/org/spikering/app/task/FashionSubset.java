package org.spikering.app.task;

import java.nio.file.Path;
import java.util.List;

/** The committed Fashion-MNIST subset (README.md next to the files): 200 training and 100 test images. */
public final class FashionSubset {

    /** Its folder, absolute. */
    public static final Path DIR = Path.of("src/test/resources/org/spikering/app/task/fashion-mnist").toAbsolutePath();

    private FashionSubset() {
    }

    /** @return the {@code --set} overrides that point task seq-fashion-mnist at the subset. */
    public static List<String> sets() {
        return List.of("training.task.data_dir=" + DIR, "training.task.train_images=200", "training.task.test_images=100");
    }
}
