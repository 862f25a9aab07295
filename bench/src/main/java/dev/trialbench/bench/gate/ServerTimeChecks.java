package dev.trialbench.bench.gate;

import dev.trialbench.bench.format.Numbers;
import dev.trialbench.bench.runfolder.RunEvidence.StatementEvidence;
import dev.trialbench.bench.runfolder.RunFolder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Tier 2, server time: every statement's mean execution time per call as PostgreSQL itself measured
 * it (pg_stat_statements' {@code mean_exec_time}), against the slowest of the baseline's runs. A
 * server-side mean over hundreds to thousands of calls leaves out the client, the JVM, the network
 * and JMH, so it moves far less between runs than an end-to-end cell time. Measured: five quick runs
 * on a quiet machine (the committed baseline) against five taken while a dozen builds shared the two
 * cores: the loaded runs' means rose to at most 2.13x the quiet runs' slowest (NEWEST_REPORTS before
 * the migrations, a sequential scan the CPU contention stretches, 20.1 against 9.45 ms), while the
 * cells' JMH medians moved so much that 21 of the 23 ratios are too noisy to gate at this profile.
 * The band is
 * <pre>high = max(2.5 x baseline max, baseline max + 1 ms)</pre>
 * so a statement regresses when it becomes 2.5 times as slow as the slowest baseline run, or one
 * millisecond slower, whichever is more: the millisecond keeps a 20-microsecond index lookup from
 * crying wolf at 45 microseconds, and the factor scales with statements that are slow already. The
 * smallest slowdown the gate sees is therefore per statement (a few milliseconds on every statement
 * after the migrations; not on a 10 ms sequential scan before them), and the tolerance column shows it.
 * Faster is never flagged (a real gain shows in tier 1's plans and buffers).
 * With confirmation runs a statement regresses only when it does so in every run, as the ratios do.
 * Stateless.
 */
final class ServerTimeChecks {

    static final int TIER = 2;

    private ServerTimeChecks() {
    }

    static List<Check> of(Baseline baseline, RunFolder run, List<RunFolder> confirmations) {
        List<Check> checks = new ArrayList<>();
        for (Baseline.StatementShape expected : baseline.statements()) {
            if (expected.calls() > 0 && expected.serverMillisMax() > 0) {
                checks.add(check(expected, run, confirmations));
            }
        }
        return checks;
    }

    private static Check check(Baseline.StatementShape expected, RunFolder run, List<RunFolder> confirmations) {
        String name = "server ms/call " + expected.label();
        double high = Tolerances.serverMillis(expected.serverMillisMax());
        String tolerance = "up to " + ms(high) + " (2.5 x the slowest baseline run, or it + 1 ms)";
        String baselineText = ms(expected.serverMillisMax()) + " (max)";
        Optional<Double> value = mean(run, expected);
        if (value.isEmpty()) {
            return Check.notMeasured(TIER, name, expected.label(), baselineText, expected.label()
                    + ": no call recorded by pg_stat_statements in " + run.name()
                    + " (was pg_stat_statements loaded? is the statement gone? refresh the baseline)");
        }
        Band band = Band.atMost(high);
        GateVerdict verdict = band.judge(value.get(), Direction.LOWER_IS_BETTER);
        String measured = ms(value.get());
        List<String> unconfirmed = new ArrayList<>();
        for (RunFolder confirmation : confirmations) {
            Optional<Double> again = mean(confirmation, expected);
            measured += " / " + again.map(ServerTimeChecks::ms).orElse("not measured");
            if (again.isEmpty() || band.judge(again.get(), Direction.LOWER_IS_BETTER) != verdict) {
                unconfirmed.add(again.map(ServerTimeChecks::ms).orElse("no figure") + " in " + confirmation.name());
            }
        }
        String message = "";
        if (verdict == GateVerdict.REGRESSION) {
            String moved = expected.label() + ": " + ms(value.get()) + " per call on the server, above "
                    + ms(high) + " (the slowest baseline run took " + ms(expected.serverMillisMax()) + ")";
            if (unconfirmed.isEmpty()) {
                message = moved + (confirmations.isEmpty() ? "" : "; in every run");
            } else {
                message = moved + " in " + run.name() + "; not confirmed: " + String.join(", ", unconfirmed);
                verdict = GateVerdict.PASS;
            }
        }
        return new Check(TIER, name, expected.label(), baselineText, measured, tolerance, Direction.LOWER_IS_BETTER,
                verdict, message);
    }

    private static Optional<Double> mean(RunFolder run, Baseline.StatementShape expected) {
        return BaselineBuilder.statement(run, expected.schema(), expected.name())
                .filter(statement -> statement.calls() > 0)
                .map(StatementEvidence::meanMillis);
    }

    private static String ms(double millis) {
        return Numbers.msUngrouped(millis);
    }
}
