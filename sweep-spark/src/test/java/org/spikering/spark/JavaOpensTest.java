package org.spikering.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;

/**
 * The Java 17 options this module's tests start with (the pom's {@code spark.java17.opens}, also read by
 * spark-submit-local.sh) are exactly the ones Spark's launcher adds to every driver and executor it starts, and the
 * documentation lists every one of them.
 */
class JavaOpensTest {

    @Test
    void thePomsListIsSparksLauncherList() {
        assertEquals(JavaModuleOptions.defaultModuleOptions(), System.getProperty("spark.java17.opens"));
    }

    @Test
    void theDocumentationListsEveryOption() throws Exception {
        final String doc = Files.readString(Path.of("..", "docs", "SWEEP-SPARK.md"));
        for (String option : JavaModuleOptions.defaultModuleOptions().split(" ")) {
            assertTrue(doc.contains(option), "docs/SWEEP-SPARK.md lacks " + option);
        }
    }
}
