package kernellab.core.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import kernellab.api.Syscalls;
import kernellab.core.Kernel;
import kernellab.core.MachineConfig;
import kernellab.core.TaskSpec;
import kernellab.core.sched.Task;

/**
 * /proc/PID/maps, smaps, smaps_rollup, status, statm and pmap's five forms of a small program that has a
 * 10-byte and a 200,000-byte malloc block, character for character as Linux 6.18 and procps-ng
 * print them (x86_64, ASLR off).
 */
class ProcVmFormatsTest {

    private static Kernel k;
    private static Task t;

    @BeforeAll
    static void start() {
        k = new Kernel(MachineConfig.builder().cpus(1).build());
        t = k.launch(TaskSpec.of("hello", (Syscalls sys) -> {
            long p = sys.malloc(10);
            sys.writeString(p, "hello");
            long big = sys.malloc(200_000);
            sys.writeString(big, "big");
            sys.nanosleep(1_000_000_000L);
            sys.free(p);
            sys.free(big);
        }).build()).get(0);
        k.run(100_000_000L);
    }

    @AfterAll
    static void stop() {
        k.close();
    }

    private static String proc(String file) {
        return k.procFs().read("/proc/" + t.pid() + "/" + file);
    }

    /**
     * show_smaps_rollup: the first VMA's start to the last one's end, {@code ---p}, [rollup], then
     * __show_smap(rollup_mode = true) with Pss_Anon, Pss_File and Pss_Shmem; the gate VMA is not counted.
     */
    @Test
    void smapsRollup() {
        assertEquals("""
                555555554000-7ffffffff000 ---p 00000000 00:00 0                          [rollup]
                Rss:                  12 kB
                Pss:                  12 kB
                Pss_Dirty:            12 kB
                Pss_Anon:             12 kB
                Pss_File:              0 kB
                Pss_Shmem:             0 kB
                Shared_Clean:          0 kB
                Shared_Dirty:          0 kB
                Private_Clean:         0 kB
                Private_Dirty:        12 kB
                Referenced:           12 kB
                Anonymous:            12 kB
                KSM:                   0 kB
                LazyFree:              0 kB
                AnonHugePages:         0 kB
                ShmemPmdMapped:        0 kB
                FilePmdMapped:         0 kB
                Shared_Hugetlb:        0 kB
                Private_Hugetlb:       0 kB
                Swap:                  0 kB
                SwapPss:               0 kB
                Locked:                0 kB
                """, proc("smaps_rollup"));
    }

