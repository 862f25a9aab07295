package dev.trialbench.http;

import java.util.ArrayList;
import java.util.List;

/**
 * How the HTTP service listens. Immutable and validated on construction.
 *
 * @param bindAddress   an address literal or host name to bind to; 127.0.0.1 keeps the service local
 * @param port          0 to 65535; 0 takes any free port ({@link TrialService#port()} tells which)
 * @param workerThreads threads that serve requests (requests beyond them wait in the executor's queue)
 */
public record ServiceConfig(String bindAddress, int port, int workerThreads) {

    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    /** Twice the pool: one thread can wait for a connection while another parses or writes. */
    public static final int THREADS_PER_CONNECTION = 2;

    public ServiceConfig {
        List<String> problems = new ArrayList<>();
        if (bindAddress == null || bindAddress.isBlank()) {
            problems.add("the bind address must not be empty (flag --bind)");
        }
        if (port < 0 || port > 65_535) {
            problems.add("the port must be within 0..65535 (flag --port), was " + port);
        }
        if (workerThreads < 1) {
            problems.add("the service needs at least one worker thread, was " + workerThreads);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid service configuration: " + String.join("; ", problems));
        }
    }

    /** Local only, any free port, {@value #THREADS_PER_CONNECTION} threads per pooled connection. */
    public static ServiceConfig forPool(int poolSize) {
        return new ServiceConfig(DEFAULT_BIND_ADDRESS, 0, Math.max(1, poolSize) * THREADS_PER_CONNECTION);
    }

    public ServiceConfig withBindAddress(String address) {
        return new ServiceConfig(address, port, workerThreads);
    }

    public ServiceConfig withPort(int newPort) {
        return new ServiceConfig(bindAddress, newPort, workerThreads);
    }
}
