package kernellab.launch;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Function;
import java.util.regex.Pattern;

import kernellab.api.Policy;
import kernellab.launch.internal.Messages;

import org.eclipse.osgi.util.NLS;

/**
 * One row of the Workloads tab: a workload class started {@code count} times by init, with the
 * scheduling parameters and the uid its tasks get. Fields hold the text the user typed; {@link #check}
 * says what is wrong with them in the words of the launch dialog.
 *
 * @param className fully qualified name of a class implementing a workload type
 * @param count how many tasks run it, 1–10000
 * @param policy a {@link Policy} name, e.g. {@code SCHED_WRR}
 * @param weight WRR weight 1–20 (sched_setweight's range), used with SCHED_WRR
 * @param priority real-time priority 1–99, used with SCHED_FIFO and SCHED_RR
 * @param nice nice value −20…19, used with the fair policies
 * @param affinity CPU list as in {@code taskset -c} ("0-3,6"), empty for all CPUs
 * @param uid user id of the tasks; 0 (root) may raise weights, others may only lower them
 * @param arguments the program's arguments ({@code Syscalls.argv()}), separated by spaces; empty for none
 */
public record WorkloadRow(String className, String count, String policy, String weight, String priority,
        String nice, String affinity, String uid, String arguments) {

    /** Default weight of SCHED_WRR tasks. */
    public static final int DEFAULT_WEIGHT = 10;
    /** Largest number of tasks one row may start. */
    public static final int MAX_COUNT = 10_000;

    private static final Pattern CPU_LIST = Pattern.compile("\\d+(-\\d+)?(,\\d+(-\\d+)?)*");

    /**
     * A row for {@code className} with the defaults: one SCHED_WRR task of weight 10, nice 0, all
     * CPUs, uid 0 (root, as {@code kernellab run} defaults to, so that the lab's examples that raise
     * weights run from Run As / Debug As as they do from the command line), no arguments.
     */
    public static WorkloadRow of(String className) {
        return new WorkloadRow(className, "1", Policy.SCHED_WRR.name(), Integer.toString(DEFAULT_WEIGHT), "1", "0", "",
                "0", "");
    }

    /** @return the arguments as the program receives them: the words of {@link #arguments()} */
    public List<String> argumentList() {
        String words = arguments.strip();
        return words.isEmpty() ? List.of() : List.of(words.split("\\s+"));
    }

    /** @return the first problem of this row on a machine with {@code cpus} CPUs, or empty if it is fine */
    public Optional<String> check(int cpus) {
        if (className.isBlank()) {
            return Optional.of(Messages.Workload_noClass);
        }
        Optional<String> problem = SimulationSettings.checkRange(count, 1, MAX_COUNT, NLS.bind(Messages.Workload_count, className));
        if (problem.isPresent()) {
            return problem;
        }
        Policy p = policyOrNull();
        if (p == null) {
            return Optional.of(NLS.bind(Messages.Workload_badPolicy, className, policy));
        }
        if (p == Policy.SCHED_WRR) {
            problem = SimulationSettings.checkRange(weight, 1, 20, NLS.bind(Messages.Workload_weight, className));
        } else if (p.isRealTime()) {
            problem = SimulationSettings.checkRange(priority, 1, 99, NLS.bind(Messages.Workload_priority, className));
        } else {
            problem = SimulationSettings.checkRange(nice, -20, 19, NLS.bind(Messages.Workload_nice, className));
        }
        if (problem.isPresent()) {
            return problem;
        }
        if (!affinity.isBlank()) {
            if (!CPU_LIST.matcher(affinity.strip()).matches()) {
                return Optional.of(NLS.bind(Messages.Workload_badAffinity, className, affinity));
            }
            for (String part : affinity.strip().split("[,-]")) {
                if (Integer.parseInt(part) >= cpus) {
                    return Optional.of(NLS.bind(Messages.Workload_affinityOutside, new Object[] {className, affinity, cpus}));
                }
            }
        }
        return SimulationSettings.checkRange(uid, 0, 65_535, NLS.bind(Messages.Workload_uid, className));
    }

    /** @return the policy, or null when the text names none */
    public Policy policyOrNull() {
        for (Policy p : Policy.values()) {
            if (p.name().equals(policy)) {
                return p;
            }
        }
        return null;
    }

    /** The columns of a row, with the keys used in the stored attribute. */
    public enum Field {
        CLASS("class", WorkloadRow::className),
        COUNT("count", WorkloadRow::count),
        POLICY("policy", WorkloadRow::policy),
        WEIGHT("weight", WorkloadRow::weight),
        PRIORITY("priority", WorkloadRow::priority),
        NICE("nice", WorkloadRow::nice),
        AFFINITY("affinity", WorkloadRow::affinity),
        UID("uid", WorkloadRow::uid),
        ARGUMENTS("args", WorkloadRow::arguments);

        private final String key;
        private final Function<WorkloadRow, String> getter;

        Field(String key, Function<WorkloadRow, String> getter) {
            this.key = key;
            this.getter = getter;
        }

        /** @return the key of this field in the stored attribute */
        public String key() {
            return key;
        }
    }

    /** @return the text of one field */
    public String get(Field field) {
        return field.getter.apply(this);
    }

    /** @return a copy with one field replaced */
    public WorkloadRow with(Field field, String value) {
        String[] values = new String[Field.values().length];
        for (Field f : Field.values()) {
            values[f.ordinal()] = f == field ? value : get(f);
        }
        return fromValues(values);
    }

    /** @return this row as one attribute string: {@code key=value} pairs separated by {@code ;} */
    public String encode() {
        StringJoiner out = new StringJoiner(";");
        for (Field f : Field.values()) {
            out.add(f.key + "=" + get(f).replace(";", ""));
        }
        return out.toString();
    }

    /** Reads a row written by {@link #encode()}; missing fields take the defaults of {@link #of}. */
    public static WorkloadRow decode(String encoded) {
        Map<String, String> stored = new HashMap<>();
        for (String pair : encoded.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                stored.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        WorkloadRow defaults = of(stored.getOrDefault(Field.CLASS.key, ""));
        String[] values = new String[Field.values().length];
        for (Field f : Field.values()) {
            values[f.ordinal()] = stored.getOrDefault(f.key, defaults.get(f));
        }
        return fromValues(values);
    }

    private static WorkloadRow fromValues(String[] v) {
        return new WorkloadRow(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]);
    }
}