    /**
     * procps-ng's print_extended_maps for -X: a column per smaps field but is_unimportant's, THPeligible
     * included, each as wide as its name or total; Address … Inode as wide as their widest value.
     */
    @Test
    void pmapMore() {
        assertEquals("""
                2:   /usr/bin/hello
                         Address Perm   Offset Device   Inode Size Rss Pss Pss_Dirty Referenced Anonymous KSM LazyFree ShmemPmdMapped FilePmdMapped Shared_Hugetlb Private_Hugetlb Swap SwapPss Locked THPeligible Mapping
                    555555554000 r--p 00000000  08:01 1310722    4   0   0         0          0         0   0        0              0             0              0               0    0       0      0           0 hello
                    555555555000 r-xp 00001000  08:01 1310722    4   0   0         0          0         0   0        0              0             0              0               0    0       0      0           0 hello
                    555555556000 r--p 00002000  08:01 1310722    4   0   0         0          0         0   0        0              0             0              0               0    0       0      0           0 hello
                    555555557000 r--p 00002000  08:01 1310722    4   0   0         0          0         0   0        0              0             0              0               0    0       0      0           0 hello
                    555555558000 rw-p 00003000  08:01 1310722    4   0   0         0          0         0   0        0              0             0              0               0    0       0      0           0 hello
                    555555559000 rw-p 00000000  00:00       0  132   4   4         4          4         4   0        0              0             0              0               0    0       0      0           0 [heap]
                    7ffff7d5f000 rw-p 00000000  00:00       0  208   4   4         4          4         4   0        0              0             0              0               0    0       0      0           0\s
                    7ffff7d93000 r--p 00000000  08:01 1310724  160   0   0         0          0         0   0        0              0             0              0               0    0       0      0           0 libc.so.6
                    7ffff7dbb000 r-xp 00028000  08:01 1310724 1620   0   0         0          0         0   0        0              0             0              0               0    0       0      0           0 libc.so.6
                    7ffff7f50000 r--p 001bd000  08:01 1310724  352   0   0         0          0         0   0        0              0             0              0               0    0       0      0           0 libc.so.6
                    7ffff7fa8000 r--p 00214000  08:01 1310724   16   0   0         0          0         0   0        0              0             0              0               0    0       0      0           0 libc.so.6
                    7ffff7fac000 rw-p 00218000  08:01 1310724    8   0   0         0          0         0   0        0              0             0              0               0    0       0      0           0 libc.so.6
                    7ffff7fae000 rw-p 00000000  00:00       0   52   0   0         0          0         0   0        0              0             0              0               0    0       0      0           0\s
                    7ffff7fbb000 r--p 00000000  00:00       0   16   0   0         0          0         0   0        0              0             0              0               0    0       0      0           0 [vvar]
                    7ffff7fbf000 r--p 00000000  00:00       0    8   0   0         0          0         0   0        0              0             0              0               0    0       0      0           0 [vvar_vclock]
                    7ffff7fc1000 r-xp 00000000  00:00       0    8   0   0         0          0         0   0        0              0             0              0               0    0       0      0           0 [vdso]
                    7ffff7fc3000 r--p 00000000  08:01 1310723    8   0   0         0          0         0   0        0              0             0              0               0    0       0      0           0 ld-linux-x86-64.so.2
                    7ffff7fc5000 r-xp 00002000  08:01 1310723  168   0   0         0          0         0   0        0              0             0              0               0    0       0      0           0 ld-linux-x86-64.so.2
                    7ffff7fef000 r--p 0002c000  08:01 1310723   44   0   0         0          0         0   0        0              0             0              0               0    0       0      0           0 ld-linux-x86-64.so.2
                    7ffff7ffb000 r--p 00037000  08:01 1310723    8   0   0         0          0         0   0        0              0             0              0               0    0       0      0           0 ld-linux-x86-64.so.2
                    7ffff7ffd000 rw-p 00039000  08:01 1310723    8   0   0         0          0         0   0        0              0             0              0               0    0       0      0           0 ld-linux-x86-64.so.2
                    7ffffffde000 rw-p 00000000  00:00       0  132   4   4         4          4         4   0        0              0             0              0               0    0       0      0           0 [stack]
                ffffffffff600000 --xp 00000000  00:00       0    4   0   0         0          0         0   0        0              0             0              0               0    0       0      0           0 [vsyscall]
                                                              ==== === === ========= ========== ========= === ======== ============== ============= ============== =============== ==== ======= ====== ===========\s
                                                              2972  12  12        12         12        12   0        0              0             0              0               0    0       0      0           0 KB\s
                """, Pmap.render(k.vm(), t, Pmap.Mode.MORE));
    }

