package kernellab.core.mm;

import static kernellab.core.mm.PhysicalMemory.PAGE_SIZE;
import static kernellab.core.mm.VmFlags.VM_EXEC;
import static kernellab.core.mm.VmFlags.VM_GROWSDOWN;
import static kernellab.core.mm.VmFlags.VM_READ;
import static kernellab.core.mm.VmFlags.VM_WRITE;
import static kernellab.core.mm.VmTracepoints.hex;

import kernellab.api.Gfp;
import kernellab.api.LogLevel;
import kernellab.core.printk.KernelLog;
import kernellab.core.sched.Scheduler;
import kernellab.core.sched.Signal;
import kernellab.core.sched.Task;
import kernellab.core.trace.Tracer;

/**
 * The x86 page-fault handler ({@code arch/x86/mm/fault.c}): {@code do_user_addr_fault} checks
 * the access against the VMA, grows the stack, calls {@code handle_mm_fault} and turns its
 * result into SIGSEGV, SIGBUS or the OOM killer; {@code show_signal_msg} logs the
 * {@code segfault at} line of a fatal signal.
 */
final class X86Fault {

    private final VirtualMemory vm;
    private final Scheduler scheduler;
    private final KernelLog log;
    private final Tracer tracer;
    private final long taskSize;

    X86Fault(VirtualMemory vm) {
        this.vm = vm;
        this.scheduler = vm.scheduler;
        this.log = vm.log;
        this.tracer = vm.tracer;
        this.taskSize = vm.taskSize();
    }

    /** The MMU's translation with the fault path ({@link VirtualMemory#translate}). */
    long translate(Task t, long address, boolean write) {
        TaskVm tv = vm.taskVm(t);
        MmStruct mm = tv.mm;
        if (mm == null) {
            throw new UserFault(Signal.SIGSEGV, UserFault.SEGV_MAPERR, address, UserFault.PF_USER);
        }
        long pte = address >= 0 && address < taskSize ? mm.pgd.get(address) : 0;
        long need = write ? PageTable.PTE_PRESENT | PageTable.PTE_RW : PageTable.PTE_PRESENT;
        if ((pte & need) != need) {
            doUserAddrFault(tv, mm, address, write, pte);
            pte = mm.pgd.get(address);
        }
        long bits = PageTable.PTE_ACCESSED | (write ? PageTable.PTE_DIRTY : 0);
        if ((pte & bits) != bits) {
            pte |= bits;
            mm.pgd.update(address, pte);
        }
        return PhysicalMemory.pageAddress(PageTable.pfn(pte)) + (address & (PAGE_SIZE - 1));
    }

    /**
     * {@code do_user_addr_fault}: SIGSEGV outside the user space, outside any VMA (unless a stack
     * can grow down to the address) or against the VMA's protection; else {@code handle_mm_fault},
     * whose VM_FAULT_OOM runs the OOM killer ({@code pagefault_out_of_memory}) and retries once
     * unless the faulting task itself was chosen (SIGKILL), and whose VM_FAULT_SIGBUS is SIGBUS.
     */
    private void doUserAddrFault(TaskVm tv, MmStruct mm, long address, boolean write, long pte) {
        int error = UserFault.PF_USER | (write ? UserFault.PF_WRITE : 0) | ((pte & PageTable.PTE_PRESENT) != 0 ? UserFault.PF_PROT : 0);
        if (address < 0 || address >= taskSize) {
            throw badArea(address, error, UserFault.SEGV_MAPERR);
        }
        VmArea v = mm.findVma(address);
        if (v == null) {
            throw badArea(address, error, UserFault.SEGV_MAPERR);
        }
        if (v.vmStart > address) {
            if ((v.vmFlags & VM_GROWSDOWN) == 0 || !vm.mmap.expandStack(mm, v, address)) {
                throw badArea(address, error, UserFault.SEGV_MAPERR);
            }
        }
        boolean denied = write ? (v.vmFlags & VM_WRITE) == 0 : (v.vmFlags & (VM_READ | VM_WRITE | VM_EXEC)) == 0;
        if (denied) {
            throw badArea(address, error, UserFault.SEGV_ACCERR);
        }
        VmFault r = vm.memory.handleMmFault(tv, mm, v, address, write);
        if (r == VmFault.OOM) {
            if (tv.oomKilled || vm.oom.outOfMemoryKill(Gfp.GFP_HIGHUSER_MOVABLE, 0, tv) == tv) {
                throw new UserFault(Signal.SIGKILL, 0, address, error);
            }
            r = vm.memory.handleMmFault(tv, mm, v, address, write);
            if (r == VmFault.OOM) {
                throw new UserFault(Signal.SIGKILL, 0, address, error);
            }
        }
        if (r == VmFault.SIGBUS) {
            throw new UserFault(Signal.SIGBUS, UserFault.BUS_ADRERR, address, error);
        }
    }

    /**
     * {@code bad_area}: the SIGSEGV of an access outside any VMA (SEGV_MAPERR) or against its
     * protection (SEGV_ACCERR), traced.
     */
    private UserFault badArea(long address, int error, int code) {
        if (tracer.enabled(VmTracepoints.PAGE_FAULT_USER)) {
            tracer.event(VmTracepoints.PAGE_FAULT_USER).field("address", hex(address)).field("error_code", hex(error))
                    .field("kind", "bad_area").field("result", code == UserFault.SEGV_MAPERR ? "SEGV_MAPERR" : "SEGV_ACCERR")
                    .emit();
        }
        return new UserFault(Signal.SIGSEGV, code, address, error);
    }

    /** Kills the calling task with the fault's signal ({@link VirtualMemory#deliver}). */
    void deliver(Task t, UserFault f) {
        scheduler.signals().exitBySignal(t, f.signal().number(), showSignal(t, f));
    }

    /** Kills a stopped task with the fault's signal ({@link VirtualMemory#deliverWhileStopped}). */
    void deliverWhileStopped(Task t, UserFault f) {
        scheduler.signals().killProcess(t, f.signal().number(), showSignal(t, f));
    }

    /** {@code show_signal_msg} for SIGSEGV, rate-limited by {@code printk_ratelimit()}; returns the exit report of the killed task. */
    private String showSignal(Task t, UserFault f) {
        if (f.signal() == Signal.SIGSEGV) {
            long ip = vm.exec.userIp(t);
            StringBuilder sb = new StringBuilder(String.format("%s[%d]: segfault at %x ip %016x sp %016x error %x", t.comm(),
                    t.pid(), f.address(), ip, vm.exec.userSp(t), f.errorCode()));
            MmStruct mm = vm.mm(t);
            VmArea v = mm == null ? null : mm.findVma(ip);
            if (v != null && v.vmStart <= ip && v.vmFile != null) {
                String path = v.vmFile.path();
                sb.append(String.format(" in %s[%x+%x]", path.substring(path.lastIndexOf('/') + 1), v.vmStart, v.length()));
            }
            if (log.printkRatelimit("show_signal_msg")) {
                log.printk(LogLevel.KERN_INFO, sb.toString());
            }
        }
        return t.comm() + "[" + t.pid() + "]: killed by " + f.getMessage();
    }
}
