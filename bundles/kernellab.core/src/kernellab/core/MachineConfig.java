package kernellab.core;

import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.function.Supplier;

import kernellab.api.Policy;
import kernellab.api.sched.SchedClassOps;

/**
 * The description of a simulated machine: hardware (CPUs, tick rate, memory), scheduler
 * settings and the seed. Immutable; build one with {@link #builder()}:
 *
 * <pre>{@code
 * MachineConfig cfg = MachineConfig.builder().cpus(8).hz(250).seed(42).balancePeriodMs(500).build();
 * }</pre>
 *
 * Every setting has the default a student would expect from the lab's Linux machine.
 */
public final class MachineConfig {

    /** The tick rates the kernel can be configured with ({@code CONFIG_HZ}). */
    public static final int[] SUPPORTED_HZ = {100, 250, 300, 1000};
    /** Most CPUs a machine may have. */
    public static final int MAX_CPUS = 1024;

    private final int cpus;
    private final int hz;
    private final long seed;
    private final long memoryBytes;
    private final long wrrBaseSliceNs;
    private final long balancePeriodNs;
    private final boolean idleBalance;
    private final boolean rtThrottling;
    private final long rtRuntimeNs;
    private final long rtPeriodNs;
    private final Policy initPolicy;
    private final boolean kthreads;
    private final Policy kthreadPolicy;
    private final long watchdogMillis;
    private final int pageTableLevels;
    private final boolean aslr;
    private final Supplier<? extends SchedClassOps> schedClass;
    private final Map<String, String> schedParams;
    private final boolean schedClassReplacesFair;
    private final long schedWatchdogNs;

    private MachineConfig(Builder b) {
        this.cpus = b.cpus;
        this.hz = b.hz;
        this.seed = b.seed;
        this.memoryBytes = b.memoryBytes;
        this.wrrBaseSliceNs = b.wrrBaseSliceNs;
        this.balancePeriodNs = b.balancePeriodNs;
        this.idleBalance = b.idleBalance;
        this.rtThrottling = b.rtThrottling;
        this.rtRuntimeNs = b.rtRuntimeNs;
        this.rtPeriodNs = b.rtPeriodNs;
        this.initPolicy = b.initPolicy;
        this.kthreads = b.kthreads;
        this.kthreadPolicy = b.kthreadPolicy;
        this.watchdogMillis = b.watchdogMillis;
        this.pageTableLevels = b.pageTableLevels;
        this.aslr = b.aslr;
        this.schedClass = b.schedClass;
        this.schedParams = Map.copyOf(b.schedParams);
        this.schedClassReplacesFair = b.schedClassReplacesFair;
        this.schedWatchdogNs = b.schedWatchdogNs;
    }

    /**
     * The class that serves policy 7 when none is chosen: the first provider of
     * {@link SchedClassOps} on the class path ({@code META-INF/services}), which is the lab's
     * reference SCHED_WRR in {@code kernellab.examples}; {@code null} when there is none, and
     * tasks of policy 7 then run in the fair class.
     *
     * @return a new instance of it, or {@code null}
     */
    public static SchedClassOps defaultSchedClass() {
        return ServiceLoader.load(SchedClassOps.class, SchedClassOps.class.getClassLoader()).findFirst().orElse(null);
    }

    /** @return what makes the class of policy 7, one instance per machine (default {@link #defaultSchedClass()}) */
    public Supplier<? extends SchedClassOps> schedClass() {
        return schedClass;
    }

    /** @return the class's parameters ({@code --sched-param NAME=VALUE}) */
    public Map<String, String> schedParams() {
        return schedParams;
    }

    /**
     * @return whether the class of policy 7 also schedules every SCHED_NORMAL, SCHED_BATCH and
     *         SCHED_IDLE task (the lab's "WRR replaces the fair class" variant, sched_ext without
     *         {@code SCX_OPS_SWITCH_PARTIAL}); off by default
     */
    public boolean schedClassReplacesFair() {
        return schedClassReplacesFair;
    }

