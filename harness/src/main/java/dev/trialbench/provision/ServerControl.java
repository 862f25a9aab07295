package dev.trialbench.provision;

/**
 * Stops and starts a server trialbench owns, on the same data directory and port, for fault
 * experiments (the database going away under load and coming back). Only an embedded server offers
 * it ({@link ProvisionedDatabase#serverControl()}); an external or container server is not stopped.
 * Implementations are thread-safe, but a stop and a start must not overlap: one experiment at a time.
 */
public interface ServerControl {

    /**
     * Stops the server the way a crash would ({@code pg_ctl stop -m immediate}: no checkpoint, every
     * connection cut), so that the restart must recover from the WAL. Returns once it is down.
     */
    void stopImmediately();

    /** Starts the server again with the options of its last start; returns once it accepts connections. */
    void start();
}
