package kernellab.runner.protocol;

import kernellab.api.Policy;

/**
 * An event breakpoint: a kind and filters that must all match ({@code null} matches anything).
 *
 * @param id the client's identifier, echoed in {@link BreakpointStatus} and {@link StoppedEvent}
 * @param kind what event it stops at
 * @param enabled whether it is active
 * @param cpu only events on this CPU
 * @param pid only events about this pid (the next task of a switch, the child of a fork, the
 *        current task of a memory event)
 * @param comm only events about a task whose comm matches this glob ({@code *} and {@code ?})
 * @param policy only events about a task with this policy
 * @param cacheName {@link BreakpointKind#SLAB_ALLOC}: only objects of this cache
 * @param addressFrom memory events: only addresses ≥ this
 * @param addressTo memory events: only addresses &lt; this
 * @param minOrder {@link BreakpointKind#PAGE_ALLOC}: only orders ≥ this
 * @param hitCount stop only at this hit (then no more); 0 stops at every hit
 */
public record BreakpointSpec(int id, BreakpointKind kind, boolean enabled, Integer cpu, Integer pid, String comm, Policy policy,
        String cacheName, Long addressFrom, Long addressTo, Integer minOrder, int hitCount) {

    /**
     * @param id identifier
     * @param kind kind
     * @return an enabled breakpoint of that kind without filters
     */
    public static BreakpointSpec of(int id, BreakpointKind kind) {
        return new BreakpointSpec(id, kind, true, null, null, null, null, null, null, null, null, 0);
    }

    /**
     * @param onCpu the CPU
     * @return this breakpoint restricted to a CPU
     */
    public BreakpointSpec withCpu(int onCpu) {
        return new BreakpointSpec(id, kind, enabled, onCpu, pid, comm, policy, cacheName, addressFrom, addressTo, minOrder,
                hitCount);
    }
}
