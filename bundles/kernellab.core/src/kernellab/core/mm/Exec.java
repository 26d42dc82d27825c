package kernellab.core.mm;

import static kernellab.core.mm.PhysicalMemory.PAGE_SHIFT;
import static kernellab.core.mm.VmFlags.VM_ACCOUNT;
import static kernellab.core.mm.VmFlags.VM_MAYEXEC;
import static kernellab.core.mm.VmFlags.VM_MAYREAD;
import static kernellab.core.mm.VmFlags.VM_MAYWRITE;
import static kernellab.core.mm.VmFlags.VM_READ;
import static kernellab.core.mm.VmFlags.VM_SOFTDIRTY;
import static kernellab.core.mm.VmFlags.VM_WRITE;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

import kernellab.api.Errno;
import kernellab.core.fs.Inode;
import kernellab.core.fs.Vfs;
import kernellab.core.sched.Task;

/**
 * The address space of a new program ({@code fs/exec.c}, {@code fs/binfmt_elf.c}): the x86_64
 * layout of a dynamically linked PIE with ld.so, the vDSO, libc and its TLS, and the initial
 * stack ({@code create_elf_tables}), randomized when ASLR is on.
 */
final class Exec {

    /** A segment of an ELF file: file offset, address offset from the load base, length, prot, and whether it is RELRO (mapped writable, then made read-only). */
    private record Segment(long offset, long vaddr, long length, int prot, boolean relro) {
    }

    private static final long PROGRAM_SIZE = 0x3c30;
    private static final List<Segment> PROGRAM = List.of(new Segment(0, 0, 0x1000, 1, false),
            new Segment(0x1000, 0x1000, 0x1000, 5, false), new Segment(0x2000, 0x2000, 0x1000, 1, false),
            new Segment(0x2000, 0x3000, 0x1000, 1, true), new Segment(0x3000, 0x4000, 0x1000, 3, false));
    /** Path of the dynamic loader of the simulated distribution. */
    static final String LD_SO = "/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2";
    private static final long LD_SO_SIZE = 240_936;
    private static final List<Segment> LD_SO_SEGMENTS = List.of(new Segment(0, 0, 0x2000, 1, false),
            new Segment(0x2000, 0x2000, 0x2a000, 5, false), new Segment(0x2c000, 0x2c000, 0xb000, 1, false),
            new Segment(0x37000, 0x38000, 0x2000, 1, true), new Segment(0x39000, 0x3a000, 0x2000, 3, false));
    private static final long LD_SO_SPAN = 0x3c000;
    /** Path of the C library of the simulated distribution. */
    static final String LIBC = "/usr/lib/x86_64-linux-gnu/libc.so.6";
    private static final long LIBC_SIZE = 2_216_304;
    private static final List<Segment> LIBC_SEGMENTS = List.of(new Segment(0, 0, 0x28000, 1, false),
            new Segment(0x28000, 0x28000, 0x195000, 5, false), new Segment(0x1bd000, 0x1bd000, 0x58000, 1, false),
            new Segment(0x214000, 0x215000, 0x4000, 1, true), new Segment(0x218000, 0x219000, 0x2000, 3, false));
    private static final long LIBC_BSS = 0xd000;
    private static final long LIBC_SPAN = 0x21b000 + LIBC_BSS;
    private static final long TLS_SIZE = 0x3000;
    private static final long STACK_INITIAL = 0x21000;
    /** The flags of libc's .bss and the TLS block: private read-write anonymous memory, charged. */
    private static final long ANON_RW = VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC | VM_SOFTDIRTY | VM_ACCOUNT;
    /** Where the simulated program's code is, relative to its load base: ip values of reports point here. */
    private static final long TEXT_IP = 0x1189;

    private final VirtualMemory vm;
    private final Vfs vfs;
    private final int levels;
    private final long taskSize;
    private final boolean aslr;
    private final SplittableRandom random;

    Exec(VirtualMemory vm, boolean aslr, long seed) {
        this.vm = vm;
        this.vfs = vm.vfs();
        this.levels = vm.levels();
        this.taskSize = vm.taskSize();
        this.aslr = aslr;
        this.random = new SplittableRandom(seed ^ 0x6d6d5f6c61796f75L);
    }