    /**
     * @return how long, simulated, a runnable task of the class of policy 7 may wait without being
     *         picked before the class is disabled (sched_ext's watchdog), ns; 0 turns the check off
     *         (default 5 s)
     */
    public long schedWatchdogNs() {
        return schedWatchdogNs;
    }

    /** @return page-table levels of user address spaces: 4 (x86_64, 48-bit, the default), 3 (39-bit) or 2 (30-bit) */
    public int pageTableLevels() {
        return pageTableLevels;
    }

    /**
     * @return whether exec randomizes the layout (PIE base, mmap_base, stack, brk) from the
     *         machine's seed; off by default, like {@code setarch -R}, so addresses are the same on every run
     */
    public boolean aslr() {
        return aslr;
    }

    /** @return a builder with every default */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder starting from this configuration */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.cpus = cpus;
        b.hz = hz;
        b.seed = seed;
        b.memoryBytes = memoryBytes;
        b.wrrBaseSliceNs = wrrBaseSliceNs;
        b.balancePeriodNs = balancePeriodNs;
        b.idleBalance = idleBalance;
        b.rtThrottling = rtThrottling;
        b.rtRuntimeNs = rtRuntimeNs;
        b.rtPeriodNs = rtPeriodNs;
        b.initPolicy = initPolicy;
        b.kthreads = kthreads;
        b.kthreadPolicy = kthreadPolicy;
        b.watchdogMillis = watchdogMillis;
        b.pageTableLevels = pageTableLevels;
        b.aslr = aslr;
        b.schedClass = schedClass;
        b.schedParams = schedParams;
        b.schedClassReplacesFair = schedClassReplacesFair;
        b.schedWatchdogNs = schedWatchdogNs;
        return b;
    }

    /** @return number of CPUs, 1–1024 (default 4) */
    public int cpus() {
        return cpus;
    }

    /** @return timer interrupts per second: 100, 250, 300 or 1000 (default 1000) */
    public int hz() {
        return hz;
    }

    /** @return length of a tick (jiffy), ns */
    public long tickNs() {
        return 1_000_000_000L / hz;
    }

    /** @return the seed of all random choices (default 0) */
    public long seed() {
        return seed;
    }

    /** @return physical memory size in bytes (default 256 MiB) */
    public long memoryBytes() {
        return memoryBytes;
    }

    /** @return SCHED_WRR base slice, ns: a task's slice is weight × this (default 10 ms) */
    public long wrrBaseSliceNs() {
        return wrrBaseSliceNs;
    }

    /** @return period of the WRR (and fair) load balancer, ns (default 2000 ms) */
    public long balancePeriodNs() {
        return balancePeriodNs;
    }

    /** @return whether a CPU whose WRR queue empties pulls a task from another CPU (default on) */
    public boolean idleBalance() {
        return idleBalance;
    }

    /** @return whether RT throttling is on (default on) */
    public boolean rtThrottling() {
        return rtThrottling;
    }

    /** @return RT runtime per period ({@code sched_rt_runtime_us}), ns (default 950 ms) */
    public long rtRuntimeNs() {
        return rtRuntimeNs;
    }

    /** @return RT bandwidth period ({@code sched_rt_period_us}), ns (default 1000 ms) */
    public long rtPeriodNs() {
        return rtPeriodNs;
    }

    /** @return policy of init and thus of every launched workload unless it sets its own (default SCHED_WRR) */
    public Policy initPolicy() {
        return initPolicy;
    }

    /** @return whether kthreadd and per-CPU kernel threads are created (default off) */
    public boolean kthreads() {
        return kthreads;
    }

    /** @return policy of the kernel threads: SCHED_NORMAL (default) or SCHED_WRR */
    public Policy kthreadPolicy() {
        return kthreadPolicy;
    }

    /** @return real-time limit for workload code between two system calls, ms; 0 disables the watchdog (default 10 000) */
    public long watchdogMillis() {
        return watchdogMillis;
    }

    @Override
    public String toString() {
        return "MachineConfig[cpus=" + cpus + ", hz=" + hz + ", seed=" + seed + ", memoryBytes=" + memoryBytes
                + ", wrrBaseSliceNs=" + wrrBaseSliceNs + ", balancePeriodNs=" + balancePeriodNs + ", idleBalance="
                + idleBalance + ", rtThrottling=" + rtThrottling + ", rtRuntimeNs=" + rtRuntimeNs + ", rtPeriodNs="
                + rtPeriodNs + ", initPolicy=" + initPolicy + ", kthreads=" + kthreads + ", kthreadPolicy="
                + kthreadPolicy + ", watchdogMillis=" + watchdogMillis + ", pageTableLevels=" + pageTableLevels + ", aslr="
                + aslr + ", schedParams=" + schedParams + ", schedClassReplacesFair=" + schedClassReplacesFair
                + ", schedWatchdogNs=" + schedWatchdogNs + "]";
    }

    /** Builds a {@link MachineConfig}; each setter validates its value. */
    public static final class Builder {
        private int cpus = 4;
        private int hz = 1000;
        private long seed;
        private long memoryBytes = 256L << 20;
        private long wrrBaseSliceNs = 10_000_000L;
        private long balancePeriodNs = 2_000_000_000L;
        private boolean idleBalance = true;
        private boolean rtThrottling = true;
        private long rtRuntimeNs = 950_000_000L;
        private long rtPeriodNs = 1_000_000_000L;
        private Policy initPolicy = Policy.SCHED_WRR;
        private boolean kthreads;
        private Policy kthreadPolicy = Policy.SCHED_NORMAL;
        private long watchdogMillis = 10_000;
        private int pageTableLevels = 4;
        private boolean aslr;
        private Supplier<? extends SchedClassOps> schedClass = MachineConfig::defaultSchedClass;
        private Map<String, String> schedParams = Map.of();
        private boolean schedClassReplacesFair;
        private long schedWatchdogNs = 5_000_000_000L;

        private Builder() {
        }

        /**
         * @param factory makes the class that serves policy 7, once per machine; it may return
         *        {@code null} for none
         * @return this builder
         */
        public Builder schedClass(Supplier<? extends SchedClassOps> factory) {
            this.schedClass = Objects.requireNonNull(factory, "factory");
            return this;
        }

        /**
         * @param params the class's parameters, name to value
         * @return this builder
         */
        public Builder schedParams(Map<String, String> params) {
            this.schedParams = Map.copyOf(params);
            return this;
        }

        /**
         * @param on whether the class of policy 7 also schedules the fair policies
         * @return this builder
         */
        public Builder schedClassReplacesFair(boolean on) {
            this.schedClassReplacesFair = on;
            return this;
        }

        /**
         * @param ms the stall watchdog's timeout in simulated ms; 0 turns it off
         * @return this builder
         */
        public Builder schedWatchdogMs(long ms) {
            if (ms < 0) {
                throw new IllegalArgumentException("the scheduling-class watchdog must not be negative: " + ms);
            }
            this.schedWatchdogNs = ms * 1_000_000L;
            return this;
        }

        /**
         * @param n number of CPUs, 1–1024
         * @return this builder
         */
        public Builder cpus(int n) {
            if (n < 1 || n > MAX_CPUS) {
                throw new IllegalArgumentException("cpus must be 1.." + MAX_CPUS + ": " + n);
            }
            this.cpus = n;
            return this;
        }

        /**
         * @param value 100, 250, 300 or 1000
         * @return this builder
         */
        public Builder hz(int value) {
            for (int h : SUPPORTED_HZ) {
                if (h == value) {
                    this.hz = value;
                    return this;
                }
            }
            throw new IllegalArgumentException("hz must be 100, 250, 300 or 1000: " + value);
        }

        /**
         * @param value the seed
         * @return this builder
         */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /**
         * @param bytes physical memory, a positive multiple of 4 KiB
         * @return this builder
         */
        public Builder memoryBytes(long bytes) {
            if (bytes <= 0 || bytes % 4096 != 0) {
                throw new IllegalArgumentException("memory must be a positive multiple of 4 KiB: " + bytes);
            }
            this.memoryBytes = bytes;
            return this;
        }

        /**
         * @param ms WRR base slice in ms, at least 1
         * @return this builder
         */
        public Builder wrrBaseSliceMs(long ms) {
            if (ms < 1) {
                throw new IllegalArgumentException("WRR base slice must be at least 1 ms: " + ms);
            }
            this.wrrBaseSliceNs = ms * 1_000_000L;
            return this;
        }

        /**
         * @param ms load-balance period in ms, at least 1
         * @return this builder
         */
        public Builder balancePeriodMs(long ms) {
            if (ms < 1) {
                throw new IllegalArgumentException("balance period must be at least 1 ms: " + ms);
            }
            this.balancePeriodNs = ms * 1_000_000L;
            return this;
        }

        /**
         * @param on whether idle balance is on
         * @return this builder
         */
        public Builder idleBalance(boolean on) {
            this.idleBalance = on;
            return this;
        }

        /**
         * @param on whether RT throttling is on
         * @return this builder
         */
        public Builder rtThrottling(boolean on) {
            this.rtThrottling = on;
            return this;
        }

        /**
         * @param runtimeMs RT runtime per period, ms, 1..periodMs
         * @param periodMs period, ms, at least 1
         * @return this builder
         */
        public Builder rtBandwidthMs(long runtimeMs, long periodMs) {
            if (periodMs < 1 || runtimeMs < 1 || runtimeMs > periodMs) {
                throw new IllegalArgumentException("need 1 <= runtime <= period: " + runtimeMs + "/" + periodMs);
            }
            this.rtRuntimeNs = runtimeMs * 1_000_000L;
            this.rtPeriodNs = periodMs * 1_000_000L;
            return this;
        }

        /**
         * @param policy SCHED_WRR or SCHED_NORMAL
         * @return this builder
         */
        public Builder initPolicy(Policy policy) {
            this.initPolicy = checkWrrOrNormal(policy);
            return this;
        }

        /**
         * @param on whether kernel threads exist
         * @return this builder
         */
        public Builder kthreads(boolean on) {
            this.kthreads = on;
            return this;
        }

        /**
         * @param policy SCHED_NORMAL or SCHED_WRR
         * @return this builder
         */
        public Builder kthreadPolicy(Policy policy) {
            this.kthreadPolicy = checkWrrOrNormal(policy);
            return this;
        }

        /**
         * @param millis watchdog limit in ms of real time; 0 disables it (do so under a debugger)
         * @return this builder
         */
        public Builder watchdogMillis(long millis) {
            if (millis < 0) {
                throw new IllegalArgumentException("watchdog must not be negative: " + millis);
            }
            this.watchdogMillis = millis;
            return this;
        }

        /**
         * @param levels 4 (the default: PGD, PUD, PMD, PTE), 3 or 2
         * @return this builder
         */
        public Builder pageTableLevels(int levels) {
            if (levels < 2 || levels > 4) {
                throw new IllegalArgumentException("page-table levels must be 2, 3 or 4: " + levels);
            }
            this.pageTableLevels = levels;
            return this;
        }

        /**
         * @param on whether exec randomizes the address-space layout from the seed (off by default)
         * @return this builder
         */
        public Builder aslr(boolean on) {
            this.aslr = on;
            return this;
        }

        private static Policy checkWrrOrNormal(Policy policy) {
            if (Objects.requireNonNull(policy, "policy") != Policy.SCHED_WRR && policy != Policy.SCHED_NORMAL) {
                throw new IllegalArgumentException("must be SCHED_WRR or SCHED_NORMAL: " + policy);
            }
            return policy;
        }

        /** @return the configuration */
        public MachineConfig build() {
            return new MachineConfig(this);
        }
    }
}