    /** print_extended_maps for -XX: every field, and VmFlags right-aligned to the longest list. */
    @Test
    void pmapEverything() {
        assertEquals("""
                2:   /usr/bin/hello
                         Address Perm   Offset Device   Inode Size KernelPageSize MMUPageSize Rss Pss Pss_Dirty Shared_Clean Shared_Dirty Private_Clean Private_Dirty Referenced Anonymous KSM LazyFree AnonHugePages ShmemPmdMapped FilePmdMapped Shared_Hugetlb Private_Hugetlb Swap SwapPss Locked THPeligible                 VmFlags Mapping
                    555555554000 r--p 00000000  08:01 1310722    4              4           4   0   0         0            0            0             0             0          0         0   0        0             0              0             0              0               0    0       0      0           0          rd mr mw me sd hello
                    555555555000 r-xp 00001000  08:01 1310722    4              4           4   0   0         0            0            0             0             0          0         0   0        0             0              0             0              0               0    0       0      0           0       rd ex mr mw me sd hello
                    555555556000 r--p 00002000  08:01 1310722    4              4           4   0   0         0            0            0             0             0          0         0   0        0             0              0             0              0               0    0       0      0           0          rd mr mw me sd hello
                    555555557000 r--p 00002000  08:01 1310722    4              4           4   0   0         0            0            0             0             0          0         0   0        0             0              0             0              0               0    0       0      0           0       rd mr mw me ac sd hello
                    555555558000 rw-p 00003000  08:01 1310722    4              4           4   0   0         0            0            0             0             0          0         0   0        0             0              0             0              0               0    0       0      0           0    rd wr mr mw me ac sd hello
                    555555559000 rw-p 00000000  00:00       0  132              4           4   4   4         4            0            0             0             4          4         4   0        0             0              0             0              0               0    0       0      0           0    rd wr mr mw me ac sd [heap]
                    7ffff7d5f000 rw-p 00000000  00:00       0  208              4           4   4   4         4            0            0             0             4          4         4   0        0             0              0             0              0               0    0       0      0           0    rd wr mr mw me ac sd\s
                    7ffff7d93000 r--p 00000000  08:01 1310724  160              4           4   0   0         0            0            0             0             0          0         0   0        0             0              0             0              0               0    0       0      0           0          rd mr mw me sd libc.so.6
                    7ffff7dbb000 r-xp 00028000  08:01 1310724 1620              4           4   0   0         0            0            0             0             0          0         0   0        0             0              0             0              0               0    0       0      0           0       rd ex mr mw me sd libc.so.6
                    7ffff7f50000 r--p 001bd000  08:01 1310724  352              4           4   0   0         0            0            0             0             0          0         0   0        0             0              0             0              0               0    0       0      0           0          rd mr mw me sd libc.so.6
                    7ffff7fa8000 r--p 00214000  08:01 1310724   16              4           4   0   0         0            0            0             0             0          0         0   0        0             0              0             0              0               0    0       0      0           0       rd mr mw me ac sd libc.so.6
                    7ffff7fac000 rw-p 00218000  08:01 1310724    8              4           4   0   0         0            0            0             0             0          0         0   0        0             0              0             0              0               0    0       0      0           0    rd wr mr mw me ac sd libc.so.6
                    7ffff7fae000 rw-p 00000000  00:00       0   52              4           4   0   0         0            0            0             0             0          0         0   0        0             0              0             0              0               0    0       0      0           0    rd wr mr mw me ac sd\s
                    7ffff7fbb000 r--p 00000000  00:00       0   16              4           4   0   0         0            0            0             0             0          0         0   0        0             0              0             0              0               0    0       0      0           0    rd mr pf io de dd sd [vvar]
                    7ffff7fbf000 r--p 00000000  00:00       0    8              4           4   0   0         0            0            0             0             0          0         0   0        0             0              0             0              0               0    0       0      0           0    rd mr pf io de dd sd [vvar_vclock]
                    7ffff7fc1000 r-xp 00000000  00:00       0    8              4           4   0   0         0            0            0             0             0          0         0   0        0             0              0             0              0               0    0       0      0           0    rd ex mr mw me de sd [vdso]
                    7ffff7fc3000 r--p 00000000  08:01 1310723    8              4           4   0   0         0            0            0             0             0          0         0   0        0             0              0             0              0               0    0       0      0           0          rd mr mw me sd ld-linux-x86-64.so.2
                    7ffff7fc5000 r-xp 00002000  08:01 1310723  168              4           4   0   0         0            0            0             0             0          0         0   0        0             0              0             0              0               0    0       0      0           0       rd ex mr mw me sd ld-linux-x86-64.so.2
                    7ffff7fef000 r--p 0002c000  08:01 1310723   44              4           4   0   0         0            0            0             0             0          0         0   0        0             0              0             0              0               0    0       0      0           0          rd mr mw me sd ld-linux-x86-64.so.2
                    7ffff7ffb000 r--p 00037000  08:01 1310723    8              4           4   0   0         0            0            0             0             0          0         0   0        0             0              0             0              0               0    0       0      0           0       rd mr mw me ac sd ld-linux-x86-64.so.2
                    7ffff7ffd000 rw-p 00039000  08:01 1310723    8              4           4   0   0         0            0            0             0             0          0         0   0        0             0              0             0              0               0    0       0      0           0    rd wr mr mw me ac sd ld-linux-x86-64.so.2
                    7ffffffde000 rw-p 00000000  00:00       0  132              4           4   4   4         4            0            0             0             4          4         4   0        0             0              0             0              0               0    0       0      0           0 rd wr mr mw me gd ac sd [stack]
                ffffffffff600000 --xp 00000000  00:00       0    4              4           4   0   0         0            0            0             0             0          0         0   0        0             0              0             0              0               0    0       0      0           0                      ex [vsyscall]
                                                              ==== ============== =========== === === ========= ============ ============ ============= ============= ========== ========= === ======== ============= ============== ============= ============== =============== ==== ======= ====== ===========\s
                                                              2972             92          92  12  12        12            0            0             0            12         12        12   0        0             0              0             0              0               0    0       0      0           0 KB\s
                """, Pmap.render(k.vm(), t, Pmap.Mode.EVERYTHING));
    }

