package kernellab.launch.model;

import java.util.ArrayList;
import java.util.List;

import kernellab.api.Policy;
import kernellab.runner.protocol.BreakpointKind;
import kernellab.runner.protocol.BreakpointSpec;

import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IWorkspaceRunnable;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.model.Breakpoint;
import org.eclipse.debug.core.model.IBreakpoint;

/**
 * A breakpoint on a kernel event (a context switch, a wake-up, a fork, a slab allocation…)
 * rather than on a source line, with optional filters on CPU, pid, comm pattern, policy, slab
 * cache and page order, and a hit count. It lives as a persistent marker on the workspace root,
 * so it is listed in the Breakpoints view and survives restarts, and every running simulation
 * installs it when it is added or changed and drops it when it is deleted or disabled.
 */
public final class KernelEventBreakpoint extends Breakpoint {

    /** Marker type, a subtype of org.eclipse.debug.core.breakpointMarker. */
    public static final String MARKER_TYPE = "kernellab.launch.eventBreakpointMarker";

    private static final String KIND = "kernellab.kind";
    private static final String CPU = "kernellab.cpu";
    private static final String PID = "kernellab.pid";
    private static final String COMM = "kernellab.comm";
    private static final String POLICY = "kernellab.policy";
    private static final String CACHE = "kernellab.cache";
    private static final String MIN_ORDER = "kernellab.minOrder";
    private static final String HIT_COUNT = "kernellab.hitCount";
    private static final int NONE = -1;

    /** For the breakpoint manager, which restores breakpoints from their markers. */
    public KernelEventBreakpoint() {
    }

    /**
     * Creates the breakpoint and adds it to the breakpoint manager.
     *
     * @param kind what event it stops at
     * @param filter the filters; {@code null} fields match anything
     * @return the new breakpoint
     */
    public static KernelEventBreakpoint create(BreakpointKind kind, Filter filter) throws CoreException {
        IResource root = ResourcesPlugin.getWorkspace().getRoot();
        KernelEventBreakpoint breakpoint = new KernelEventBreakpoint();
        IWorkspaceRunnable createMarker = monitor -> {
            IMarker marker = root.createMarker(MARKER_TYPE);
            breakpoint.setMarker(marker);
            marker.setAttribute(IBreakpoint.ENABLED, true);
            marker.setAttribute(IBreakpoint.ID, KernelDebugTarget.MODEL_ID);
            marker.setAttribute(IBreakpoint.PERSISTED, true);
            breakpoint.write(kind, filter);
        };
        ResourcesPlugin.getWorkspace().run(createMarker, breakpoint.getMarkerRule(root), 0, null);
        DebugPlugin.getDefault().getBreakpointManager().addBreakpoint(breakpoint);
        return breakpoint;
    }

    /**
     * The filters of an event breakpoint.
     *
     * @param cpu only events on this CPU
     * @param pid only events about this pid
     * @param comm only tasks whose comm matches this glob
     * @param policy only tasks with this policy
     * @param cacheName slab allocations: only this cache
     * @param minOrder page allocations: only orders ≥ this
     * @param hitCount stop at this hit only; 0 at every hit
     */
    public record Filter(Integer cpu, Integer pid, String comm, Policy policy, String cacheName, Integer minOrder,
            int hitCount) {
        /** No filter: every event of the kind. */
        public static final Filter NONE = new Filter(null, null, null, null, null, null, 0);

        /** @return this filter restricted to one CPU */
        public Filter onCpu(int onCpu) {
            return new Filter(onCpu, pid, comm, policy, cacheName, minOrder, hitCount);
        }
    }

    /** Replaces the kind and filters (the properties page uses it). */
    public void write(BreakpointKind kind, Filter filter) throws CoreException {
        IMarker marker = getMarker();
        marker.setAttribute(KIND, kind.name());
        marker.setAttribute(CPU, filter.cpu() == null ? NONE : filter.cpu());
        marker.setAttribute(PID, filter.pid() == null ? NONE : filter.pid());
        marker.setAttribute(COMM, filter.comm() == null ? "" : filter.comm());
        marker.setAttribute(POLICY, filter.policy() == null ? "" : filter.policy().name());
        marker.setAttribute(CACHE, filter.cacheName() == null ? "" : filter.cacheName());
        marker.setAttribute(MIN_ORDER, filter.minOrder() == null ? NONE : filter.minOrder());
        marker.setAttribute(HIT_COUNT, filter.hitCount());
        marker.setAttribute(IMarker.MESSAGE, label(kind, filter));
    }

    /** @return what event it stops at */
    public BreakpointKind kind() {
        return BreakpointKind.valueOf(getMarker().getAttribute(KIND, BreakpointKind.SCHED_SWITCH.name()));
    }

    /** @return its filters */
    public Filter filter() {
        IMarker m = getMarker();
        String policy = m.getAttribute(POLICY, "");
        return new Filter(optional(m.getAttribute(CPU, NONE)), optional(m.getAttribute(PID, NONE)),
                emptyToNull(m.getAttribute(COMM, "")), policy.isEmpty() ? null : Policy.valueOf(policy),
                emptyToNull(m.getAttribute(CACHE, "")), optional(m.getAttribute(MIN_ORDER, NONE)), m.getAttribute(HIT_COUNT, 0));
    }

    /** @return the breakpoint as the simulator takes it, under {@code id} */
    BreakpointSpec spec(int id) throws CoreException {
        Filter f = filter();
        return new BreakpointSpec(id, kind(), isEnabled(), f.cpu(), f.pid(), f.comm(), f.policy(), f.cacheName(), null, null,
                f.minOrder(), f.hitCount());
    }

    /** @return the Breakpoints view's label, e.g. {@code sched_switch on CPU 1, next comm=hog*} */
    public String label() {
        return label(kind(), filter());
    }

    static String label(BreakpointKind kind, Filter f) {
        String event = kind == BreakpointKind.ANY_EVENT ? "any event" : String.join("/", kind.tracepoints());
        List<String> parts = new ArrayList<>();
        String who = kind == BreakpointKind.SCHED_SWITCH ? "next " : kind == BreakpointKind.FORK ? "child " : "";
        if (f.cpu() != null) {
            event += " on CPU " + f.cpu();
        }
        if (f.pid() != null) {
            parts.add(who + "pid=" + f.pid());
        }
        if (f.comm() != null) {
            parts.add(who + "comm=" + f.comm());
        }
        if (f.policy() != null) {
            parts.add("policy=" + f.policy());
        }
        if (f.cacheName() != null) {
            parts.add("cache=" + f.cacheName());
        }
        if (f.minOrder() != null) {
            parts.add("order>=" + f.minOrder());
        }
        if (f.hitCount() > 0) {
            parts.add("hit count " + f.hitCount());
        }
        return parts.isEmpty() ? event : event + ", " + String.join(", ", parts);
    }

    @Override
    public String getModelIdentifier() {
        return KernelDebugTarget.MODEL_ID;
    }

    private static Integer optional(int value) {
        return value == NONE ? null : value;
    }

    private static String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
