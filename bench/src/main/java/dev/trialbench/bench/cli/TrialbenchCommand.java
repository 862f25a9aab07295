package dev.trialbench.bench.cli;

import dev.trialbench.db.DatabaseUnavailableException;
import dev.trialbench.db.MigrationException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code trialbench} command line. Infrastructure failures are caught here, once, and turned
 * into a message that says what to do next, and an exit code: 0 done, 1 failed, 2 bad usage.
 */
@Command(name = "trialbench", mixinStandardHelpOptions = true, version = CommandLineSetup.VERSION,
        description = "Proves or disproves a database optimization report with numbers.",
        subcommands = {RunCommand.class, ServeCommand.class, ReportCommand.class, MatrixCommand.class,
            dev.trialbench.bench.gate.GateCommand.class, dev.trialbench.bench.gate.BaselineCommand.class,
            dev.trialbench.bench.gate.ExportCommand.class})
public final class TrialbenchCommand implements Runnable {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (for tests and for {@link #main}). */
    public static int execute(String... args) {
        CommandLine commandLine = CommandLineSetup.configure(new CommandLine(new TrialbenchCommand()));
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            if (dev.trialbench.bench.pipeline.RunSession.stopping()) {
                return 130; // a stopped run: its clean-up says what happened, in one line
            }
            if (exception instanceof DatabaseUnavailableException || exception instanceof MigrationException) {
                line.getErr().println("trialbench: " + exception.getMessage());
                return 1;
            }
            if (exception instanceof IllegalArgumentException) {
                line.getErr().println("trialbench: " + exception.getMessage());
                return 2;
            }
            line.getErr().println("trialbench: failed: " + exception);
            exception.printStackTrace(line.getErr());
            return 1;
        });
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