    @Test
    void maps() {
        assertEquals("""
                555555554000-555555555000 r--p 00000000 08:01 1310722                    /usr/bin/hello
                555555555000-555555556000 r-xp 00001000 08:01 1310722                    /usr/bin/hello
                555555556000-555555557000 r--p 00002000 08:01 1310722                    /usr/bin/hello
                555555557000-555555558000 r--p 00002000 08:01 1310722                    /usr/bin/hello
                555555558000-555555559000 rw-p 00003000 08:01 1310722                    /usr/bin/hello
                555555559000-55555557a000 rw-p 00000000 00:00 0                          [heap]
                7ffff7d5f000-7ffff7d93000 rw-p 00000000 00:00 0\s
                7ffff7d93000-7ffff7dbb000 r--p 00000000 08:01 1310724                    /usr/lib/x86_64-linux-gnu/libc.so.6
                7ffff7dbb000-7ffff7f50000 r-xp 00028000 08:01 1310724                    /usr/lib/x86_64-linux-gnu/libc.so.6
                7ffff7f50000-7ffff7fa8000 r--p 001bd000 08:01 1310724                    /usr/lib/x86_64-linux-gnu/libc.so.6
                7ffff7fa8000-7ffff7fac000 r--p 00214000 08:01 1310724                    /usr/lib/x86_64-linux-gnu/libc.so.6
                7ffff7fac000-7ffff7fae000 rw-p 00218000 08:01 1310724                    /usr/lib/x86_64-linux-gnu/libc.so.6
                7ffff7fae000-7ffff7fbb000 rw-p 00000000 00:00 0\s
                7ffff7fbb000-7ffff7fbf000 r--p 00000000 00:00 0                          [vvar]
                7ffff7fbf000-7ffff7fc1000 r--p 00000000 00:00 0                          [vvar_vclock]
                7ffff7fc1000-7ffff7fc3000 r-xp 00000000 00:00 0                          [vdso]
                7ffff7fc3000-7ffff7fc5000 r--p 00000000 08:01 1310723                    /usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2
                7ffff7fc5000-7ffff7fef000 r-xp 00002000 08:01 1310723                    /usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2
                7ffff7fef000-7ffff7ffa000 r--p 0002c000 08:01 1310723                    /usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2
                7ffff7ffb000-7ffff7ffd000 r--p 00037000 08:01 1310723                    /usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2
                7ffff7ffd000-7ffff7fff000 rw-p 00039000 08:01 1310723                    /usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2
                7ffffffde000-7ffffffff000 rw-p 00000000 00:00 0                          [stack]
                ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0                  [vsyscall]
                """, proc("maps"));
    }

