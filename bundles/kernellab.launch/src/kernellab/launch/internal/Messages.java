package kernellab.launch.internal;

import org.eclipse.osgi.util.NLS;

/** The strings of kernellab.launch a user sees; the texts are in messages.properties. */
public final class Messages extends NLS {

    public static String Value_notANumber;
    public static String Value_outOfRange;
    public static String Value_notAChoice;
    public static String Value_notALong;
    public static String Machine_cpus;
    public static String Machine_memory;
    public static String Machine_hz;
    public static String Machine_pageTableLevels;
    public static String Machine_seed;
    public static String Scheduler_initPolicy;
    public static String Scheduler_baseSlice;
    public static String Scheduler_balancePeriod;
    public static String Scheduler_watchdog;
    public static String SchedClass_missing;
    public static String SchedClass_notSchedClass;
    public static String SchedClass_abstract;
    public static String SchedClass_notPublic;
    public static String SchedClass_noConstructor;
    public static String SchedClass_nested;
    public static String Trace_format;
    public static String Trace_exportWithoutRecord;
    public static String Trace_noFolder;
    public static String Workloads_none;
    public static String Workload_noClass;
    public static String Workload_count;
    public static String Workload_badPolicy;
    public static String Workload_weight;
    public static String Workload_priority;
    public static String Workload_nice;
    public static String Workload_badAffinity;
    public static String Workload_affinityOutside;
    public static String Workload_uid;
    public static String Project_none;
    public static String Project_missing;
    public static String Project_closed;
    public static String Project_notJava;
    public static String Class_missing;
    public static String Class_notWorkload;
    public static String Class_or;
    public static String Class_abstract;
    public static String Class_unreadable;
    public static String Launch_invalid;
    public static String Launch_runnerMissing;
    public static String Launch_simulatorDied;
    public static String Launch_connectionLost;
    public static String Launch_requestAfterEnd;
    public static String Model_targetName;
    public static String Model_targetEnded;
    public static String Model_readOnly;
    public static String Launch_processLabel;
    public static String Launch_connectFailed;
    public static String Launch_exitedEarly;
    public static String Launch_noPort;
    public static String Launch_exited;
    public static String Launch_traceWritten;
    public static String Launch_taskSummary;

    static {
        NLS.initializeMessages("kernellab.launch.internal.messages", Messages.class);
    }

    private Messages() {
    }
}
