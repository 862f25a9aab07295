package dev.trialbench.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code trialbench serve}: bad flags are refused (exit 2) before any database is provisioned. */
class ServeCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @BeforeEach
    void captureTheTerminal() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreTheTerminal() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    @Test
    void unknownSchemaExitsTwoNamingTheFlag() {
        int exit = TrialbenchCommand.execute("serve", "--schema", "sideways");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--schema").contains("before or after");
    }

    @Test
    void portOutOfRangeExitsTwoNamingTheFlag() {
        int exit = TrialbenchCommand.execute("serve", "--port", "70000");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--port");
    }

    @Test
    void helpListsTheOptions() {
        int exit = TrialbenchCommand.execute("serve", "--help");

        assertThat(exit).isEqualTo(0);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--schema", "--scale", "--port", "--bind", "--jdbc-url");
    }
}
