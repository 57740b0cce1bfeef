package org.spikering.app.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikering.app.spec.network.BrokenSpecRuns;
import org.spikering.app.train.TrainingRun;
import org.spikering.plasticity.data.SequenceBatch;
import org.spikering.plasticity.train.Computation;
import org.spikering.plasticity.train.LearningRule;

/** Liu et al. 2022's pattern generation: the generated target and input against the protocol, restated here. */
final class LiuPatternTaskTest {

    @TempDir
    Path dir;

    /**
     * The target must lie in the span of {1, sin(2πn/P), cos(2πn/P)} for P = 10, 40, 70, 100 (least squares on the
     * 50 steps, solved here by normal equations: residual ~ 0), start at 0 and have max |y*| = 1; the fitted amplitude
     * of each period, √(a² + b²), is w_i/scale with w_i in [0.5, 2], so any two amplitudes are within a factor 4.
     */
    @Test
    void shouldGenerateFourSinusoidsOfPeriodsTenFortySeventyHundredStepsNormalised() {
        for (long seed = 1; seed <= 5; seed++) {
            final double[] y = LiuPatternTask.standard(seed).target();
            assertEquals(50, y.length);
            assertEquals(0.0, y[0], 0.0, "starts at 0");
            double max = 0;
            for (double v : y) {
                max = Math.max(max, Math.abs(v));
            }
            assertEquals(1.0, max, 1e-12, "max |y*| = 1");
            final int[] periods = {10, 40, 70, 100};
            final int k = 1 + 2 * periods.length;
            final double[][] basis = new double[50][k];
            for (int n = 0; n < 50; n++) {
                basis[n][0] = 1;
                for (int i = 0; i < periods.length; i++) {
                    basis[n][1 + 2 * i] = Math.sin(2 * Math.PI * n / periods[i]);
                    basis[n][2 + 2 * i] = Math.cos(2 * Math.PI * n / periods[i]);
                }
            }
            final double[] c = leastSquares(basis, y);
            double res = 0;
            for (int n = 0; n < 50; n++) {
                double f = 0;
                for (int j = 0; j < k; j++) {
                    f += basis[n][j] * c[j];
                }
                res = Math.max(res, Math.abs(f - y[n]));
            }
            assertTrue(res < 1e-8, "seed " + seed + ": residual " + res);
            double lo = Double.MAX_VALUE;
            double hi = 0;
            for (int i = 0; i < periods.length; i++) {
                final double a = Math.hypot(c[1 + 2 * i], c[2 + 2 * i]);
                lo = Math.min(lo, a);
                hi = Math.max(hi, a);
            }
            assertTrue(hi / lo <= 4 + 1e-9, "seed " + seed + ": amplitude ratio " + hi / lo);
        }
        assertFalse(Arrays.equals(LiuPatternTask.standard(1).target(), LiuPatternTask.standard(2).target()));
    }

    /** Frozen N(0, 1) input, the same in every sequence and batch; 20·50 = 1000 draws: mean sd 0.032, var sd 0.045. */
    @Test
    void shouldFeedTheSameFrozenGaussianInputEveryTrainingSequence() {
        final LiuPatternTask task = LiuPatternTask.standard(7);
        final SequenceBatch a = task.batch(3, 11);
        final SequenceBatch b = task.batch(2, 99);
        final float[] x = task.input();
        for (int s = 0; s < 3; s++) {
            assertArrayEquals(x, signed(a, s), "sequence " + s);
            assertArrayEquals(task.target(), Arrays.copyOfRange(a.targets(), s * 50, (s + 1) * 50), 0.0);
        }
        assertArrayEquals(x, signed(b, 1), "batch seed ignored");
        assertEquals(40, a.inputs(), "an on/off pair per channel");
        for (int k = 0; k < a.inputSpikes().length; k += 2) {
            assertTrue(a.inputSpikes()[k] == 0f || a.inputSpikes()[k + 1] == 0f, "on or off, not both");
        }
        final double[] mv = meanVar(x, 0);
        assertEquals(0.0, mv[0], 4 * 0.032, "mean");
        assertEquals(1.0, mv[1], 4 * 0.045, "variance");
        for (boolean m : a.lossMask()) {
            assertTrue(m, "every step is scored");
        }
    }

    /** Test set: input − frozen input is N(0, σ²), new per sequence, fixed by the seed; 64 000 draws (var sd 0.0014). */
    @Test
    void shouldAddGaussianNoiseOfTheGivenSdInTheTestSetOnly() {
        final LiuPatternTask task = new LiuPatternTask(50, 20, 0.5, 7);
        final SequenceBatch t = task.freshInputBatch(64, 5);
        final float[] x = task.input();
        final float[] d = new float[64 * 1000];
        for (int s = 0; s < 64; s++) {
            final float[] v = signed(t, s);
            for (int k = 0; k < 1000; k++) {
                d[s * 1000 + k] = v[k] - x[k];
            }
        }
        final double[] mv = meanVar(d, 0);
        assertEquals(0.0, mv[0], 4 * 0.5 / Math.sqrt(64_000), "noise mean");
        assertEquals(0.25, mv[1], 4 * 0.25 * Math.sqrt(2.0 / 64_000), "noise variance");
        assertFalse(Arrays.equals(Arrays.copyOfRange(d, 0, 1000), Arrays.copyOfRange(d, 1000, 2000)), "per sequence");
        assertArrayEquals(t.inputSpikes(), task.freshInputBatch(64, 5).inputSpikes(), "same seed, same batch");
        assertFalse(Arrays.equals(t.inputSpikes(), task.freshInputBatch(64, 6).inputSpikes()));
        assertArrayEquals(task.target(), Arrays.copyOfRange(t.targets(), 63 * 50, 64 * 50), 0.0);
        assertArrayEquals(x, signed(new LiuPatternTask(50, 20, 0.0, 7).freshInputBatch(1, 5), 0), "sd 0: the frozen input");
    }

