package dev.trialbench.loadtest.config;

import java.util.Locale;

/**
 * The workloads a load run can offer, each with the Gatling simulation that runs it. Thread-safe.
 */
public enum Scenario {
    /** Trial activations only (the implementation under test: naive or batched). */
    ACTIVATION("dev.trialbench.loadtest.simulations.ActivationSimulation"),
    /** Report listing only: heavy report owners and other active users. */
    LISTING("dev.trialbench.loadtest.simulations.ListingSimulation"),
    /** 90 % listing, 10 % activation, as a backend mostly reads. */
    MIXED("dev.trialbench.loadtest.simulations.MixedSimulation");

    private final String simulationClass;

    Scenario(String simulationClass) {
        this.simulationClass = simulationClass;
    }

    /** The fully qualified name of the Gatling simulation class. */
    public String simulationClass() {
        return simulationClass;
    }

    /** Lower-case name, used in file names and labels. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
