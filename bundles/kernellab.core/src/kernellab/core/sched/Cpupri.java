package kernellab.core.sched;

import java.util.BitSet;

/**
 * The priority of every CPU for RT placement ({@code kernel/sched/cpupri.c}): each CPU sits at
 * the level of the highest-priority RT task queued on it ({@code rt_rq->highest_prio.curr}),
 * or at {@link #CPUPRI_NORMAL} when it has none (it runs fair work or idles: since Linux 5.10 an
 * idle CPU and one running fair tasks are the same level). {@link #find} gives the CPUs of the
 * lowest level below a task's priority that its affinity allows.
 */
final class Cpupri {

    /** The level of a CPU without RT tasks ({@code CPUPRI_NORMAL}). */
    static final int CPUPRI_NORMAL = 0;
    /** Levels: NORMAL, then RT1 … RT99 ({@code CPUPRI_NR_PRIORITIES} without CPUPRI_HIGHER, which is for deadline tasks). */
    private static final int NR_PRIORITIES = RtRunQueue.MAX_RT_PRIO;

    private final BitSet[] vec = new BitSet[NR_PRIORITIES];
    private final int[] cpuToPri;

    Cpupri(int nrCpus) {
        for (int i = 0; i < NR_PRIORITIES; i++) {
            vec[i] = new BitSet(nrCpus);
        }
        cpuToPri = new int[nrCpus];
        for (int cpu = 0; cpu < nrCpus; cpu++) {
            vec[CPUPRI_NORMAL].set(cpu);
        }
    }

    /**
     * {@code convert_prio}: a kernel priority (0–98 for RT, {@code MAX_RT_PRIO - 1} for none) to a
     * level (RT99 … RT1 as 99 … 1, NORMAL as 0).
     */
    static int convertPrio(int prio) {
        return prio >= RtRunQueue.MAX_RT_PRIO - 1 ? CPUPRI_NORMAL : RtRunQueue.MAX_RT_PRIO - 1 - prio;
    }

    /** {@code cpupri_set}: the CPU's highest queued RT priority is now {@code prio}. */
    void set(int cpu, int prio) {
        int level = convertPrio(prio);
        int old = cpuToPri[cpu];
        if (level == old) {
            return;
        }
        vec[old].clear(cpu);
        vec[level].set(cpu);
        cpuToPri[cpu] = level;
    }

    /** @return the CPU's level */
    int get(int cpu) {
        return cpuToPri[cpu];
    }

    /**
     * {@code cpupri_find}: the lowest level below the task's own with an allowed CPU.
     *
     * @param p the task
     * @param lowestMask set to the allowed CPUs of that level
     * @return whether there is one
     */
    boolean find(Task p, BitSet lowestMask) {
        int taskPri = convertPrio(p.prio);
        for (int idx = 0; idx < taskPri; idx++) {
            if (vec[idx].intersects(p.cpusAllowed)) {
                lowestMask.clear();
                lowestMask.or(vec[idx]);
                lowestMask.and(p.cpusAllowed);
                return true;
            }
        }
        return false;
    }
}
