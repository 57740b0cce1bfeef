package org.spikering.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import scala.Function0;
import scala.Function1;
import scala.Function2;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.BoxedUnit;

/**
 * Runs one function per point index as Spark tasks, one partition (so one task) per point, and hands each result
 * to the driver as soon as its task finishes (not at the end of the job), so the driver can rewrite the results
 * table and advance its progress bar as points finish.
 *
 * <p>How: the indices become an RDD of {@code n} partitions of one index each ({@code parallelize(indices, n)});
 * {@link SparkContext#submitJob} runs every partition and calls its result handler on the driver once per finished
 * partition; the handler only queues the result, and the calling thread takes results off the queue, so the
 * caller's callback never runs on Spark's scheduler thread.
 *
 * <p>Failures: a task that throws is retried by Spark ({@code spark.task.maxFailures}, 1 try in {@code local[N]},
 * 4 on a cluster); when it has failed for good the job is aborted, results already handed over stay handed over, and
 * {@link #run} throws {@link PointFailedException} with the point's own message ({@link PointTask} implementations
 * put the point in it).
 */
final class SparkPoints {

    /** How often the driver looks whether the job ended while no result arrives. */
    private static final long POLL_MS = 200;

    private SparkPoints() {
    }

    /**
     * The work of one point, run in an executor. Shipped to the executors by Java serialization: it must carry
     * everything it needs (no reference to the driver's objects).
     *
     * @param <R> the point's result, sent back to the driver.
     */
    @FunctionalInterface
    interface PointTask<R extends Serializable> extends Serializable {
        /**
         * @param k the point index.
         * @return its result.
         * @throws Exception anything: the point failed.
         */
        R run(int k) throws Exception;
    }

    /** A point whose task failed (after Spark's retries); the message names the point and the cause. */
    static final class PointFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PointFailedException(final String message, final Throwable cause) {
            super(message, cause);
        }
    }

    /** What a task sends back: its point and result. */
    private record Done<R>(int k, R result) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * @param sc       the Spark context (driver).
     * @param indices  the points to run, each once (may be empty: nothing runs).
     * @param task     the work of one point.
     * @param onResult called on the calling thread with (point, result) as each point finishes, in finishing order.
     * @param <R>      the result type.
     * @throws PointFailedException if a point failed; the message is the failing task's.
     */
    static <R extends Serializable> void run(final JavaSparkContext sc, final List<Integer> indices, final PointTask<R> task,
                                             final BiConsumer<Integer, R> onResult) {
        if (indices.isEmpty()) {
            return;
        }
        final RDD<Integer> rdd = sc.parallelize(indices, indices.size()).rdd();
        final Function1<Iterator<Integer>, Done<R>> perPartition = runOne(task);
        final LinkedBlockingQueue<Done<R>> finished = new LinkedBlockingQueue<>();
        final Function2<Object, Done<R>, BoxedUnit> handler = (partition, done) -> {
            finished.add(done);
            return BoxedUnit.UNIT;
        };
        final Function0<BoxedUnit> atEnd = () -> BoxedUnit.UNIT;
        final List<Object> partitions = new ArrayList<>();
        for (int p = 0; p < indices.size(); p++) {
            partitions.add(p);
        }
        final SimpleFutureAction<BoxedUnit> job = sc.sc().submitJob(rdd, perPartition,
                CollectionConverters.asScala(partitions).toSeq(), handler, atEnd);
        int delivered = 0;
        try {
            while (delivered < indices.size()) {
                final Done<R> d = finished.poll(POLL_MS, TimeUnit.MILLISECONDS);
                if (d != null) {
                    onResult.accept(d.k(), d.result());
                    delivered++;
                } else if (job.isCompleted() && finished.isEmpty()) {
                    break;
                }
            }
            job.get();
        } catch (InterruptedException e) {
            job.cancel();
            Thread.currentThread().interrupt();
            throw new PointFailedException("interrupted", e);
        } catch (SparkException e) {
            throw new PointFailedException(taskMessage(e), e);
        }
    }

    /** The executor side: a static method, so the lambda captures the task only, not this class's driver state. */
    private static <R extends Serializable> Function1<Iterator<Integer>, Done<R>> runOne(final PointTask<R> task) {
        return (Function1<Iterator<Integer>, Done<R>> & Serializable) it -> {
            final int k = it.next();
            if (it.hasNext()) {
                throw new IllegalStateException("a partition holds more than one point (a bug)");
            }
            try {
                return new Done<>(k, task.run(k));
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        };
    }

    /**
     * The failed task's own message. Spark aborts the job with a {@code SparkException} whose cause is the task's
     * exception when it could be sent back (it can: ours are plain JDK exceptions), under a wrapper ("Exception thrown
     * in awaitResult"); its message reads {@code Job aborted due to stage failure: Task 1 in stage 0.0 failed 1 times,
     * most recent failure: Lost task 1.0 in stage 0.0 (TID 1) (host executor driver): java.lang.X: message} and then
     * the stack trace. The first exception in the cause chain that is not Spark's gives the message; failing that,
     * what follows the exception class in Spark's text.
     */
    static String taskMessage(final Throwable sparkFailure) {
        for (Throwable t = sparkFailure; t != null && t.getCause() != t; t = t.getCause()) {
            if (!t.getClass().getName().startsWith("org.apache.spark.") && t.getMessage() != null) {
                return t.getMessage();
            }
        }
        for (Throwable t = sparkFailure; t != null && t.getCause() != t; t = t.getCause()) {
            final String m = String.valueOf(t.getMessage());
            final String first = m.lines().findFirst().orElse(m);
            final int lost = first.indexOf("Lost task ");
            if (lost < 0) {
                continue;
            }
            final String after = first.substring(lost);
            final int close = after.indexOf("): ");
            if (close < 0) {
                return first;
            }
            final String thrown = after.substring(close + 3);
            final int colon = thrown.indexOf(": ");
            return colon > 0 && !thrown.substring(0, colon).contains(" ") ? thrown.substring(colon + 2) : thrown;
        }
        return String.valueOf(sparkFailure.getMessage()).lines().findFirst().orElse("");
    }
}