    /**
     * map_vdso (arch/x86/entry/vdso/vma.c, Linux 6.13+): [vvar] of VDSO_NR_PAGES = 4 pages
     * (vdso_install_vvar_mapping: VM_READ | VM_MAYREAD | VM_IO | VM_DONTDUMP | VM_PFNMAP), then
     * [vvar_vclock] of VDSO_NR_VCLOCK_PAGES = 2 pages with the same flags, then the 2-page [vdso]
     * (VM_READ | VM_EXEC | VM_MAY*); _install_special_mapping adds VM_DONTEXPAND | VM_SOFTDIRTY.
     */
    @Test
    void theSpecialMappingsOfLinux6() {
        String smaps = proc("smaps");
        StringBuilder sb = new StringBuilder();
        for (String name : new String[] {"[vvar]", "[vvar_vclock]", "[vdso]"}) {
            int at = smaps.lastIndexOf('\n', smaps.indexOf(name + "\n")) + 1;
            sb.append(smaps, at, smaps.indexOf('\n', at) + 1);
            sb.append(smaps, smaps.indexOf("Size:", at), smaps.indexOf('\n', smaps.indexOf("Size:", at)) + 1);
            int flags = smaps.indexOf("VmFlags:", at);
            sb.append(smaps, flags, smaps.indexOf('\n', flags) + 1);
        }
        assertEquals("""
                7ffff7fbb000-7ffff7fbf000 r--p 00000000 00:00 0                          [vvar]
                Size:                 16 kB
                VmFlags: rd mr pf io de dd sd\s
                7ffff7fbf000-7ffff7fc1000 r--p 00000000 00:00 0                          [vvar_vclock]
                Size:                  8 kB
                VmFlags: rd mr pf io de dd sd\s
                7ffff7fc1000-7ffff7fc3000 r-xp 00000000 00:00 0                          [vdso]
                Size:                  8 kB
                VmFlags: rd ex mr mw me de sd\s
                """, sb.toString());
    }

    @Test
    void smapsOfTheHeapAndTheVdso() {
        String smaps = proc("smaps");
        int heap = smaps.indexOf("555555559000-");
        int vdso = smaps.indexOf("7ffff7fc1000-");
        assertEquals("""
                555555559000-55555557a000 rw-p 00000000 00:00 0                          [heap]
                Size:                132 kB
                KernelPageSize:        4 kB
                MMUPageSize:           4 kB
                Rss:                   4 kB
                Pss:                   4 kB
                Pss_Dirty:             4 kB
                Shared_Clean:          0 kB
                Shared_Dirty:          0 kB
                Private_Clean:         0 kB
                Private_Dirty:         4 kB
                Referenced:            4 kB
                Anonymous:             4 kB
                KSM:                   0 kB
                LazyFree:              0 kB
                AnonHugePages:         0 kB
                ShmemPmdMapped:        0 kB
                FilePmdMapped:         0 kB
                Shared_Hugetlb:        0 kB
                Private_Hugetlb:       0 kB
                Swap:                  0 kB
                SwapPss:               0 kB
                Locked:                0 kB
                THPeligible:           0
                VmFlags: rd wr mr mw me ac sd\s
                """, smaps.substring(heap, smaps.indexOf("\n7ffff7d5f000-", heap) + 1));
        assertEquals("""
                7ffff7fc1000-7ffff7fc3000 r-xp 00000000 00:00 0                          [vdso]
                Size:                  8 kB
                KernelPageSize:        4 kB
                MMUPageSize:           4 kB
                Rss:                   0 kB
                Pss:                   0 kB
                Pss_Dirty:             0 kB
                Shared_Clean:          0 kB
                Shared_Dirty:          0 kB
                Private_Clean:         0 kB
                Private_Dirty:         0 kB
                Referenced:            0 kB
                Anonymous:             0 kB
                KSM:                   0 kB
                LazyFree:              0 kB
                AnonHugePages:         0 kB
                ShmemPmdMapped:        0 kB
                FilePmdMapped:         0 kB
                Shared_Hugetlb:        0 kB
                Private_Hugetlb:       0 kB
                Swap:                  0 kB
                SwapPss:               0 kB
                Locked:                0 kB
                THPeligible:           0
                VmFlags: rd ex mr mw me de sd\s
                """, smaps.substring(vdso, smaps.indexOf("\n7ffff7fc3000-", vdso) + 1));
    }

