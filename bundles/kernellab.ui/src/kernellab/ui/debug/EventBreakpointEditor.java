package kernellab.ui.debug;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import kernellab.api.Policy;
import kernellab.launch.model.KernelEventBreakpoint.Filter;
import kernellab.runner.protocol.BreakpointKind;
import kernellab.ui.internal.Messages;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

/**
 * The fields of a KernelLab event breakpoint: what event, and the filters that must all match
 * (empty fields match anything). Shared by the Add dialog and the properties page.
 */
final class EventBreakpointEditor {

    /** Key of the widget data naming a field (tests find controls by it). */
    static final String FIELD_KEY = "kernellab.breakpointField";

    private final Combo kind;
    private final Text cpu;
    private final Text pid;
    private final Text comm;
    private final Combo policy;
    private final Text cache;
    private final Text minOrder;
    private final Text hitCount;

    EventBreakpointEditor(Composite parent, Runnable changed) {
        Composite fields = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(fields);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(fields);
        kind = combo(fields, Messages.Breakpoint_kind, "kind",
                Arrays.stream(BreakpointKind.values()).map(EventBreakpointEditor::kindLabel).toList());
        cpu = text(fields, Messages.Breakpoint_cpu, "cpu");
        pid = text(fields, Messages.Breakpoint_pid, "pid");
        comm = text(fields, Messages.Breakpoint_comm, "comm");
        List<String> policies = new ArrayList<>();
        policies.add(Messages.Breakpoint_anyPolicy);
        Arrays.stream(Policy.values()).map(Policy::name).forEach(policies::add);
        policy = combo(fields, Messages.Breakpoint_policy, "policy", policies);
        cache = text(fields, Messages.Breakpoint_cache, "cache");
        minOrder = text(fields, Messages.Breakpoint_minOrder, "minOrder");
        hitCount = text(fields, Messages.Breakpoint_hitCount, "hitCount");
        Label hint = new Label(fields, SWT.WRAP);
        hint.setText(Messages.Breakpoint_hint);
        GridDataFactory.fillDefaults().span(2, 1).hint(380, SWT.DEFAULT).applyTo(hint);
        set(BreakpointKind.SCHED_SWITCH, Filter.NONE);
        for (Text t : List.of(cpu, pid, comm, cache, minOrder, hitCount)) {
            t.addModifyListener(e -> changed.run());
        }
        kind.addModifyListener(e -> changed.run());
        policy.addModifyListener(e -> changed.run());
    }

    private static Text text(Composite parent, String label, String field) {
        new Label(parent, SWT.NONE).setText(label);
        Text text = new Text(parent, SWT.BORDER);
        text.setData(FIELD_KEY, field);
        GridDataFactory.fillDefaults().grab(true, false).hint(200, SWT.DEFAULT).applyTo(text);
        return text;
    }

    private static Combo combo(Composite parent, String label, String field, List<String> items) {
        new Label(parent, SWT.NONE).setText(label);
        Combo combo = new Combo(parent, SWT.DROP_DOWN | SWT.READ_ONLY);
        combo.setItems(items.toArray(String[]::new));
        combo.setData(FIELD_KEY, field);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(combo);
        return combo;
    }

    /** {@code sched_switch (context switch)}: the tracepoints and what they mean. */
    static String kindLabel(BreakpointKind kind) {
        return switch (kind) {
            case SCHED_SWITCH -> "sched_switch (context switch)";
            case WAKEUP -> "sched_wakeup (wake-up)";
            case WAKEUP_NEW -> "sched_wakeup_new (first wake-up after fork)";
            case FORK -> "sched_process_fork (fork)";
            case MIGRATION -> "sched_migrate_task (migration)";
            case SLICE_EXPIRY -> "sched_slice_expire (slice expiry)";
            case LOAD_BALANCE -> "sched_wrr_load_balance (load balance)";
            case EXIT -> "sched_process_exit (exit)";
            case POLICY_CHANGE -> "sched_policy_change (policy or weight change)";
            case SLAB_ALLOC -> "kmem_cache_alloc / kmalloc (slab allocation)";
            case PAGE_ALLOC -> "mm_page_alloc (page allocation)";
            case PAGE_FAULT -> "page_fault_user (page fault)";
            case OOM -> "mark_victim (OOM kill)";
            case ANY_EVENT -> "any event";
        };
    }

    void set(BreakpointKind k, Filter f) {
        kind.select(k.ordinal());
        cpu.setText(f.cpu() == null ? "" : f.cpu().toString());
        pid.setText(f.pid() == null ? "" : f.pid().toString());
        comm.setText(f.comm() == null ? "" : f.comm());
        policy.select(f.policy() == null ? 0 : f.policy().ordinal() + 1);
        cache.setText(f.cacheName() == null ? "" : f.cacheName());
        minOrder.setText(f.minOrder() == null ? "" : f.minOrder().toString());
        hitCount.setText(f.hitCount() == 0 ? "" : Integer.toString(f.hitCount()));
    }

    BreakpointKind kind() {
        return BreakpointKind.values()[kind.getSelectionIndex()];
    }

    /** @return the first problem of the fields, or empty */
    Optional<String> check() {
        for (var field : List.of(new Number(cpu, Messages.Breakpoint_cpuName, 0, 1023),
                new Number(pid, Messages.Breakpoint_pidName, 0, 4_194_304), new Number(minOrder, Messages.Breakpoint_orderName, 0, 10),
                new Number(hitCount, Messages.Breakpoint_hitCountName, 1, Integer.MAX_VALUE))) {
            Optional<String> problem = field.check();
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    /** @return the filters; {@link #check()} must have accepted the fields */
    Filter filter() {
        return new Filter(number(cpu), number(pid), blankToNull(comm.getText()),
                policy.getSelectionIndex() <= 0 ? null : Policy.values()[policy.getSelectionIndex() - 1],
                blankToNull(cache.getText()), number(minOrder), hitCount.getText().isBlank() ? 0 : number(hitCount));
    }

    private static Integer number(Text text) {
        return text.getText().isBlank() ? null : Integer.valueOf(text.getText().strip());
    }

    private static String blankToNull(String text) {
        return text.isBlank() ? null : text.strip();
    }

    /** An optional whole-number field with its range. */
    private record Number(Text text, String name, long min, long max) {
        Optional<String> check() {
            String value = text.getText().strip();
            if (value.isEmpty()) {
                return Optional.empty();
            }
            try {
                long n = Long.parseLong(value);
                if (n >= min && n <= max) {
                    return Optional.empty();
                }
            } catch (NumberFormatException e) {
                // reported below like an out-of-range number
            }
            return Optional.of(NLS.bind(Messages.Breakpoint_badNumber, new Object[] {name, min, max, value}));
        }
    }
}
