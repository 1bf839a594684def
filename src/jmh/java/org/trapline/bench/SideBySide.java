package org.trapline.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.util.Statistics;

/**
 * {@link ReplayVersusQemuBenchmark} with its two benchmarks run alternately, one fork of each at a
 * time: the model's, then QEMU's, then the model's again. A shared machine changes speed over
 * minutes, and one JMH run measures all of the model's forks and then all of QEMU's; here each
 * model fork has a QEMU fork beside it, and the ratio of each pair is one measurement of how much
 * faster the model replays than QEMU answers.
 *
 * <pre>java -cp target/benchmarks.jar org.trapline.bench.SideBySide [PAIRS]</pre>
 */
public final class SideBySide {
    private SideBySide() {
    }

    public static void main(String[] args) throws RunnerException {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        String benchmark = ReplayVersusQemuBenchmark.class.getName();
        List<double[]> rows = new ArrayList<>();
        for (int pair = 1; pair <= pairs; pair++) {
            Statistics model = run(benchmark + ".modelReplaysRawLog");
            Statistics qemu = run(benchmark + ".qemuAnswersPipelined");
            rows.add(new double[] {model.getMean(), model.getPercentile(50), qemu.getMean(), qemu.getPercentile(50)});
        }
        System.out.println();
        System.out.println("pair  model mean  model median  QEMU mean  QEMU median  by the means  by the medians");
        List<Double> byMeans = new ArrayList<>();
        List<Double> byMedians = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            double[] r = rows.get(i);
            byMeans.add(r[2] / r[0]);
            byMedians.add(r[3] / r[1]);
            System.out.printf(Locale.ROOT, "%4d  %7.1f ms  %9.1f ms  %6.0f ms  %8.0f ms  %10.1fx  %13.1fx%n", i + 1, r[0], r[1],
                    r[2], r[3], byMeans.get(i), byMedians.get(i));
        }
        System.out.printf(Locale.ROOT, "median of the pairs: %.1fx by the means, %.1fx by the medians%n", median(byMeans),
                median(byMedians));
    }

    /** One fork of one benchmark, with the warm-up and measurement its annotations set. */
    private static Statistics run(String benchmark) throws RunnerException {
        RunResult result = new Runner(new OptionsBuilder().include("^" + benchmark.replace(".", "\\.") + "$").forks(1).build())
                .runSingle();
        return result.getPrimaryResult().getStatistics();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
