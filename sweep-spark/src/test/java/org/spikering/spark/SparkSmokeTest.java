package org.spikering.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

class SparkSmokeTest {

    @Test
    void localSparkRunsOneTaskPerPartition() {
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("smoke").set("spark.ui.enabled", "false");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            List<Integer> squares = sc.parallelize(List.of(1, 2, 3), 3).map(i -> i * i).collect();
            assertEquals(List.of(1, 4, 9), squares);
        }
    }
}
