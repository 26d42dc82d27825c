package kernellab.core.mm;

/** The event counters of /proc/vmstat that address spaces move ({@code vm_event_item} of {@code mm/vmstat.c}). */
public final class VmStat {
    long pgfault;
    long pgmajfault;
    long pgallocUser;
    long cowCopies;
    long cowReuse;
    long oomKill;

    VmStat() {
    }

    /** @return page faults handled ({@code pgfault}) */
    public long pgfault() {
        return pgfault;
    }

    /** @return faults that needed I/O ({@code pgmajfault}) */
    public long pgmajfault() {
        return pgmajfault;
    }

    /** @return user pages allocated by faults */
    public long pgallocUser() {
        return pgallocUser;
    }

    /** @return copy-on-write copies in do_wp_page */
    public long cowCopies() {
        return cowCopies;
    }

    /** @return write faults that reused an exclusively owned page instead of copying it */
    public long cowReuse() {
        return cowReuse;
    }

    /** @return processes killed by the OOM killer ({@code oom_kill}) */
    public long oomKill() {
        return oomKill;
    }
}
