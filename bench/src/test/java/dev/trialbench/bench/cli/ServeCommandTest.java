package dev.trialbench.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trialbench.bench.testing.TerminalCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code trialbench serve}: bad flags are refused (exit 2) before any database is provisioned. */
class ServeCommandTest {

    @RegisterExtension
    final TerminalCapture terminal = new TerminalCapture();

    @Test
    void unknownSchemaExitsTwoNamingTheFlag() {
        int exit = TrialbenchCommand.execute("serve", "--schema", "sideways");

        assertThat(exit).isEqualTo(2);
        assertThat(terminal.err()).contains("--schema").contains("before or after");
    }

    @Test
    void portOutOfRangeExitsTwoNamingTheFlag() {
        int exit = TrialbenchCommand.execute("serve", "--port", "70000");

        assertThat(exit).isEqualTo(2);
        assertThat(terminal.err()).contains("--port");
    }

    @Test
    void poolSizeOutOfRangeExitsTwoNamingTheFlag() {
        int exit = TrialbenchCommand.execute("serve", "--pool-size", "0");

        assertThat(exit).isEqualTo(2);
        assertThat(terminal.err()).contains("--pool-size");
    }

    @Test
    void helpListsTheOptions() {
        int exit = TrialbenchCommand.execute("serve", "--help");

        assertThat(exit).isEqualTo(0);
        assertThat(terminal.out()).contains("--schema", "--scale", "--port", "--bind", "--pool-size", "--jdbc-url");
    }
}