    @Test
    void status() {
        assertEquals("""
                Name:	hello
                Umask:	0022
                State:	S (sleeping)
                Tgid:	2
                Ngid:	0
                Pid:	2
                PPid:	1
                TracerPid:	0
                Uid:	0	0	0	0
                Gid:	0	0	0	0
                FDSize:	64
                Groups:	\s
                NStgid:	2
                NSpid:	2
                NSpgid:	2
                NSsid:	2
                VmPeak:	    2968 kB
                VmSize:	    2968 kB
                VmLck:	       0 kB
                VmPin:	       0 kB
                VmHWM:	      12 kB
                VmRSS:	      12 kB
                RssAnon:	      12 kB
                RssFile:	       0 kB
                RssShmem:	       0 kB
                VmData:	     412 kB
                VmStk:	     132 kB
                VmExe:	       4 kB
                VmLib:	    1796 kB
                VmPTE:	      28 kB
                VmSwap:	       0 kB
                HugetlbPages:	       0 kB
                CoreDumping:	0
                THP_enabled:	1
                Threads:	1
                Cpus_allowed:	1
                Cpus_allowed_list:	0
                voluntary_ctxt_switches:	1
                nonvoluntary_ctxt_switches:	0
                """, proc("status"));
    }

    @Test
    void statm() {
        assertEquals("742 3 0 1 0 136 0\n", proc("statm"));
    }

    @Test
    void pidStatHasTheMemoryFields() {
        assertEquals("2 (hello) S 1 2 2 0 -1 4194304 3 0 0 0 0 0 0 0 20 0 1 0 0 3039232 3 18446744073709551615 93824992235520 "
                + "93824992236021 140737488350688 0 0 0 0 0 0 0 0 0 17 0 0 7 0 0 0 93824992247224 93824992247824 93824992251904 "
                + "140737488351122 140737488351137 140737488351137 140737488351209 0\n", proc("stat"),
                "minflt 3, vsize 742 pages, rss 3, start_code 0x555555555000, end_code, start_stack, data, brk, arg and env bounds");
    }

    @Test
    void pmap() {
        assertEquals("""
                2:   /usr/bin/hello
                0000555555554000      4K r---- hello
                0000555555555000      4K r-x-- hello
                0000555555556000      4K r---- hello
                0000555555557000      4K r---- hello
                0000555555558000      4K rw--- hello
                0000555555559000    132K rw---   [ anon ]
                00007ffff7d5f000    208K rw---   [ anon ]
                00007ffff7d93000    160K r---- libc.so.6
                00007ffff7dbb000   1620K r-x-- libc.so.6
                00007ffff7f50000    352K r---- libc.so.6
                00007ffff7fa8000     16K r---- libc.so.6
                00007ffff7fac000      8K rw--- libc.so.6
                00007ffff7fae000     52K rw---   [ anon ]
                00007ffff7fbb000     16K r----   [ anon ]
                00007ffff7fbf000      8K r----   [ anon ]
                00007ffff7fc1000      8K r-x--   [ anon ]
                00007ffff7fc3000      8K r---- ld-linux-x86-64.so.2
                00007ffff7fc5000    168K r-x-- ld-linux-x86-64.so.2
                00007ffff7fef000     44K r---- ld-linux-x86-64.so.2
                00007ffff7ffb000      8K r---- ld-linux-x86-64.so.2
                00007ffff7ffd000      8K rw--- ld-linux-x86-64.so.2
                00007ffffffde000    132K rw---   [ stack ]
                ffffffffff600000      4K --x--   [ anon ]
                 total             2972K
                """, Pmap.render(k.vm(), t, Pmap.Mode.DEFAULT));
    }

