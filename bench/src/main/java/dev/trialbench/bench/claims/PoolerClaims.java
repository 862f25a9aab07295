package dev.trialbench.bench.claims;

import dev.trialbench.bench.format.Numbers;
import dev.trialbench.bench.runfolder.PoolerEvidence;
import dev.trialbench.pooler.PoolerCorrectness;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The report's "Additional Recommendations, 3. Set up connection pooler: Consider pgBouncer for
 * production", judged from {@value PoolerEvidence#FILE}: does pgBouncer in transaction mode serve
 * several service instances on fewer server connections, without more failures, and what must hold
 * for it to work at all (the conditions the report does not state: pgjdbc's named prepared
 * statements, Fix 4's timeouts in the startup packet, session SETs).
 * <ul>
 *   <li>FAILS: through pgBouncer nothing completed, or the server held no fewer connections, or more
 *       activations failed than direct;</li>
 *   <li>HOLDS ONLY IF: fewer connections, no more failures, and something broke with the defaults
 *       (the condition lists what the run's pooler needed);</li>
 *   <li>HOLDS: the same, with nothing broken by the defaults (a pgBouncer with protocol-level prepared
 *       statements that also accepts the startup options);</li>
 *   <li>NOT JUDGED: no file, the section skipped (the reason), or no load measured.</li>
 * </ul>
 * The added latency per round trip at one client is shown with its interval (the range over the JMH
 * forks' p50s; no between-run factor exists for it yet), and does not decide the verdict: the
 * report names no budget for it. Stateless.
 */
final class PoolerClaims {

    static final String SECTION = "Additional Recommendations, 3. Set up connection pooler";
    static final String QUOTE = "Consider pgBouncer for production";

    private PoolerClaims() {
    }

    static List<Claim> of(ClaimContext context) {
        Optional<PoolerEvidence> evidence = PoolerEvidence.read(context.run().folder());
        return List.of(context.claim(SECTION, QUOTE, evidence.map(PoolerClaims::measured).orElse("not recorded"),
                judge(evidence.orElse(null)), PoolerEvidence.FILE + " load, correctness, latency"));
    }

    /** The verdict on {@code evidence} ({@code null}: the run has no pooler file). */
    static Judgement judge(PoolerEvidence evidence) {
        if (evidence == null) {
            return Judgement.notJudged("this run has no " + PoolerEvidence.FILE + " (made before the pooler section"
                    + " existed)");
        }
        if (evidence.skipped() != null) {
            return Judgement.notJudged("the pooler section was skipped: " + evidence.skipped());
        }
        PoolerEvidence.Load load = evidence.load();
        if (load == null) {
            return Judgement.notJudged("no load through pgBouncer was measured"
                    + (evidence.loadNote() == null ? "" : ": " + evidence.loadNote()));
        }
        PoolerEvidence.Side direct = load.direct();
        PoolerEvidence.Side pooled = load.pooled();
        String figures = load.instances() + " instances x a pool of " + load.poolSize() + " held "
                + direct.maxServerConnections() + " server connections direct and " + pooled.maxServerConnections()
                + " through pgBouncer (default_pool_size " + load.pgbouncerServerPool() + "), at "
                + Numbers.decimal(direct.perSecond(), 0) + " and " + Numbers.decimal(pooled.perSecond(), 0)
                + " batched activations/s; failed " + direct.failed() + " direct, " + pooled.failed() + " pooled";
        if (pooled.activations() == 0) {
            return Judgement.fails("no activation completed through pgBouncer (" + failures(pooled) + ")");
        }
        if (pooled.maxServerConnections() >= direct.maxServerConnections()) {
            return Judgement.fails("pgBouncer saved no server connection: " + figures);
        }
        if (pooled.failed() > direct.failed()) {
            return Judgement.fails("more activations failed through pgBouncer (" + failures(pooled) + "): " + figures);
        }
        List<String> conditions = conditions(evidence.correctness());
        if (conditions.isEmpty()) {
            return Judgement.holds(figures + "; pgjdbc's defaults and Fix 4's pool worked through it unchanged");
        }
        return Judgement.holdsOnlyIf(String.join("; ", conditions), figures);
    }

    /** What the run's pooler needed that the report does not say, from the correctness probes. */
    static List<String> conditions(PoolerCorrectness.Findings findings) {
        List<String> conditions = new ArrayList<>();
        if (findings == null) {
            return conditions;
        }
        if (!findings.preparedDefault().worked()) {
            conditions.add("the clients turn pgjdbc's server-side prepared statements off (prepareThreshold=0: with the"
                    + " default 5, " + findings.pgbouncerVersion() + " fails with " + findings.preparedDefault().sqlState()
                    + ")");
        }
        if (!findings.fix4PoolStrict().worked()) {
            boolean dropped = findings.fix4PoolOptionsIgnored().worked()
                    && !findings.fix4StatementTimeout().equals(findings.fix4PoolOptionsIgnored().shown());
            conditions.add("Fix 4's timeouts move from the connection's startup options (refused: "
                    + findings.fix4PoolStrict().sqlState() + ") into pgBouncer's connect_query"
                    + (dropped ? " (ignoring the options instead leaves statement_timeout at "
                    + findings.fix4PoolOptionsIgnored().shown() + ")" : ""));
        }
        if (findings.sessionSetLeak().worked() && findings.leakedValue().equals(findings.sessionSetLeak().shown())) {
            conditions.add("no code path sets session state (a SET reaches the next client of the server connection)");
        }
        return conditions;
    }

    private static String failures(PoolerEvidence.Side side) {
        return side.failuresBySqlState().isEmpty() ? "no failure recorded" : side.failuresBySqlState().entrySet().stream()
                .map(entry -> entry.getValue() + " x " + entry.getKey()).collect(Collectors.joining(", "));
    }

    /** The claim's figures: connections, throughput, failures, and the latency added at one client with its interval. */
    static String measured(PoolerEvidence evidence) {
        if (evidence.skipped() != null) {
            return "not measured (" + evidence.skipped() + ")";
        }
        List<String> parts = new ArrayList<>();
        PoolerEvidence.Load load = evidence.load();
        if (load != null) {
            parts.add("server connections " + load.direct().maxServerConnections() + " direct, "
                    + load.pooled().maxServerConnections() + " pooled; activations/s "
                    + Numbers.decimal(load.direct().perSecond(), 0) + " direct, " + Numbers.decimal(load.pooled().perSecond(), 0)
                    + " pooled; failed " + load.direct().failed() + " direct, " + load.pooled().failed() + " pooled");
        }
        for (PoolerEvidence.Latency cell : evidence.latency()) {
            parts.add(addedLatency(cell));
        }
        return parts.isEmpty() ? "not recorded" : String.join("; ", parts);
    }

    /** {@code RoundTripBenchmark.selectOne p50 +0.041 ms [0.030 ms, 0.052 ms] through pgBouncer}. */
    static String addedLatency(PoolerEvidence.Latency cell) {
        double[] range = cell.addedP50Range();
        return cell.benchmark() + " p50 " + signedMs(cell.addedP50() / 1000) + (cell.singleFork() ? " (one fork)"
                : " [" + signedMs(range[0] / 1000) + ", " + signedMs(range[1] / 1000) + "]") + " through pgBouncer";
    }

    private static String signedMs(double millis) {
        return (millis >= 0 ? "+" : "") + Numbers.ms(millis);
    }
}
