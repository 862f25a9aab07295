package dev.trialbench.bench.jmh;

import dev.trialbench.listing.ReportListing;
import dev.trialbench.listing.ReportSummary;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * The report's "report listing" claim: a user's newest reports, without and with
 * {@code idx_reports_user_created}.
 *
 * <p>One operation: one query (one round trip) for the newest live reports of a heavy report owner
 * (owners in turn, each with at least 1000 live reports), rows mapped to objects: a page of 50
 * ({@code page50}) or the report's 1000 records ({@code records1000}). Expect before: a sequential
 * scan of all reports plus a sort, nearly the same time for both sizes and growing with the scale;
 * after: an index scan that reads just the rows returned, so page50 falls to near the round-trip
 * floor and records1000 is dominated by fetching and mapping 1000 rows.
 *
 * <p>Run alone:
 * <pre>
 * java -cp bench/target/trialbench.jar org.openjdk.jmh.Main ListingBenchmark -p schema=before \
 *     -jvmArgsAppend -Dtrialbench.target=/path/to/target.properties
 * </pre>
 */
public class ListingBenchmark extends WorkloadBenchmark {

    @Benchmark
    public List<ReportSummary> page50() {
        return workload.listing(ReportListing.PAGE);
    }

    @Benchmark
    public List<ReportSummary> records1000() {
        return workload.listing(ReportListing.LARGE);
    }
}
