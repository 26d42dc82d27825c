package kernellab.ui.internal;

import org.eclipse.osgi.util.NLS;

/** The strings of kernellab.ui a user sees; the texts are in messages.properties. */
public final class Messages extends NLS {

    public static String MachineTab_cpus;
    public static String MachineTab_cpusTip;
    public static String MachineTab_group;
    public static String MachineTab_hz;
    public static String MachineTab_hzTip;
    public static String MachineTab_levels;
    public static String MachineTab_levelsTip;
    public static String MachineTab_memory;
    public static String MachineTab_memoryTip;
    public static String MachineTab_name;
    public static String MachineTab_seed;
    public static String MachineTab_seedTip;
    public static String SchedulerTab_implementationGroup;
    public static String SchedulerTab_builtIn;
    public static String SchedulerTab_ownClass;
    public static String SchedulerTab_ownClassTip;
    public static String SchedulerTab_browseClass;
    public static String SchedulerTab_chooseClassTitle;
    public static String SchedulerTab_chooseClassMessage;
    public static String SchedulerTab_noSchedClasses;
    public static String SchedulerTab_noClass;
    public static String SchedulerTab_replaceFair;
    public static String SchedulerTab_replaceFairTip;
    public static String SchedulerTab_watchdog;
    public static String SchedulerTab_watchdogTip;
    public static String SchedulerTab_balancePeriod;
    public static String SchedulerTab_balancePeriodTip;
    public static String SchedulerTab_baseSlice;
    public static String SchedulerTab_baseSliceTip;
    public static String SchedulerTab_idleBalance;
    public static String SchedulerTab_idleBalanceTip;
    public static String SchedulerTab_initPolicy;
    public static String SchedulerTab_initPolicyTip;
    public static String SchedulerTab_name;
    public static String SchedulerTab_rtGroup;
    public static String SchedulerTab_rtThrottling;
    public static String SchedulerTab_rtThrottlingTip;
    public static String SchedulerTab_wrrGroup;
    public static String SimulationView_empty;
    public static String SimulationView_ended;
    public static String SimulationView_running;
    public static String SimulationView_suspended;
    public static String SimulationView_time;
    public static String Shortcut_noWorkload;
    public static String Shortcut_title;
    public static String TraceTab_browse;
    public static String TraceTab_file;
    public static String TraceTab_fileTip;
    public static String TraceTab_format;
    public static String TraceTab_formatTip;
    public static String TraceTab_group;
    public static String TraceTab_hint;
    public static String TraceTab_name;
    public static String TraceTab_record;
    public static String TraceTab_recordTip;
    public static String WorkloadsTab_add;
    public static String WorkloadsTab_affinity;
    public static String WorkloadsTab_arguments;
    public static String WorkloadsTab_browseProject;
    public static String WorkloadsTab_chooseClassMessage;
    public static String WorkloadsTab_chooseClassTitle;
    public static String WorkloadsTab_chooseProjectMessage;
    public static String WorkloadsTab_chooseProjectTitle;
    public static String WorkloadsTab_class;
    public static String WorkloadsTab_count;
    public static String WorkloadsTab_name;
    public static String WorkloadsTab_nice;
    public static String WorkloadsTab_noWorkloadClasses;
    public static String WorkloadsTab_policy;
    public static String WorkloadsTab_priority;
    public static String WorkloadsTab_project;
    public static String WorkloadsTab_projectGroup;
    public static String WorkloadsTab_projectTip;
    public static String WorkloadsTab_remove;
    public static String WorkloadsTab_uid;
    public static String WorkloadsTab_weight;
    public static String WorkloadsTab_workloadsGroup;

    public static String Breakpoint_anyPolicy;
    public static String Breakpoint_badNumber;
    public static String Breakpoint_cache;
    public static String Breakpoint_comm;
    public static String Breakpoint_cpu;
    public static String Breakpoint_cpuName;
    public static String Breakpoint_dialogMessage;
    public static String Breakpoint_dialogTitle;
    public static String Breakpoint_hint;
    public static String Breakpoint_hitCount;
    public static String Breakpoint_hitCountName;
    public static String Breakpoint_kind;
    public static String Breakpoint_minOrder;
    public static String Breakpoint_orderName;
    public static String Breakpoint_pid;
    public static String Breakpoint_pidName;
    public static String Breakpoint_policy;

    public static String ExamplesPage_arguments;
    public static String ExamplesPage_class;
    public static String ExamplesPage_description;
    public static String ExamplesPage_descriptionLabel;
    public static String ExamplesPage_kernelModule;
    public static String ExamplesPage_noArguments;
    public static String ExamplesPage_noSelection;
    public static String ExamplesPage_selectAll;
    public static String ExamplesPage_selectNone;
    public static String ExamplesPage_title;
    public static String ExamplesPage_workload;
    public static String ProjectWizard_pageDescription;
    public static String ProjectWizard_pageTitle;
    public static String ProjectWizard_title;
    public static String WorkloadWizard_kernelModule;
    public static String WorkloadWizard_kind;
    public static String WorkloadWizard_pageDescription;
    public static String WorkloadWizard_pageTitle;
    public static String WorkloadWizard_schedClass;
    public static String WorkloadWizard_title;
    public static String WorkloadWizard_userSpace;

    public static String ShellConsole_banner;
    public static String ShellConsole_ended;
    public static String ShellConsole_name;
    public static String ShellConsole_noSimulation;
    public static String ShellConsole_title;

    public static String Preferences_balancePeriod;
    public static String Preferences_baseSlice;
    public static String Preferences_cpus;
    public static String Preferences_description;
    public static String Preferences_frameColours;
    public static String Preferences_policyColours;
    public static String Preferences_hz;
    public static String Preferences_initPolicy;
    public static String Preferences_memory;
    public static String Preferences_refresh;
    public static String Preferences_seed;

    public static String FrameOwner_anon;
    public static String FrameOwner_free;
    public static String FrameOwner_kernel;
    public static String FrameOwner_pageCache;
    public static String FrameOwner_pageTable;
    public static String FrameOwner_slab;
    public static String PolicyClass_cfs;
    public static String PolicyClass_idle;
    public static String PolicyClass_rt;
    public static String PolicyClass_wrr;

    static {
        NLS.initializeMessages("kernellab.ui.internal.messages", Messages.class);
    }

    private Messages() {
    }
}
