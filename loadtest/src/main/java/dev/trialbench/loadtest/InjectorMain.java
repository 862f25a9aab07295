package dev.trialbench.loadtest;

import java.util.ArrayList;
import java.util.List;

/**
 * One injector JVM: runs one Gatling simulation with the {@code -Dtrialbench.*} settings of this
 * JVM and exits with Gatling's code (0 passed, 2 assertions failed, anything else an error). Exits
 * explicitly, because a server thread left behind by a crashed simulation would keep the JVM alive.
 * Forked by {@link LoadRunner}; can be run by hand on another machine:
 * <pre>
 * java --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/jdk.internal.misc=ALL-UNNAMED \
 *   -Dtrialbench.baseUrl=http://HOST:8080 -Dtrialbench.injector=1 -Dtrialbench.injectors=2 \
 *   -cp bench/target/trialbench.jar dev.trialbench.loadtest.InjectorMain \
 *   dev.trialbench.loadtest.simulations.ActivationSimulation target/gatling --no-reports
 * </pre>
 * Not thread-safe (a main class).
 */
public final class InjectorMain {

    private InjectorMain() {
    }

    public static void main(String[] args) {
        if (args.length < 2 || args.length > 3 || args.length == 3 && !args[2].equals("--no-reports")) {
            System.err.println("usage: InjectorMain <simulation class> <Gatling results folder> [--no-reports]");
            System.exit(64);
        }
        List<String> gatling = new ArrayList<>(List.of("--simulation", args[0], "--results-folder", args[1]));
        if (args.length == 3) {
            gatling.add("--no-reports");
        }
        int code;
        try {
            code = io.gatling.app.Gatling$.MODULE$.fromArgs(gatling.toArray(String[]::new));
        } catch (Throwable e) {
            System.err.println("trialbench injector: the simulation failed: " + e);
            e.printStackTrace();
            code = 1;
        }
        System.out.flush();
        System.exit(code);
    }
}
