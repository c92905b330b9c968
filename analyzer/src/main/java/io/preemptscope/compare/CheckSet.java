package io.preemptscope.compare;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** A named list of checks, built in or read from a checks file. */
public abstract class CheckSet {
    public static final String GO114_PREEMPTION = "go1.14-preemption";
    public static final String NO_REGRESSION = "no-regression";
    private static final Map<String, Supplier<CheckSet>> BUILT_IN = Map.of(
            GO114_PREEMPTION, Go114PreemptionChecks::new,
            NO_REGRESSION, NoRegressionChecks::new);

    CheckSet() {}

    public abstract String name();

    abstract List<CheckResult> evaluate(SideFigures baseline, SideFigures candidate, Tolerances tolerances);

    /** Whether a check set reads {@code analyze --format json} by path, which must then be rendered. */
    public boolean readsReport() {
        return false;
    }

    public static boolean isBuiltIn(String name) {
        return BUILT_IN.containsKey(name);
    }

    public static List<String> builtInNames() {
        return List.of(GO114_PREEMPTION, NO_REGRESSION);
    }

    public static CheckSet builtIn(String name) {
        Supplier<CheckSet> s = BUILT_IN.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no built-in check set " + name);
        }
        return s.get();
    }

    /** The checks a YAML or JSON file lists. */
    public static CheckSet file(Path file) throws ChecksFileException {
        return ChecksFile.read(file);
    }
}
