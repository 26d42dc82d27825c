package kernellab.ui.sched.internal;

import org.eclipse.osgi.util.NLS;

/** The strings of kernellab.ui.sched a user sees; the texts are in messages.properties. */
public final class Messages extends NLS {

    public static String CpuTimelineView_copyCsv;
    public static String CpuTimelineView_copyFtrace;
    public static String CpuTimelineView_currentStop;
    public static String CpuTimelineView_pastStop;
    public static String CpuTimelineView_fit;
    public static String CpuTimelineView_legendMigration;
    public static String CpuTimelineView_legendBalance;
    public static String CpuTimelineView_legendStop;
    public static String CpuTimelineView_run;
    public static String CpuTimelineView_subject;
    public static String CpuTimelineView_zoomIn;
    public static String CpuTimelineView_zoomOut;
    public static String RunQueuesView_chart;
    public static String RunQueuesView_class;
    public static String RunQueuesView_comm;
    public static String RunQueuesView_copyCsv;
    public static String RunQueuesView_copySchedDebug;
    public static String RunQueuesView_cpu;
    public static String RunQueuesView_curr;
    public static String RunQueuesView_idle;
    public static String RunQueuesView_left;
    public static String RunQueuesView_nrRunning;
    public static String RunQueuesView_pid;
    public static String RunQueuesView_subject;
    public static String RunQueuesView_throttled;
    public static String RunQueuesView_totalWeight;
    public static String RunQueuesView_weight;

    public static String ResultsView_afterTheRun;
    public static String ResultsView_copyCsv;
    public static String ResultsView_moreTasks;
    public static String ResultsView_cpu;
    public static String ResultsView_cpuTime;
    public static String ResultsView_exit;
    public static String ResultsView_cause;
    public static String ResultsView_exportCsv;
    public static String ResultsView_exportPng;
    public static String ResultsView_majorFaults;
    public static String ResultsView_migrations;
    public static String ResultsView_minorFaults;
    public static String ResultsView_noWrrTasks;
    public static String ResultsView_plotShares;
    public static String ResultsView_plotSharesWindow;
    public static String ResultsView_shareLabel;
    public static String ResultsView_shareValue;
    public static String ResultsView_legendMeasured;
    public static String ResultsView_legendExpected;
    public static String ResultsView_noCompetition;
    public static String ResultsView_axisWeight;
    public static String ResultsView_axisTurnaround;
    public static String ResultsView_axisShare;
    public static String ResultsView_axisTime;
    public static String ResultsView_axisTotalWeight;
    public static String ResultsView_plotTurnaround;
    public static String ResultsView_plotWeights;
    public static String ResultsView_subject;
    public static String ResultsView_switches;
    public static String ResultsView_turnaround;
    public static String ResultsView_waitTime;

    static {
        NLS.initializeMessages("kernellab.ui.sched.internal.messages", Messages.class);
    }

    private Messages() {
    }
}