    @Test
    void pmapExtended() {
        assertEquals("""
                2:   /usr/bin/hello
                Address           Kbytes     RSS   Dirty Mode  Mapping
                0000555555554000       4       0       0 r---- hello
                0000555555555000       4       0       0 r-x-- hello
                0000555555556000       4       0       0 r---- hello
                0000555555557000       4       0       0 r---- hello
                0000555555558000       4       0       0 rw--- hello
                0000555555559000     132       4       4 rw---   [ anon ]
                00007ffff7d5f000     208       4       4 rw---   [ anon ]
                00007ffff7d93000     160       0       0 r---- libc.so.6
                00007ffff7dbb000    1620       0       0 r-x-- libc.so.6
                00007ffff7f50000     352       0       0 r---- libc.so.6
                00007ffff7fa8000      16       0       0 r---- libc.so.6
                00007ffff7fac000       8       0       0 rw--- libc.so.6
                00007ffff7fae000      52       0       0 rw---   [ anon ]
                00007ffff7fbb000      16       0       0 r----   [ anon ]
                00007ffff7fbf000       8       0       0 r----   [ anon ]
                00007ffff7fc1000       8       0       0 r-x--   [ anon ]
                00007ffff7fc3000       8       0       0 r---- ld-linux-x86-64.so.2
                00007ffff7fc5000     168       0       0 r-x-- ld-linux-x86-64.so.2
                00007ffff7fef000      44       0       0 r---- ld-linux-x86-64.so.2
                00007ffff7ffb000       8       0       0 r---- ld-linux-x86-64.so.2
                00007ffff7ffd000       8       0       0 rw--- ld-linux-x86-64.so.2
                00007ffffffde000     132       4       4 rw---   [ stack ]
                ffffffffff600000       4       0       0 --x--   [ anon ]
                ---------------- ------- ------- -------\s
                total kB            2972      12      12
                """, Pmap.render(k.vm(), t, Pmap.Mode.EXTENDED));
    }

    @Test
    void pmapDevice() {
        assertEquals("""
                2:   /usr/bin/hello
                Address           Kbytes Mode  Offset           Device    Mapping
                0000555555554000       4 r---- 0000000000000000 008:00001 hello
                0000555555555000       4 r-x-- 0000000000001000 008:00001 hello
                0000555555556000       4 r---- 0000000000002000 008:00001 hello
                0000555555557000       4 r---- 0000000000002000 008:00001 hello
                0000555555558000       4 rw--- 0000000000003000 008:00001 hello
                0000555555559000     132 rw--- 0000000000000000 000:00000   [ anon ]
                00007ffff7d5f000     208 rw--- 0000000000000000 000:00000   [ anon ]
                00007ffff7d93000     160 r---- 0000000000000000 008:00001 libc.so.6
                00007ffff7dbb000    1620 r-x-- 0000000000028000 008:00001 libc.so.6
                00007ffff7f50000     352 r---- 00000000001bd000 008:00001 libc.so.6
                00007ffff7fa8000      16 r---- 0000000000214000 008:00001 libc.so.6
                00007ffff7fac000       8 rw--- 0000000000218000 008:00001 libc.so.6
                00007ffff7fae000      52 rw--- 0000000000000000 000:00000   [ anon ]
                00007ffff7fbb000      16 r---- 0000000000000000 000:00000   [ anon ]
                00007ffff7fbf000       8 r---- 0000000000000000 000:00000   [ anon ]
                00007ffff7fc1000       8 r-x-- 0000000000000000 000:00000   [ anon ]
                00007ffff7fc3000       8 r---- 0000000000000000 008:00001 ld-linux-x86-64.so.2
                00007ffff7fc5000     168 r-x-- 0000000000002000 008:00001 ld-linux-x86-64.so.2
                00007ffff7fef000      44 r---- 000000000002c000 008:00001 ld-linux-x86-64.so.2
                00007ffff7ffb000       8 r---- 0000000000037000 008:00001 ld-linux-x86-64.so.2
                00007ffff7ffd000       8 rw--- 0000000000039000 008:00001 ld-linux-x86-64.so.2
                00007ffffffde000     132 rw--- 0000000000000000 000:00000   [ stack ]
                ffffffffff600000       4 --x-- 0000000000000000 000:00000   [ anon ]
                mapped: 2972K    writeable/private: 544K    shared: 0K
                """, Pmap.render(k.vm(), t, Pmap.Mode.DEVICE));
    }
}