    @Test
    void shouldRejectBadParametersNamingTheField() throws Exception {
        final String base = Files.readString(Path.of("..", "examples", "pattern-liu.yaml"));
        BrokenSpecRuns.assertEveryCaseRejected(dir, base, new String[][] {
            {"test_noise_sd: 0.5", "test_noise_sd: -1",
                "training.task.test_noise_sd: -1, must be >= 0"},
            {"duration_ms: 50", "duration_ms: 1",
                "training.task.duration_ms: 1, must be >= 2"},
            {"inputs: 20 ", "inputs: 0 ",
                "training.task.inputs: 0, must be >= 1"},
            {"test_noise_sd: 0.5", "test_noise_sd: 0.5\n    rate_hz: 50",
                "training.task.rate_hz: 50, not a parameter of task pattern-liu (its parameters: duration_ms, inputs,"
                    + " test_noise_sd, encoding)"},
        }, "train");
    }

    /**
     * The shipped example, 150 e-prop iterations (seconds): the noisy-input test loss ½Σ(y − y*)² per sequence must fall
     * below half the loss of the best constant output, ½Σ(y* − mean y*)² (the "chance" level of a regression).
     */
    @Test
    void shouldLearnThePatternAndStayBelowTheConstantBaselineUnderInputNoise() {
        final TaskPreset p = TaskPreset.of("pattern-liu", 1);
        final LiuPatternTask task = (LiuPatternTask) p.source();
        final double[] y = task.target();
        final double mean = Arrays.stream(y).average().orElseThrow();
        double constant = 0;
        for (double v : y) {
            constant += 0.5 * (v - mean) * (v - mean);
        }
        final TrainingRun run = new TrainingRun(p, LearningRule.EPROP, Computation.EVENT, 1);
        final TrainingRun.Outcome o = run.run(150, p.batchSize(), p.learningRate(), 10, 64, null);
        final Map<String, Object> s = run.write(dir, o);
        System.out.printf("pattern-liu: constant baseline %.4f, training pattern %.4f, noisy-input test %.4f%n",
                constant, o.trainingPattern().loss(), o.heldOut().loss());
        assertTrue(o.trainingPattern().loss() < 0.5 * constant, "training pattern " + o.trainingPattern().loss());
        assertTrue(o.heldOut().loss() < 0.5 * constant, "noisy test " + o.heldOut().loss() + " vs " + constant);
        assertTrue(((String) s.get("test_set")).contains("additive N(0, 0.5^2) noise"), (String) s.get("test_set"));
    }

    /** Sequence s's signed input, on − off of each pair, index n·channels + j. */
    private static float[] signed(final SequenceBatch b, final int s) {
        final int n = b.steps() * b.inputs() / 2;
        final float[] v = new float[n];
        for (int k = 0; k < n; k++) {
            v[k] = b.inputSpikes()[s * 2 * n + 2 * k] - b.inputSpikes()[s * 2 * n + 2 * k + 1];
        }
        return v;
    }

    private static double[] meanVar(final float[] x, final int from) {
        double m = 0;
        for (int k = from; k < x.length; k++) {
            m += x[k];
        }
        m /= x.length - from;
        double v = 0;
        for (int k = from; k < x.length; k++) {
            v += (x[k] - m) * (x[k] - m);
        }
        return new double[] {m, v / (x.length - from - 1)};
    }

    /** Normal equations AᵀA c = Aᵀy by Gaussian elimination with partial pivoting. */
    private static double[] leastSquares(final double[][] a, final double[] y) {
        final int k = a[0].length;
        final double[][] m = new double[k][k + 1];
        for (double[] row : a) {
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    m[i][j] += row[i] * row[j];
                }
            }
        }
        for (int n = 0; n < a.length; n++) {
            for (int i = 0; i < k; i++) {
                m[i][k] += a[n][i] * y[n];
            }
        }
        for (int c = 0; c < k; c++) {
            int p = c;
            for (int r = c + 1; r < k; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[p][c])) {
                    p = r;
                }
            }
            final double[] t = m[c];
            m[c] = m[p];
            m[p] = t;
            for (int r = 0; r < k; r++) {
                if (r != c) {
                    final double f = m[r][c] / m[c][c];
                    for (int j = c; j <= k; j++) {
                        m[r][j] -= f * m[c][j];
                    }
                }
            }
        }
        final double[] c = new double[k];
        for (int i = 0; i < k; i++) {
            c[i] = m[i][k] / m[i][i];
        }
        return c;
    }
}
