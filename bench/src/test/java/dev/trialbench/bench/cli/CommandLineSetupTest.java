package dev.trialbench.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trialbench.bench.testing.TerminalCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CommandLineSetupTest {

    @RegisterExtension
    final TerminalCapture terminal = new TerminalCapture();

    @Test
    void theTopLevelHelpShowsEveryCommandsWholeDescription() {
        int exit = TrialbenchCommand.execute("--help");

        assertThat(exit).isZero();
        String help = terminal.out().replaceAll("\\s+", " ");
        assertThat(help).contains("write the run folder and its report.")
                .contains("and run until interrupted (Ctrl-C).")
                .contains("Never writes the baseline (see 'trialbench baseline').");
    }

    @Test
    void everySubcommandAnswersVersion() {
        for (String[] command : new String[][] {{"run", "--version"}, {"serve", "--version"}, {"report", "--version"},
            {"gate", "--version"}, {"baseline", "--version"}, {"export", "--version"}, {"export", "bmf", "--version"}}) {
            int exit = TrialbenchCommand.execute(command);

            assertThat(exit).as(String.join(" ", command)).isZero();
        }
        assertThat(terminal.out().lines().filter(line -> line.equals(CommandLineSetup.VERSION)).count()).isEqualTo(7);
    }

    @Test
    void aBadFlagGivesOneErrorLineAndOneHintLine() {
        int exit = TrialbenchCommand.execute("run", "--keep-databse");

        assertThat(exit).isEqualTo(2);
        assertThat(terminal.err().lines().toList()).containsExactly(
                "trialbench run: Unknown option: '--keep-databse'",
                "Did you mean --keep-database? See 'trialbench run --help' for the usage.");
        assertThat(terminal.out()).isEmpty();
    }

    @Test
    void aMissingValueSaysWhereTheUsageIs() {
        int exit = TrialbenchCommand.execute("gate");

        assertThat(exit).isEqualTo(2);
        assertThat(terminal.err().lines().toList()).hasSize(2)
                .last().isEqualTo("See 'trialbench gate --help' for the usage.");
    }
}
