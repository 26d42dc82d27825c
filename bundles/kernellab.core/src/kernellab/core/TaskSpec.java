package kernellab.core;

import java.util.BitSet;
import java.util.List;
import java.util.Objects;

import kernellab.api.Policy;
import kernellab.api.Workload;
import kernellab.core.task.SyntheticWorkload;

/**
 * What to launch on a machine: a Java {@link Workload} or a {@link SyntheticWorkload}, how many
 * copies, and the scheduling attributes they start with. Launched tasks are children of init;
 * unset attributes are inherited from init (policy {@link MachineConfig#initPolicy()}, weight
 * 10, nice 0, all CPUs, uid 0).
 *
 * <pre>{@code
 * TaskSpec.of("hog", SyntheticWorkload.cpuBound()).count(3).weight(5).build();
 * TaskSpec.of("demo", new MyWorkload()).policy(Policy.SCHED_FIFO, 50).uid(1000).build();
 * }</pre>
 *
 * @param comm command name (at most 15 characters are kept)
 * @param workload Java workload, or {@code null}
 * @param synthetic synthetic workload, or {@code null}
 * @param count number of tasks
 * @param policy policy, or {@code null} to inherit
 * @param priority RT priority for a real-time policy
 * @param weight WRR weight 1–20, or {@code null}
 * @param nice nice −20…19, or {@code null}
 * @param affinity allowed CPUs, or {@code null}
 * @param uid user id, or {@code null}
 * @param args arguments
 */
public record TaskSpec(String comm, Workload workload, SyntheticWorkload synthetic, int count, Policy policy,
        int priority, Integer weight, Integer nice, BitSet affinity, Integer uid, List<String> args) {

    /** Validates the spec like the kernel validates the equivalent system calls. */
    public TaskSpec {
        Objects.requireNonNull(comm, "comm");
        if ((workload == null) == (synthetic == null)) {
            throw new IllegalArgumentException("exactly one of workload and synthetic must be given");
        }
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1: " + count);
        }
        if (policy != null && (policy.isRealTime() ? priority < 1 || priority > 99 : priority != 0)) {
            throw new IllegalArgumentException("priority " + priority + " is invalid for " + policy);
        }
        if (weight != null && (weight < 1 || weight > 20)) {
            throw new IllegalArgumentException("weight must be 1..20: " + weight);
        }
        if (nice != null && (nice < -20 || nice > 19)) {
            throw new IllegalArgumentException("nice must be -20..19: " + nice);
        }
        if (uid != null && uid < 0) {
            throw new IllegalArgumentException("uid must not be negative: " + uid);
        }
        affinity = affinity == null ? null : (BitSet) affinity.clone();
        args = List.copyOf(args);
    }

    /**
     * @param comm command name
     * @param workload Java workload (one instance shared by all copies)
     * @return a builder
     */
    public static Builder of(String comm, Workload workload) {
        return new Builder(comm, Objects.requireNonNull(workload, "workload"), null);
    }

    /**
     * @param comm command name
     * @param synthetic synthetic workload
     * @return a builder
     */
    public static Builder of(String comm, SyntheticWorkload synthetic) {
        return new Builder(comm, null, Objects.requireNonNull(synthetic, "synthetic"));
    }

    /** Builds a {@link TaskSpec}. */
    public static final class Builder {
        private final String comm;
        private final Workload workload;
        private final SyntheticWorkload synthetic;
        private int count = 1;
        private Policy policy;
        private int priority;
        private Integer weight;
        private Integer nice;
        private BitSet affinity;
        private Integer uid;
        private List<String> args = List.of();

        private Builder(String comm, Workload workload, SyntheticWorkload synthetic) {
            this.comm = comm;
            this.workload = workload;
            this.synthetic = synthetic;
        }

        /**
         * @param n number of tasks
         * @return this builder
         */
        public Builder count(int n) {
            this.count = n;
            return this;
        }

        /**
         * @param p a non-real-time policy
         * @return this builder
         */
        public Builder policy(Policy p) {
            return policy(p, 0);
        }

        /**
         * @param p policy
         * @param rtPriority 1–99 for SCHED_FIFO/SCHED_RR, 0 otherwise
         * @return this builder
         */
        public Builder policy(Policy p, int rtPriority) {
            this.policy = p;
            this.priority = rtPriority;
            return this;
        }

        /**
         * @param w WRR weight 1–20
         * @return this builder
         */
        public Builder weight(int w) {
            this.weight = w;
            return this;
        }

        /**
         * @param n nice value
         * @return this builder
         */
        public Builder nice(int n) {
            this.nice = n;
            return this;
        }

        /**
         * @param cpus allowed CPUs
         * @return this builder
         */
        public Builder affinity(int... cpus) {
            BitSet m = new BitSet();
            for (int c : cpus) {
                m.set(c);
            }
            this.affinity = m;
            return this;
        }

        /**
         * @param id user id
         * @return this builder
         */
        public Builder uid(int id) {
            this.uid = id;
            return this;
        }

        /**
         * @param a arguments
         * @return this builder
         */
        public Builder args(String... a) {
            this.args = List.of(a);
            return this;
        }

        /** @return the spec */
        public TaskSpec build() {
            return new TaskSpec(comm, workload, synthetic, count, policy, priority, weight, nice, affinity, uid, args);
        }
    }
}