    /** {@code execve}'s new image ({@link VirtualMemory#exec}). */
    void exec(Task t, String path, List<String> argv, List<String> envp) {
        TaskVm tv = vm.taskVm(t);
        MmStruct mm = vm.fork.newMm(t);
        MmStruct old = tv.mm;
        tv.mm = mm;
        if (old != null) {
            vm.fork.mmput(old);
        }
        TaskVm saved = vm.oom.faulting;
        vm.oom.faulting = tv;
        try {
            long stackRnd = aslr ? random.nextLong(1L << Math.min(22, PageTable.addressBits(levels) - 26)) << PAGE_SHIFT : 0;
            long stackTop = taskSize - stackRnd;
            long mmapRnd = aslr ? random.nextLong(1L << Math.min(28, PageTable.addressBits(levels) - 20)) << PAGE_SHIFT : 0;
            mm.mmapBase = Mmap.pageAlign(taskSize - vm.mmap.mmapGap(stackRnd) - mmapRnd);
            long pieRnd = aslr ? random.nextLong(1L << Math.min(28, PageTable.addressBits(levels) - 20)) << PAGE_SHIFT : 0;
            long base = vm.mmap.elfBase() + pieRnd;

            Inode exe = vfs.installFile(path, PROGRAM_SIZE);
            mapSegments(mm, exe, base, PROGRAM);
            mm.exeName = path;
            mm.startCode = base + 0x1000;
            mm.endCode = base + 0x1000 + 0x1f5;
            mm.startData = base + 0x3db8;
            mm.endData = base + 0x4010;
            long brkRnd = aslr ? random.nextLong(0x2000000L >>> PAGE_SHIFT) << PAGE_SHIFT : 0;
            mm.startBrk = base + 0x5000 + brkRnd;
            mm.brk = mm.startBrk;

            VmArea stack = new VmArea(mm, stackTop - STACK_INITIAL, stackTop,
                    VmFlags.VM_STACK_FLAGS | VM_SOFTDIRTY, (stackTop - STACK_INITIAL) >>> PAGE_SHIFT, null, null);
            vm.vma.insertNewVma(mm, stack);

            Inode ld = vfs.installFile(LD_SO, LD_SO_SIZE);
            long ldBase = vm.mmap.unmappedArea(mm, LD_SO_SPAN, 0);
            mapSegments(mm, ld, ldBase, LD_SO_SEGMENTS);

            long area = vm.mmap.unmappedArea(mm, (long) Vdso.AREA_PAGES << PAGE_SHIFT, 0);
            for (Vdso.Mapping m : Vdso.MAPPINGS) {
                long start = area + ((long) m.firstPage() << PAGE_SHIFT);
                vm.vma.insertNewVma(mm, new VmArea(mm, start, start + ((long) m.pages() << PAGE_SHIFT), m.flags(), 0, null,
                        VmOperations.special(m.name())));
            }

            Inode libc = vfs.installFile(LIBC, LIBC_SIZE);
            long libcBase = vm.mmap.unmappedArea(mm, LIBC_SPAN, 0);
            mapSegments(mm, libc, libcBase, LIBC_SEGMENTS);
            long bss = libcBase + LIBC_SPAN - LIBC_BSS;
            vm.vma.insertNewVma(mm, new VmArea(mm, bss, bss + LIBC_BSS, ANON_RW, bss >>> PAGE_SHIFT, null, null));
            long tls = vm.mmap.unmappedArea(mm, TLS_SIZE, 0);
            vm.vma.insertNewVma(mm, new VmArea(mm, tls, tls + TLS_SIZE, ANON_RW, tls >>> PAGE_SHIFT, null, null));

            setupStack(t, mm, stackTop, path, argv, envp);
        } catch (UserFault f) {
            throw new Errno(Errno.ENOMEM);
        } finally {
            vm.oom.faulting = saved;
        }
    }

    private void mapSegments(MmStruct mm, Inode file, long base, List<Segment> segments) {
        for (Segment s : segments) {
            long flags = Mmap.calcVmProtBits(s.relro ? 3 : s.prot) | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC | VM_SOFTDIRTY;
            if ((flags & VM_WRITE) != 0) {
                flags |= VM_ACCOUNT;
            }
            if (s.relro) {
                flags &= ~VM_WRITE;
            }
            VmArea v = new VmArea(mm, base + s.vaddr, base + s.vaddr + s.length, flags, s.offset >>> PAGE_SHIFT, file,
                    VmOperations.FILE);
            vm.vma.insertNewVma(mm, v);
            v.vmOps.open(v);
        }
    }

    /** {@code create_elf_tables} and {@code copy_strings}: argv and envp strings, AT_RANDOM bytes, platform, auxv, pointer arrays and argc. */
    private void setupStack(Task t, MmStruct mm, long stackTop, String path, List<String> argv, List<String> envp) {
        long p = stackTop - 8;
        p -= path.length() + 1;
        writeString(t, p, path);
        long envEnd = p;
        long[] envPtrs = new long[envp.size()];
        for (int i = envp.size() - 1; i >= 0; i--) {
            p -= envp.get(i).length() + 1;
            writeString(t, p, envp.get(i));
            envPtrs[i] = p;
        }
        mm.envStart = p;
        mm.envEnd = envEnd;
        long argEnd = p;
        long[] argPtrs = new long[argv.size()];
        for (int i = argv.size() - 1; i >= 0; i--) {
            p -= argv.get(i).length() + 1;
            writeString(t, p, argv.get(i));
            argPtrs[i] = p;
        }
        mm.argStart = p;
        mm.argEnd = argEnd;
        p -= 7;
        writeString(t, p, "x86_64");
        p -= 16;
        byte[] rnd = new byte[16];
        random.nextBytes(rnd);
        vm.copyToUser(t, p, rnd, 0, 16);
        p &= ~15L;
        int auxPairs = 21;
        long words = 1 + argPtrs.length + 1 + envPtrs.length + 1 + 2L * auxPairs;
        long sp = (p - words * 8) & ~15L;
        mm.startStack = sp;
        long q = sp;
        q = writeLong(t, q, argPtrs.length);
        for (long a : argPtrs) {
            q = writeLong(t, q, a);
        }
        q = writeLong(t, q, 0);
        for (long e : envPtrs) {
            q = writeLong(t, q, e);
        }
        writeLong(t, q, 0);
    }

    private void writeString(Task t, long addr, String s) {
        byte[] b = (s + "\0").getBytes(StandardCharsets.ISO_8859_1);
        vm.copyToUser(t, addr, b, 0, b.length);
    }

    private long writeLong(Task t, long addr, long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        vm.copyToUser(t, addr, b, 0, 8);
        return addr + 8;
    }

    /** A user instruction pointer for reports ({@link VirtualMemory#userIp}). */
    long userIp(Task t) {
        MmStruct mm = vm.mm(t);
        return mm == null || mm.exeName == null ? 0 : mm.startCode - 0x1000 + TEXT_IP;
    }

    /** A user stack pointer for reports ({@link VirtualMemory#userSp}). */
    long userSp(Task t) {
        MmStruct mm = vm.mm(t);
        return mm == null || mm.exeName == null ? 0 : (mm.startStack - 0x130) & ~15L;
    }
}
