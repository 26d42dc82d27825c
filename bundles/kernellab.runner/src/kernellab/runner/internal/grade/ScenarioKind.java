package kernellab.runner.internal.grade;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The kinds of scenario a rubric can use: each a set of rules of the lab with its settings and their defaults. */
public enum ScenarioKind {
    /** {@link PolicyScenario}. */
    POLICY("policy", "Policy 7, weights and slices", PolicyScenario.KEYS, PolicyScenario::new),
    /** {@link ClassOrderScenario}. */
    CLASS_ORDER("class-order", "Class order: RT > WRR > NORMAL", ClassOrderScenario.KEYS, ClassOrderScenario::new),
    /** {@link PlacementScenario}. */
    PLACEMENT("placement", "Placement on fork and wake-up", PlacementScenario.KEYS, PlacementScenario::new),
    /** {@link BalanceScenario}. */
    BALANCE("balance", "Load balancing", BalanceScenario.KEYS, BalanceScenario::new),
    /** {@link SafetyScenario}. */
    SAFETY("safety", "Safety and no starvation", SafetyScenario.KEYS, SafetyScenario::new),
    /** {@link CostScenario}. */
    COST("cost", "Constant-time hooks", CostScenario.KEYS, CostScenario::new),
    /** {@link DifferentialScenario}. */
    DIFFERENTIAL("differential", "Same trace as the reference WRR", DifferentialScenario.KEYS, DifferentialScenario::new);

    private final String id;
    private final String title;
    private final Map<String, String> keys;
    private final Function<Settings, Scenario> factory;

    ScenarioKind(String id, String title, Map<String, String> keys, Function<Settings, Scenario> factory) {
        this.id = id;
        this.title = title;
        this.keys = keys;
        this.factory = factory;
    }

    /** @return its name in a rubric */
    public String id() {
        return id;
    }

    /** @return its default title */
    public String title() {
        return title;
    }

    /** @return its settings and their defaults */
    public Map<String, String> keys() {
        return keys;
    }

    /**
     * @param id a name in a rubric
     * @return the kind, or {@code null}
     */
    public static ScenarioKind named(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst().orElse(null);
    }

    /** @return the names of all kinds */
    public static List<String> names() {
        return Arrays.stream(values()).map(ScenarioKind::id).toList();
    }

    /**
     * @param settings its settings
     * @return a scenario of this kind
     * @throws RubricException for a bad setting
     */
    Scenario create(Settings settings) {
        return factory.apply(settings);
    }

    /** @return a scenario of this kind with the default settings */
    Scenario withDefaults() {
        return create(new Settings("defaults", id, keys, Map.of(), 0));
    }
}
