package dev.trialbench.bench.gate;

import dev.trialbench.bench.format.Numbers;
import dev.trialbench.bench.runfolder.RunFolder;
import dev.trialbench.bench.runfolder.RunFolderException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code trialbench baseline <run-folder>... [--out FILE]}: the one command that writes a baseline,
 * from one or more complete runs of one profile, scale and seed (three are intended: the spread
 * between them sets the tier-2 tolerances). Exit 0 written, 1 the runs cannot make a baseline (the
 * message says why), 2 bad usage. Not thread-safe: picocli fills its fields for one call.
 */
@Command(name = "baseline", mixinStandardHelpOptions = true,
        description = {"Writes the gate's baseline from one or more runs of one profile, scale and seed (three intended):",
            "tier-1 expectations, tier-2 ratios with their measured spread and tolerance, tier-3 budgets."})
public final class BaselineCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "<run-folder>", description = "Run folders (raw files needed).")
    List<Path> runFolders;

    @Option(names = "--out", defaultValue = Baseline.DEFAULT_FILE, paramLabel = "FILE",
            description = "Where to write it. Default ${DEFAULT-VALUE}.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            List<RunFolder> runs = new ArrayList<>();
            for (Path folder : runFolders) {
                runs.add(RunFolder.read(folder));
            }
            String command = "./trialbench baseline " + String.join(" ", runFolders.stream().map(Path::toString).toList())
                    + " --out " + out;
            Baseline baseline = BaselineBuilder.build(runs, command);
            baseline.write(out);
            stdout.println("wrote " + out + " from " + baseline.describe() + ": " + baseline.cells().size() + " cells, "
                    + baseline.statements().size() + " statements, " + baseline.ratios().size() + " ratios, "
                    + baseline.budgets().size() + " budgets");
            stdout.println(baseline.source().note());
            for (Baseline.RatioExpectation ratio : baseline.ratios()) {
                stdout.println("  " + ratio.name() + ": " + Numbers.factor(ratio.value()) + ", "
                        + ratio.explain());
            }
            stdout.flush();
            return 0;
        } catch (RunFolderException | BaselineException e) {
            err.println("trialbench baseline: " + e.getMessage());
            err.flush();
            return 1;
        } catch (IOException e) {
            err.println("trialbench baseline: cannot write " + out + ": " + e.getMessage());
            err.flush();
            return 1;
        }
    }
}
