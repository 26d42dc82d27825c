package kernellab.core.proc;

import kernellab.core.mm.MemSizeStats;
import kernellab.core.mm.MmStruct;
import kernellab.core.mm.PhysicalMemory;
import kernellab.core.mm.VirtualMemory;
import kernellab.core.mm.VmArea;
import kernellab.core.mm.VmFlags;
import kernellab.core.sched.Task;

/**
 * /proc/PID/smaps and /proc/PID/smaps_rollup as Linux 6.18's {@code fs/proc/task_mmu.c} prints
 * them ({@code show_smap}, {@code __show_smap}, {@code show_smaps_rollup}): every value through
 * {@code SEQ_PUT_DEC}, a label padded to 16 columns and the kB value right-aligned in 8, with
 * {@code Pss_Dirty} (Linux 6.0) and {@code KSM} (6.7); {@code THPeligible} as {@code %8u}. The
 * machine has no protection keys ({@code arch_pkeys_enabled()} is false), so there is no
 * {@code ProtectionKey} line; there is no KSM, swap, lazy-free memory or hugetlb, whose fields
 * are 0.
 */
public final class ProcSmaps {

    private ProcSmaps() {
    }

    private static void kb(StringBuilder sb, String label, long bytes) {
        sb.append(label);
        for (int i = label.length(); i < 16; i++) {
            sb.append(' ');
        }
        sb.append(String.format("%8d kB%n", bytes >> 10));
    }

    private static long pss(long shifted) {
        return shifted >> MemSizeStats.PSS_SHIFT;
    }

    /** {@code __show_smap}: the fields shared by smaps and smaps_rollup; Pss_Anon, Pss_File and Pss_Shmem only in the rollup. */
    private static void showSmap(StringBuilder sb, MemSizeStats s, boolean rollup) {
        kb(sb, "Rss:", s.resident());
        kb(sb, "Pss:", pss(s.pss()));
        kb(sb, "Pss_Dirty:", pss(s.pssDirty()));
        if (rollup) {
            kb(sb, "Pss_Anon:", pss(s.pssAnon()));
            kb(sb, "Pss_File:", pss(s.pssFile()));
            kb(sb, "Pss_Shmem:", pss(s.pssShmem()));
        }
        kb(sb, "Shared_Clean:", s.sharedClean());
        kb(sb, "Shared_Dirty:", s.sharedDirty());
        kb(sb, "Private_Clean:", s.privateClean());
        kb(sb, "Private_Dirty:", s.privateDirty());
        kb(sb, "Referenced:", s.referenced());
        kb(sb, "Anonymous:", s.anonymous());
        kb(sb, "KSM:", 0);
        kb(sb, "LazyFree:", 0);
        kb(sb, "AnonHugePages:", s.anonHuge());
        kb(sb, "ShmemPmdMapped:", 0);
        kb(sb, "FilePmdMapped:", 0);
        kb(sb, "Shared_Hugetlb:", 0);
        kb(sb, "Private_Hugetlb:", 0);
        kb(sb, "Swap:", 0);
        kb(sb, "SwapPss:", 0);
        kb(sb, "Locked:", pss(s.pssLocked()));
    }

    /** {@code show_smap} after the maps line: Size, the page sizes, {@code __show_smap}, THPeligible and VmFlags. */
    private static void body(StringBuilder sb, long size, MemSizeStats s, long flags, boolean thpEligible) {
        kb(sb, "Size:", size);
        kb(sb, "KernelPageSize:", PhysicalMemory.PAGE_SIZE);
        kb(sb, "MMUPageSize:", PhysicalMemory.PAGE_SIZE);
        showSmap(sb, s, false);
        sb.append(String.format("THPeligible:    %8d%n", thpEligible ? 1 : 0));
        sb.append("VmFlags: ").append(VmFlags.mnemonics(flags)).append('\n');
    }

    /**
     * @param vm the address spaces
     * @param t a task
     * @return /proc/PID/smaps: per VMA its maps line and the fields of {@code show_smap}, then
     *         the gate VMA ([vsyscall]) on 4-level machines; empty for a kernel thread
     */
    public static String smaps(VirtualMemory vm, Task t) {
        MmStruct mm = vm.mm(t);
        if (mm == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (VmArea v : mm.vmas()) {
            ProcVm.header(sb, mm, v);
            body(sb, v.length(), MemSizeStats.of(vm, mm, v), v.flags(), vm.thpEligible(v));
        }
        if (ProcVm.hasGate(vm)) {
            ProcVm.vsyscallHeader(sb);
            body(sb, PhysicalMemory.PAGE_SIZE, MemSizeStats.EMPTY, VmFlags.VM_EXEC, false);
        }
        return sb.toString();
    }

    /**
     * {@code show_smaps_rollup}: one header from the first VMA's start to the last one's end
     * with no permissions, offset, device or inode ({@code show_vma_header_prefix(m, start, end,
     * 0, 0, 0, 0)}: {@code ---p}) and the name {@code [rollup]}, then the sums of every VMA's
     * statistics with the Pss split into anonymous, file and shmem. The gate VMA is not a VMA of
     * the mm and is not counted.
     *
     * @param vm the address spaces
     * @param t a task
     * @return /proc/PID/smaps_rollup; empty for a kernel thread
     */
    public static String smapsRollup(VirtualMemory vm, Task t) {
        MmStruct mm = vm.mm(t);
        if (mm == null) {
            return "";
        }
        MemSizeStats sum = MemSizeStats.EMPTY;
        long start = 0;
        long end = 0;
        for (VmArea v : mm.vmas()) {
            if (end == 0) {
                start = v.start();
            }
            sum = sum.plus(MemSizeStats.of(vm, mm, v));
            end = v.end();
        }
        StringBuilder sb = new StringBuilder();
        ProcVm.header(sb, start, end, "---p", 0, 0, 0, 0, "[rollup]");
        showSmap(sb, sum, true);
        return sb.toString();
    }
}
