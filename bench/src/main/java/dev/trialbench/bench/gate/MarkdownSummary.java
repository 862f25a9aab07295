package dev.trialbench.bench.gate;

/**
 * The gate's result as Markdown for a pull-request comment: the verdict, what needs attention with its
 * message, and one table per tier (folded when every row passed). The first line is a marker that
 * comment actions can find to update the comment in place. Stateless.
 */
public final class MarkdownSummary {

    public static final String MARKER = "<!-- trialbench-gate -->";

    private MarkdownSummary() {
    }

    public static String render(GateReport report) {
        StringBuilder out = new StringBuilder();
        out.append(MARKER).append('\n');
        out.append("## trialbench gate: ").append(report.headline()).append("\n\n");
        out.append(escape(report.header())).append(". ").append(report.summary()).append(".\n\n");
        if (!report.attention().isEmpty()) {
            for (Check check : report.attention()) {
                out.append("- **").append(check.verdict().name()).append("** (").append(Check.tierTitle(check.tier()))
                        .append(") `").append(check.name()).append("`: ").append(escape(check.message())).append('\n');
            }
            out.append('\n');
        }
        for (int tier : report.tiersWithChecks()) {
            long notPassing = report.checks(tier).stream().filter(check -> check.verdict() != GateVerdict.PASS).count();
            out.append(notPassing > 0 ? "<details open>" : "<details>").append("<summary>")
                    .append(Check.tierTitle(tier)).append(": ").append(report.checks(tier).size()).append(" checks, ")
                    .append(notPassing == 0 ? "all pass" : notPassing + " not plain passes").append("</summary>\n\n");
            out.append("| verdict | check | expected | measured | tolerance | direction |\n");
            out.append("|---|---|---|---|---|---|\n");
            for (Check check : report.checks(tier)) {
                out.append("| ").append(verdict(check.verdict())).append(" | ").append(cell(check.name()))
                        .append(" | ").append(cell(check.expected())).append(" | ").append(cell(check.measured()))
                        .append(" | ").append(cell(check.tolerance())).append(" | ").append(check.direction().text())
                        .append(" |\n");
            }
            out.append("\n</details>\n\n");
        }
        if (!report.notes().isEmpty()) {
            out.append("Notes:\n\n");
            report.notes().forEach(note -> out.append("- ").append(escape(note)).append('\n'));
            out.append('\n');
        }
        out.append("Exit ").append(report.exitCode()).append(": ").append(TerminalTable.meaning(report.exitCode()))
                .append(". Exit codes: 0 pass, 1 regression, 2 could not measure.\n");
        return out.toString();
    }

    private static String verdict(GateVerdict verdict) {
        return verdict == GateVerdict.PASS ? "PASS" : "**" + verdict.name() + "**";
    }

    private static String cell(String text) {
        return escape(text).replace("|", "\\|");
    }

    /** Keeps text on one line and stops it from opening HTML tags. */
    private static String escape(String text) {
        return text.replace("\r", " ").replace("\n", " ").replace("<", "&lt;");
    }
}
