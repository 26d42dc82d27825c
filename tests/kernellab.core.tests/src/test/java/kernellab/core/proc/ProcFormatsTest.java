package kernellab.core.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import kernellab.core.mm.KernelCaches;
import kernellab.core.mm.KmemCache;
import kernellab.core.mm.PhysicalMemory;
import kernellab.core.printk.KernelLog;

/** /proc/slabinfo, /proc/buddyinfo and /proc/meminfo of a freshly booted default machine, character for character. */
class ProcFormatsTest {

    private final PhysicalMemory mem = new PhysicalMemory(PhysicalMemory.DEFAULT_MEMORY_BYTES, 4, new KernelLog());
    private final KernelCaches caches = new KernelCaches(mem);

    @Test
    void slabinfoOfABootedMachine() {
        String expected = """
                slabinfo - version: 2.1
                # name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>
                vm_area_struct         0      0    208   19    1 : tunables    0    0    0 : slabdata      0      0      0
                mm_struct              0      0   1088   30    8 : tunables    0    0    0 : slabdata      0      0      0
                fs_cache               0      0     64   64    1 : tunables    0    0    0 : slabdata      0      0      0
                files_cache            0      0    704   23    4 : tunables    0    0    0 : slabdata      0      0      0
                signal_cache           0      0   1152   28    8 : tunables    0    0    0 : slabdata      0      0      0
                sighand_cache          0      0   2112   15    8 : tunables    0    0    0 : slabdata      0      0      0
                task_struct            0      0   5632    5    8 : tunables    0    0    0 : slabdata      0      0      0
                cred_jar               0      0    192   21    1 : tunables    0    0    0 : slabdata      0      0      0
                anon_vma_chain         0      0     64   64    1 : tunables    0    0    0 : slabdata      0      0      0
                anon_vma               0      0     88   46    1 : tunables    0    0    0 : slabdata      0      0      0
                pid                    0      0    128   32    1 : tunables    0    0    0 : slabdata      0      0      0
                dma-kmalloc-8k         0      0   8192    4    8 : tunables    0    0    0 : slabdata      0      0      0
                dma-kmalloc-4k         0      0   4096    8    8 : tunables    0    0    0 : slabdata      0      0      0
                dma-kmalloc-2k         0      0   2048   16    8 : tunables    0    0    0 : slabdata      0      0      0
                dma-kmalloc-1k         0      0   1024   16    4 : tunables    0    0    0 : slabdata      0      0      0
                dma-kmalloc-512        0      0    512   16    2 : tunables    0    0    0 : slabdata      0      0      0
                dma-kmalloc-256        0      0    256   16    1 : tunables    0    0    0 : slabdata      0      0      0
                dma-kmalloc-128        0      0    128   32    1 : tunables    0    0    0 : slabdata      0      0      0
                dma-kmalloc-64         0      0     64   64    1 : tunables    0    0    0 : slabdata      0      0      0
                dma-kmalloc-32         0      0     32  128    1 : tunables    0    0    0 : slabdata      0      0      0
                dma-kmalloc-16         0      0     16  256    1 : tunables    0    0    0 : slabdata      0      0      0
                dma-kmalloc-8          0      0      8  512    1 : tunables    0    0    0 : slabdata      0      0      0
                dma-kmalloc-192        0      0    192   21    1 : tunables    0    0    0 : slabdata      0      0      0
                dma-kmalloc-96         0      0     96   42    1 : tunables    0    0    0 : slabdata      0      0      0
                kmalloc-8k             0      0   8192    4    8 : tunables    0    0    0 : slabdata      0      0      0
                kmalloc-4k             0      0   4096    8    8 : tunables    0    0    0 : slabdata      0      0      0
                kmalloc-2k             0      0   2048   16    8 : tunables    0    0    0 : slabdata      0      0      0
                kmalloc-1k             0      0   1024   16    4 : tunables    0    0    0 : slabdata      0      0      0
                kmalloc-512            0      0    512   16    2 : tunables    0    0    0 : slabdata      0      0      0
                kmalloc-256            0      0    256   16    1 : tunables    0    0    0 : slabdata      0      0      0
                kmalloc-192            0      0    192   21    1 : tunables    0    0    0 : slabdata      0      0      0
                kmalloc-128            0      0    128   32    1 : tunables    0    0    0 : slabdata      0      0      0
                kmalloc-96             0      0     96   42    1 : tunables    0    0    0 : slabdata      0      0      0
                kmalloc-64             0      0     64   64    1 : tunables    0    0    0 : slabdata      0      0      0
                kmalloc-32             0      0     32  128    1 : tunables    0    0    0 : slabdata      0      0      0
                kmalloc-16             0      0     16  256    1 : tunables    0    0    0 : slabdata      0      0      0
                kmalloc-8              0      0      8  512    1 : tunables    0    0    0 : slabdata      0      0      0
                kmem_cache_node       39     64     64   64    1 : tunables    0    0    0 : slabdata      1      1      0
                kmem_cache            39     54    448   18    2 : tunables    0    0    0 : slabdata      3      3      0
                """;
        assertEquals(expected, ProcSlabinfo.render(mem.slabInfo()));
    }

    @Test
    void slabinfoMovesWhenTasksForkAndExit() {
        KernelCaches.TaskObjects init = caches.fork(caches.bootTask(), 0, false);
        KernelCaches.TaskObjects thread = caches.fork(init, KernelCaches.PTHREAD_FLAGS, false);
        assertEquals("task_struct            2      5   5632    5    8 : tunables    0    0    0 : slabdata      1      1      0",
                ProcSlabinfo.line(caches.taskStruct().stats()));
        assertEquals(1, caches.mmStruct().inuseObjects(), "the thread shares init's mm");
        assertEquals(1, caches.signal().inuseObjects());
        assertEquals(1, caches.cred().inuseObjects(), "a thread shares its creator's cred");
        assertEquals(2, caches.pid().inuseObjects());
        assertEquals(8, mem.memInfo().kernelStack(), "two 16 KiB kernel stacks are 8 pages");
        caches.exit(thread);
        caches.release(thread);
        assertEquals(1, caches.mmStruct().inuseObjects());
        caches.exit(init);
        assertEquals(0, caches.mmStruct().inuseObjects(), "exit_mm drops the last user");
        assertEquals(1, caches.taskStruct().inuseObjects(), "a zombie keeps its task_struct until it is reaped");
        caches.release(init);
        for (var c : new KmemCache[] { caches.taskStruct(), caches.pid(), caches.cred(), caches.files(), caches.fs(),
            caches.sighand(), caches.signal(), caches.mmStruct() }) {
            assertEquals(0, c.inuseObjects(), c.name());
        }
        assertEquals(0, mem.memInfo().kernelStack());
    }

    @Test
    void buddyinfoAndMeminfoOfABootedMachine() {
        assertEquals("""
                Node 0, zone      DMA      1      1      1      1      1      1      1      1      1      1      3 \n\
                Node 0, zone    DMA32      1      0      0      1      1      1      1      1      1      1     59 \n""",
                ProcBuddyinfo.render(mem.freeAreas()));
        assertEquals("""
                MemTotal:         262140 kB
                MemFree:          262112 kB
                KReclaimable:          0 kB
                Slab:                 28 kB
                SReclaimable:          0 kB
                SUnreclaim:           28 kB
                KernelStack:           0 kB
                PageTables:            0 kB
                AnonHugePages:         0 kB
                """, ProcMeminfo.render(mem.memInfo()));
    }
}
