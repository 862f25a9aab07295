package dev.trialbench.bench.gate;

import java.util.ArrayList;
import java.util.List;

/**
 * The gate's rows as a plain-text table for the terminal and the CI log, then what needs attention
 * (each regression, improvement and missing figure with its message), the notes and the exit code.
 * Check names wider than {@value #NAME_WIDTH} characters and other cells wider than
 * {@value #MAX_WIDTH} are shortened in the table only (a plan's index list can be long); the messages
 * below it, the JUnit XML and the Markdown are never shortened. Stateless.
 */
public final class TerminalTable {

    static final int NAME_WIDTH = 60;
    static final int MAX_WIDTH = 40;
    private static final int NAME_COLUMN = 2;
    private static final List<String> HEADER = List.of("VERDICT", "TIER", "CHECK", "EXPECTED", "MEASURED", "TOLERANCE",
            "DIRECTION");

    private TerminalTable() {
    }

    public static String render(GateReport report) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (Check check : report.checks()) {
            rows.add(List.of(check.verdict().name(), String.valueOf(check.tier()), check.name(), check.expected(),
                    check.measured(), check.tolerance(), check.direction().text()));
        }
        int[] widths = new int[HEADER.size()];
        for (List<String> row : rows) {
            for (int column = 0; column < row.size(); column++) {
                widths[column] = Math.max(widths[column], shorten(row.get(column), column).length());
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("trialbench gate: ").append(report.headline()).append('\n');
        out.append(report.header()).append("\n\n");
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int column = 0; column < row.size(); column++) {
                String cell = shorten(row.get(column), column);
                line.append(cell).append(" ".repeat(widths[column] - cell.length() + 2));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        List<Check> attention = report.attention();
        if (!attention.isEmpty()) {
            out.append('\n');
            for (Check check : attention) {
                out.append(check.verdict().name()).append("  ").append(check.name()).append('\n');
                out.append("  ").append(check.message()).append('\n');
            }
        }
        if (!report.notes().isEmpty()) {
            out.append("\nnotes:\n");
            report.notes().forEach(note -> out.append("  - ").append(note).append('\n'));
        }
        out.append('\n').append(report.summary()).append('\n');
        out.append("exit ").append(report.exitCode()).append(": ").append(meaning(report.exitCode())).append('\n');
        return out.toString();
    }

    /** What an exit code means, in the words the README uses. */
    static String meaning(int exitCode) {
        return switch (exitCode) {
            case GateReport.PASSED -> "pass (improvements pass, and are shown)";
            case GateReport.REGRESSED -> "regression; if it is intended, refresh the baseline (README, \"Gate\")";
            default -> "could not measure; the messages above say what is missing";
        };
    }

    private static String shorten(String text, int column) {
        int width = column == NAME_COLUMN ? NAME_WIDTH : MAX_WIDTH;
        return text.length() <= width ? text : text.substring(0, width - 3) + "...";
    }
}
