package dev.trialbench.bench.claims;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trialbench.bench.runfolder.Fixture;
import dev.trialbench.bench.runfolder.RunEvidence.StatementEvidence;
import dev.trialbench.bench.runfolder.RunFolder;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnswersTest {

    @TempDir
    Path temp;

    @Test
    void answersEveryHeadlineQuestionOfTheFixtureRunInOrder() {
        List<Answer> answers = Answers.of(RunFolder.read(Fixture.copyAll(temp)));

        assertThat(answers).extracting(Answer::question).containsExactly(Answers.ACTIVATION, Answers.LISTING,
                Answers.MIGRATIONS, Answers.KPIS, Answers.STATEMENT);
        assertThat(answers).extracting(Answer::verdict).containsExactly(Optional.of(Verdict.HOLDS_ONLY_IF),
                Optional.of(Verdict.FAILS), Optional.of(Verdict.HOLDS_ONLY_IF), Optional.of(Verdict.HOLDS_ONLY_IF),
                Optional.empty());
    }

    /** {@code 6.57x [2.46x, 17.6x]}: a figure with its interval (the interval's width follows the baseline runs). */
    private static final String FACTOR = "\\d[\\d.,]*x \\[\\d[\\d.,]*x, \\d[\\d.,]*x\\]";

    @Test
    void eachLineCarriesItsVerdictAndTheFiguresWithTheirIntervals() {
        List<String> lines = Answers.of(RunFolder.read(Fixture.copyAll(temp))).stream().map(Answer::line).toList();

        assertThat(lines.get(0)).startsWith("Is trial activation 6x faster, and from what? HOLDS ONLY IF the round trip is short (below about 0.053 ms, estimated): 6.57x [")
                .containsPattern("^[^?]+\\? HOLDS ONLY IF [^:]+: " + FACTOR + " naive before / batched after \\(threshold 5.40x\\), ")
                .containsPattern("indexes alone 3.86x \\[.*\\] naive, 5.79x \\[.*\\] batched; batching alone 1.14x \\[.*\\]"
                        + " before the migrations, 1.70x \\[.*\\] after")
                .containsPattern("with the 20.0 ms round trip the report's own figures imply: 2.31x \\[");
        assertThat(List.of(Answers.Source.values())).anySatisfy(source -> assertThat(lines.get(0)).contains(source.text()));
        assertThat(lines.get(1)).containsPattern("^Is the report listing 20x faster\\? FAILS: 4.45x \\[.*\\] for 1000 records"
                + " \\(threshold 18.0x\\); a page of 50: 25.3x \\[").contains("reports holds 25,000 rows");
        assertThat(lines.get(2)).startsWith("Do the migrations leave writers unblocked (\"No table locks\")? HOLDS ONLY IF"
                + " \"no table locks\" means \"writers are not blocked\": ").contains("38.2 ms (V3.12)", "1,000 ms",
                "1,843 inserts, 0 failed");
        assertThat(lines.get(3)).startsWith("Do the KPIs hold under load? HOLDS ONLY IF at the offered rates measured: ")
                .contains("20.2 ms (activation-batched-after, activate-batched) against 50.0 ms", "against 80.00 %");
        assertThat(lines.get(4)).startsWith("Which statement still dominates? NEWEST_REPORTS, 36.11 % of all statement time");
    }

    @Test
    void withoutLoadRunsTheKpisUnderLoadAreNotJudged() {
        RunFolder run = RunFolder.read(Fixture.copyAll(temp));
        Path load = run.folder().resolve("load.json");
        load.toFile().delete();

        Answer kpis = Answers.of(RunFolder.read(run.folder())).get(3);

        assertThat(kpis.verdict()).contains(Verdict.NOT_JUDGED);
        assertThat(kpis.detail()).startsWith("this run has no load runs");
    }

    @Test
    void theSpeedupComesFromTheFactorWhoseIntervalsLieWhollyAboveTheOthers() {
        List<Interval> small = List.of(new Interval(1.2, 1.0, 1.4), new Interval(1.6, 1.4, 1.9));
        List<Interval> large = List.of(new Interval(4, 2.5, 6), new Interval(6, 3.5, 9));
        List<Interval> overlapping = List.of(new Interval(2, 1.5, 2.6), new Interval(3, 1.8, 4));

        assertThat(Answers.source(small, large)).isEqualTo(Answers.Source.INDEXES);
        assertThat(Answers.source(large, small)).isEqualTo(Answers.Source.BATCHING);
        assertThat(Answers.source(small, overlapping)).isEqualTo(Answers.Source.NOT_SETTLED);
        assertThat(Answers.source(small, List.of(Interval.exact(Double.NaN)))).isEqualTo(Answers.Source.NOT_MEASURED);
    }

    @Test
    void verdictsTakenTogetherGiveTheWeakest() {
        Judgement holds = Judgement.holds("a");
        Judgement better = Judgement.betterThanClaimed("b");
        Judgement atRates = Judgement.holdsOnlyIf("at the rates", "c");
        Judgement onAWindow = Judgement.holdsOnlyIf("on a window", "d");

        assertThat(Answers.weakest(List.of(holds, better)).verdict()).isEqualTo(Verdict.HOLDS);
        assertThat(Answers.weakest(List.of(holds, atRates, onAWindow)).verdictText())
                .isEqualTo("HOLDS ONLY IF at the rates and on a window");
        assertThat(Answers.weakest(List.of(atRates, Judgement.notJudged("e"))).verdict()).isEqualTo(Verdict.NOT_JUDGED);
        assertThat(Answers.weakest(List.of(Judgement.notJudged("e"), Judgement.notSettled("f"))).verdict())
                .isEqualTo(Verdict.NOT_SETTLED);
        Judgement fails = Answers.weakest(List.of(holds, Judgement.notSettled("f"), Judgement.fails("g")));
        assertThat(fails.verdict()).isEqualTo(Verdict.FAILS);
        assertThat(fails.reason()).isEqualTo("g");
    }

    @Test
    void theDominantStatementSaysWhetherItStillScansAndWhatDominatedBefore() {
        StatementEvidence scanBefore = statement("before", "FRAUD", 300, List.of("payments"));
        StatementEvidence listingBefore = statement("before", "LISTING", 700, List.of("reports"));
        StatementEvidence scanAfter = statement("after", "FRAUD", 60, List.of("payments"));
        StatementEvidence listingAfter = statement("after", "LISTING", 40, List.of());

        assertThat(Answers.dominant(List.of(scanBefore, listingBefore), List.of(scanAfter, listingAfter)))
                .isEqualTo("FRAUD, 60.00 % of all statement time after the migrations (mean 1.00 ms over 60 calls);"
                        + " it still scans payments sequentially: the report's indexes do not cover it; before the"
                        + " migrations LISTING cost the most (70.00 %)");
        assertThat(Answers.dominant(List.of(listingBefore), List.of(listingAfter)))
                .isEqualTo("LISTING, 100.00 % of all statement time after the migrations (mean 1.00 ms over 40 calls);"
                        + " its plan scans no table sequentially; it cost the most before the migrations too (100.00 %)");
        assertThat(Answers.dominant(List.of(), List.of())).startsWith("not recorded");
    }

    @Test
    void withoutStatementStatisticsTheDominantStatementIsNotCollectedAndThePlansSayWhatStillScans() {
        StatementEvidence scanAfter = statement("after", "FRAUD", 0, List.of("payments"));
        StatementEvidence listingAfter = statement("after", "LISTING", 0, List.of());

        assertThat(Answers.notCollected("no extension", List.of(listingAfter, scanAfter)))
                .isEqualTo("not collected: pg_stat_statements could not be read on this server (no extension); still"
                        + " scanning after the migrations, from the plans: FRAUD (payments)");
    }

    private static StatementEvidence statement(String schema, String name, double totalMillis, List<String> seqScans) {
        return new StatementEvidence(schema, name, "SELECT 1", (long) totalMillis, 1.0, totalMillis, 1, 0, "plan",
                List.of(), seqScans);
    }
}
