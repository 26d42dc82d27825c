package kernellab.examples.schedclass;

import kernellab.api.sched.SchedTask;

/**
 * A deliberately broken class: {@link RoundRobin}, except that once a task has run 50 ms, CPU 0's
 * {@code pickNext} returns a task queued on another CPU, a mistake the kernel catches. Run it to see what happens then: the
 * kernel disables the class, prints why with a dump of every CPU's queue (like sched_ext), moves
 * its tasks to the fair class, and the simulation goes on.
 */
public final class BrokenPick extends RoundRobin {

    @Override
    public String name() {
        return "broken";
    }

    @Override
    public SchedTask pickNext(int cpu) {
        SchedTask mine = super.pickNext(cpu);
        if (cpu == 0 && mine != null && mine.runtime() >= 50_000_000L) {
            for (int other = 1; other < kernel().nrCpus(); other++) {
                if (!kernel().queued(other).isEmpty()) {
                    return kernel().queued(other).get(0);
                }
            }
        }
        return mine;
    }
}
