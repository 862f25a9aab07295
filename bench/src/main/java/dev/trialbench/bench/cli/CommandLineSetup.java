package dev.trialbench.bench.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * What every command of the command line shares, applied once to the whole tree: {@code --version}
 * answers on every subcommand, a command list shows each command's whole description (picocli shows
 * only its first line, which cut them mid-sentence), and a bad flag or argument gives one line of
 * error and one line of hint instead of the full usage. Stateless.
 */
final class CommandLineSetup {

    static final String VERSION = "trialbench 0.1.0";

    private CommandLineSetup() {
    }

    static CommandLine configure(CommandLine root) {
        apply(root);
        root.setParameterExceptionHandler((exception, arguments) -> {
            CommandLine failed = exception.getCommandLine();
            String name = failed.getCommandSpec().qualifiedName();
            failed.getErr().println(name + ": " + exception.getMessage());
            failed.getErr().println(hint(exception, name));
            return 2;
        });
        return root;
    }

    /** The hint line: the likely flag when picocli has one, and where the full usage is. */
    static String hint(CommandLine.ParameterException exception, String name) {
        String usage = "See '" + name + " --help' for the usage.";
        if (exception instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            List<String> suggestions = unmatched.getSuggestions();
            return "Did you mean " + String.join(" or ", suggestions.subList(0, Math.min(3, suggestions.size())))
                    + "? " + usage;
        }
        return usage;
    }

    private static void apply(CommandLine line) {
        CommandSpec spec = line.getCommandSpec();
        if (spec.version().length == 0) {
            spec.version(VERSION);
        }
        if (!line.getSubcommands().isEmpty()) {
            line.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, CommandLineSetup::commandList);
        }
        for (CommandLine sub : new ArrayList<>(line.getSubcommands().values())) {
            if (sub.getParent() == line) {
                apply(sub);
            }
        }
    }

    /** Every subcommand with its whole description, wrapped to the usage width. */
    private static String commandList(Help help) {
        Map<String, Help> subcommands = help.subcommands();
        if (subcommands.isEmpty()) {
            return "";
        }
        int nameWidth = subcommands.keySet().stream().mapToInt(String::length).max().orElse(8) + 2;
        int width = help.commandSpec().usageMessage().width();
        TextTable table = TextTable.forColumns(help.colorScheme(),
                new Column(nameWidth + 2, 2, Column.Overflow.SPAN),
                new Column(Math.max(20, width - nameWidth - 2), 1, Column.Overflow.WRAP));
        for (Map.Entry<String, Help> entry : subcommands.entrySet()) {
            String[] lines = entry.getValue().commandSpec().usageMessage().description();
            String description = String.join(" ", lines).replaceAll("\\s+", " ").strip();
            table.addRowValues(entry.getKey(), description);
        }
        return table.toString();
    }
}
