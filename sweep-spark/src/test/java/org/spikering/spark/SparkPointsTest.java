package org.spikering.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link SparkPoints} on an embedded {@code local[2]} Spark. */
class SparkPointsTest {

    private static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("SparkPointsTest")
                .set("spark.ui.enabled", "false"));
    }

    @AfterAll
    static void stop() {
        sc.close();
    }

    @Test
    void everyPointRunsOnceInItsOwnTaskAndReachesTheDriver() {
        final List<Integer> points = List.of(4, 0, 7, 2, 9);
        final Map<Integer, String> got = new LinkedHashMap<>();
        final List<String> threads = new ArrayList<>();
        SparkPoints.run(sc, points, k -> k + ":" + (long) k * k + ":" + TaskContext.get().partitionId(), (k, r) -> {
            threads.add(Thread.currentThread().getName());
            assertEquals(null, got.put(k, r), "point " + k + " delivered twice");
        });
        assertEquals(points.size(), got.size());
        for (int i = 0; i < points.size(); i++) {
            final int k = points.get(i);
            // partition i holds exactly point indices[i]: one task per point
            assertEquals(k + ":" + (long) k * k + ":" + i, got.get(k));
        }
        assertTrue(threads.stream().allMatch(t -> t.equals(Thread.currentThread().getName())),
                "results are handed over on the caller's thread: " + threads);
    }

    @Test
    void noPointsRunsNoJob() {
        SparkPoints.run(sc, List.of(), k -> "x", (k, r) -> {
            throw new AssertionError("no point");
        });
    }

    @Test
    void aFailingPointAbortsWithItsOwnMessageAfterTheOthersAreHandedOver() {
        final Map<Integer, Integer> got = new LinkedHashMap<>();
        final SparkPoints.PointFailedException e = assertThrows(SparkPoints.PointFailedException.class,
                () -> SparkPoints.run(sc, List.of(0, 1), k -> {
                    if (k == 1) {
                        throw new IllegalStateException("point 1 (rule=x): diverged");
                    }
                    return k;
                }, got::put));
        assertEquals("point 1 (rule=x): diverged", e.getMessage());
    }

    @Test
    void taskMessageIsTheThrownMessageWithoutSparksFrame() {
        assertEquals("point 3 (a=1): no such file", SparkPoints.taskMessage(new org.apache.spark.SparkException(
                "Job aborted due to stage failure: Task 1 in stage 0.0 failed 1 times, most recent failure: Lost task 1.0 in"
                        + " stage 0.0 (TID 1) (127.0.0.1 executor driver): java.lang.IllegalArgumentException: point 3 (a=1):"
                        + " no such file\n\tat x.y(Z.java:1)")));
        assertEquals("something else", SparkPoints.taskMessage(new org.apache.spark.SparkException("something else\nmore")));
    }
}
