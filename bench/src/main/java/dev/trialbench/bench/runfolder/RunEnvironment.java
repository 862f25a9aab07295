package dev.trialbench.bench.runfolder;

import java.util.Map;

/**
 * What produced a run, as written to {@code environment.json}: enough to reproduce it and to judge
 * whether two runs can be compared. Never holds a password.
 */
public record RunEnvironment(
        String trialbenchVersion,
        String gitSha,
        String host,
        String startedAt,
        String profile,
        double scale,
        long seed,
        String seedAnchor,
        String provider,
        String providerReason,
        String postgresVersion,
        Map<String, String> postgresSettings,
        String jdk,
        String os,
        String cpuModel,
        int cores,
        long memoryBytes,
        int forks,
        String command) {
}
