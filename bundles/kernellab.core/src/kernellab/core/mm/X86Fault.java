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

    private void doUserAddrFault(TaskVm tv, MmStruct mm, long address, boolean write, long pte) {
        int error = UserFault.PF_USER | (write ? UserFault.PF_WRITE : 0) | ((pte & PageTable.PTE_PRESENT) != 0 ? UserFault.PF_PROT : 0);
        if (address < 0 || address >= taskSize) {
            throw traceBad(address, error, new UserFault(Signal.SIGSEGV, UserFault.SEGV_MAPERR, address, error));
        }
        VmArea v = mm.findVma(address);
        if (v == null) {
            throw traceBad(address, error, new UserFault(Signal.SIGSEGV, UserFault.SEGV_MAPERR, address, error));
        }
        if (v.vmStart > address) {
            if ((v.vmFlags & VM_GROWSDOWN) == 0 || !vm.mmap.expandStack(mm, v, address)) {
                throw traceBad(address, error, new UserFault(Signal.SIGSEGV, UserFault.SEGV_MAPERR, address, error));
            }
        }
        boolean denied = write ? (v.vmFlags & VM_WRITE) == 0 : (v.vmFlags & (VM_READ | VM_WRITE | VM_EXEC)) == 0;
        if (denied) {
            throw traceBad(address, error, new UserFault(Signal.SIGSEGV, UserFault.SEGV_ACCERR, address, error));
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

    private UserFault traceBad(long address, int error, UserFault f) {
        if (tracer.enabled(VmTracepoints.PAGE_FAULT_USER)) {
            tracer.event(VmTracepoints.PAGE_FAULT_USER).field("address", hex(address)).field("error_code", hex(error))
                    .field("kind", "bad_area").field("result", f.code() == UserFault.SEGV_MAPERR ? "SEGV_MAPERR" : "SEGV_ACCERR")
                    .emit();
        }
        return f;
    }

    /** Kills the calling task with the fault's signal ({@link VirtualMemory#deliver}). */
    void deliver(Task t, UserFault f) {
        scheduler.signals().exitBySignal(t, f.signal().number(), showSignal(t, f));
    }

    /** Kills a stopped task with the fault's signal ({@link VirtualMemory#deliverWhileStopped}). */
    void deliverWhileStopped(Task t, UserFault f) {
        scheduler.signals().killProcess(t, f.signal().number(), showSignal(t, f));
    }

    /** {@code show_signal_msg} for SIGSEGV; returns the exit report of the killed task. */
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
            log.printk(LogLevel.KERN_INFO, sb.toString());
        }
        return t.comm() + "[" + t.pid() + "]: killed by " + f.getMessage();
    }
}
